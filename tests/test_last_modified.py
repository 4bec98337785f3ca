"""When a meeting last changed, as exports and calendars give it: its venue's changes count,
so that those who copy meetings (Meeting Guide, Open Referral UK, calendars) take a new
address too."""

import datetime
import importlib
import json

import icalendar
import pytest
import time_machine
from django.apps import apps as django_apps
from django.urls import reverse

from meetings.models import Attendance, Venue
from oruk import ids
from tests.factories import MeetingFactory, VenueFactory
from tests.staff_forms import admin_form_data

pytestmark = pytest.mark.django_db

MADE = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)
MOVED = datetime.datetime(2026, 5, 4, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def hall_moved():
    """A hall whose address was corrected after its meetings were last saved: an in-person
    meeting there, and a meeting that moved online and keeps it as where it met before."""
    with time_machine.travel(MADE, tick=False):
        hall = VenueFactory(address_line_1="3 Ropewalk Lane")
        there = MeetingFactory(slug="there", venue=hall)
        online = MeetingFactory(
            slug="online",
            venue=hall,
            attendance=Attendance.ONLINE,
            online_url="https://meet.example.org/abc",
        )
    with time_machine.travel(MOVED, tick=False):
        hall.address_line_1 = "5 Ropewalk Lane"
        hall.save()
    return there, online


def test_a_meeting_last_changed_when_it_or_its_venue_to_go_to_did(hall_moved):
    there, online = hall_moved

    assert there.venue.updated == MOVED
    assert there.last_modified == MOVED
    assert online.last_modified == MADE  # nothing happens at its old hall


def test_a_later_change_to_the_meeting_counts_over_its_venues(hall_moved):
    there, _ = hall_moved
    later = MOVED + datetime.timedelta(days=1)
    with time_machine.travel(later, tick=False):
        there.save()

    assert there.last_modified == later


def test_the_feed_gives_the_venues_change_as_updated(client, hall_moved):
    response = client.get(reverse("meetings:meeting_feed"))
    items = json.loads(b"".join(response.streaming_content))
    updated = {item["slug"]: item["updated"] for item in items}

    assert updated == {"there": "2026-05-04 09:30:00", "online": "2026-03-02 12:00:00"}


def test_open_referral_gives_the_venues_change_as_last_modified(client, hall_moved):
    there, online = hall_moved
    modified = {
        meeting.slug: client.get(
            f"/api/oruk/services/{ids.row_id(ids.SERVICE, meeting.pk)}"
        ).json()["last_modified"]
        for meeting in hall_moved
    }

    assert modified == {"there": "2026-05-04T09:30:00+00:00", "online": "2026-03-02T12:00:00+00:00"}


def test_a_calendar_gives_the_venues_change_as_last_modified(client, hall_moved):
    modified = {}
    for meeting in hall_moved:
        url = reverse("meetings:meeting_calendar", args=[meeting.slug])
        event = icalendar.Calendar.from_ical(client.get(url).content).walk("VEVENT")[0]
        modified[meeting.slug] = (event["LAST-MODIFIED"].dt, event["DTSTAMP"].dt)

    assert modified == {"there": (MOVED, MOVED), "online": (MADE, MADE)}


def test_a_migration_dates_venues_saved_before_it_by_their_history(hall_moved):
    there, _ = hall_moved
    unrecorded = VenueFactory()
    unrecorded.history.all().delete()
    migrated = datetime.datetime(2026, 11, 26, 8, 0, tzinfo=datetime.UTC)
    Venue.objects.update(updated=migrated)  # as the new column is filled in
    there.venue.history.update(updated=migrated)
    migration = importlib.import_module("meetings.migrations.0046_venue_updated")

    migration.from_history(django_apps, None)

    assert dict(Venue.objects.values_list("pk", "updated")) == {
        there.venue.pk: MOVED,
        unrecorded.pk: migrated,  # no history to tell
    }
    versions = there.venue.history.order_by("history_date")
    assert list(versions.values_list("updated", flat=True)) == [MADE, MOVED]


def test_saving_a_venue_or_meeting_in_the_admin_without_a_change_keeps_its_date(
    client, admin_user, hall_moved
):
    there, _ = hall_moved
    client.force_login(admin_user)
    later = MOVED + datetime.timedelta(days=1)
    with time_machine.travel(later, tick=False):
        for obj in (there.venue, there):
            url = reverse(f"admin:meetings_{obj._meta.model_name}_change", args=[obj.pk])
            assert client.post(url, admin_form_data(client.get(url))).status_code == 302

    there.refresh_from_db()
    assert (there.updated, there.venue.updated, there.last_modified) == (MADE, MOVED, MOVED)
