import datetime

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains

from meetings.models import Openness, Status, Weekday
from programmes.models import Approach
from tests.factories import MeetingFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
FINDER = reverse("meetings:meeting_list")


def found(client, **params):
    """The slugs of the meetings the finder shows for these query parameters."""
    response = client.get(FINDER, params)
    assert response.status_code == 200
    return {meeting.slug for meeting in response.context["page"]}


@pytest.fixture
def by_attendance():
    return {
        "in-person": MeetingFactory(slug="in-person"),
        "online": MeetingFactory(slug="online", online=True),
        "hybrid": MeetingFactory(slug="hybrid", hybrid=True),
    }


def test_online_search_includes_hybrid_meetings(client, by_attendance):
    assert found(client, attendance="online") == {"online", "hybrid"}


def test_in_person_search_includes_hybrid_meetings(client, by_attendance):
    assert found(client, attendance="in-person") == {"in-person", "hybrid"}


def test_hybrid_search_is_hybrid_only(client, by_attendance):
    assert found(client, attendance="hybrid") == {"hybrid"}


def test_repeated_attendance_widens(client, by_attendance):
    assert found(client, attendance=["in-person", "online"]) == {"in-person", "online", "hybrid"}


def test_repeated_day_widens(client):
    MeetingFactory(slug="monday", weekday=Weekday.MONDAY)
    MeetingFactory(slug="tuesday", weekday=Weekday.TUESDAY)
    MeetingFactory(slug="friday", weekday=Weekday.FRIDAY)

    assert found(client, day="monday") == {"monday"}
    assert found(client, day=["monday", "tuesday"]) == {"monday", "tuesday"}


@time_machine.travel(datetime.datetime(2026, 11, 24, 23, 30, tzinfo=datetime.UTC))
def test_today_follows_the_uk_date(client):
    MeetingFactory(slug="tuesday", weekday=Weekday.TUESDAY)
    MeetingFactory(slug="wednesday", weekday=Weekday.WEDNESDAY)

    assert found(client, day="today") == {"tuesday"}  # 23:30 on Tuesday in London


@time_machine.travel(datetime.datetime(2026, 7, 14, 23, 30, tzinfo=datetime.UTC))
def test_today_follows_the_uk_date_in_summer_time(client):
    MeetingFactory(slug="tuesday", weekday=Weekday.TUESDAY)
    MeetingFactory(slug="wednesday", weekday=Weekday.WEDNESDAY)

    assert found(client, day="today") == {"wednesday"}  # 00:30 on Wednesday in BST


def test_several_focuses_narrow(client):
    MeetingFactory(slug="women", focuses=["women"])
    MeetingFactory(slug="lgbtq", focuses=["lgbtq"])
    MeetingFactory(slug="women-lgbtq", focuses=["women", "lgbtq"])
    MeetingFactory(slug="none")

    assert found(client, focus="women") == {"women", "women-lgbtq"}
    assert found(client, focus=["women", "lgbtq"]) == {"women-lgbtq"}


def test_approach_and_programme(client):
    na = ProgrammeFactory(slug="narcotics-anonymous", approach=Approach.TWELVE_STEP)
    aa = ProgrammeFactory(slug="alcoholics-anonymous", approach=Approach.TWELVE_STEP)
    smart = ProgrammeFactory(slug="smart-recovery", approach=Approach.SKILLS_BASED)
    MeetingFactory(slug="na", programme=na)
    MeetingFactory(slug="aa", programme=aa)
    MeetingFactory(slug="smart", programme=smart)

    assert found(client, approach="twelve-step") == {"na", "aa"}
    assert found(client, approach="skills-based") == {"smart"}
    assert found(client, programme=["narcotics-anonymous", "smart-recovery"]) == {"na", "smart"}


def test_open_and_closed(client):
    MeetingFactory(slug="open", openness=Openness.OPEN)
    MeetingFactory(slug="closed", openness=Openness.CLOSED)

    assert found(client, open="open") == {"open"}
    assert found(client, open="closed") == {"closed"}
    assert found(client, open="") == {"open", "closed"}


def test_different_parameters_narrow(client):
    MeetingFactory(slug="monday-online", weekday=Weekday.MONDAY, online=True)
    MeetingFactory(slug="monday-in-person", weekday=Weekday.MONDAY)
    MeetingFactory(slug="tuesday-online", weekday=Weekday.TUESDAY, online=True)

    assert found(client, day="monday", attendance="online") == {"monday-online"}


def test_only_active_meetings_are_listed(client):
    MeetingFactory(slug="active")
    MeetingFactory(slug="closed-for-now", status=Status.TEMPORARILY_CLOSED)
    MeetingFactory(slug="ended", status=Status.ENDED)

    assert found(client) == {"active"}


def test_unknown_parameters_are_ignored(client):
    MeetingFactory(slug="one")

    assert found(client, colour="blue") == {"one"}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"day": "funday"},
            "Day: Select a valid choice. funday is not one of the available choices.",
        ),
        (
            {"attendance": "teleport"},
            "How you take part: Select a valid choice. teleport is not one",
        ),
        ({"focus": "unicorns"}, "Groups for: Select a valid choice. unicorns is not one"),
        ({"programme": "nope"}, "Programme: Select a valid choice. nope is not one"),
        ({"open": "ajar"}, "Open or closed: Select a valid choice. ajar is not one"),
    ],
)
def test_invalid_values_show_a_form_error_and_no_results(client, params, message):
    MeetingFactory()

    response = client.get(FINDER, params)

    assertContains(response, "There is a problem with your search")
    assertContains(response, message)
    assert len(response.context["page"]) == 0


def test_results_are_grouped_by_weekday_and_sorted_by_start_time(client):
    MeetingFactory(name="Tuesday noon", weekday=Weekday.TUESDAY, start_time=datetime.time(12))
    MeetingFactory(name="Monday evening", weekday=Weekday.MONDAY, start_time=datetime.time(19))
    MeetingFactory(name="Monday morning", weekday=Weekday.MONDAY, start_time=datetime.time(9))

    response = client.get(FINDER)

    assert [m.name for m in response.context["page"]] == [
        "Monday morning",
        "Monday evening",
        "Tuesday noon",
    ]
    html = response.content.decode()
    assert html.index("<h3>Monday</h3>") < html.index("Monday morning") < html.index("<h3>Tuesday")
    assertContains(response, "<h3>Monday</h3>", count=1)
    assertContains(response, "3 meetings")


def test_pagination_keeps_the_filters(client):
    MeetingFactory.create_batch(25, weekday=Weekday.MONDAY)

    first = client.get(FINDER, {"day": "monday", "attendance": "in-person"})
    second = client.get(FINDER, {"day": "monday", "attendance": "in-person", "page": "2"})

    assertContains(first, 'href="?day=monday&amp;attendance=in-person&amp;page=2"')
    assertContains(first, "25 meetings, page 1 of 2")
    assert len(second.context["page"]) == 5


@pytest.mark.parametrize("page", ["abc", "999", "-1"])
def test_a_bad_page_number_shows_a_page_of_results(client, page):
    MeetingFactory(slug="one")

    assert found(client, page=page) == {"one"}


@pytest.mark.parametrize("n_meetings", [1, 50])
def test_finder_query_count_does_not_grow(client, django_assert_num_queries, n_meetings):
    MeetingFactory.create_batch(n_meetings, focuses=["women"])

    # Checking the focus given; the programme and focus choices for the form; the count; one
    # page of meetings with their programme and venue; the focuses of that page.
    with django_assert_num_queries(6):
        response = client.get(FINDER, {"day": "monday", "focus": "women"})

    assert len(response.context["page"]) == min(n_meetings, 20)
