"""Keyword search and paging give the same answers on SQLite and PostgreSQL."""

import datetime
import importlib
import re

import pytest
import time_machine
from django.apps import apps as django_apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from meetings.models import Attendance, Frequency, Meeting, Status, Weekday
from meetings.paging import CappedPaginator
from tests.factories import (
    MeetingFactory,
    ProgrammeFactory,
    VenueFactory,
    create_meetings_in_bulk,
)

pytestmark = pytest.mark.django_db
SEE_ALL_ONLINE = "See all the meetings you can join online, hybrid ones included"
FINDER = reverse("meetings:meeting_list")


def found(client, **params):
    response = client.get(FINDER, params, follow=True)  # page=1 redirects to a clean URL
    assert response.status_code == 200
    return sorted(meeting.slug for meeting in response.context["page"])


@pytest.fixture
def meetings():
    na = ProgrammeFactory(name="Narcotics Anonymous", short_name="NA")
    smart = ProgrammeFactory(name="SMART Recovery", short_name="SMART")
    MeetingFactory(slug="na-manchester", programme=na, venue__town="Manchester")
    MeetingFactory(
        slug="smart-finance",
        name="Finance Workers' Group",
        programme=smart,
        venue=VenueFactory(name="St. Anne's Hall", town="Nantwich"),
    )
    MeetingFactory(slug="the-way-out", name="The Way Out", programme=smart, venue__town="Leeds")
    MeetingFactory(
        slug="cafe",
        name="Café Group",
        programme=smart,
        venue__name="Tŷ Derwen",
        venue__town="Bala",
        languages="Welsh",
    )


@pytest.mark.parametrize(
    ("query", "slugs"),
    [
        ("manc", ["na-manchester"]),  # the start of a word
        ("welsh", ["cafe"]),  # the languages it is held in, in English or in their own
        ("cymraeg", ["cafe"]),
        ("MANCHESTER", ["na-manchester"]),
        ("chester", []),  # not the middle of one
        ("NA", ["na-manchester"]),  # a short name is a whole word, not "fiNAnce" or "NAntwich"
        ("narcotics anon", ["na-manchester"]),
        ("st annes", ["smart-finance"]),  # apostrophes or none, as people type them
        ("st anne's", ["smart-finance"]),
        ("St Anne’s", ["smart-finance"]),
        ("st anne", ["smart-finance"]),
        ("anne s", ["smart-finance"]),  # and the words they join
        ("s hall", ["smart-finance"]),
        ("workers", ["smart-finance"]),
        ("workers group", ["smart-finance"]),
        ("the", ["cafe", "na-manchester", "smart-finance", "the-way-out"]),  # a common word alone
        ("cafe", ["cafe"]),  # accents or none, as phone keyboards type them
        ("CAFÉ", ["cafe"]),
        ("ty derwen", ["cafe"]),
        ("tŷ", ["cafe"]),
        ("the way out", ["the-way-out"]),
        ("way out of the", ["the-way-out"]),
        ("smart leeds", ["the-way-out"]),
        ("%", ["cafe", "na-manchester", "smart-finance", "the-way-out"]),  # no words at all
        ("_anc", []),
    ],
)
def test_keyword_search(client, meetings, query, slugs):
    assert found(client, q=query) == slugs


def test_paging_never_skips_or_repeats_meetings_that_tie(client):
    # 45 meetings with the same name, day and time: only the id tells them apart.
    for i in range(45):
        MeetingFactory(
            slug=f"tie-{i:02}",
            name="Same Name",
            weekday=Weekday.MONDAY,
            start_time=datetime.time(19),
            venue=VenueFactory(),
        )

    pages = [found(client, page=number) for number in (1, 2, 3)]
    shown = [slug for page in pages for slug in page]

    assert [len(page) for page in pages] == [20, 20, 5]
    assert sorted(shown) == [f"tie-{i:02}" for i in range(45)]


def test_paging_by_distance_never_skips_or_repeats_meetings_that_tie(client):
    venue = VenueFactory(postcode="M1 1AE")
    for i in range(25):
        MeetingFactory(slug=f"tie-{i:02}", name="Same", venue=venue, start_time=datetime.time(19))

    shown = found(client, near="M1 1AE", page=1) + found(client, near="M1 1AE", page=2)

    assert sorted(shown) == [f"tie-{i:02}" for i in range(25)]


def pages_in_order(client, **params):
    pages, number = [], 1
    while True:
        response = client.get(FINDER, {**params, "page": number}, follow=True)
        pages.append([meeting.slug for meeting in response.context["page"]])
        if not response.context["page"].has_next():
            return pages
        number += 1


@pytest.mark.parametrize("ids_first_from", [0, 1000])  # every list in two steps, or none
@time_machine.travel(datetime.datetime(2026, 11, 28, 12, 0, tzinfo=datetime.UTC))  # a Saturday
def test_a_list_by_distance_read_in_two_steps_has_the_same_pages(
    client, monkeypatch, ids_first_from
):
    """MeetingQuerySet.ids_first() finds a page's meetings from the indexes, then reads their
    rows: the pages hold the same meetings in the same order as when read at once."""
    monkeypatch.setattr(CappedPaginator, "ids_first_from", ids_first_from)
    here = VenueFactory(postcode="M1 1AE")
    further = VenueFactory(postcode="M4 1AA")  # about a mile away
    for i in range(30):  # at one place at once: only the id tells these apart
        MeetingFactory(slug=f"here-{i:02}", name=f"Z {i}", venue=here, start_time=datetime.time(19))
    for i, day in enumerate([Weekday.SUNDAY, Weekday.MONDAY, Weekday.MONDAY]):
        MeetingFactory(slug=f"further-{i}", venue=further, weekday=day)

    with CaptureQueriesContext(connection) as queries:
        pages = pages_in_order(client, near="M1 1AE")

    assert pages == [
        [f"here-{i:02}" for i in range(20)],
        [*(f"here-{i:02}" for i in range(20, 30)), "further-0", "further-1", "further-2"],
    ]
    ids_first = 'WHERE "meetings_meeting"."id" IN (SELECT'
    in_two_steps = [query["sql"] for query in queries if ids_first in query["sql"]]
    assert len(in_two_steps) == (2 if ids_first_from == 0 else 0)


@pytest.fixture
def cap_of_30(monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 30)


def test_a_long_list_is_counted_only_as_far_as_the_cap(client, cap_of_30):
    create_meetings_in_bulk(31)

    first = client.get(reverse("meetings:meeting_list"))
    last = client.get(reverse("meetings:meeting_list"), {"page": 2})
    beyond = client.get(reverse("meetings:meeting_list"), {"page": 3})

    assert first.context["summary"] == "More than 30 meetings, Monday to Sunday"
    assert "(more than 30: too many to print)" in first.content.decode()
    assert "<span>Page 1 of 2</span>" in first.content.decode()
    assert len(last.context["page"].object_list) == 10
    assert "These are the first 30 meetings. To see others, add a filter or a place." in (
        last.content.decode()
    )
    assert beyond.context["page"].number == 2  # the last page, as for any page past the end


def test_a_list_as_long_as_the_cap_is_counted_exactly(client, cap_of_30):
    create_meetings_in_bulk(30)

    response = client.get(reverse("meetings:meeting_list"))

    assert response.context["summary"] == "30 meetings, Monday to Sunday"
    assert "(all 30, on A4)" in response.content.decode()
    assert "These are the first" not in response.content.decode()


@pytest.mark.parametrize(
    ("n_open", "query", "closed_listed"),
    [
        (30, {}, True),
        (31, {}, False),
        (31, {"near": "M1"}, True),  # the nearest closed ones, which may be the one you know
        (31, {"near": "M1", "sort": "time"}, False),
    ],
)
def test_temporarily_closed_meetings_are_listed_under_a_counted_search_or_by_distance(
    client, cap_of_30, n_open, query, closed_listed
):
    create_meetings_in_bulk(n_open)
    MeetingFactory(slug="closed", status=Status.TEMPORARILY_CLOSED)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("meetings:meeting_list"), query)

    assert [m.slug for m in response.context["closed_meetings"]] == (
        ["closed"] if closed_listed else []
    )
    assert ("Temporarily closed" in response.content.decode()) is closed_listed
    read_closed = [query for query in queries if "'temporarily-closed'" in query["sql"]]
    assert len(read_closed) == (1 if closed_listed else 0)


def test_the_count_stops_at_the_cap(cap_of_30):
    create_meetings_in_bulk(45)
    paginator = CappedPaginator([Meeting.objects.order_by("pk")], 20)

    with CaptureQueriesContext(connection) as queries:
        count = paginator.count

    assert (count, paginator.num_pages, paginator.is_capped) == (30, 2, True)
    assert "LIMIT 31" in queries[0]["sql"]


ON_A_WEDNESDAY = time_machine.travel(datetime.datetime(2026, 11, 25, 12, 0, tzinfo=datetime.UTC))


@ON_A_WEDNESDAY
def test_the_week_is_listed_from_today_and_paged_across_its_end(client):
    create_meetings_in_bulk(10, weekday=Weekday.MONDAY)
    create_meetings_in_bulk(15, weekday=Weekday.WEDNESDAY)

    first, second = client.get(FINDER), client.get(FINDER, {"page": 2})

    assert [m.weekday for m in first.context["page"]] == [Weekday.WEDNESDAY] * 15 + [
        Weekday.MONDAY
    ] * 5
    assert [m.weekday for m in second.context["page"]] == [Weekday.MONDAY] * 5
    slugs = [m.slug for page in (first, second) for m in page.context["page"]]
    assert len(set(slugs)) == 25
    html = first.content.decode()
    assert html.index("<h3>Today, Wednesday 25 November</h3>") < html.index(
        "<h3>Monday 30 November</h3>"
    )
    assert first.context["summary"] == "25 meetings, Monday to Sunday"
    title = "<title>25 meetings, Monday to Sunday (page 2 of 2) – Find a meeting – Recovery"
    assertContains(second, title)


@ON_A_WEDNESDAY  # at noon
def test_meetings_that_have_started_today_are_listed_last_as_next_weeks(client):
    def meeting(slug, weekday, hour, **fields):
        start_time = datetime.time(hour)
        MeetingFactory(slug=slug, weekday=weekday, start_time=start_time, **fields)

    meeting("wednesday-10", Weekday.WEDNESDAY, 10)
    meeting("wednesday-noon", Weekday.WEDNESDAY, 12)  # starting now
    meeting("wednesday-19", Weekday.WEDNESDAY, 19)
    meeting("thursday-9", Weekday.THURSDAY, 9)
    meeting("monday-20", Weekday.MONDAY, 20)
    # Held today, so not next Wednesday
    meeting(
        "fortnightly-9",
        Weekday.WEDNESDAY,
        9,
        frequency=Frequency.FORTNIGHTLY,
        fortnight_anchor=datetime.date(2026, 11, 25),
    )

    response = client.get(FINDER)

    assert [m.slug for m in response.context["page"]] == [
        "wednesday-noon",
        "wednesday-19",
        "thursday-9",
        "monday-20",
        "fortnightly-9",
        "wednesday-10",
    ]
    headings = re.findall(r"<h3>(.*?)</h3>", response.content.decode())
    assert headings == [
        "Today, Wednesday 25 November",
        "Thursday 26 November",
        "Monday 30 November",
        "Wednesday 2 December",
        "Other Wednesdays",
    ]
    assert response.context["summary"] == "6 meetings, Monday to Sunday"


@ON_A_WEDNESDAY  # at noon
def test_online_meetings_beside_a_search_near_a_place_are_the_next_ones(client):
    def online(slug, weekday, hour):
        MeetingFactory(slug=slug, weekday=weekday, start_time=datetime.time(hour), online=True)

    online("monday-20", Weekday.MONDAY, 20)
    online("wednesday-10", Weekday.WEDNESDAY, 10)
    online("wednesday-19", Weekday.WEDNESDAY, 19)
    online("thursday-9", Weekday.THURSDAY, 9)

    response = client.get(FINDER, {"near": "M1 1AE"})

    assert [m.slug for m in response.context["online_meetings"]] == [
        "wednesday-19",
        "thursday-9",
        "monday-20",
        "wednesday-10",
    ]
    assertContains(response, "4 online-only meetings also match your search. You can join them")
    one = client.get(FINDER, {"near": "M1 1AE", "day": "monday"})
    assertContains(one, "1 online-only meeting also matches your search. You can join it from")
    assert client.get(FINDER, {"day": "today"}).context["summary"] == "2 meetings, today"


def test_online_meetings_past_the_cap_are_not_counted_or_printed(client, cap_of_30):
    create_meetings_in_bulk(31, attendance=Attendance.ONLINE, online_url="https://x.example")
    MeetingFactory(slug="in-person")

    response = client.get(FINDER, {"near": "M1 1AE"})

    assertContains(response, "More than 30 online-only meetings also match your search.")
    assertContains(
        response, f'<a href="?attendance=online#results">{SEE_ALL_ONLINE}</a>', html=True
    )
    assertContains(response, "(more than 30: too many to print)")


@ON_A_WEDNESDAY
def test_a_week_from_today_is_counted_only_as_far_as_the_cap(client, cap_of_30):
    create_meetings_in_bulk(20, weekday=Weekday.MONDAY)
    create_meetings_in_bulk(20, weekday=Weekday.THURSDAY)

    with CaptureQueriesContext(connection) as queries:
        last = client.get(FINDER, {"page": 2})

    assert last.context["summary"] == "More than 30 meetings, Monday to Sunday"
    assert [m.weekday for m in last.context["page"]] == [Weekday.MONDAY] * 10
    counts = [query["sql"] for query in queries if query["sql"].startswith("SELECT COUNT")]
    assert [sql.endswith("LIMIT 31) subquery") for sql in counts] == [True, False]  # 20, then 11


@ON_A_WEDNESDAY
def test_a_week_from_today_past_the_cap_counts_today_on_alone(client, cap_of_30):
    create_meetings_in_bulk(31, weekday=Weekday.FRIDAY)
    create_meetings_in_bulk(5, weekday=Weekday.MONDAY)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(FINDER)

    assert [m.weekday for m in response.context["page"]] == [Weekday.FRIDAY] * 20
    counts = [query["sql"] for query in queries if query["sql"].startswith("SELECT COUNT")]
    assert len(counts) == 1


@ON_A_WEDNESDAY
@pytest.mark.parametrize("query", [{"day": ["monday", "friday"]}, {"near": "M1"}])
def test_a_list_of_chosen_days_or_by_distance_is_one_part(client, query):
    create_meetings_in_bulk(2, weekday=Weekday.MONDAY)
    create_meetings_in_bulk(2, weekday=Weekday.FRIDAY)

    response = client.get(FINDER, query)

    assert len(response.context["page"]) == 4
    assert len(response.context["page"].paginator.object_list) == 1


def test_a_migration_gives_meetings_saved_before_it_their_words_without_accents(meetings):
    migration = importlib.import_module("meetings.migrations.0034_search_text_without_accents")
    Meeting.objects.update(search_text=" café group ")  # as the site saved it before

    migration.fold_accents(django_apps, None)

    texts = dict(Meeting.objects.values_list("slug", "search_text"))
    assert texts["cafe"] == " cafe group smart recovery smart ty derwen bala "


def test_a_migration_gives_meetings_saved_before_it_their_words_without_apostrophes(meetings):
    migration = importlib.import_module("meetings.migrations.0038_search_text_without_apostrophes")
    Meeting.objects.update(search_text=" st anne s hall ")  # as the site saved it before

    migration.join_apostrophes(django_apps, None)

    texts = dict(Meeting.objects.values_list("slug", "search_text"))
    assert texts["smart-finance"] == (
        " finance workers group smart recovery smart st annes hall nantwich anne s "
    )


def test_a_migration_gives_meetings_saved_before_it_the_words_of_their_languages(meetings):
    """With the two before it, as each found the site: every meeting's words as it would
    save them now, in an order that searches do not read."""
    Meeting.objects.update(search_text=" st anne s hall ")
    for name, function in [
        ("0038_search_text_without_apostrophes", "join_apostrophes"),
        ("0043_search_text_holds_languages", "add_languages"),
    ]:
        getattr(importlib.import_module(f"meetings.migrations.{name}"), function)(django_apps, None)

    texts = dict(Meeting.objects.values_list("slug", "search_text"))
    assert texts["cafe"] == " cafe group smart recovery smart ty derwen bala welsh cymraeg "
    meetings = Meeting.objects.select_related("programme", "venue")
    assert {slug: sorted(text.split()) for slug, text in texts.items()} == {
        meeting.slug: sorted(meeting.build_search_text().split()) for meeting in meetings
    }


def test_a_list_of_pages_says_that_ticks_are_kept_on_each_page_only(client):
    hint = "Ticks are kept on this page only: print the meetings you want from each page in turn."
    create_meetings_in_bulk(21)

    assertContains(client.get(FINDER), hint)
    assertNotContains(client.get(FINDER, {"day": "tuesday"}), hint)  # one page: none
