"""The finder's search form and its query strings: where to look, how far and in what order
(`MeetingSearchForm`, whose fields MeetingFilter in filters.py applies after its own), and the
query as it is best shared (`canonical_query`, `today_named`)."""

from urllib.parse import urlencode

from django import forms
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone

from config.widgets import RadioButtons, Select, TextInput
from meetings import wording
from meetings.locations import LocationNotFound, find_location
from meetings.models import Weekday

TODAY = "today"
DAY_CHOICES = [(TODAY, "Today"), *((day.slug, day.label) for day in Weekday)]


def not_one_of(choices):
    """The error for a value in an address that is none of `choices` (the form offers only
    those): which values there are, as a feed or calendar's user typing one needs to know."""
    values = ", ".join(str(value) for value, _ in choices)
    return {"invalid_choice": f"“%(value)s” is not one of these: {values}."}


def not_listed(kind):
    """The same for a programme, focus or area, by its slug."""
    return {"invalid_choice": f"“%(value)s” is not {kind} listed here."}


# 50 miles for the Highlands and Islands, rural Wales and Fermanagh, where 25 may hold none.
RADIUS_CHOICES = [(number, wording.miles(number)) for number in (1, 3, 5, 10, 25, 50)]
DEFAULT_RADIUS = 10
NEAR_HINT = "For example M1 1AE, LS6 or Cardiff."
SORT_TIME, SORT_DISTANCE = "time", "distance"
SORT_CHOICES = [(SORT_TIME, "Day and time"), (SORT_DISTANCE, "Distance")]


# Parameters whose values are fixed words, all in lower case; not the slugs staff give.
FIXED_CHOICES = ("day", "time", "attendance", "approach", "open", "access", "mat", "sort")


def normalised(query):
    """The query without empty values (a submitted form sends every field), and with fixed
    choices in lower case, as the form offers them: "day=Monday" is "day=monday"."""
    kept = QueryDict(mutable=True)
    for name, values in query.lists():
        if values := [v.lower() if name in FIXED_CHOICES else v for v in values if v.strip()]:
            kept.setlist(name, values)
    return kept


def canonical_query(query):
    """The query as it is best shared and printed: normalised(), and without values that only
    say what the search does anyway. None when it is canonical already."""
    kept = normalised(query)
    today_only = kept.getlist("day") == [TODAY]
    defaults = {
        "radius": str(DEFAULT_RADIUS),
        "sort": SORT_DISTANCE if "near" in kept and not today_only else SORT_TIME,
        "page": "1",
    }
    canonical = [
        (name, value)
        for name, values in kept.lists()
        for value in values
        if defaults.get(name) != value
    ]
    if canonical == [(name, value) for name, values in query.lists() for value in values]:
        return None
    return urlencode(canonical)


def today_named(query):
    """The query with the day "today" as the day's name, for what outlives the day: a printout
    and the link on it to the live list. None when it has no "today"."""
    days = query.getlist("day")
    if TODAY not in days:
        return None
    today = Weekday(timezone.localdate().weekday()).slug
    named = query.copy()
    named.setlist("day", list(dict.fromkeys(today if day == TODAY else day for day in days)))
    return named.urlencode()


class SelectWithDefault(Select):
    """A select that shows `default` as chosen when the query has no value, so that what it
    shows, and submits, is what the search uses."""

    def __init__(self, default, **kwargs):
        super().__init__(**kwargs)
        self.default = default

    def format_value(self, value):
        return super().format_value(self.default if value in (None, "") else value)


class MeetingSearchForm(forms.Form):
    near = forms.CharField(
        label="Postcode or town",
        required=False,
        max_length=100,
        help_text=NEAR_HINT,
        widget=TextInput,
        error_messages={
            "max_length": "That is longer than any postcode or town (%(show_value)s "
            "characters): check what was typed or pasted."
        },
    )
    radius = forms.TypedChoiceField(
        label="Distance",
        choices=RADIUS_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
        widget=SelectWithDefault(DEFAULT_RADIUS),
        error_messages=not_one_of(RADIUS_CHOICES),
    )
    sort = forms.ChoiceField(
        label="Sort by",
        choices=SORT_CHOICES,
        required=False,
        error_messages=not_one_of(SORT_CHOICES),
        widget=RadioButtons,
        help_text="Distance is the order when you give a postcode or town, except for "
        "today’s meetings: soonest first.",
    )

    # Set by clean_near() when the place is unknown or ambiguous, for the page to offer choices.
    location_problem = None

    def full_clean(self):
        # PostgreSQL cannot store or compare text with a NUL character, so say so up front.
        if any("\x00" in value for _, values in self.data.lists() for value in values):
            self.cleaned_data, self._errors = {}, forms.utils.ErrorDict()
            self.add_error(None, "The search contains a character that cannot be used.")
            return
        super().full_clean()

    def clean_near(self):
        text = self.cleaned_data["near"].strip()
        if not text:
            return None
        try:
            return find_location(text)
        except LocationNotFound as problem:
            self.location_problem = problem
            raise forms.ValidationError(problem.message) from None

    def clean(self):
        data = super().clean()
        if data.get("sort") == SORT_DISTANCE and not data.get("near") and "near" not in self.errors:
            self.add_error("sort", "To sort by distance, enter a postcode or town.")
        return data


def ticked(value):
    """Whether a filter has a value. When nothing is ticked in a model choice filter,
    django-filter gives an empty queryset, not an empty value, and asking a queryset whether
    it is empty costs a compiled query."""
    return not value.query.is_empty() if isinstance(value, QuerySet) else bool(value)
