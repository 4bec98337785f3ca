"""The finder's filters: every public query parameter of a meeting list is declared here."""

import django_filters
from django import forms
from django.utils import timezone

from meetings.models import Attendance, Focus, Meeting, Openness, Weekday
from programmes.models import Approach, Programme

TODAY = "today"
DAY_CHOICES = [(TODAY, "Today"), *((day.slug, day.label) for day in Weekday)]


def weekday_for(slug):
    """The weekday for a `day` value; "today" follows the date in the UK."""
    if slug == TODAY:
        return timezone.localdate().weekday()  # TIME_ZONE is Europe/London
    return next(day for day in Weekday if day.slug == slug)


class MeetingFilter(django_filters.FilterSet):
    approach = django_filters.MultipleChoiceFilter(
        label="Approach",
        choices=Approach.choices,
        method="filter_approach",
        widget=forms.CheckboxSelectMultiple,
    )
    programme = django_filters.ModelMultipleChoiceFilter(
        queryset=Programme.objects.all(),
        to_field_name="slug",
        method="filter_programme",
        widget=forms.CheckboxSelectMultiple,
    )
    attendance = django_filters.MultipleChoiceFilter(
        label="How you take part",
        choices=Attendance.choices,
        method="filter_attendance",
        widget=forms.CheckboxSelectMultiple,
        help_text="Hybrid meetings appear under both in person and online.",
    )
    day = django_filters.MultipleChoiceFilter(
        label="Day", choices=DAY_CHOICES, method="filter_day", widget=forms.CheckboxSelectMultiple
    )
    open = django_filters.ChoiceFilter(
        label="Open or closed",
        choices=Openness.choices,
        empty_label="Either",
        method="filter_open",
        widget=forms.RadioSelect,
    )
    focus = django_filters.ModelMultipleChoiceFilter(
        label="Groups for",
        queryset=Focus.objects.all(),
        to_field_name="slug",
        method="filter_focus",
        widget=forms.CheckboxSelectMultiple,
        help_text="Meetings must match every group you tick.",
    )

    class Meta:
        model = Meeting
        fields = []  # all declared above: the URL contract lives in one place

    def filter_approach(self, queryset, name, value):
        return queryset.in_approach(*value)

    # For model choices django-filter calls these methods with an empty queryset, not with an
    # "empty value", when nothing is ticked.
    def filter_programme(self, queryset, name, value):
        return queryset.in_programme(*(p.slug for p in value)) if value else queryset

    def filter_attendance(self, queryset, name, value):
        return queryset.attending(*value)

    def filter_day(self, queryset, name, value):
        return queryset.on_day(*(weekday_for(slug) for slug in value))

    def filter_open(self, queryset, name, value):
        return queryset.with_openness(value)

    def filter_focus(self, queryset, name, value):
        return queryset.with_focus(*(focus.slug for focus in value)) if value else queryset
