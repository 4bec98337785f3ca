import datetime
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from meetings.models import (
    Attendance,
    Feature,
    Frequency,
    LocationPrecision,
    Meeting,
    Status,
    Venue,
    Weekday,
    WeekOfMonth,
)
from tests.factories import AreaFactory, MeetingFactory, ProgrammeFactory, VenueFactory

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


def validation_errors(instance):
    with pytest.raises(ValidationError) as excinfo:
        instance.full_clean()
    return excinfo.value.message_dict


def unsaved_meeting(**fields):
    """A meeting ready for full_clean(): its programme and venue are saved, it is not."""
    fields.setdefault("venue", VenueFactory())
    return MeetingFactory.build(programme=ProgrammeFactory(), **fields)


def assert_rejected_by_database(**fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(**fields)


# Meeting rules: each stated in clean() for people and as a constraint for every write path.


def test_online_meeting_without_joining_details_is_invalid():
    meeting = unsaved_meeting(attendance=Attendance.ONLINE, venue=None, online_url="")

    assert validation_errors(meeting) == {
        "online_url": ["Online and hybrid meetings need a joining link or dial-in number."]
    }


def test_online_meeting_without_joining_details_is_rejected_by_database():
    assert_rejected_by_database(attendance=Attendance.ONLINE, venue=None, online_url="")


def test_online_meeting_with_only_a_dial_in_number_is_valid():
    meeting = MeetingFactory(
        attendance=Attendance.ONLINE, venue=None, online_url="", phone_dial_in="0330 088 5830"
    )

    meeting.full_clean()  # raises nothing

    assert meeting.ways_to_join == "By phone"


@time_machine.travel(datetime.datetime(2026, 11, 25, 23, 30, tzinfo=datetime.UTC))
def test_a_meeting_cannot_have_been_checked_on_a_day_still_to_come():
    tomorrow, today = unsaved_meeting(), unsaved_meeting()
    tomorrow.last_verified, today.last_verified = (
        datetime.date(2026, 11, 26),
        datetime.date(2026, 11, 25),
    )

    assert validation_errors(tomorrow) == {
        "last_verified": ["This date is still to come: give the day it was checked."]
    }
    today.full_clean()
    today.last_verified = datetime.date(1, 1, 1)
    assert validation_errors(today) == {
        "last_verified": ["Give the day it was checked, from 2000 on."]
    }


@time_machine.travel(datetime.datetime(2026, 11, 25, 23, 30, tzinfo=datetime.UTC))
def test_a_status_cannot_have_changed_on_a_day_still_to_come():
    tomorrow = unsaved_meeting(status="ended", status_since=datetime.date(2026, 11, 26))

    assert validation_errors(tomorrow) == {
        "status_since": ["This date is still to come: give the day it closed, reopened or ended."]
    }


def test_hybrid_meeting_without_venue_is_invalid():
    meeting = unsaved_meeting(hybrid=True, venue=None)

    assert validation_errors(meeting) == {"venue": ["In-person and hybrid meetings need a venue."]}


def test_in_person_meeting_without_venue_is_rejected_by_database():
    assert_rejected_by_database(attendance=Attendance.IN_PERSON, venue=None)


def test_hybrid_meeting_without_link_is_rejected_by_database():
    assert_rejected_by_database(attendance=Attendance.HYBRID, online_url="")


def test_meeting_ending_before_it_starts_is_invalid():
    meeting = unsaved_meeting(start_time=datetime.time(19, 30), end_time=datetime.time(19, 0))

    assert validation_errors(meeting) == {
        "end_time": [
            "The end time must be after the start time. A meeting that runs past midnight "
            "must end by 06:00."
        ]
    }
    assert_rejected_by_database(start_time=datetime.time(19, 30), end_time=datetime.time(19, 0))


def test_meeting_ending_when_it_starts_is_rejected_by_database():
    assert_rejected_by_database(start_time=datetime.time(19, 30), end_time=datetime.time(19, 30))


def test_meeting_may_run_past_midnight():
    meeting = unsaved_meeting(start_time=datetime.time(23), end_time=datetime.time(0, 30))
    meeting.full_clean()
    meeting.save()

    assert meeting.length == datetime.timedelta(minutes=90)


@pytest.mark.parametrize("slug", ["print", "feed", "export", "calendar", "report"])
def test_slug_of_another_page_is_refused(slug):
    meeting = unsaved_meeting(slug=slug)

    assert validation_errors(meeting) == {
        "slug": [f"“{slug}” is the address of another page. Choose another slug."]
    }
    assert_rejected_by_database(slug=slug)


def test_a_slug_is_kept_in_lower_case_as_addresses_are_typed():
    meeting = unsaved_meeting(slug="Tuesday-Hope")

    meeting.full_clean()

    assert meeting.slug == "tuesday-hope"
    MeetingFactory(slug="friday-hope")
    assert validation_errors(unsaved_meeting(slug="Friday-Hope")) == {
        "slug": ["Meeting with this Slug already exists."]
    }
    assert validation_errors(unsaved_meeting(slug="PRINT"))["slug"] == [
        "“print” is the address of another page. Choose another slug."
    ]


def test_a_slug_another_meeting_had_is_refused_but_a_meetings_own_is_not():
    renamed = MeetingFactory(slug="thursday-hope")
    renamed.slug = "friday-hope"
    renamed.save()

    assert validation_errors(unsaved_meeting(slug="thursday-hope")) == {
        "slug": [
            "“thursday-hope” was the address of another meeting, and links to it may still be "
            "shared. Choose another slug."
        ]
    }
    renamed.slug = "thursday-hope"
    renamed.full_clean()
    # One that another meeting has now is the unique constraint's to report, once.
    assert validation_errors(unsaved_meeting(slug="friday-hope")) == {
        "slug": ["Meeting with this Slug already exists."]
    }


def test_fifth_tuesday_meeting_is_held_only_in_months_with_five():
    meeting = MeetingFactory(
        weekday=Weekday.TUESDAY, frequency=Frequency.MONTHLY, week_of_month=WeekOfMonth.FIFTH
    )
    after = datetime.datetime(2026, 11, 24, 12, tzinfo=datetime.UTC)

    assert [start.date() for start in meeting.occurrences(after, count=3)] == [
        datetime.date(2026, 12, 29),
        datetime.date(2027, 3, 30),
        datetime.date(2027, 6, 29),
    ]


def test_fortnightly_meeting_needs_an_anchor_date_on_its_weekday():
    without_anchor = unsaved_meeting(frequency=Frequency.FORTNIGHTLY)
    on_wrong_day = unsaved_meeting(
        frequency=Frequency.FORTNIGHTLY,
        weekday=Weekday.MONDAY,
        fortnight_anchor=datetime.date(2026, 11, 24),  # a Tuesday
    )

    assert validation_errors(without_anchor) == {
        "fortnight_anchor": ["Give a date on which this fortnightly meeting is held."]
    }
    assert validation_errors(on_wrong_day) == {
        "fortnight_anchor": ["This date is not a Monday, the meeting's day."]
    }
    assert_rejected_by_database(frequency=Frequency.FORTNIGHTLY, fortnight_anchor=None)


def test_monthly_meeting_needs_a_week_of_the_month():
    meeting = unsaved_meeting(frequency=Frequency.MONTHLY)

    assert validation_errors(meeting) == {
        "week_of_month": ["Say which week of the month, for example the first."]
    }
    assert_rejected_by_database(frequency=Frequency.MONTHLY, week_of_month=None)


def test_a_time_zone_is_taken_in_any_case_and_with_spaces_around_it():
    meeting = unsaved_meeting(
        time_zone=" america/new_YORK ", attendance=Attendance.ONLINE, venue=None
    )
    meeting.online_url = "https://meet.example.org/ny"

    meeting.full_clean()

    assert meeting.time_zone == "America/New_York"


@pytest.mark.parametrize("attendance", [Attendance.IN_PERSON, Attendance.HYBRID])
def test_a_meeting_with_a_venue_to_go_to_meets_in_uk_time(attendance):
    meeting = unsaved_meeting(
        time_zone="Europe/Paris", attendance=attendance, online_url="https://meet.example.org/p"
    )

    assert validation_errors(meeting) == {
        "time_zone": [
            "A meeting with a venue to go to meets in UK time, Europe/London: another time "
            "zone is for an online meeting run from abroad."
        ]
    }


def test_unknown_time_zone_is_invalid():
    meeting = unsaved_meeting(time_zone="Mars/Olympus")

    assert validation_errors(meeting) == {
        "time_zone": ["Enter a time zone such as Europe/London or America/New_York."]
    }


def test_weekday_out_of_range_is_rejected_by_database():
    assert_rejected_by_database(weekday=7)


@pytest.mark.parametrize("week", [0, 6, -2])
def test_a_week_of_the_month_that_never_comes_is_rejected_by_database(week):
    assert_rejected_by_database(frequency=Frequency.MONTHLY, week_of_month=week)


# Schedules. BST ended at 02:00 on Sunday 25 October 2026 and begins on 28 March 2027.


def test_weekly_meeting_keeps_its_local_time_across_the_end_of_bst():
    meeting = MeetingFactory(weekday=Weekday.SATURDAY, start_time=datetime.time(19, 30))

    starts = meeting.occurrences(after=datetime.datetime(2026, 10, 20, tzinfo=LONDON), count=2)

    assert starts == [
        datetime.datetime(2026, 10, 24, 19, 30, tzinfo=LONDON),
        datetime.datetime(2026, 10, 31, 19, 30, tzinfo=LONDON),
    ]
    assert [start.astimezone(datetime.UTC).hour for start in starts] == [18, 19]


def test_fortnightly_meeting_falls_every_other_week_across_the_end_of_bst():
    meeting = MeetingFactory(
        weekday=Weekday.TUESDAY,
        start_time=datetime.time(18, 0),
        frequency=Frequency.FORTNIGHTLY,
        fortnight_anchor=datetime.date(2026, 10, 13),
    )

    starts = meeting.occurrences(after=datetime.datetime(2026, 10, 1, tzinfo=LONDON), count=3)

    assert [start.date() for start in starts] == [
        datetime.date(2026, 10, 13),
        datetime.date(2026, 10, 27),
        datetime.date(2026, 11, 10),
    ]
    assert [start.astimezone(datetime.UTC).hour for start in starts] == [17, 18, 18]


def test_monthly_meeting_falls_on_the_first_tuesday_across_the_start_of_bst():
    meeting = MeetingFactory(
        weekday=Weekday.TUESDAY,
        start_time=datetime.time(19, 0),
        frequency=Frequency.MONTHLY,
        week_of_month=WeekOfMonth.FIRST,
    )

    starts = meeting.occurrences(after=datetime.datetime(2027, 2, 10, tzinfo=LONDON), count=3)

    assert [start.date() for start in starts] == [
        datetime.date(2027, 3, 2),
        datetime.date(2027, 4, 6),
        datetime.date(2027, 5, 4),
    ]
    assert [start.astimezone(datetime.UTC).hour for start in starts] == [19, 18, 18]


def test_monthly_meeting_on_the_last_friday():
    meeting = MeetingFactory(
        weekday=Weekday.FRIDAY, frequency=Frequency.MONTHLY, week_of_month=WeekOfMonth.LAST
    )

    starts = meeting.occurrences(after=datetime.datetime(2026, 11, 1, tzinfo=LONDON), count=2)

    assert [start.date() for start in starts] == [
        datetime.date(2026, 11, 27),
        datetime.date(2026, 12, 25),
    ]


def test_occurrences_skip_a_meeting_that_has_already_started_today():
    meeting = MeetingFactory(weekday=Weekday.TUESDAY, start_time=datetime.time(19, 30))

    start = meeting.next_start(after=datetime.datetime(2026, 11, 24, 20, 0, tzinfo=LONDON))

    assert start == datetime.datetime(2026, 12, 1, 19, 30, tzinfo=LONDON)


def test_meeting_run_from_abroad_shows_its_next_start_in_uk_time():
    meeting = MeetingFactory(
        online=True,
        weekday=Weekday.MONDAY,
        start_time=datetime.time(20, 0),
        time_zone="America/New_York",
    )

    start = meeting.next_start_in_uk(after=datetime.datetime(2026, 11, 24, tzinfo=LONDON))

    assert start == datetime.datetime(2026, 11, 24, 1, 0, tzinfo=LONDON)  # Monday 20:00 in New York
    assert meeting.runs_from_abroad is True


def test_schedule_descriptions():
    weekly = unsaved_meeting(weekday=Weekday.MONDAY)
    fortnightly = unsaved_meeting(weekday=Weekday.TUESDAY, frequency=Frequency.FORTNIGHTLY)
    monthly = unsaved_meeting(
        weekday=Weekday.SUNDAY, frequency=Frequency.MONTHLY, week_of_month=WeekOfMonth.LAST
    )

    assert [m.schedule_description for m in (weekly, fortnightly, monthly)] == [
        "Every Monday",
        "Every other Tuesday",
        "Last Sunday of the month",
    ]


# Venues and areas


def test_venue_postcode_is_tidied_and_located_at_its_unit():
    venue = VenueFactory.build(postcode="m11ae", country="UK")

    venue.full_clean()
    venue.save()

    assert (venue.postcode, venue.country) == ("M1 1AE", "United Kingdom")
    assert (venue.latitude, venue.longitude) == (53.48346, -2.23118)  # the unit M1 1AE
    assert venue.location_precision == LocationPrecision.POSTCODE
    assert venue.map_url == (
        "https://www.openstreetmap.org/?mlat=53.48346&mlon=-2.23118#map=17/53.48346/-2.23118"
    )


@pytest.mark.parametrize(
    ("postcode", "point", "precision"),
    [
        ("M1 1ZZ", (53.482410, -2.235238), LocationPrecision.SECTOR),  # newer than the data
        ("BT48 6AA", (55.027133, -7.280900), LocationPrecision.DISTRICT),  # Northern Ireland
    ],
)
def test_venue_without_a_known_unit_falls_back_to_its_sector_or_district(
    postcode, point, precision
):
    venue = VenueFactory(postcode=postcode, name="Hall", address_line_1="1 High St", town="Derry")

    assert (venue.latitude, venue.longitude) == pytest.approx(point, abs=1e-6)
    assert venue.location_precision == precision
    # A pin at a district's centre would be in the wrong street: the map searches instead.
    assert venue.map_url == (
        "https://www.openstreetmap.org/search?query=Hall%2C+1+High+St%2C+Derry%2C+"
        f"{postcode.replace(' ', '+')}%2C+United+Kingdom"
    )


@pytest.mark.parametrize(
    "country",
    ["England", "scotland", "Wales", "Northern Ireland", "GB", "U.K.", "Great Britain", "uk"],
)
def test_every_spelling_of_the_uk_gets_postcode_checks(country):
    venue = VenueFactory.build(postcode="m1 1ae", country=country)
    venue.full_clean()
    venue.save()

    assert (venue.country, venue.postcode) == ("United Kingdom", "M1 1AE")
    assert venue.location_precision == LocationPrecision.POSTCODE
    invalid = VenueFactory.build(postcode="75001", country=country)
    assert validation_errors(invalid) == {
        "postcode": ["Enter a full UK postcode, for example M1 1AE."]
    }


def test_uk_venue_without_a_location_is_listed_for_staff():
    VenueFactory(name="Placed")
    VenueFactory(name="Unknown postcode", postcode="ZZ9 9ZZ")
    VenueFactory(name="Abroad", country="Ireland", postcode="D02 X285")

    assert [v.name for v in Venue.objects.in_uk().without_location()] == ["Unknown postcode"]


def test_venue_with_invalid_uk_postcode_is_invalid():
    venue = VenueFactory.build(postcode="NOT A CODE")

    assert validation_errors(venue) == {
        "postcode": ["Enter a full UK postcode, for example M1 1AE."]
    }


def test_venue_abroad_needs_no_uk_postcode():
    venue = VenueFactory.build(postcode="75001", country="France")

    venue.full_clean()
    venue.save()

    assert (venue.latitude, venue.longitude) == (None, None)


def test_staff_can_override_a_venue_location():
    venue = VenueFactory(location_set_by_staff=True, latitude=53.5, longitude=-2.25)

    venue.refresh_from_db()

    assert (venue.latitude, venue.longitude) == (53.5, -2.25)


def test_staff_override_needs_both_coordinates():
    venue = VenueFactory.build(location_set_by_staff=True, latitude=53.5, longitude=None)

    assert validation_errors(venue) == {
        "latitude": [
            "Enter both latitude and longitude, or untick the box to take them from the postcode."
        ]
    }


def test_area_paths_follow_the_tree_when_a_parent_moves():
    england = AreaFactory(name="England", slug="england")
    scotland = AreaFactory(name="Scotland", slug="scotland")
    manchester = AreaFactory(name="Manchester", slug="manchester", parent=england)
    salford = AreaFactory(name="Salford", slug="salford", parent=manchester)

    manchester.parent = scotland
    manchester.save()
    salford.refresh_from_db()

    assert salford.path == "scotland/manchester/salford"


def test_area_cannot_be_inside_itself():
    england = AreaFactory(slug="england")
    city = AreaFactory(parent=england)
    england.parent = city

    assert validation_errors(england) == {
        "parent": ["An area cannot be inside itself or an area inside it."]
    }


def test_active_excludes_closed_and_ended_meetings():
    active = MeetingFactory()
    MeetingFactory(status=Status.TEMPORARILY_CLOSED)
    MeetingFactory(status=Status.ENDED)

    assert list(Meeting.objects.active()) == [active]


def test_fortnightly_parity_follows_an_anchor_changed_through_update_or_create():
    meeting = MeetingFactory(
        weekday=Weekday.TUESDAY,
        frequency=Frequency.FORTNIGHTLY,
        fortnight_anchor=datetime.date(2026, 11, 10),
    )

    Meeting.objects.update_or_create(
        slug=meeting.slug, defaults={"fortnight_anchor": datetime.date(2026, 11, 17)}
    )

    meeting.refresh_from_db()
    assert meeting.occurs_on(datetime.date(2026, 11, 24)) is False
    assert list(Meeting.objects.on_days(dates=[datetime.date(2026, 11, 24)])) == []
    assert list(Meeting.objects.on_days(dates=[datetime.date(2026, 12, 1)])) == [meeting]


def test_a_meeting_is_named_with_its_day_time_and_town_as_names_repeat():
    in_person = MeetingFactory(name="Serenity", venue__town="Edinburgh")
    online = MeetingFactory(
        name="Serenity", attendance="online", venue=None, online_url="https://x.org/s"
    )

    assert [str(in_person), str(online)] == [
        "Serenity (Monday 19:30, Edinburgh)",
        "Serenity (Monday 19:30, online)",
    ]


@pytest.mark.parametrize(
    "name, description, explained",
    [
        ("Women", "For women only", "For women only"),
        ("Childcare", "Childcare is available", "Childcare is available"),
        ("Speaker", "One member shares their story", "Speaker: One member shares their story"),
        ("Veterans", "", "Veterans"),
    ],
)
def test_a_printed_key_names_a_tag_only_where_its_description_does_not(
    name, description, explained
):
    assert Feature(name=name, description=description).explained == explained


@pytest.mark.django_db
def test_the_shipped_features_are_explained_in_plain_words():
    assert Feature.objects.get(slug="attendance-letter").explained == (
        "Attendance letter: The group can give you a letter to say you attended"
    )


@pytest.mark.parametrize(
    "languages, listed",
    [
        ("English, Polish", ["English", "Polish"]),
        ("English and Polish", ["English", "Polish"]),
        ("English; Polish / BSL", ["English", "Polish", "BSL"]),
        ("Welsh AND English", ["Welsh", "English"]),
        (" , ", []),
    ],
)
def test_a_meetings_languages_are_read_one_by_one_whatever_separates_them(languages, listed):
    """The feed's language types and the API's languages both read this list."""
    assert Meeting(languages=languages).language_list == listed


def test_a_meeting_made_weekly_forgets_its_week_of_the_month_and_its_fortnight():
    """Left in the form, they came back unseen when it was made monthly or fortnightly again."""
    monthly = MeetingFactory(frequency=Frequency.MONTHLY, week_of_month=WeekOfMonth.SECOND)
    fortnightly = MeetingFactory(
        frequency=Frequency.FORTNIGHTLY,
        weekday=Weekday.MONDAY,
        fortnight_anchor=datetime.date(2026, 11, 23),
    )

    for meeting in (monthly, fortnightly):
        meeting.frequency = Frequency.WEEKLY
        meeting.full_clean()

    assert (monthly.week_of_month, fortnightly.fortnight_anchor) == (None, None)
