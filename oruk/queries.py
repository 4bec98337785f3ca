"""The API's query parameters, the meetings they select, and its pages.

Every list is ordered by day, start time and name, and finally by primary key, so that paging
never skips or repeats a meeting. Each page costs a fixed number of queries, whatever its size,
and none of them reads every meeting once the unfiltered lists' counts are stored (see
`stored_count`): the meeting listing order index gives the page.
"""

import math

from django import forms
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Sum,
    Value,
    When,
    Window,
)

from config.middleware import PUBLIC_MAX_AGE
from meetings.locations import LocationNotFound, find_location
from meetings.models import ATTENDANCE_MATCHES, Attendance, Meeting
from meetings.search_form import DEFAULT_RADIUS
from oruk import ids, mapping

PER_PAGE = 50
MAX_PER_PAGE = 100
MAX_PAGE = 100_000  # an offset beyond what a database integer holds would be a 500
METRES_PER_MILE = 1609.344
DEFAULT_PROXIMITY = DEFAULT_RADIUS * METRES_PER_MILE
MAX_PROXIMITY = 50 * METRES_PER_MILE
# In UK time, as every list on the site, which the meeting schedule index serves.
ORDER = ("uk_weekday", "uk_start_time", "name", "id")
COUNT_SECONDS = PUBLIC_MAX_AGE  # the data version is what keeps counts right
# A meeting's rows in the service-at-location list: hybrid meetings are at a venue and online.
ROWS_OF_MEETING = Case(When(attendance=Attendance.HYBRID, then=Value(2)), default=Value(1))
WEEKDAYS = {code: weekday for weekday, code in mapping.BYDAY.items()} | {
    weekday.label.upper(): weekday for weekday in mapping.BYDAY
}


class BadRequest(Exception):
    def __init__(self, message, errors=None):
        super().__init__(message)
        self.message, self.errors = message, errors or {}


def published_meetings():
    """Published meetings (active and temporarily closed), with what every service reads."""
    return Meeting.objects.published().select_related("programme", "venue")


def with_terms(meetings):
    """Full services also read focuses and features: two queries more."""
    return meetings.prefetch_related("focuses", "features")


class PageForm(forms.Form):
    page = forms.IntegerField(min_value=1, max_value=MAX_PAGE, required=False)
    per_page = forms.IntegerField(min_value=1, max_value=MAX_PER_PAGE, required=False)

    def clean_page(self):
        return self.cleaned_data["page"] or 1

    def clean_per_page(self):
        return self.cleaned_data["per_page"] or PER_PAGE


class DayField(forms.CharField):
    """`day`: MO…SU as in schedules' `byday`, or monday…sunday; several with commas."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return []
        days = [day.strip().upper() for day in value.split(",")]
        if unknown := [day for day in days if day not in WEEKDAYS]:
            raise forms.ValidationError(
                f"Unknown day {unknown[0]!r}: use MO, TU, WE, TH, FR, SA or SU, or the "
                "day's name in English."
            )
        return [WEEKDAYS[day] for day in days]


class ServiceSearchForm(PageForm):
    search = forms.CharField(max_length=200, required=False)
    taxonomy_term_id = forms.UUIDField(required=False)
    taxonomy_id = forms.UUIDField(required=False)
    day = DayField(required=False)
    start_time = forms.TimeField(required=False, input_formats=["%H:%M", "%H:%M:%S"])
    end_time = forms.TimeField(required=False, input_formats=["%H:%M", "%H:%M:%S"])
    postcode = forms.CharField(max_length=100, required=False)
    proximity = forms.FloatField(min_value=1, max_value=MAX_PROXIMITY, required=False)

    def clean_taxonomy_term_id(self):
        term_id = self.cleaned_data["taxonomy_term_id"]
        if term_id is None:
            return None
        terms = {term.id: term for term in mapping.vocabulary()}  # up to three queries
        if term_id not in terms:
            raise forms.ValidationError("There is no taxonomy term with this id.")
        return terms[term_id]

    def clean_taxonomy_id(self):
        taxonomy_id = self.cleaned_data["taxonomy_id"]
        if taxonomy_id is None:
            return None
        taxonomies = {taxonomy.id: taxonomy for taxonomy in mapping.TAXONOMIES}
        if taxonomy_id not in taxonomies:
            raise forms.ValidationError("There is no taxonomy with this id.")
        return taxonomies[taxonomy_id]

    def clean_postcode(self):
        """Where the postcode or town is, as the finder finds it: a query."""
        text = self.cleaned_data["postcode"].strip()
        if not text:
            return None
        try:
            return find_location(text)
        except LocationNotFound as problem:
            raise forms.ValidationError(problem.message) from None

    def clean(self):
        data = super().clean()
        if data.get("proximity") and not data.get("postcode") and "postcode" not in self.errors:
            self.add_error("proximity", "Give a postcode too: proximity is metres from it.")
        return data

    def is_filtered(self):
        return any(
            value not in (None, "", [])
            for name, value in self.cleaned_data.items()
            if name not in PageForm.base_fields
        )

    def filter(self, meetings):
        data = self.cleaned_data
        if search := data.get("search", "").strip():
            meetings = meetings.matching(search)
        if term := data.get("taxonomy_term_id"):
            meetings = with_term(meetings, term)
        if taxonomy := data.get("taxonomy_id"):
            meetings = with_any_term_of(meetings, taxonomy)
        if days := data.get("day"):
            meetings = meetings.on_days(days)
        # Times in the UK, as the day: a meeting run from abroad by its UK day and times.
        if start := data.get("start_time"):
            meetings = meetings.filter(uk_start_time__gte=start)
        if end := data.get("end_time"):
            # One that runs past midnight ends after any time of its own day.
            meetings = meetings.filter(uk_end_time__lte=end, uk_end_time__gt=F("uk_start_time"))
        if place := data.get("postcode"):
            # Meetings at venues within `proximity` metres; online-only meetings are near nowhere.
            metres = data.get("proximity") or DEFAULT_PROXIMITY
            meetings = meetings.near(
                place.latitude, place.longitude, miles=metres / METRES_PER_MILE
            )
        return meetings.order_by(*ORDER)


def with_term(meetings, term):
    """Meetings that carry the term: the same rules as mapping.terms_of(), in SQL."""
    taxonomy, code = term.taxonomy, term.code
    if taxonomy is mapping.APPROACH:
        return meetings.in_approach(code)
    if taxonomy is mapping.PROGRAMME:
        return meetings.in_programme(code)
    if taxonomy is mapping.ATTENDANCE:
        return meetings.attending(code)
    if taxonomy is mapping.FOCUS:
        return meetings.with_focus(code)
    if taxonomy is mapping.FEATURE:
        return meetings.filter(features__slug=code)
    if taxonomy is mapping.OPENNESS:
        return meetings.with_openness(code)
    return meetings.with_access(code)


def with_any_term_of(meetings, taxonomy):
    """Meetings that carry any term of the taxonomy. Every meeting has an approach, a
    programme, a way of attending and is open or closed."""
    if taxonomy is mapping.FOCUS:
        return meetings.filter(
            Exists(Meeting.focuses.through.objects.filter(meeting=OuterRef("pk")))
        )
    if taxonomy is mapping.FEATURE:
        return meetings.filter(
            Exists(Meeting.features.through.objects.filter(meeting=OuterRef("pk")))
        )
    if taxonomy is mapping.ACCESS:
        return meetings.with_any_access()
    return meetings


def page_of(items, count, page, per_page):
    """The profile's Page object around `items`, page `page` of `count` items."""
    total_pages = max(1, math.ceil(count / per_page))
    return {
        "total_items": count,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(items),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not items,
        "contents": items,
    }


def stored_count(name, count, version):
    """`count()`, stored in the cache with the data version it was counted at. Counting every
    published meeting reads them all, which the unfiltered lists would do on every page."""
    key = f"oruk:count:{name}"
    stored = cache.get(key)
    if stored is not None and stored[0] == version:
        return stored[1]
    total = count()
    cache.set(key, (version, total), COUNT_SECONDS)
    return total


def page_of_meetings(meetings, page, per_page, count=None):
    """(meetings on the page, how many in all): two queries, or one given `count()`."""
    start = (page - 1) * per_page
    return list(meetings[start : start + per_page]), (count or meetings.count)()


def page_of_services_at_locations(meetings, page, per_page, count=None):
    """([(meeting, ids.IN_PERSON or ids.ONLINE)] on the page, how many in all): two or three
    queries, one fewer given `count()`. A hybrid meeting is two rows (at its venue, and online).

    Each planner reads only the page's rows from the listing order index in its own way:
    PostgreSQL streams a running count of rows in listing order and stops at the page, but
    SQLite computes it for every meeting; SQLite merges a union of the in-person and the online
    meetings in index order, but PostgreSQL sorts the whole union."""
    start = (page - 1) * per_page
    if connection.vendor == "postgresql":
        pairs = page_by_running_count(meetings, start, per_page)
    else:
        pairs = page_by_union(meetings, start, per_page)
    return pairs, (count or (lambda: count_services_at_locations(meetings)))()


def page_by_running_count(meetings, start, per_page):
    """The meetings whose rows reach past `start`, each numbered with the rows up to and
    including its own."""
    rows = meetings.annotate(
        rows_through=Window(Sum(ROWS_OF_MEETING), order_by=[F(field) for field in ORDER])
    ).filter(rows_through__gt=start)
    pairs = []
    for meeting in rows[:per_page]:
        kinds = mapping.location_kinds(meeting)
        first_row = meeting.rows_through - len(kinds)
        pairs += [
            (meeting, kind)
            for row, kind in enumerate(kinds, start=first_row)
            if start <= row < start + per_page
        ]
    return pairs


def page_by_union(meetings, start, per_page):
    """The page of (primary key, kind) from a union of the in-person and the online meetings;
    then the page's meetings."""
    kinds = [ids.IN_PERSON, ids.ONLINE]
    halves = [
        meetings.order_by()  # a union orders only as a whole
        .filter(attendance__in=ATTENDANCE_MATCHES[way])
        .annotate(kind=Value(kind_number, output_field=IntegerField()))
        .values_list(*ORDER, "kind")
        for kind_number, way in enumerate([Attendance.IN_PERSON, Attendance.ONLINE])
    ]
    rows = halves[0].union(halves[1], all=True).order_by(*ORDER, "kind")
    pairs = [(pk, kinds[kind]) for *_, pk, kind in rows[start : start + per_page]]
    loaded = meetings.in_bulk([pk for pk, _ in pairs])
    return [(loaded[pk], kind) for pk, kind in pairs]


def count_services_at_locations(meetings):
    return meetings.order_by().aggregate(rows=Sum(ROWS_OF_MEETING))["rows"] or 0
