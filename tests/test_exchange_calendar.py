"""iCalendar: /meetings/<slug>/calendar.ics and /meetings/calendar.ics."""

import datetime
import itertools
import re
import zoneinfo

import icalendar
import pytest
import time_machine
from dateutil.rrule import rrulestr
from django.urls import reverse

from meetings.models import Frequency, Status, Weekday
from tests.factories import MeetingFactory, VenueFactory, create_meetings_in_bulk

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
LIST_CALENDAR = reverse("meetings:meeting_list_calendar")
# Listed on Friday 20 March 2026; British Summer Time starts on Sunday 29 March.
LISTED = datetime.datetime(2026, 3, 20, 12, tzinfo=datetime.UTC)


def calendar_of(client, meeting):
    response = client.get(reverse("meetings:meeting_calendar", args=[meeting.slug]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def first_starts(event, count=3):
    """The first start times, computed from DTSTART and RRULE as a calendar app would."""
    rule = event["rrule"].to_ical().decode()
    return list(itertools.islice(rrulestr(rule, dtstart=event.decoded("dtstart")), count))


def in_utc(starts):
    return [start.astimezone(datetime.UTC).strftime("%a %d %b %H:%M") for start in starts]


@time_machine.travel(LISTED, tick=False)
def test_weekly_meeting_keeps_its_local_time_across_the_clock_change(client):
    meeting = MeetingFactory(
        slug="monday-step",
        name="Monday Step",
        weekday=Weekday.MONDAY,
        start_time=datetime.time(19, 30),
        end_time=datetime.time(21, 0),
        venue=VenueFactory(name="Hall", address_line_1="1 High Street", town="Lewes"),
    )

    cal = calendar_of(client, meeting)
    [event] = cal.walk("VEVENT")

    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/London"]
    assert event["rrule"].to_ical() == b"FREQ=WEEKLY;BYDAY=MO"
    assert in_utc(first_starts(event)) == [
        "Mon 23 Mar 19:30",
        "Mon 30 Mar 18:30",
        "Mon 06 Apr 18:30",
    ]
    assert event.decoded("dtend") == datetime.datetime(2026, 3, 23, 21, 0, tzinfo=LONDON)
    assert str(event["uid"]) == f"meeting-{meeting.pk}@testserver"
    assert str(event["summary"]) == f"Monday Step ({meeting.programme.short_name})"
    assert str(event["location"]) == "Hall, 1 High Street, Lewes, M1 1AE"
    assert str(event["url"]) == "http://testserver/meetings/monday-step/"


@time_machine.travel(LISTED, tick=False)
def test_uk_time_zone_is_given_as_yearly_rules_that_calendars_follow(client):
    meeting = MeetingFactory(weekday=Weekday.MONDAY, start_time=datetime.time(19, 30))

    body = client.get(reverse("meetings:meeting_calendar", args=[meeting.slug])).content.decode()
    cal = icalendar.Calendar.from_ical(body)
    [zone] = cal.walk("VTIMEZONE")
    [event] = cal.walk("VEVENT")

    assert re.findall(r"BEGIN:VTIMEZONE\r\n.*?END:VTIMEZONE\r\n", body, re.DOTALL) == [
        "BEGIN:VTIMEZONE\r\n"
        "TZID:Europe/London\r\n"
        "BEGIN:STANDARD\r\n"
        "DTSTART:19701025T020000\r\n"
        "TZOFFSETFROM:+0100\r\n"
        "TZOFFSETTO:+0000\r\n"
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
        "TZNAME:GMT\r\n"
        "END:STANDARD\r\n"
        "BEGIN:DAYLIGHT\r\n"
        "DTSTART:19700329T010000\r\n"
        "TZOFFSETFROM:+0000\r\n"
        "TZOFFSETTO:+0100\r\n"
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
        "TZNAME:BST\r\n"
        "END:DAYLIGHT\r\n"
        "END:VTIMEZONE\r\n"
    ]
    # The times a calendar app works out from this VTIMEZONE alone, not from its own zones.
    uk_time = zone.to_tz(lookup_tzid=False)
    wall_clock = event.decoded("dtstart").replace(tzinfo=None)
    rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=wall_clock)
    around_changes = [
        start.replace(tzinfo=uk_time)
        for start in rule.between(datetime.datetime(2026, 3, 22), datetime.datetime(2026, 3, 31))
        + rule.between(datetime.datetime(2026, 10, 18), datetime.datetime(2026, 10, 27))
    ]
    assert in_utc(around_changes) == [
        "Mon 23 Mar 19:30",
        "Mon 30 Mar 18:30",
        "Mon 19 Oct 18:30",
        "Mon 26 Oct 19:30",
    ]


@time_machine.travel(LISTED, tick=False)
def test_fortnightly_meeting_starts_on_a_date_of_the_anchors_parity(client):
    meeting = MeetingFactory(
        weekday=Weekday.THURSDAY,
        frequency=Frequency.FORTNIGHTLY,
        fortnight_anchor=datetime.date(2026, 1, 8),
        start_time=datetime.time(18, 30),
    )

    [event] = calendar_of(client, meeting).walk("VEVENT")

    assert event["rrule"].to_ical() == b"FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"
    assert first_starts(event) == meeting.occurrences(after=LISTED, count=3)
    assert in_utc(first_starts(event)) == [
        "Thu 02 Apr 17:30",
        "Thu 16 Apr 17:30",
        "Thu 30 Apr 17:30",
    ]


@time_machine.travel(LISTED, tick=False)
@pytest.mark.parametrize(
    ("weekday", "week", "rule", "expected"),
    [
        (Weekday.TUESDAY, 1, b"FREQ=MONTHLY;BYDAY=1TU", ["Tue 07 Apr", "Tue 05 May", "Tue 02 Jun"]),
        (
            Weekday.FRIDAY,
            -1,
            b"FREQ=MONTHLY;BYDAY=-1FR",
            ["Fri 27 Mar", "Fri 24 Apr", "Fri 29 May"],
        ),
    ],
)
def test_monthly_meetings(client, weekday, week, rule, expected):
    meeting = MeetingFactory(weekday=weekday, frequency=Frequency.MONTHLY, week_of_month=week)

    [event] = calendar_of(client, meeting).walk("VEVENT")

    assert event["rrule"].to_ical() == rule
    assert [start.strftime("%a %d %b") for start in first_starts(event)] == expected
    assert first_starts(event) == meeting.occurrences(after=LISTED, count=3)


@time_machine.travel(LISTED, tick=False)
def test_online_meeting_from_abroad_has_its_own_zone_and_the_joining_link(client):
    meeting = MeetingFactory(
        slug="pond",
        online=True,
        online_url="https://meet.example.org/pond",
        venue=VenueFactory(name="Old Hall"),  # where it met before it moved online
        time_zone="America/New_York",
        weekday=Weekday.SATURDAY,
        start_time=datetime.time(14, 0),
        programme__name="Cocaine Anonymous",
    )

    cal = calendar_of(client, meeting)
    [event] = cal.walk("VEVENT")

    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/London", "America/New_York"]
    assert str(event["location"]) == "Online"
    assert str(event["description"]) == (
        "Cocaine Anonymous. Every Saturday.\n"
        "Join: https://meet.example.org/pond\n"
        "Details and changes: http://testserver/meetings/pond/"
    )
    # New York moved its clocks on 8 March, London on 29 March: 18:00 UTC all along.
    assert in_utc(first_starts(event)) == [
        "Sat 21 Mar 18:00",
        "Sat 28 Mar 18:00",
        "Sat 04 Apr 18:00",
    ]


def test_a_meeting_not_held_in_english_alone_says_so_in_its_description(client):
    meeting = MeetingFactory(slug="un-dydd", languages="Welsh", programme__name="AA")

    [event] = calendar_of(client, meeting).walk("VEVENT")

    assert str(event["description"]) == (
        "AA. Every Monday.\nIn Welsh.\nDetails and changes: http://testserver/meetings/un-dydd/"
    )


def test_a_hybrid_meeting_is_located_at_its_venue_with_its_link_in_the_description(client):
    meeting = MeetingFactory(
        slug="step",
        hybrid=True,
        online_url="https://meet.example.org/step",
        online_passcode="1234",
        programme__name="Narcotics Anonymous",
        venue=VenueFactory(name="St Anne's Hall", address_line_1="1 High Street", town="Lewes"),
    )

    [event] = calendar_of(client, meeting).walk("VEVENT")

    assert str(event["location"]) == "St Anne's Hall, 1 High Street, Lewes, M1 1AE"
    assert str(event["description"]) == (
        "Narcotics Anonymous. Every Monday.\n"
        "Join: https://meet.example.org/step\n"
        "Passcode: 1234\n"
        "Details and changes: http://testserver/meetings/step/"
    )


@pytest.mark.parametrize("title", ["plain", "Plain"])
def test_a_meeting_can_be_added_with_a_plain_title_that_does_not_name_its_programme(client, title):
    meeting = MeetingFactory(
        slug="na-monday-step",
        name="Monday Step",
        programme__name="Narcotics Anonymous",
        programme__short_name="NA",
        public_notes="An NA meeting.",
        hybrid=True,
        online_url="https://meet.example.org/na-monday-step",
        phone_dial_in="0161 496 0000",
        online_passcode="1234",
        venue__name="Kelvin Mews Recovery Café",
    )
    url = reverse("meetings:meeting_calendar", args=[meeting.slug])

    response = client.get(url, {"title": title})
    cal = icalendar.Calendar.from_ical(response.content)
    [event] = cal.walk("VEVENT")

    assert response["Content-Disposition"] == 'attachment; filename="meeting.ics"'
    assert (str(cal["x-wr-calname"]), str(event["summary"])) == ("Meetings", "Meeting")
    assert "url" not in event
    assert str(event["description"]) == "Every Monday.\nJoin: dial 0161 496 0000\nPasscode: 1234"
    assert str(event["location"]) == "1 High Street, Manchester, M1 1AE"
    text = response.content.decode().replace("\r\n ", "")  # unfolded
    assert not re.search(r"\bNA\b|Narcotics|na-monday-step|Step|Kelvin|https:", text)


def test_an_online_meeting_with_a_plain_title_has_no_joining_link(client):
    meeting = MeetingFactory(
        online=True, online_url="https://meet.example.org/na-step", online_meeting_id="845 123"
    )
    url = reverse("meetings:meeting_calendar", args=[meeting.slug])

    response = client.get(url, {"title": "plain"})
    [event] = icalendar.Calendar.from_ical(response.content).walk("VEVENT")

    assert (str(event["location"]), str(event["description"])) == (
        "Online",
        "Every Monday.\nMeeting ID: 845 123",
    )


def test_list_calendar_can_have_plain_titles(client):
    MeetingFactory(
        name="Monday Step",
        programme__name="Narcotics Anonymous",
        venue__name="Kelvin Mews Recovery Café",
    )

    response = client.get(LIST_CALENDAR, {"title": "PLAIN"})
    cal = icalendar.Calendar.from_ical(b"".join(response.streaming_content))
    [event] = cal.walk("VEVENT")

    assert (str(cal["x-wr-calname"]), str(event["summary"])) == ("Meetings", "Meeting")
    assert "url" not in event
    assert str(event["location"]) == "1 High Street, Manchester, M1 1AE"
    assert str(event["description"]) == "Every Monday."


def test_the_same_meeting_gives_the_same_calendar(client):
    meeting = MeetingFactory()

    assert calendar_of(client, meeting).to_ical() == calendar_of(client, meeting).to_ical()


def test_list_calendar_has_the_filtered_meetings_and_one_timezone_per_zone(client):
    MeetingFactory(slug="monday", weekday=Weekday.MONDAY)
    MeetingFactory(  # noon in New York is still Monday in the UK, where lists are filed
        slug="monday-ny",
        weekday=Weekday.MONDAY,
        start_time=datetime.time(12),
        end_time=datetime.time(13),
        time_zone="America/New_York",
    )
    MeetingFactory(slug="tuesday", weekday=Weekday.TUESDAY)

    response = client.get(LIST_CALENDAR, {"day": "monday"})
    cal = icalendar.Calendar.from_ical(b"".join(response.streaming_content))

    assert sorted(str(event["url"]).split("/")[-2] for event in cal.walk("VEVENT")) == [
        "monday",
        "monday-ny",
    ]
    assert sorted(tz["TZID"] for tz in cal.walk("VTIMEZONE")) == [
        "America/New_York",
        "Europe/London",
    ]


def test_a_list_calendar_that_finds_nothing_is_still_valid_with_the_uk_time_zone(client):
    MeetingFactory()

    response = client.get(LIST_CALENDAR, {"q": "zzzznothing"})
    cal = icalendar.Calendar.from_ical(b"".join(response.streaming_content))

    assert [(part.name, str(part["tzid"])) for part in cal.subcomponents] == [
        ("VTIMEZONE", "Europe/London")
    ]


@time_machine.travel(LISTED, tick=False)  # a Friday
def test_a_list_of_todays_meetings_gives_each_once_today(client):
    uk = MeetingFactory(weekday=Weekday.FRIDAY, start_time=datetime.time(19, 30))
    new_york = MeetingFactory(  # 01:00 on Friday in the UK
        online=True,
        time_zone="America/New_York",
        weekday=Weekday.THURSDAY,
        start_time=datetime.time(21, 0),
        end_time=datetime.time(22, 0),
    )
    MeetingFactory(weekday=Weekday.THURSDAY)

    response = client.get(LIST_CALENDAR, {"day": "Today"})
    events = icalendar.Calendar.from_ical(b"".join(response.streaming_content)).walk("VEVENT")

    assert [
        (str(event["uid"]), event.decoded("dtstart"), event.decoded("dtend"), "rrule" in event)
        for event in events
    ] == [
        (
            f"meeting-{uk.pk}-20260320@testserver",
            datetime.datetime(2026, 3, 20, 19, 30, tzinfo=LONDON),
            datetime.datetime(2026, 3, 20, 20, 30, tzinfo=LONDON),
            False,
        ),
        (  # over already, so last, as the finder lists it
            f"meeting-{new_york.pk}-20260320@testserver",
            datetime.datetime(2026, 3, 19, 21, 0, tzinfo=NEW_YORK),
            datetime.datetime(2026, 3, 19, 22, 0, tzinfo=NEW_YORK),
            False,
        ),
    ]


@time_machine.travel(LISTED, tick=False)
def test_finder_offers_todays_meetings_as_a_calendar_file_but_not_to_subscribe_to(client):
    MeetingFactory(weekday=Weekday.FRIDAY)

    html = client.get(reverse("meetings:meeting_list"), {"day": "today"}).content.decode()

    [export_links] = re.findall(r'<p class="export-links">.*?</p>', html, re.DOTALL)
    assert re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', export_links) == [
        ("/meetings/export.csv?day=today", "Download CSV"),
        ("/meetings/calendar.ics?day=today", "Calendar file"),
        ("/meetings/feed.json?day=today", "Data feed"),
        ("/data/", "how to use our data"),
    ]


def test_list_calendar_answers_bad_filters_with_400(client):
    response = client.get(LIST_CALENDAR, {"time": "teatime"})

    assert response.status_code == 400
    assert response.content.decode() == (
        "There is a problem with the search:\n"
        "Time of day: “teatime” is not one of these: morning, afternoon, evening, night.\n"
    )


@pytest.mark.parametrize("n_meetings", [1, 30])
def test_list_calendar_query_count_does_not_grow(client, django_assert_num_queries, n_meetings):
    create_meetings_in_bulk(n_meetings)

    # When anything last changed; meetings with programme, venue and area; focuses; features.
    with django_assert_num_queries(4):
        body = b"".join(client.get(LIST_CALENDAR).streaming_content)

    assert len(icalendar.Calendar.from_ical(body).walk("VEVENT")) == n_meetings


def test_list_calendar_answers_conditional_requests_with_304(client):
    MeetingFactory()
    etag = client.get(LIST_CALENDAR)["ETag"]

    assert client.get(LIST_CALENDAR, headers={"if-none-match": etag}).status_code == 304


@time_machine.travel(LISTED, tick=False)
def test_a_meeting_that_runs_past_midnight_ends_the_next_day(client):
    meeting = MeetingFactory(
        weekday=Weekday.TUESDAY, start_time=datetime.time(23, 0), end_time=datetime.time(0, 30)
    )

    [event] = calendar_of(client, meeting).walk("VEVENT")

    assert (event.decoded("dtstart"), event.decoded("dtend")) == (
        datetime.datetime(2026, 3, 24, 23, 0, tzinfo=LONDON),
        datetime.datetime(2026, 3, 25, 0, 30, tzinfo=LONDON),
    )


def test_a_temporarily_closed_meeting_says_so_in_its_calendar(client):
    meeting = MeetingFactory(
        name="Monday Step", status="temporarily-closed", status_since=datetime.date(2026, 11, 2)
    )

    [event] = calendar_of(client, meeting).walk("VEVENT")

    assert str(event["summary"]) == (
        f"Temporarily closed: Monday Step ({meeting.programme.short_name})"
    )
    assert str(event["description"]).startswith(
        "Temporarily closed since 2 November 2026: check before you go.\n"
    )


@pytest.mark.parametrize(
    ("status_since", "description"),
    [
        (datetime.date(2026, 11, 2), "Ended on 2 November 2026: it no longer meets."),
        (None, "Ended: it no longer meets."),  # then the day staff ended it, its last change
    ],
    ids=["status date", "no status date"],
)
def test_an_ended_meetings_calendar_ends_its_series_before_the_day_it_ended(
    client, status_since, description
):
    with time_machine.travel(LISTED, tick=False):
        meeting = MeetingFactory(
            slug="monday-group",
            name="Monday Group",
            weekday=Weekday.MONDAY,
            start_time=datetime.time(19, 30),
            programme__name="SMART Recovery",
            programme__short_name="SMART",
        )
    with time_machine.travel(datetime.datetime(2026, 11, 2, 12, tzinfo=datetime.UTC), tick=False):
        meeting.status, meeting.status_since = Status.ENDED, status_since
        meeting.save()

    [event] = calendar_of(client, meeting).walk("VEVENT")

    assert event["rrule"].to_ical() == b"FREQ=WEEKLY;UNTIL=20261026T193000Z;BYDAY=MO"
    starts = first_starts(event, count=100)  # all of them, as the series ends
    assert (len(starts), in_utc(starts[-2:])) == (32, ["Mon 19 Oct 18:30", "Mon 26 Oct 19:30"])
    assert str(event["summary"]) == "Monday Group (SMART)"
    assert str(event["description"]) == (
        f"{description}\nSMART Recovery. Every Monday.\n"
        "Details and changes: http://testserver/meetings/monday-group/"
    )


@time_machine.travel(LISTED, tick=False)
def test_a_meeting_that_ended_before_it_was_first_held_has_no_event(client):
    meeting = MeetingFactory(
        weekday=Weekday.MONDAY, status=Status.ENDED, status_since=datetime.date(2026, 3, 22)
    )

    cal = calendar_of(client, meeting)

    assert [(part.name, str(part["tzid"])) for part in cal.subcomponents] == [
        ("VTIMEZONE", "Europe/London")
    ]


@pytest.mark.parametrize("view", ["meetings:meeting_calendar", "meetings:meeting_report"])
def test_a_meetings_old_address_leads_to_its_new_one(client, view):
    meeting = MeetingFactory(slug="old-name")
    meeting.slug = "new-name"
    meeting.save()

    response = client.get(reverse(view, args=["old-name"]))

    assert (response.status_code, response["Location"]) == (301, reverse(view, args=["new-name"]))
