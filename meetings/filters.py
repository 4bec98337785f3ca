"""The finder's filters: every public query parameter of a meeting list is declared here.

Finder, print and exports all take these parameters (the URL contract in DESIGN.md).
`near`, `radius` and `sort` work together, so they are fields of MeetingSearchForm
(search_form.py) and MeetingFilter.filter_queryset() applies them after the other filters.
"""

import copy
import functools
from operator import attrgetter
from urllib.parse import urlencode

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone

from config.choices import KeptModelChoiceFilter, KeptModelMultipleChoiceFilter, kept_rows
from config.widgets import Checkboxes, RadioButtons, Select, TextInput
from meetings import wording
from meetings.models import (
    Access,
    Area,
    Attendance,
    Focus,
    Meeting,
    Openness,
    TimeOfDay,
    Weekday,
    refresh_uk_times_daily,
)
from meetings.search_form import (
    DAY_CHOICES,
    DEFAULT_RADIUS,
    RADIUS_CHOICES,
    SORT_DISTANCE,
    TODAY,
    MeetingSearchForm,
    not_listed,
    not_one_of,
    ticked,
)
from meetings.search_in_words import SearchInWords
from programmes.models import Approach, Programme

NEAREST_BEYOND_MILES = (50, 150, 800)
# All of them, so that a link to one with no groups (Rational Recovery) finds none, not an error;
# the form offers only those with meetings (offered_choices()).
FINDER_PROGRAMMES = Programme.objects.all()
MAT_CHOICES = [
    # Everyone is welcome at NA and CA too, but many members there count it as using.
    ("1", "Only programmes that accept prescribed medication, such as methadone")
]


def finder_query(query):
    """The finder's own parameters of `query`, encoded, for a meeting opened from a list to
    carry its search back to it. Others, such as the meeting page's "reported", are left out."""
    names = {*MeetingFilter.base_filters, *MeetingSearchForm.base_fields, "page"}
    return urlencode(
        [
            (name, value)
            for name, values in query.lists()
            if name in names
            for value in values
            if value.strip()
        ]
    )


class SelectedMeetingsField(django_filters.fields.ModelMultipleChoiceField):
    """Meetings ticked for a printout or a calendar, by their slugs: a slug staff have since
    changed still chooses its meeting, as its old page address still leads to it."""

    def _check_values(self, value):
        slugs = [str(slug).lower() for slug in value]  # as meetings' slugs are
        try:
            return super()._check_values(slugs)
        except ValidationError:  # looked for in the history only then
            current = set(self.queryset.filter(slug__in=slugs).values_list("slug", flat=True))
            renamed = {
                slug: meeting.slug
                for slug in set(slugs) - current
                if (meeting := Meeting.objects.formerly_at(slug).first())
            }
            if not renamed:
                raise
            return super()._check_values([renamed.get(slug, slug) for slug in slugs])


class SelectedMeetingsFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = SelectedMeetingsField


class MeetingFilter(SearchInWords, django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Keyword",
        method="filter_keyword",
        max_length=100,
        widget=TextInput,
        help_text="A word in the meeting’s name, group, venue or notes.",
        error_messages={
            "max_length": "Keywords are shorter than this (%(show_value)s characters): check "
            "what was typed or pasted."
        },
    )
    day = django_filters.MultipleChoiceFilter(
        label="Day",
        choices=DAY_CHOICES,
        error_messages=not_one_of(DAY_CHOICES),
        method="filter_day",
        widget=Checkboxes,
    )
    time = django_filters.MultipleChoiceFilter(
        label="Time of day",
        choices=TimeOfDay.choices,
        error_messages=not_one_of(TimeOfDay.choices),
        method="filter_time",
        widget=Checkboxes,
    )
    attendance = django_filters.MultipleChoiceFilter(
        label="How you take part",
        choices=Attendance.choices,
        error_messages=not_one_of(Attendance.choices),
        method="filter_attendance",
        widget=Checkboxes,
        help_text="Hybrid meetings appear under both in person and online.",
    )
    approach = django_filters.MultipleChoiceFilter(
        label="Approach",
        choices=Approach.choices,
        error_messages=not_one_of(Approach.choices),
        method="filter_approach",
        widget=Checkboxes,
    )
    programme = KeptModelMultipleChoiceFilter(
        queryset=FINDER_PROGRAMMES,
        error_messages=not_listed("a programme"),
        to_field_name="slug",
        method="filter_programme",
        widget=Checkboxes,
    )
    focus = KeptModelMultipleChoiceFilter(
        label="Groups for",
        queryset=Focus.objects.all(),
        error_messages=not_listed("a group"),
        to_field_name="slug",
        method="filter_focus",
        widget=Checkboxes,
        help_text="Meetings must match every group you tick.",
    )
    access = django_filters.MultipleChoiceFilter(
        label="Access",
        choices=Access.choices,
        error_messages=not_one_of(Access.choices),
        method="filter_access",
        widget=Checkboxes,
        help_text="Venues must have everything you tick.",
    )
    open = django_filters.ChoiceFilter(
        label="Open or closed",
        choices=Openness.choices,
        error_messages=not_one_of(Openness.choices),
        empty_label="Either",
        method="filter_open",
        widget=RadioButtons,
    )
    mat = django_filters.MultipleChoiceFilter(
        label="Medication",
        # AA leaves medication to the member and their doctor, and so is among them, but
        # someone on methadone for heroin, say, would not know that AA is about drinking.
        help_text="The programmes this keeps include AA, which is for people who want to "
        "stop drinking.",
        choices=MAT_CHOICES,
        error_messages=not_one_of(MAT_CHOICES),
        method="filter_mat",
        widget=Checkboxes,
    )
    area = KeptModelChoiceFilter(
        label="Area",
        queryset=Area.objects.all(),
        error_messages=not_listed("an area"),
        to_field_name="slug",
        empty_label="Anywhere",
        method="filter_area",
        widget=Select,
    )

    meeting = SelectedMeetingsFilter(
        label="Selected meetings",
        queryset=Meeting.objects.all(),
        to_field_name="slug",
        method="filter_selected",
    )

    class Meta:
        model = Meeting
        form = MeetingSearchForm
        fields = []  # all declared above, with near, radius and sort on the form

    # Filters applied by filter_queryset() after the declared ones, never as tags of their own.
    LOCATION_FIELDS = ("near", "radius", "sort")
    # Shown at once; the others are behind "Filters (N applied)", so that on a phone the
    # results are not below a screenful of checkboxes.
    SEARCH_FIELDS = ("near", "radius")
    PANEL_FIELDS = ("q", "day", "time", "attendance", "focus", "approach", "programme")
    PANEL_FIELDS += ("mat", "access", "open", "area", "sort")

    def get_form_class(self):
        """The form class, made once: django-filter makes one for every search, always the
        same."""
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            form_class = super().get_form_class()
            # In the page's order, which the error summary follows.
            order = (*self.SEARCH_FIELDS, *self.PANEL_FIELDS)
            shown = {name: form_class.base_fields[name] for name in order}
            form_class.base_fields = CopiedShallow(shown | form_class.base_fields)
            cls._form_class = form_class
        return cls._form_class

    @property
    def form(self):
        """The form, which offers only the programmes and approaches with meetings to find,
        and any that the search has: one with none is still a valid choice, as in links
        shared before."""
        if not hasattr(self, "_form"):
            fields = super().form.fields
            for name, value_of in [
                ("programme", attrgetter("slug")),
                ("approach", attrgetter("approach")),
            ]:
                chosen = self.data.getlist(name) if self.is_bound else []
                field = fields[name]
                field.widget = copy.copy(field.widget)  # shared by every search (CopiedShallow)
                # A callable: read only when the form is shown, not for printouts and exports.
                field.widget.choices = functools.partial(offered_choices, field, chosen, value_of)
        return self._form

    @property
    def location(self):
        return self.form.cleaned_data.get("near")

    @property
    def radius(self):
        return self.form.cleaned_data.get("radius") or DEFAULT_RADIUS

    @property
    def within(self):
        """ "within 10 miles of M1 1AE", with `near`."""
        return f"within {wording.miles(self.radius)} of {self.location.label}"

    def filter_queryset(self, queryset):
        refresh_uk_times_daily()
        queryset = self.apply_declared_filters(queryset)
        if self.location:
            location = self.location
            queryset = queryset.near(location.latitude, location.longitude, self.radius)
        if self.sorted_by_distance:
            queryset = queryset.by_distance(timezone.now())
        return queryset.finished_last(timezone.now()) if self.today_only else queryset

    def in_week_order(self, meetings):
        """The parts of a list to read in turn: a list of the whole week by day and time
        starts now (MeetingQuerySet.week_from()); any other list is one part."""
        if meetings.is_by_distance or self.form.cleaned_data.get("day"):
            return [meetings]
        return meetings.week_from(timezone.now())

    @property
    def today_only(self):
        """Today's meetings are listed from now: those already over come last."""
        return self.form.cleaned_data.get("day") == [TODAY]

    def tomorrow(self):
        """The day after today in the UK, for a list of today's meetings once they are over."""
        return Weekday((timezone.localdate().weekday() + 1) % 7)

    def online_meetings(self):
        """With `near`: the meetings that match every other filter and can be joined from
        anywhere, for a part of the page of their own. They are the online-only ones, which
        are near everyone and no one; and when online meetings are asked for, hybrid ones too,
        other than those near the place, which the list has already. (Not always: counted and
        read in the week's order, they took a search near M1 1AE at 50,000 meetings from 0.3
        to 5.0 ms of SQL on SQLite.) Otherwise none."""
        if not self.location or self.excludes_online:
            return self.queryset.none()  # an in-person search: no query that cannot match
        others = self.apply_declared_filters(self.queryset)
        if self.today_only:  # as the list: those over last, and said to be
            others = others.finished_last(timezone.now())
        if self.online_part_is_online_only:
            return others.online_only()
        listed_hybrid = self.qs.filter(attendance=Attendance.HYBRID).values("pk")
        return others.filter(
            Q(attendance=Attendance.ONLINE)
            | Q(attendance=Attendance.HYBRID) & ~Q(pk__in=listed_hybrid)
        )

    def every_part(self):
        """Every meeting the finder lists for this search, in the parts it lists them: the
        list, then near a place the online meetings beside it (none otherwise). The exports
        give both, as the printout does."""
        return [self.qs, self.online_meetings()]

    def nearest_beyond(self):
        """With `near`, for a search that found nothing within its distance: the nearest
        meeting that matches every other filter, within ever wider boxes (which the venue
        location index narrows) to the length of the UK; or None."""
        if not self.location:
            return None
        matching = self.apply_declared_filters(self.queryset)
        for miles in NEAREST_BEYOND_MILES:
            near = matching.near(self.location.latitude, self.location.longitude, miles)
            if nearest := near.by_distance(timezone.now()).first():
                return nearest
        return None

    def wider_radius(self, nearest):
        """For a search that found nothing near its place: the narrowest distance offered
        beyond its own that reaches `nearest` (nearest_beyond()), or None."""
        if nearest is None:
            return None
        wider = [miles for miles, _ in RADIUS_CHOICES if miles > self.radius]
        return next((miles for miles in wider if nearest.distance <= miles), None)

    @property
    def online_part_is_online_only(self):
        """Whether online_meetings() are online-only ones (hybrid ones not asked for)."""
        return Attendance.ONLINE not in (self.form.cleaned_data.get("attendance") or [])

    @property
    def excludes_online(self):
        """An in-person search: the one for which online meetings are worth suggesting."""
        attendance = self.form.cleaned_data.get("attendance")
        return bool(attendance) and Attendance.ONLINE not in attendance

    def closed_meetings(self):
        """Temporarily closed meetings that match the search: shown as such, not dropped."""
        return self.filter_queryset(Meeting.objects.temporarily_closed().for_listing())

    def apply_declared_filters(self, queryset):
        # django-filter's own filter_queryset() expects a filter for every form field.
        for name, declared_filter in self.filters.items():
            queryset = declared_filter.filter(queryset, self.form.cleaned_data.get(name))
        return queryset

    @property
    def sorted_by_distance(self):
        """Near a place, by distance, unless asked otherwise; but today's meetings soonest
        first, as someone looking for one tonight needs them."""
        sort = self.form.cleaned_data.get("sort")
        return bool(self.location) and (sort == SORT_DISTANCE or not sort and not self.today_only)

    def filter_keyword(self, queryset, name, value):
        return queryset.matching(value) if value.strip() else queryset

    def filter_day(self, queryset, name, value):
        weekdays = [day for day in Weekday if day.slug in value]
        dates = [timezone.localdate()] if TODAY in value else []  # TIME_ZONE is Europe/London
        # A list of today's alone has yesterday's still on after midnight too, said to be.
        still_on_at = timezone.now() if value == [TODAY] else None
        return queryset.on_days(weekdays, dates, still_on_at)

    def filter_time(self, queryset, name, value):
        return queryset.starting_in(*value)

    def filter_attendance(self, queryset, name, value):
        return queryset.attending(*value)

    def filter_approach(self, queryset, name, value):
        return queryset.in_approach(*value)

    def filter_programme(self, queryset, name, value):
        return queryset.in_programme(*(p.slug for p in value)) if ticked(value) else queryset

    def filter_focus(self, queryset, name, value):
        return queryset.with_focus(*(f.slug for f in value)) if ticked(value) else queryset

    def filter_access(self, queryset, name, value):
        return queryset.with_access(*value)

    def filter_open(self, queryset, name, value):
        return queryset.with_openness(value)

    def filter_mat(self, queryset, name, value):
        return queryset.welcoming_mat()

    def filter_selected(self, queryset, name, value):
        return queryset.filter(pk__in=[m.pk for m in value]) if ticked(value) else queryset

    def filter_area(self, queryset, name, value):
        return queryset.in_area(value)

    # The search's tags, and its query without some of them

    def applied_filters(self):
        """(label, query string without it) for every value applied: the removable tags."""
        data, tags = self.form.cleaned_data, []
        for name, field in self.form.fields.items():
            value = data.get(name)
            if name in ("radius", "sort") or not ticked(value):
                continue
            if name == "near":
                label = f"Within {wording.miles(self.radius)} of {value.label}"
                tags.append((label, self._query_without("near").urlencode()))
            elif name == "q":
                tags.append((f"“{value}”", self._query_without("q").urlencode()))
            elif name == "meeting" and len(value) > 1:
                # One tag for a printout's chosen meetings: one each repeated every other one.
                label = f"The {len(value)} meetings chosen"
                tags.append((label, self._query_without("meeting").urlencode()))
            elif name in ("programme", "focus", "meeting"):
                tags += [
                    (item.name, self._query_without(name, item.slug).urlencode()) for item in value
                ]
            elif name == "area":
                tags.append((value.name, self._query_without("area").urlencode()))
            else:
                labels = dict(field.choices)
                values = value if isinstance(value, list) else [value]
                tags += [(labels[v], self._query_without(name, v).urlencode()) for v in values]
        return tags

    def panel_filters_applied(self):
        """How many filter values are set behind the "Filters" control: the order is not one."""
        return sum(
            len(value) if isinstance(value, list | QuerySet) else 1
            for name, value in self.form.cleaned_data.items()
            if name not in (*self.SEARCH_FIELDS, "meeting", "sort") and ticked(value)
        )

    def panel_has_errors(self):
        return any(name not in self.SEARCH_FIELDS for name in self.form.errors)

    def hidden_query(self):
        """(name, value) of the search, for a form that prints a selection from it."""
        return [
            (name, value)
            for name, values in self.data.lists()
            if name not in ("page", "meeting")
            for value in values
        ]

    def online_query(self):
        """The same search without the place, online meetings only."""
        query = self._query_without("near")
        query.setlist("attendance", [Attendance.ONLINE])
        return query.urlencode()

    def _query_without(self, name, *values):
        """The query from its first page, without `name` (or only those `values` of it).
        Without the place, radius and sort by distance mean nothing, so they go too."""
        query = self.data.copy()
        query.pop("page", None)
        if values:
            query.setlist(name, [v for v in query.getlist(name) if v not in values])
        else:
            for removed in self.LOCATION_FIELDS if name in self.LOCATION_FIELDS else [name]:
                query.pop(removed, None)
        return query


class CopiedShallow(dict):
    """Filters or form fields that each search copies one by one, not deeply. django-filter
    deep-copies every filter for each search, and Django every field of the form, choices,
    widgets and querysets with them: half a millisecond of the finder's eight. Nothing here
    changes a filter or field for one search, except a filter's filterset (its `parent`),
    which its method is looked up on."""

    def __deepcopy__(self, memo):
        copies = {}
        for name, item in self.items():
            copies[name] = copied = copy.copy(item)
            if isinstance(item, django_filters.Filter) and item.method:
                copied.method = item.method  # looked up on the copy's parent, not the original's
        return copies


MeetingFilter.base_filters = CopiedShallow(MeetingFilter.base_filters)


def offered_choices(field, chosen, value_of):
    """The field's choices that programmes with meetings to find have, as `value_of(programme)`
    gives them, and those `chosen`."""
    listed = programmes_with_meetings()
    offered = {str(value_of(p)) for p in kept_rows(FINDER_PROGRAMMES) if p.pk in listed}
    return [(value, label) for value, label in field.choices if str(value) in {*offered, *chosen}]


# Made once: building a queryset took a third of a millisecond, and the form asks four times.
PROGRAMMES_WITH_MEETINGS = (
    Meeting.objects.published().order_by().values_list("programme", flat=True).distinct()
)


def programmes_with_meetings():
    """The ids of the programmes with meetings to find, kept for a minute as the form's
    choices are, and forgotten when a meeting is saved."""
    return set(kept_rows(PROGRAMMES_WITH_MEETINGS))
