"""The meeting list in admin fits the work: status, last checked, filters and search."""

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from tests.factories import AreaFactory, MeetingFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_24_november_2026")]

CHANGELIST = "admin:meetings_meeting_changelist"


@pytest.fixture
def meetings():
    return [
        MeetingFactory(name="Recent", last_verified=datetime.date(2026, 9, 24)),
        MeetingFactory(name="Due", last_verified=datetime.date(2026, 2, 1)),
        MeetingFactory(name="Old", last_verified=datetime.date(2025, 1, 1)),
        MeetingFactory(name="Never", last_verified=None),
    ]


def names(response):
    return sorted(m.name for m in response.context["cl"].result_list)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("recent", ["Recent"]), ("due", ["Due"]), ("old", ["Old"]), ("never", ["Never"])],
)
def test_filter_by_when_last_checked(staff_client, meetings, value, expected):
    response = staff_client.get(reverse(CHANGELIST), {"checked": value})

    assert names(response) == expected


def test_the_list_shows_status_and_how_long_ago_it_was_checked(staff_client, meetings):
    MeetingFactory(name="Today", last_verified=datetime.date(2026, 11, 24))

    response = staff_client.get(reverse(CHANGELIST))

    assertContains(response, "24 Nov 2026 (today)")
    assertContains(response, "24 Sep 2026 (2\xa0months ago)")
    assertContains(response, "⚠ 1 Jan 2025 (1\xa0year ago)")
    assertContains(response, "⚠ Never")
    assertContains(response, '<td class="field-status">Active</td>', html=True, count=5)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("LS6 2QJ", ["Leeds group"]),
        ("Lifeline", ["Leeds group"]),
        ("Leeds", ["Leeds group"]),
        # As visitors search: without accents, apostrophes or the postcode's space.
        ("ls62qj", ["Leeds group"]),
        ("Grwp", ["Leeds group"]),
        ("St Marys", ["Leeds group"]),
        ("the", []),  # a common word alone is no keyword, as in the finder: not every meeting
    ],
)
def test_search_by_postcode_group_and_town(staff_client, query, expected):
    MeetingFactory(
        name="Leeds group",
        group_name="Lifeline",
        public_notes="Grŵp Cymraeg in St Mary's hall.",
        venue__town="Leeds",
        venue__postcode="LS6 2QJ",
    )
    MeetingFactory(name="Manchester group")

    response = staff_client.get(reverse(CHANGELIST), {"q": query})

    assert names(response) == expected


def test_filters_for_programme_area_attendance_status_age_and_focus(staff_client, meetings):
    MeetingFactory(venue__area=AreaFactory())

    response = staff_client.get(reverse(CHANGELIST))

    assert [spec.title for spec in response.context["cl"].filter_specs] == [
        "needs checking",
        "last checked",
        "status",
        "programme",
        "attendance",
        "weekday",
        "frequency",
        "open or closed",
        "focuses",
        "area",
    ]


def test_the_area_filter_takes_the_areas_inside_it_and_lists_them_as_a_tree(staff_client):
    england = AreaFactory(name="England", slug="england")
    manchester = AreaFactory(name="Greater Manchester", slug="greater-manchester", parent=england)
    salford = AreaFactory(name="Salford", slug="salford", parent=manchester)
    MeetingFactory(name="In Manchester", venue__area=manchester)
    MeetingFactory(name="In Salford", venue__area=salford)
    MeetingFactory(name="In Wales", venue__area=AreaFactory(name="Wales", slug="wales"))
    AreaFactory(name="England North", slug="england-north")

    by_area = {
        slug: names(staff_client.get(reverse(CHANGELIST), {"area": slug}))
        for slug in ("england", "greater-manchester", "salford")
    }
    response = staff_client.get(reverse(CHANGELIST))
    area_filter = next(s for s in response.context["cl"].filter_specs if s.title == "area")

    assert names(staff_client.get(reverse(CHANGELIST), {"area": "atlantis"})) == []
    assert by_area == {
        "england": ["In Manchester", "In Salford"],
        "greater-manchester": ["In Manchester", "In Salford"],
        "salford": ["In Salford"],
    }
    assert area_filter.lookup_choices == [
        ("england", "England"),
        ("greater-manchester", "\u2003Greater Manchester"),
        ("salford", "\u2003\u2003Salford"),
        ("england-north", "England North"),
        ("wales", "Wales"),
    ]


def test_meetings_to_check_are_listed_checked_longest_ago_first(staff_client):
    today = datetime.date(2026, 11, 26)
    MeetingFactory(name="Last year", last_verified=today - datetime.timedelta(days=400))
    MeetingFactory(name="Never", last_verified=None)
    MeetingFactory(name="Two years ago", last_verified=today - datetime.timedelta(days=800))

    def in_order(**query):
        response = staff_client.get(reverse(CHANGELIST), query)
        return [m.name for m in response.context["cl"].result_list]

    assert in_order(needs_checking="stale") == ["Two years ago", "Last year"]
    assert in_order(checked="old") == ["Two years ago", "Last year"]
    assert in_order(needs_checking="any") == ["Never", "Two years ago", "Last year"]
    assert in_order() == ["Last year", "Never", "Two years ago"]  # as before: day, time, name
