import io
import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from meetings.models import (
    UK_TIME_ZONE,
    Area,
    Attendance,
    Frequency,
    Meeting,
    Openness,
    Status,
    Venue,
    Weekday,
)
from meetings.search_form import NEAR_HINT
from programmes.models import Abstinence, Approach, Programme, ProgrammeNote

pytestmark = pytest.mark.django_db

PROGRAMMES = {
    "narcotics-anonymous": (Approach.TWELVE_STEP, Abstinence.COMPLETE, True),
    "alcoholics-anonymous": (Approach.TWELVE_STEP, Abstinence.COMPLETE_MEDICATION_YOURS, True),
    "cocaine-anonymous": (Approach.TWELVE_STEP, Abstinence.COMPLETE, True),
    "smart-recovery": (Approach.SKILLS_BASED, Abstinence.MAT_WELCOME, False),
    "smart-recovery-family-and-friends": (
        Approach.SKILLS_BASED,
        Abstinence.NOT_APPLICABLE,
        False,
    ),
}
AREAS = 17
VENUES = 33
MEETINGS = 179
NOTES = 68  # from programmes/content.py, loaded first
ATTENDANCE = {Attendance.IN_PERSON: 152, Attendance.ONLINE: 15, Attendance.HYBRID: 12}
TOWNS = {
    "Manchester",
    "Salford",
    "London",
    "Bristol",
    "Leeds",
    "Glasgow",
    "Edinburgh",
    "Cardiff",
    "Swansea",
    "Belfast",
}
# Belfast is BT, Cardiff CF, Edinburgh EH, Glasgow G, Swansea SA...
POSTCODE_AREAS = {"M", "NW", "WC", "E", "BS", "LS", "G", "EH", "CF", "SA", "BT"}
COUNTRIES = {"england", "scotland", "wales", "northern-ireland"}
FICTIONAL_DOMAINS = ("example.org", "example.com")


def load_demo_data():
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    return out.getvalue()


def database_contents():
    """Every row the command writes, except the time a meeting was last saved."""
    meeting_fields = [f.attname for f in Meeting._meta.concrete_fields if f.name != "updated"]
    return {
        "programmes": list(Programme.objects.order_by("pk").values()),
        "notes": list(ProgrammeNote.objects.order_by("pk").values()),
        "areas": list(Area.objects.order_by("pk").values()),
        "venues": list(Venue.objects.order_by("pk").values()),
        "meetings": list(Meeting.objects.order_by("pk").values(*meeting_fields)),
        "focuses": sorted(Meeting.focuses.through.objects.values_list("meeting", "focus")),
        "features": sorted(Meeting.features.through.objects.values_list("meeting", "feature")),
    }


@pytest.fixture
def demo():
    load_demo_data()


def test_each_demo_listing_has_one_version_however_often_it_is_loaded():
    load_demo_data()
    load_demo_data()

    for model in (Meeting, Venue, Area):
        versions = model.history.model.objects.values_list(
            "id", "history_type", "history_change_reason"
        )
        assert sorted(versions) == sorted(
            (pk, "+", "Demo data (load_demo_data)")
            for pk in model.objects.values_list("pk", flat=True)
        )
    meeting = Meeting.objects.filter(focuses__isnull=False).first()
    recorded = sorted(f.focus.slug for f in meeting.history.get().focuses.all())
    assert recorded == sorted(meeting.focuses.values_list("slug", flat=True))


def test_running_it_twice_changes_nothing():
    first_output = load_demo_data()
    first = database_contents()
    second_output = load_demo_data()
    second = database_contents()

    assert second == first
    assert len(first["programmes"]) == 7
    assert len(first["notes"]) == NOTES
    assert len(first["areas"]) == AREAS
    assert len(first["venues"]) == VENUES
    assert len(first["meetings"]) == MEETINGS
    assert {row["slug"] for row in second["meetings"]} == {row["slug"] for row in first["meetings"]}
    summary = f"Loaded 7 programmes, {AREAS} areas, {VENUES} venues, {MEETINGS} meetings.\n"
    assert first_output.endswith(summary)
    assert second_output.endswith(summary)


def test_meetings_use_the_shipped_programmes(demo):
    used = Programme.objects.filter(meetings__isnull=False).distinct()
    assert {
        programme.slug: (programme.approach, programme.abstinence, programme.spiritual)
        for programme in used
    } == PROGRAMMES
    assert Programme.objects.count() == 7


def test_areas_and_venues_cover_the_four_nations(demo):
    assert set(Area.objects.filter(parent=None).values_list("slug", flat=True)) == COUNTRIES
    assert Area.objects.get(slug="salford").path == "england/greater-manchester/salford"
    venue_paths = Venue.objects.values_list("area__path", flat=True)
    assert {path.split("/")[0] for path in venue_paths} == COUNTRIES
    assert set(Venue.objects.values_list("town", flat=True)) == TOWNS
    postcodes = Venue.objects.values_list("postcode", flat=True)
    assert {re.match("[A-Z]+", postcode)[0] for postcode in postcodes} == POSTCODE_AREAS
    assert Venue.objects.filter(step_free=True).exists()
    assert Venue.objects.filter(step_free=False).exists()
    assert Venue.objects.filter(hearing_loop=True).exists()
    assert not Venue.objects.filter(latitude=None).exists()
    assert not Venue.objects.filter(longitude=None).exists()


def test_meetings_cover_the_cases_the_site_handles(demo):
    meetings = Meeting.objects.all()
    assert meetings.count() >= 150
    assert {
        attendance: meetings.filter(attendance=attendance).count() for attendance in Attendance
    } == ATTENDANCE
    venue_paths = meetings.exclude(venue=None).values_list("venue__area__path", flat=True)
    assert {path.split("/")[0] for path in venue_paths} == COUNTRIES
    assert set(meetings.values_list("weekday", flat=True)) == set(Weekday.values)
    assert set(meetings.values_list("openness", flat=True)) == set(Openness.values)
    assert set(meetings.values_list("programme__slug", flat=True)) == set(PROGRAMMES)
    assert meetings.filter(start_time__hour__lt=12).exists()
    assert meetings.filter(start_time__hour__gte=12, start_time__hour__lt=17).exists()
    assert meetings.filter(start_time__hour__gte=17).exists()
    for focus in ("women", "lgbtq", "young-people", "newcomers", "bsl", "families"):
        assert meetings.with_focus(focus).exists(), focus
    assert meetings.filter(venue__step_free=True).exists()
    assert meetings.exclude(end_time=None).exists()
    assert meetings.exclude(public_notes="").exists()
    assert meetings.exclude(last_verified=None).exists()
    assert meetings.exclude(staff_notes="").exists()
    assert meetings.exclude(contact_email="").filter(contact_public=False).exists()
    assert meetings.filter(contact_public=True).count() == 2


def test_unusual_schedules_and_statuses(demo):
    def slugs(**filters):
        return set(Meeting.objects.filter(**filters).values_list("slug", flat=True))

    assert slugs(frequency=Frequency.FORTNIGHTLY) == {"smart-family-and-friends-bristol"}
    assert slugs(frequency=Frequency.MONTHLY) == {
        "aa-first-tuesday-speaker-leeds",
        "na-last-sunday-speaker-glasgow",
    }
    assert slugs(status=Status.TEMPORARILY_CLOSED) == {"ca-fresh-start-swansea"}
    assert slugs(status=Status.ENDED) == set()
    assert set(
        Meeting.objects.exclude(time_zone=UK_TIME_ZONE).values_list("slug", "time_zone")
    ) == {("ca-across-the-pond-online", "America/New_York")}


def test_links_and_contacts_are_fictional(demo):
    for url in Meeting.objects.exclude(online_url="").values_list("online_url", flat=True):
        assert urlsplit(url).hostname.endswith(FICTIONAL_DOMAINS), url
    for email in Meeting.objects.exclude(contact_email="").values_list("contact_email", flat=True):
        assert email.endswith(FICTIONAL_DOMAINS), email


def test_every_listing_passes_validation(demo):
    for venue in Venue.objects.all():
        venue.full_clean()
    for meeting in Meeting.objects.all():
        meeting.full_clean()


def test_every_example_in_the_search_hint_finds_meetings(client, demo):
    examples = NEAR_HINT.removeprefix("For example ").rstrip(".").replace(" or ", ", ")

    counts = {
        place: client.get("/meetings/", {"near": place}).context["page"].paginator.count
        for place in examples.split(", ")
    }

    assert list(counts) == ["M1 1AE", "LS6", "Cardiff"]
    assert all(counts.values()), counts
