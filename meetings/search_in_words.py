"""The finder's search in words, the same on the page and the printout: "23 open NA
meetings for women, Monday or Tuesday, evening, within 5 miles of M1, and 4 online"."""

from django.utils.text import get_text_list

from meetings import wording
from meetings.models import Access, Attendance, TimeOfDay
from meetings.search_form import DAY_CHOICES, TODAY, ticked
from programmes.models import Approach

# As the title says them: "in-person or hybrid meetings at venues with a hearing loop".
ATTENDANCE_WORDS = {
    Attendance.IN_PERSON: "in-person",
    Attendance.ONLINE: "online",
    Attendance.HYBRID: "hybrid",
}
ACCESS_WORDS = {Access.STEP_FREE: "step-free access", Access.HEARING_LOOP: "a hearing loop"}


class SearchInWords:
    """What MeetingFilter says of its search, from its form's cleaned data and its place."""

    def describe(self, paginator, online_paginator):
        """ "23 open NA meetings for women, Monday or Tuesday, evening, within 5 miles of M1,
        and 4 online", or "More than 1,000 meetings, …" when the paginator stopped counting:
        every filter in words, as the printout's title(), and the online part beside a search
        near a place."""
        found = f"{counted(paginator)} {self._what(paginator.count)}"
        parts = [found[0].upper() + found[1:], *self._when_and_where()]
        if online_paginator.count:
            parts.append(f"and {counted(online_paginator)} online")
        return ", ".join(parts)

    def title(self):
        """What a printed list is of, every filter in words: "Open NA and SMART meetings for
        women at venues with step-free access, Monday to Sunday, evening, in Greater
        Manchester"."""
        data = self.form.cleaned_data
        if data.get("meeting"):
            # One meeting, as its page's "Print this meeting" gives: by its name.
            title = data["meeting"][0].name if len(data["meeting"]) == 1 else "Selected meetings"
            if not self.location:
                return title
            return f"{title}, {self.within}"
        what = self._what()
        return ", ".join([what[0].upper() + what[1:], *self._when_and_where()])

    def _what(self, number=None):
        """ "open NA and SMART meetings for women at venues with step-free access"; "meeting"
        when `number` is 1."""
        data = self.form.cleaned_data
        # "skills-based AA meetings", which there are none of, say both what was asked.
        approaches = [wording.in_a_sentence(Approach(a).label) for a in data.get("approach") or []]
        programmes = []
        if ticked(data.get("programme")):
            programmes = [
                wording.in_a_sentence(programme.short_name) for programme in data["programme"]
            ]
        ways = [ATTENDANCE_WORDS[way] for way in data.get("attendance") or []]
        openness = data.get("open") or ""  # "open" or "closed", as the meetings call it
        noun = "meeting" if number == 1 else "meetings"
        subject = [openness, get_text_list(ways, "or"), get_text_list(approaches, "and")]
        subject += [get_text_list(programmes, "and"), noun]
        what = " ".join(part for part in subject if part)
        if ticked(data.get("focus")):
            what += " " + get_text_list([focus.heading_words for focus in data["focus"]], "and")
        if data.get("mat"):
            what += ", in programmes that accept prescribed medication"
        if data.get("access"):
            what += (" at a venue with " if number == 1 else " at venues with ") + get_text_list(
                [ACCESS_WORDS[a] for a in data["access"]], "and"
            )
        if data.get("q"):
            what += f" matching “{data['q']}”"
        return what

    def _when_and_where(self):
        data = self.form.cleaned_data
        day_labels, time_labels = dict(DAY_CHOICES) | {TODAY: "today"}, dict(TimeOfDay.choices)
        days = data.get("day") or []
        parts = [get_text_list([day_labels[d] for d in days], "or") or "Monday to Sunday"]
        if data.get("time"):
            times = [time_labels[t].split(" (")[0].lower() for t in data["time"]]
            parts.append(get_text_list(times, "or"))
        if self.location:
            parts.append(self.within)
        if data.get("area"):
            parts.append(f"in {data['area'].name}")
        return parts


def counted(paginator):
    """ "23", or "more than 1,000" when the paginator stopped counting."""
    if paginator.is_capped:
        return f"more than {paginator.cap:,}"
    return f"{paginator.count:,}"
