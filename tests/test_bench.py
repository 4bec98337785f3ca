import io

import pytest
from django.core.management import call_command
from django.db import connection

from meetings.management.commands.bench import OTHER_URLS, SEARCHES
from meetings.models import Attendance, Meeting, Venue
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_seed_bench_data_replaces_its_rows_on_a_second_run():
    call_command("seed_bench_data", meetings=40, stdout=io.StringIO())
    call_command("seed_bench_data", meetings=30, stdout=io.StringIO())

    bench = Meeting.objects.filter(slug__startswith="bench-")
    assert bench.count() == 30
    assert bench.filter(venue__isnull=True).exclude(attendance=Attendance.ONLINE).count() == 0
    # Made-up rows leave no history behind them, which would grow with every run.
    assert not Meeting.history.filter(slug__startswith="bench-").exists()
    assert not Venue.history.filter(name__startswith="bench-").exists()


def test_removing_benchmark_rows_leaves_other_history_alone():
    meeting = MeetingFactory(name="Tuesday Hope")
    meeting.name = "Tuesday Hope Group"
    meeting.save()

    call_command("seed_bench_data", meetings=10, stdout=io.StringIO())
    call_command("seed_bench_data", meetings=10, stdout=io.StringIO())

    assert [h.name for h in meeting.history.order_by("history_id")] == [
        "Tuesday Hope",
        "Tuesday Hope Group",
    ]


def test_bench_prints_a_line_for_every_search():
    call_command("seed_bench_data", meetings=30, stdout=io.StringIO())
    out = io.StringIO()

    call_command("bench", runs=2, stdout=out)

    lines = out.getvalue().splitlines()
    active = Meeting.objects.active().count()  # the demo data's and the 30 seeded
    assert lines[0] == f"Finder on {connection.vendor} with {active} active meetings, 2 runs each"
    assert [line[:38].strip() for line in lines[2 : 2 + len(SEARCHES) + len(OTHER_URLS)]] == [
        name for name, *_ in SEARCHES + OTHER_URLS
    ]


def test_bench_measures_how_far_postcodes_were_from_where_they_were_placed():
    out = io.StringIO()

    call_command("bench", runs=2, stdout=out)

    lines = out.getvalue().splitlines()
    heading = lines.index("Location error over 1,058 postcodes (every 50th):")
    assert lines[heading + 1].startswith("  placed at its district centre: median ")
    assert lines[heading + 2].startswith("  placed at its sector centre: median ")
    assert lines[heading + 3] == "  placed at its unit: 0 miles"
