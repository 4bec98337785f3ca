"""Every list shows meetings in UK time: meetings run from abroad by their UK day and time,
and today's meetings from now."""

import datetime
import re
import zoneinfo

import icalendar
import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from meetings.display import day_groups
from meetings.models import Frequency, Meeting, Status, Weekday, WeekOfMonth
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db
FINDER = reverse("meetings:meeting_list")
UK = zoneinfo.ZoneInfo("Europe/London")


def uk(*args):
    return datetime.datetime(*args, tzinfo=UK)


def found(client, **params):
    response = client.get(FINDER, params)
    assert response.status_code == 200
    return [meeting.slug for meeting in response.context["page"]]


def new_york_monday_7pm(**fields):
    return MeetingFactory(
        slug="new-york",
        online=True,
        weekday=Weekday.MONDAY,
        start_time=datetime.time(19),
        end_time=datetime.time(20),
        time_zone="America/New_York",
        **fields,
    )


@time_machine.travel(uk(2026, 11, 24, 12))  # a Tuesday; New York is 5 hours behind
def test_meeting_from_abroad_is_listed_by_its_uk_day_and_time(client):
    new_york_monday_7pm()
    MeetingFactory(slug="london-monday", weekday=Weekday.MONDAY, start_time=datetime.time(19))

    assert found(client, day="monday") == ["london-monday"]
    assert found(client, day="tuesday") == ["new-york"]  # Tuesday 00:00 in the UK
    assert found(client, day="today") == ["new-york"]  # Tuesday 24th
    assert found(client, time="morning") == ["new-york"]
    assert found(client, time="evening") == ["london-monday"]
    # The week from now, Tuesday noon: Monday 19:00, then Tuesday 00:00 a week today, as
    # today's has started.
    assert found(client) == ["london-monday", "new-york"]


@pytest.mark.parametrize(
    ("now", "heading"),
    [
        # Monday 19:00 in New York is Tuesday 00:00 in the UK: tomorrow, the 24th
        (uk(2026, 11, 23, 12), "Tuesday 24 November"),
        # Today's has started, so the week from now lists it as next week's
        (uk(2026, 11, 24, 12), "Tuesday 1 December"),
        # Next week's, after the clocks went back in New York on 1 November alone
        (uk(2026, 10, 27, 12), "Tuesday 3 November"),
    ],
)
def test_row_shows_uk_time_with_its_own_time_beside_it(client, now, heading):
    with time_machine.travel(now):
        new_york_monday_7pm()
        response = client.get(FINDER)

    assertContains(response, "Run from abroad: 19:00 New York time.")
    assertContains(response, f"<h3>{heading}</h3>", html=True)


@pytest.mark.parametrize(
    ("now", "uk_day", "uk_time"),
    [
        (uk(2026, 11, 24, 12), Weekday.TUESDAY, datetime.time(0)),  # both on winter time
        (uk(2027, 3, 16, 12), Weekday.MONDAY, datetime.time(23)),  # only the US on summer time
        (uk(2027, 3, 30, 12), Weekday.TUESDAY, datetime.time(0)),  # both on summer time
        (uk(2027, 11, 1, 12), Weekday.MONDAY, datetime.time(23)),  # only the UK back on winter
    ],
)
def test_uk_day_and_time_follow_both_countries_clocks(client, now, uk_day, uk_time):
    with time_machine.travel(uk(2026, 11, 1, 12)):
        new_york_monday_7pm()
    with time_machine.travel(now):
        slugs = found(client, day=Weekday(uk_day).slug)
    meeting = Meeting.objects.get()

    assert (meeting.uk_weekday, meeting.uk_start_time, slugs) == (uk_day, uk_time, ["new-york"])


def test_refresh_moves_only_meetings_whose_next_meeting_has_passed():
    with time_machine.travel(uk(2027, 3, 9, 12)):
        new_york_monday_7pm()
        MeetingFactory(slug="london")
    meeting = Meeting.objects.get(slug="new-york")
    assert (meeting.uk_next_date, meeting.uk_start_time) == (
        datetime.date(2027, 3, 9),
        datetime.time(0),
    )

    assert Meeting.objects.refresh_uk_times(datetime.date(2027, 3, 9)) == 0
    assert Meeting.objects.refresh_uk_times(datetime.date(2027, 3, 16)) == 1

    meeting.refresh_from_db()
    assert (meeting.uk_next_date, meeting.uk_start_time) == (
        datetime.date(2027, 3, 22),  # Monday 19:00 in New York, on summer time already
        datetime.time(23),
    )


# Today, from now


@pytest.fixture
def tuesday_meetings():
    MeetingFactory(slug="lunch", weekday=Weekday.TUESDAY, start_time=datetime.time(12))
    MeetingFactory(
        slug="early-evening",
        weekday=Weekday.TUESDAY,
        start_time=datetime.time(18),
        end_time=datetime.time(19),
    )
    MeetingFactory(
        slug="under-way",
        weekday=Weekday.TUESDAY,
        start_time=datetime.time(19, 30),
        end_time=datetime.time(21),
    )
    MeetingFactory(slug="later", weekday=Weekday.TUESDAY, start_time=datetime.time(20, 30))
    MeetingFactory(
        slug="late-night",
        weekday=Weekday.TUESDAY,
        start_time=datetime.time(23),
        end_time=datetime.time(0, 30),
    )
    MeetingFactory(
        slug="first-tuesday",
        weekday=Weekday.TUESDAY,
        frequency=Frequency.MONTHLY,
        week_of_month=WeekOfMonth.FIRST,
    )
    MeetingFactory(slug="wednesday", weekday=Weekday.WEDNESDAY)


@time_machine.travel(uk(2026, 11, 24, 19, 45))  # the fourth Tuesday of November
def test_today_lists_meetings_from_now_with_finished_ones_last(client, tuesday_meetings):
    response = client.get(FINDER, {"day": "today"})

    assert [m.slug for m in response.context["page"]] == [
        "under-way",
        "later",
        "late-night",
        "lunch",
        "early-evening",
    ]
    text = response.content.decode()
    for status in [
        "Started 15 minutes ago",
        "Starts in 45 minutes",
        "Starts in 3 hours 15 minutes",
        "Probably finished",  # it has no end time: an hour is a guess
        "Finished at 19:00",
    ]:
        assert f'<strong class="today-status">{status}</strong>' in text
    assert re.findall(r'<li class="(meeting[^"]*)" id=', text) == [
        *["meeting"] * 3,
        *["meeting ended"] * 2,  # shown as over
    ]
    every_day = client.get(FINDER).content.decode()  # no meeting is over in a list of days
    assert re.findall(r'<li class="(meeting[^"]*)" id=', every_day) == ["meeting"] * 7


@time_machine.travel(uk(2026, 11, 24, 12))
def test_a_temporarily_closed_meeting_among_todays_gives_no_time_to_go_by(client):
    MeetingFactory(slug="open", weekday=Weekday.TUESDAY, start_time=datetime.time(19))
    MeetingFactory(
        slug="closed",
        weekday=Weekday.TUESDAY,
        start_time=datetime.time(19),
        status=Status.TEMPORARILY_CLOSED,
    )

    response = client.get(FINDER, {"day": "today"})

    assert [m.slug for m in response.context["closed_meetings"]] == ["closed"]
    statuses = re.findall(r'<strong class="today-status">([^<]*)</strong>', response.text)
    assert statuses == ["Starts in 7 hours"]  # the open one's alone


@time_machine.travel(uk(2026, 11, 24, 19), tick=False)
def test_a_meeting_at_its_very_start_is_starting_now(client):
    MeetingFactory(weekday=Weekday.TUESDAY, start_time=datetime.time(19))

    response = client.get(FINDER, {"day": "today"})

    assertContains(response, '<strong class="today-status">Starting now</strong>', html=True)


@pytest.fixture
def sunday_night():
    """Sunday's meetings, one running past midnight, and Monday's."""
    sunday = {"weekday": Weekday.SUNDAY}
    MeetingFactory(
        slug="night-owls",
        online=True,
        start_time=datetime.time(23, 30),
        end_time=datetime.time(1),
        **sunday,
    )
    MeetingFactory(slug="over", start_time=datetime.time(20), end_time=datetime.time(21), **sunday)
    MeetingFactory(slug="no-end-time", start_time=datetime.time(23, 45), **sunday)  # not known
    MeetingFactory(
        slug="off-week",
        frequency=Frequency.FORTNIGHTLY,
        fortnight_anchor=datetime.date(2026, 11, 22),  # not 29 November
        start_time=datetime.time(23),
        end_time=datetime.time(1),
        **sunday,
    )
    MeetingFactory(slug="monday", weekday=Weekday.MONDAY, start_time=datetime.time(19))


@time_machine.travel(uk(2026, 11, 30, 0, 15))  # a Monday
def test_after_midnight_todays_list_begins_with_yesterdays_still_on(client, sunday_night):
    response = client.get(FINDER, {"day": "today"})

    assert [m.slug for m in response.context["page"]] == ["night-owls", "monday"]
    assert re.findall(r"<h3>([^<]*)</h3>", response.text) == [
        "Still on from yesterday, Sunday 29 November",
        "Today, Monday 30 November",
    ]
    statuses = re.findall(r'<strong class="today-status">([^<]*)</strong>', response.text)
    assert statuses == [
        "Started 45 minutes ago: you can still join",
        "Starts in 18 hours 45 minutes",
    ]
    calendar = icalendar.Calendar.from_ical(
        b"".join(client.get(reverse("meetings:meeting_list_calendar"), {"day": "today"}))
    )
    assert [str(event["DTSTART"].dt) for event in calendar.walk("VEVENT")] == [
        "2026-11-29 23:30:00+00:00",
        "2026-11-30 19:00:00+00:00",
    ]


@time_machine.travel(uk(2026, 11, 30, 1, 5))
def test_once_yesterdays_meeting_is_over_it_leaves_todays_list(client, sunday_night):
    response = client.get(FINDER, {"day": "today"})

    assert [m.slug for m in response.context["page"]] == ["monday"]


@time_machine.travel(uk(2026, 11, 24, 22))
def test_once_todays_meetings_are_over_the_list_offers_tomorrows(client):
    MeetingFactory(slug="lunch", weekday=Weekday.TUESDAY, start_time=datetime.time(12))
    MeetingFactory(slug="wednesday", weekday=Weekday.WEDNESDAY)

    over = client.get(FINDER, {"day": "today", "attendance": "in-person"})
    none_today = client.get(FINDER, {"day": "today", "attendance": "online"})

    assert [m.slug for m in over.context["page"]] == ["lunch"]
    assertContains(
        over,
        "<p>Every meeting on this list has finished for today. "
        '<a href="?day=wednesday&amp;attendance=in-person#results">'
        "See Wednesday’s meetings</a>.</p>",
        html=True,
    )
    assertContains(
        none_today,
        '<li><a href="?day=wednesday&amp;attendance=online#results">'
        "look at Wednesday’s meetings</a></li>",
        html=True,
    )
    assertNotContains(none_today, "Every meeting on this list has finished")


@time_machine.travel(uk(2026, 11, 24, 20, 30))
def test_once_those_near_a_place_are_over_the_online_ones_still_on_are_offered(client):
    MeetingFactory(slug="lunch", weekday=Weekday.TUESDAY, start_time=datetime.time(12))
    online = {"weekday": Weekday.TUESDAY, "online": True}
    MeetingFactory(slug="on-now", start_time=datetime.time(19, 45), **online)
    MeetingFactory(slug="over", start_time=datetime.time(9), **online)

    response = client.get(FINDER, {"day": "today", "near": "M1"})

    assert [m.slug for m in response.context["online_meetings"]] == ["on-now", "over"]
    assertContains(
        response,
        "<p>Every meeting within 10 miles of M1 has finished for today. "
        '<a href="#online">You can still join one online</a>. '
        '<a href="?day=wednesday&amp;near=M1#results">See Wednesday’s meetings</a>.</p>',
        html=True,
    )


@time_machine.travel(uk(2026, 11, 24, 19, 45))
def test_today_near_a_place_still_puts_finished_meetings_last(client, tuesday_meetings):
    slugs = found(client, day="today", near="M1")

    assert slugs[-2:] == ["lunch", "early-evening"]


@time_machine.travel(uk(2026, 11, 24, 9))
def test_date_headings_sit_only_over_meetings_held_that_date(client, tuesday_meetings):
    response = client.get(FINDER, {"day": "tuesday"})

    groups = [
        (heading, [m.slug for m in meetings])
        for heading, meetings in day_groups(response.context["page"].object_list)
    ]
    assert groups == [
        (
            "Today, Tuesday 24 November",
            ["lunch", "early-evening", "under-way", "later", "late-night"],
        ),
        ("Other Tuesdays", ["first-tuesday"]),
    ]
    assertContains(response, "First Tuesday of the month, next on Tuesday 1 December.")
