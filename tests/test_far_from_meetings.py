"""A search near a place far from any meeting, as in the Highlands and Islands, rural Wales
or Fermanagh: the way on is wider, not a list of empty pages."""

import re

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from meetings import wording
from tests.factories import MeetingFactory
from tests.test_location import FINDER, venue_at

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("miles_away", "radius", "wider"),
    [(20, "5", 25), (20, "10", 25), (40, "10", 50), (40, "25", 50), (94, "10", None)],
)
def test_the_distance_offered_is_the_narrowest_that_reaches_the_nearest_meeting(
    client, miles_away, radius, wider
):
    MeetingFactory(**venue_at(miles_north=miles_away))

    response = client.get(FINDER, {"near": "M1", "radius": radius}, follow=True)

    offered = re.findall(
        r'radius=(\d+)#results">look within (\d+) miles', response.content.decode()
    )
    assert response.context["nearest"] is not None
    assert offered == ([(str(wider), str(wider))] if wider else [])


def test_fifty_miles_can_be_chosen_and_finds_what_is_within_it(client):
    MeetingFactory(slug="forty", **venue_at(miles_north=40))
    MeetingFactory(slug="sixty", **venue_at(miles_north=60))

    response = client.get(FINDER, {"near": "M1", "radius": "50"})

    assert [meeting.slug for meeting in response.context["page"]] == ["forty"]
    assertContains(response, '<option value="50" selected>50 miles</option>', html=True)


def test_with_only_a_place_searched_no_filters_are_said_to_be_matched(client):
    MeetingFactory(**venue_at(miles_north=94))

    only_a_place = client.get(FINDER, {"near": "M1"})
    and_a_day = client.get(FINDER, {"near": "M1", "day": "monday"})

    assertContains(only_a_place, "<p>No meetings within 10 miles of M1. The nearest is about 94")
    assertContains(and_a_day, "No meetings within 10 miles of M1 match all of these filters.")


@pytest.mark.parametrize(
    ("miles", "text"), [(10.34, "10.3 miles"), (19.94, "19.9 miles"), (96.14, "96 miles")]
)
def test_distances_from_20_miles_on_are_in_whole_miles(miles, text):
    assert wording.distance(miles, precise=True) == text


def test_a_place_outside_the_uk_is_told_so_calmly_with_the_online_meetings_offered(client):
    response = client.get(FINDER, {"near": "JE2 3AB", "day": "monday"})

    assertContains(
        response,
        '<h2 id="results-heading">We list meetings in the UK only; the Isle of Man, Jersey and '
        "Guernsey have their own. Online meetings can be joined from anywhere.</h2>",
        html=True,
    )
    assertNotContains(response, "There is a problem with your search")
    assertContains(
        response,
        '<a href="?day=monday&amp;attendance=online#results">See the online meetings</a>',
        html=True,
    )
