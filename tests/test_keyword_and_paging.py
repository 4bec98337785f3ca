"""Keyword search and paging give the same answers on SQLite and PostgreSQL."""

import datetime

import pytest
from django.urls import reverse

from meetings.models import Weekday
from tests.factories import MeetingFactory, ProgrammeFactory, VenueFactory

pytestmark = pytest.mark.django_db
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


@pytest.mark.parametrize(
    ("query", "slugs"),
    [
        ("manc", ["na-manchester"]),  # the start of a word
        ("MANCHESTER", ["na-manchester"]),
        ("chester", []),  # not the middle of one
        ("NA", ["na-manchester"]),  # a short name is a whole word, not "fiNAnce" or "NAntwich"
        ("narcotics anon", ["na-manchester"]),
        ("st annes", []),
        ("st anne", ["smart-finance"]),  # "St. Anne's" is the words st, anne and s
        ("workers", ["smart-finance"]),
        ("the", ["na-manchester", "smart-finance", "the-way-out"]),  # a common word alone
        ("the way out", ["the-way-out"]),
        ("way out of the", ["the-way-out"]),
        ("smart leeds", ["the-way-out"]),
        ("%", ["na-manchester", "smart-finance", "the-way-out"]),  # no words at all
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
