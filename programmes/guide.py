""" "Which approach might suit me?": a few plain questions and kind, reasoned suggestions.

Every combination of answers is valid, and any question can be skipped. The rules live here
as data and one function, so that they can be read, tested and changed in one place.
"""

from dataclasses import dataclass, field

from django import forms
from django.db import models
from django.http import QueryDict
from django.utils.text import get_text_list

from config.widgets import RadioButtons, TextInput
from programmes.models import Approach, Programme


class Spiritual(models.TextChoices):
    WELCOME = "welcome", "Welcome"
    NEUTRAL = "neutral", "I don’t mind either way"
    OFF_PUTTING = "off-putting", "It would put me off"


class Medication(models.TextChoices):
    YES = "yes", "Yes, I take it now or hope to"
    NO = "no", "No"


class Goal(models.TextChoices):
    STOP_NOW = "stop-now", "Stop completely, starting now"
    OWN_PACE = "own-pace", "Change at my own pace"


class Start(models.TextChoices):
    # Online and in person are the finder's attendance values.
    ONLINE = "online", "Online, from home"
    IN_PERSON = "in-person", "In person, in a room with others"
    ONE_TO_ONE = "one-to-one", "One-to-one with someone who has been there"


class Group(models.TextChoices):
    # Values are the finder's focus slugs.
    WOMEN = "women", "A women-only group"
    LGBTQ = "lgbtq", "An LGBTQ+ group"
    YOUNG_PEOPLE = "young-people", "A group for young people"
    ETHNIC_MINORITIES = "ethnic-minorities", "A group for people from ethnic minority communities"
    FAMILIES = "families", "A group for families and friends of someone who uses drugs or alcohol"


ANSWERED = "answered"  # a hidden field: the questions were sent, even if all were skipped


class GuideForm(forms.Form):
    spiritual = forms.ChoiceField(
        label="Many groups talk about a “higher power”. Is a spiritual element…",
        choices=Spiritual.choices,
        required=False,
        widget=RadioButtons,
    )
    # A blank choice where none of the others may fit: a radio button, once ticked, cannot
    # be unticked, and the page says questions may be skipped.
    medication = forms.ChoiceField(
        label="Are you taking prescribed medication such as methadone or buprenorphine, "
        "or hoping to?",
        choices=[("", "Not sure, or I would rather not say"), *Medication.choices],
        required=False,
        widget=RadioButtons,
    )
    goal = forms.ChoiceField(
        label="What would you like to do about drugs or alcohol?",
        choices=[("", "Not sure yet"), *Goal.choices],
        required=False,
        widget=RadioButtons,
    )
    start = forms.ChoiceField(
        label="How would you rather start?",
        choices=[("", "No preference"), *Start.choices],
        required=False,
        widget=RadioButtons,
    )
    group = forms.ChoiceField(
        label="Is a particular kind of group important to you?",
        choices=[("", "No, any group"), *Group.choices],
        required=False,
        widget=RadioButtons,
    )
    # Not a question: where to look for the meetings suggested, passed on to the finder,
    # which reads it (and asks which Newport). Filled in when the guide is opened from a
    # search near a place.
    near = forms.CharField(
        label="Postcode or town, to find meetings near you",
        help_text="If you like. For example M1 1AE, LS6 or Cardiff.",
        required=False,
        max_length=100,
        widget=TextInput,
        error_messages={
            "max_length": "That is longer than any postcode or town (%(show_value)s "
            "characters): check what was typed or pasted."
        },
    )


@dataclass
class Fit:
    """How one approach fits the answers: reasons for it, reasons to think twice, and what
    to know about some of its programmes."""

    approach: Approach
    reasons_for: list[str] = field(default_factory=list)
    reasons_against: list[str] = field(default_factory=list)
    to_know: list[str] = field(default_factory=list)

    @property
    def suits(self):
        return not self.reasons_against


@dataclass
class Advice:
    fits: list[Fit]  # those that may suit first, then the others

    @property
    def suggested(self):
        return [fit for fit in self.fits if fit.suits]

    @property
    def others(self):
        return [fit for fit in self.fits if not fit.suits]

    @property
    def in_words(self):
        """ "a 12-step group or a skills-based group", for "… may suit you"."""
        return get_text_list([IN_A_SENTENCE[fit.approach] for fit in self.suggested], "or")


IN_A_SENTENCE = {
    Approach.TWELVE_STEP: "a 12-step group",
    Approach.SKILLS_BASED: "a skills-based group",
    Approach.OTHER: "local peer support",
}


FAMILIES_REASON = (
    "SMART Recovery Family & Friends helps people who care about someone with a drug or "
    "alcohol problem, whatever that person decides to do."
)


OTHER_FAMILY_GROUPS = (
    "There are 12-step family groups too: Al-Anon, for the families and friends of someone "
    "whose drinking worries you (al-anonuk.org.uk), and Nar-Anon, for those of someone who "
    "uses drugs. We do not list their meetings yet; their own websites do."
)


def advise(answers):
    """Advice for cleaned GuideForm data; blank answers count as "no preference"."""
    if answers.get("group") == Group.FAMILIES:
        # The other questions are about one's own drinking or drug use, not a relative's.
        return Advice(
            [
                Fit(
                    Approach.SKILLS_BASED,
                    reasons_for=[FAMILIES_REASON],
                    to_know=[OTHER_FAMILY_GROUPS],
                )
            ]
        )
    spiritual, medication, goal, start = (
        answers.get(name) for name in ("spiritual", "medication", "goal", "start")
    )
    twelve_step = Fit(Approach.TWELVE_STEP)
    skills = Fit(Approach.SKILLS_BASED)
    peer = Fit(Approach.OTHER)

    if spiritual == Spiritual.WELCOME:
        twelve_step.reasons_for.append(
            "You welcome a spiritual element: the twelve steps suggest relying on a "
            "“higher power” of your own understanding."
        )
    elif spiritual == Spiritual.OFF_PUTTING:
        twelve_step.reasons_against.append(
            "12-step groups talk about a “higher power”, which you said would put you off. "
            "Some people find their own meaning in it, but you do not have to."
        )
        skills.reasons_for.append("Skills-based groups have no spiritual or religious element.")

    if medication == Medication.YES:
        twelve_step.reasons_against.append(
            "In NA and CA, many members count prescribed methadone or buprenorphine as using. "
            "You are welcome at any meeting, but some members may not see you as “clean”, and "
            "some groups ask people on it not to share or take service roles."
        )
        twelve_step.to_know.append(
            "If alcohol is one of your problems, AA is for anyone who wants to stop drinking, "
            "and leaves prescribed medication to you and your doctor."
        )
        skills.reasons_for.append(
            "SMART Recovery welcomes people on prescribed medication such as methadone "
            "or buprenorphine."
        )
        peer.reasons_for.append("Local peer support groups usually welcome people on medication.")

    if goal == Goal.STOP_NOW:
        twelve_step.reasons_for.append(
            "You want to stop completely now, which is what 12-step groups are built around."
        )
        skills.reasons_for.append(
            "SMART Recovery supports people who want to stop completely, too."
        )
    elif goal == Goal.OWN_PACE:
        twelve_step.reasons_against.append(
            "12-step groups are built around stopping completely, and you would rather change "
            "at your own pace. You can still go while you are cutting down, as long as you "
            "want to stop."
        )
        skills.reasons_for.append(
            "Skills-based groups help you set your own goals and change at your own pace."
        )

    if goal == Goal.OWN_PACE:
        peer.reasons_for.append("Local peer support lets you go at your own pace.")
    if start == Start.ONE_TO_ONE:
        peer.reasons_for.append(
            "Local peer support services offer one-to-one support from someone with lived "
            "experience, before or instead of a group."
        )
    fits = [twelve_step, skills, *([peer] if peer.reasons_for else [])]
    # Most reasons for first; the fixed order above breaks ties.
    fits.sort(key=lambda fit: (not fit.suits, -len(fit.reasons_for)))
    return Advice(fits)


def suggested_programmes(answers, advice):
    """The programmes of the suggested approaches, in approach order, those with meetings
    first. Family-and-friends groups only for someone who asked for one: they are not for
    the person seeking help for themselves, and then they are all that is suggested. Not
    those that ask for what the answers rule out: complete abstinence from someone on
    prescribed medication, or from the start for someone changing at their own pace. Nor,
    for someone who wants a group in a room or a particular kind of group, self-help methods
    with no groups at all."""
    programmes = Programme.objects.filter(approach__in=[fit.approach for fit in advice.suggested])
    if answers.get("group") == Group.FAMILIES:
        return programmes.for_families().in_approach_order()
    programmes = programmes.for_people_themselves()
    if answers.get("group") or answers.get("start") == Start.IN_PERSON:
        programmes = programmes.filter(holds_meetings=True)
    if answers.get("medication") == Medication.YES:
        programmes = programmes.welcoming_mat()
    if answers.get("goal") == Goal.OWN_PACE:
        programmes = programmes.at_ones_own_pace()
    return programmes.in_approach_order()


def finder_query(answers, programmes):
    """The finder's query string for meetings that match the answers: the suggested
    programmes that hold meetings, near the place given, how to start, the kind of group,
    medication."""
    query = QueryDict(mutable=True)
    query.setlist("programme", [p.slug for p in programmes if p.holds_meetings])
    # Online meetings can be joined from anywhere: near a place, the finder would list the
    # hybrid ones near it and say that none of the others is.
    if answers.get("near", "").strip() and answers.get("start") != Start.ONLINE:
        query["near"] = answers["near"].strip()
    if answers.get("start") in (Start.ONLINE, Start.IN_PERSON):
        query["attendance"] = answers["start"]  # the finder's attendance values
    if answers.get("group") == Group.FAMILIES:  # the programme says it; the rest is not theirs
        return query.urlencode()
    if answers.get("group"):
        query["focus"] = answers["group"]
    if answers.get("medication") == Medication.YES:
        query["mat"] = "1"
    return query.urlencode()
