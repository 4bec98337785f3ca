"""An import into a database that has run out of disk, or that has become read-only, leaves
nothing half-written and says so in words, with no traceback."""

import contextlib
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from meetings.models import Meeting, Source, Venue
from tests.factories import ProgrammeFactory


def feed(tmp_path, count):
    path = tmp_path / "feed.json"
    rows = [
        {
            "slug": f"m-{n}",
            "name": f"Meeting {n} " + "with a long name " * 8,
            "day": n % 7,
            "time": "19:30",
            "notes": "Please ring the bell at the side door. " * 20,
            "formatted_address": f"{n} High Street, Leeds LS6 2QJ, UK",
        }
        for n in range(count)
    ]
    path.write_text(json.dumps(rows))
    return str(path)


def import_meetings(location):
    call_command("import_meetings", location, programme="local-peer-support", stdout=io.StringIO())


@contextlib.contextmanager
def disk_full():
    """The database cannot grow: SQLite is held to its present size; PostgreSQL answers
    inserts of meetings as it does when its disk is full (SQLSTATE 53100)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            pages = cursor.execute("PRAGMA page_count").fetchone()[0]
            cursor.execute(f"PRAGMA max_page_count = {pages}")
        else:
            cursor.execute(
                "CREATE FUNCTION disk_full() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION "
                "'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; "
                "END $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                "CREATE TRIGGER disk_full BEFORE INSERT ON meetings_meeting "
                "FOR EACH ROW EXECUTE FUNCTION disk_full()"
            )
    yield
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA max_page_count = 4294967294")
        else:
            cursor.execute("DROP TRIGGER disk_full ON meetings_meeting")
            cursor.execute("DROP FUNCTION disk_full()")


@contextlib.contextmanager
def read_only():
    """Every write is refused, as by a database mounted or set read-only."""
    switch = {
        "sqlite": "PRAGMA query_only = {}",
        "postgresql": "SET SESSION default_transaction_read_only = {}",
    }[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(switch.format("on"))
    yield
    with connection.cursor() as cursor:
        cursor.execute(switch.format("off"))


@pytest.mark.django_db
def test_a_full_disk_part_way_through_leaves_nothing_half_written(tmp_path):
    ProgrammeFactory(slug="local-peer-support")
    import_meetings(feed(tmp_path, 3))
    location = feed(tmp_path, 400)  # the same source, grown

    with disk_full(), pytest.raises(CommandError) as error:
        import_meetings(location)

    full = {"sqlite": "database or disk is full", "postgresql": "No space left on device"}
    assert str(error.value).startswith("The database refused a row (")
    assert full[connection.vendor] in str(error.value)
    assert str(error.value).endswith("). Nothing was imported.")
    assert (Meeting.objects.count(), Venue.objects.count()) == (3, 3)
    source = Source.objects.get()  # the failure is noted where staff look for it
    assert (source.outcome, source.report.startswith("Database error: ")) == ("failed", True)


@pytest.mark.django_db
def test_a_new_source_that_fails_leaves_no_trace(tmp_path):
    ProgrammeFactory(slug="local-peer-support")
    location = feed(tmp_path, 400)

    with disk_full(), pytest.raises(CommandError) as error:
        import_meetings(location)

    assert str(error.value).endswith("). Nothing was imported.")
    assert (Meeting.objects.count(), Venue.objects.count(), Source.objects.count()) == (0, 0, 0)


@pytest.mark.django_db(transaction=True)
def test_a_read_only_database_changes_nothing_and_says_so(tmp_path, reference_data):
    ProgrammeFactory(slug="local-peer-support")
    location = feed(tmp_path, 3)

    with read_only(), pytest.raises(CommandError) as error:
        import_meetings(location)

    assert str(error.value).startswith("The database refused a row (")
    assert str(error.value).endswith(
        "). Nothing was imported, and the failure could not be noted on the source."
    )
    assert (Meeting.objects.count(), Venue.objects.count(), Source.objects.count()) == (0, 0, 0)
