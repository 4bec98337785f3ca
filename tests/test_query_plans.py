"""The finder's list at national scale, as SQLite's query planner sees it.

SQLite chooses a plan from the statistics ANALYZE keeps in sqlite_stat1, so these tests give
an SQLite database of the meetings' tables the statistics of 50,000 meetings (taken from
`make bench`) instead of seeding them. An index added for another page once made the planner
read the finder's list by programme and sort every meeting: 8 ms a page became 56 ms.
The database is made here, beside whichever one the tests run on, so that these tests run
on both. (PostgreSQL's planner weighs the LIMIT and was not misled; its statistics cannot be
given, so its plans are measured by `make bench`.)"""

import datetime
import importlib

import pytest
import time_machine
from django.db import connection
from django.db.utils import ConnectionHandler
from django.http import QueryDict

from meetings.filters import MeetingFilter
from meetings.models import Area, Feature, Focus, Meeting, Source, Venue
from programmes.models import Programme

pytestmark = pytest.mark.django_db

NATIONAL_STATISTICS = [
    ("meetings_meeting", "meeting_attendance_idx", "50179 25090 12545 2281 80"),
    ("meetings_meeting", "meeting_keyword_sqlite_idx", "50179 25090 1"),
    ("meetings_meeting", "meeting_listing_order_idx", "50179 7169 238 1 1"),
    ("meetings_meeting", "meeting_uk_next_date_idx", "50179 25090"),
    ("meetings_meeting", "meeting_uk_schedule_idx", "50179 25090 6273 237 2"),
    ("meetings_meeting", "meeting_updated_idx", "50179 1"),
    ("meetings_meeting", "meeting_venue_schedule_idx", "50179 10 10 2 2"),
    ("meetings_meeting", "meetings_meeting_programme_id_b3f1c505", "50179 7169"),
    ("meetings_meeting", "meetings_meeting_source_id_cee960df", "50179 50179"),
    ("meetings_meeting", "sqlite_autoindex_meetings_meeting_1", "50179 1"),
    ("meetings_venue", "meetings_venue_area_id_8ec3ddc9", "5033 420"),
    ("meetings_venue", "meetings_venue_postcode_1cd52297", "5033 2"),
    ("meetings_venue", "meetings_venue_town_4c339eff", "5033 13"),
    ("meetings_venue", "venue_location_idx", "5033 2 2"),
    ("programmes_programme", "programmes_programme_approach_718588c0", "7 3"),
    ("programmes_programme", "sqlite_autoindex_programmes_programme_1", "7 1"),
    ("programmes_programme", "sqlite_autoindex_programmes_programme_2", "7 1"),
]


@pytest.fixture(scope="module")
def national_sqlite(django_db_blocker):
    """An SQLite database with the tables and indexes the finder reads, as migrations make them
    on SQLite, and the statistics of a national directory."""
    in_memory = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
    sqlite = ConnectionHandler({"default": in_memory})["default"]  # not the tests' database
    with django_db_blocker.unblock():  # module-wide, before any test's own database access
        with sqlite.schema_editor() as editor:
            for model in (Programme, Area, Venue, Focus, Feature, Source, Meeting):
                editor.create_model(model)
            keyword_index = importlib.import_module("meetings.migrations.0021_sqlite_keyword_index")
            keyword_index.keyword_index(None, editor)
        with sqlite.cursor() as cursor:
            cursor.execute("ANALYZE")  # makes sqlite_stat1
            cursor.execute("DELETE FROM sqlite_stat1")
            cursor.executemany("INSERT INTO sqlite_stat1 VALUES (%s, %s, %s)", NATIONAL_STATISTICS)
            cursor.execute("ANALYZE sqlite_schema")  # the planner reads them again
    yield sqlite
    sqlite.close()


def plan(sqlite, queryset):
    sql, params = queryset.query.get_compiler(connection=sqlite).as_sql()
    with sqlite.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return "\n".join(step[-1] for step in cursor.fetchall())


def search(query):
    filterset = MeetingFilter(QueryDict(query), queryset=Meeting.objects.active().for_listing())
    assert filterset.is_valid(), filterset.errors
    return filterset


def first_page_plan(sqlite, query):
    """SQLite's plan for the first page of the finder's list for `query`."""
    return plan(sqlite, search(query).qs[:20])


@pytest.mark.parametrize("query", ["", "attendance=online", "q=benchmark"])
def test_a_list_in_day_order_is_read_in_order_from_the_listing_index(national_sqlite, query):
    filterset = search(query)
    from_now, before_now = filterset.in_week_order(filterset.qs)  # the week from now

    for part, comparison in ((from_now, ">"), (before_now, "<")):
        steps = plan(national_sqlite, part[:20])
        index = "SEARCH meetings_meeting USING INDEX meeting_listing_order_idx"
        assert f"{index} ((uk_weekday,uk_start_time){comparison}(?,?))" in steps
        assert "TEMP B-TREE" not in steps  # nothing sorted: the first 20 in the range are the page


@pytest.mark.parametrize(
    "query, constraints",
    [
        ("near=M1+1AE", "venue_id=? AND status=?"),
        ("near=M1+1AE&day=tuesday&sort=time", "venue_id=? AND status=? AND uk_weekday=?"),
        (
            "near=M1+1AE&day=monday&time=evening",
            "venue_id=? AND status=? AND uk_weekday=? AND uk_start_time>? AND uk_start_time<?",
        ),
    ],
)
def test_a_search_near_a_place_reads_the_meetings_of_the_venues_near_it(
    national_sqlite, query, constraints
):
    """Not every active meeting (or every one on Tuesdays, or on Monday evenings) and its
    venue, to keep those near. At 50,000 meetings the SQL of a search near a postcode on
    Tuesdays took 0.7 ms, not 4.1; with no day, counting the meetings took 0.3 ms, not 1.2;
    the page of Monday evening's meetings took 0.21 ms, not 0.46."""
    steps = first_page_plan(national_sqlite, query).splitlines()

    assert steps[:2] == [
        "SEARCH meetings_venue USING INDEX venue_location_idx (latitude>? AND latitude<?)",
        f"SEARCH meetings_meeting USING INDEX meeting_venue_schedule_idx ({constraints})",
    ]


def test_a_long_list_by_distance_finds_its_page_from_the_indexes_alone(national_sqlite):
    """MeetingQuerySet.ids_first(): at 50,000 meetings, the SQL of the first page of the
    meetings within 10 miles of Westminster (more than 1,000 of them) took 1.1 ms, not 3.9."""
    page = search("near=SW1A+1AA").qs[:20].ids_first()

    steps = plan(national_sqlite, page).splitlines()

    assert steps[:4] == [
        "SEARCH meetings_meeting USING INTEGER PRIMARY KEY (rowid=?)",
        "LIST SUBQUERY 1",
        "SEARCH U1 USING COVERING INDEX venue_location_idx (latitude>? AND latitude<?)",
        "SEARCH U0 USING COVERING INDEX meeting_venue_schedule_idx (venue_id=? AND status=?)",
    ]


def test_temporarily_closed_meetings_near_a_place_are_read_from_the_few_closed_ones(
    national_sqlite,
):
    """Those few, not every meeting at the venues near the place: at 50,000 meetings 0.01 ms,
    not 0.09 (0.34 within 25 miles of London)."""
    closed = search("near=M1+1AE&day=monday&time=evening").closed_meetings()

    steps = plan(national_sqlite, closed[:10]).splitlines()

    assert steps[0] == (
        "SEARCH meetings_meeting USING INDEX meeting_uk_schedule_idx "
        "(status=? AND uk_weekday=? AND uk_start_time>? AND uk_start_time<?)"
    )


@pytest.mark.parametrize(
    "query, index",
    [
        ("day=today", "meeting_uk_schedule_idx (status=? AND uk_weekday=?)"),
        (
            "attendance=online&day=today",
            "meeting_attendance_idx (status=? AND attendance=? AND uk_weekday=?)",
        ),
    ],
)
def test_todays_meetings_are_read_from_that_weekdays_in_an_index(national_sqlite, query, index):
    """Not every active meeting, each checked for being held today: at 50,000 meetings the
    SQL of today's meetings took 11 ms, not 60, and of today's online meetings 3 ms, not 16.
    After midnight, yesterday's still on are read from the same index, as a second range."""
    with time_machine.travel(datetime.datetime(2026, 11, 30, 12, tzinfo=datetime.UTC)):
        by_day = first_page_plan(national_sqlite, query).splitlines()
    with time_machine.travel(datetime.datetime(2026, 11, 30, 0, 30, tzinfo=datetime.UTC)):
        at_night = first_page_plan(national_sqlite, query).splitlines()

    assert by_day[0] == f"SEARCH meetings_meeting USING INDEX {index}"
    assert at_night[0] == "MULTI-INDEX OR"
    assert [step.strip() for step in at_night[2:6:2]] == [
        f"SEARCH meetings_meeting USING INDEX {index}"
    ] * 2


def test_the_venue_schedule_index_gives_a_meetings_id_without_its_row():
    """MeetingQuerySet.ids_first() reads a page's ids from this index alone: SQLite's indexes
    hold the rowid; PostgreSQL's holds the id as well (migrations 0027 and 0042)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'meeting_venue_schedule_idx'"
            )
            definition = cursor.fetchone()[0]
            columns = "(venue_id, status, uk_weekday, uk_start_time, attendance)"
            assert definition.endswith(f"{columns} INCLUDE (id)")
        else:
            cursor.execute("SELECT name FROM pragma_index_xinfo('meeting_venue_schedule_idx')")
            assert [row[0] for row in cursor.fetchall()] == [
                "venue_id",
                "status",
                "uk_weekday",
                "uk_start_time",
                "attendance",
                None,  # the rowid, which is the id
            ]
