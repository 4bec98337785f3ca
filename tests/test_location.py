import math

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from meetings.locations import Location, LocationNotFound, find_location
from meetings.models import EARTH_RADIUS_MILES, Attendance, Weekday
from tests.factories import MeetingFactory, create_meetings_in_bulk

pytestmark = pytest.mark.django_db
FINDER = reverse("meetings:meeting_list")
M1 = (53.477477, -2.236222)  # the centre of postcode district M1 in meetings/data/
MILES_PER_DEGREE = EARTH_RADIUS_MILES * math.pi / 180


def venue_at(miles_north=0.0, miles_east=0.0):
    """Venue fields for a place this many miles from the centre of M1."""
    latitude = M1[0] + miles_north / MILES_PER_DEGREE
    longitude = M1[1] + miles_east / (MILES_PER_DEGREE * math.cos(math.radians(M1[0])))
    return {
        "venue__location_set_by_staff": True,
        "venue__latitude": latitude,
        "venue__longitude": longitude,
    }


def found(client, **params):
    response = client.get(FINDER, params)
    assert response.status_code == 200
    return [meeting.slug for meeting in response.context["page"]]


# Turning text into a place


@pytest.mark.parametrize("text", ["M1 1AE", "m11ae", "  m1   1ae "])
def test_full_postcode_in_any_case_and_spacing(text):
    assert find_location(text) == Location("M1 1AE", *M1)


@pytest.mark.parametrize("text", ["M1", "m1"])
def test_outward_code(text):
    assert find_location(text) == Location("M1", *M1)


def test_town_name():
    assert find_location("truro") == Location("Truro", 50.2653, -5.0544)


def test_town_listed_in_several_districts_is_one_place():
    assert find_location("Belfast") == Location("Belfast", 54.5833, -5.9333)


def test_shared_town_name_offers_the_choices_with_county_and_country():
    with pytest.raises(LocationNotFound) as problem:
        find_location("Newport")

    assert problem.value.message == (
        "There is more than one place called “Newport”. Which one do you mean?"
    )
    assert problem.value.choices == [
        ("Newport, Cornwall", "Newport, Cornwall, England"),
        ("Newport, Devon", "Newport, Devon, England"),
        ("Newport, East Riding of Yorkshire", "Newport, East Riding of Yorkshire, England"),
        ("Newport, Essex", "Newport, Essex, England"),
        ("Newport, Gloucestershire", "Newport, Gloucestershire, England"),
        ("Newport, Isle of Wight", "Newport, Isle of Wight, England"),
        ("Newport, Norfolk", "Newport, Norfolk, England"),
        ("Newport, Shropshire", "Newport, Shropshire, England"),
        ("Newport, Highland", "Newport, Highland, Scotland"),
        ("Newport, Newport", "Newport, Newport, Wales"),
        ("Newport, Pembrokeshire", "Newport, Pembrokeshire, Wales"),
    ]


def test_a_chosen_town_is_found():
    assert find_location("newport, essex") == Location("Newport, Essex", 51.9842, 0.2135)


def test_unknown_postcode_gets_a_helpful_message():
    with pytest.raises(LocationNotFound) as problem:
        find_location("XX9")

    assert (
        problem.value.message == "We could not find “XX9”. Check the postcode or try a town name."
    )


def test_misspelt_town_gets_suggestions():
    with pytest.raises(LocationNotFound) as problem:
        find_location("Edinbrugh")

    assert (
        problem.value.message
        == "We could not find “Edinbrugh”. Check the spelling, or try a postcode."
    )
    assert problem.value.suggestions == ["Edinburgh"]


# Searching near a place


def test_radius_keeps_meetings_just_inside_and_drops_those_just_outside(client):
    MeetingFactory(slug="inside-north", **venue_at(miles_north=4.95))
    MeetingFactory(slug="outside-north", **venue_at(miles_north=5.05))
    MeetingFactory(slug="inside-east", **venue_at(miles_east=-4.95))
    MeetingFactory(slug="outside-east", **venue_at(miles_east=5.05))

    assert set(found(client, near="M1 1AE", radius="5")) == {"inside-north", "inside-east"}


def test_default_radius_is_ten_miles(client):
    MeetingFactory(slug="nine", **venue_at(miles_north=9.9))
    MeetingFactory(slug="eleven", **venue_at(miles_north=10.1))

    assert found(client, near="M1") == ["nine"]


def test_near_sorts_by_distance_and_shows_it(client):
    MeetingFactory(slug="far", weekday=Weekday.MONDAY, **venue_at(miles_north=2.34))
    MeetingFactory(slug="near", weekday=Weekday.FRIDAY, **venue_at(miles_east=0.5))

    response = client.get(FINDER, {"near": "m11ae", "radius": "3"})

    assert [m.slug for m in response.context["page"]] == ["near", "far"]
    assertContains(response, "<strong>2.3 miles</strong>", html=True)
    assertContains(response, "2 meetings, Monday to Sunday, within 3 miles of M1 1AE")


def test_near_can_sort_by_time_instead(client):
    MeetingFactory(slug="far-monday", weekday=Weekday.MONDAY, **venue_at(miles_north=2))
    MeetingFactory(slug="near-friday", weekday=Weekday.FRIDAY, **venue_at(miles_north=1))

    assert found(client, near="M1", sort="time") == ["far-monday", "near-friday"]


def test_sort_by_distance_needs_a_place(client):
    MeetingFactory()

    response = client.get(FINDER, {"sort": "distance"})

    assertContains(response, "To sort by distance, enter a postcode or town.")


def test_town_search_finds_meetings_near_it(client):
    MeetingFactory(slug="manchester", **venue_at())
    MeetingFactory(slug="truro", venue__postcode="TR1 2AA")

    assert found(client, near="Manchester") == ["manchester"]
    assert found(client, near="Truro") == ["truro"]


def test_online_only_meetings_get_their_own_part_of_the_page(client):
    MeetingFactory(slug="in-person", **venue_at(miles_north=1))
    MeetingFactory(slug="hybrid", hybrid=True, **venue_at(miles_north=2))
    MeetingFactory(slug="online", name="Online Lifeline", online=True)

    response = client.get(FINDER, {"near": "M1"})

    assert [m.slug for m in response.context["page"]] == ["in-person", "hybrid"]
    assert [m.slug for m in response.context["online_meetings"]] == ["online"]
    assertContains(response, '<h2 id="online">Online meetings</h2>', html=True)
    assertContains(response, "Online Lifeline")


def test_online_only_meetings_are_left_out_of_an_in_person_search(client):
    MeetingFactory(slug="in-person", **venue_at(miles_north=1))
    MeetingFactory(slug="online", online=True)

    response = client.get(FINDER, {"near": "M1", "attendance": "in-person"})

    assert [m.slug for m in response.context["online_meetings"]] == []
    assertNotContains(response, "Online meetings</h2>")


def test_unknown_place_is_a_form_error_on_the_page(client):
    MeetingFactory()

    response = client.get(FINDER, {"near": "XX9"})

    assertContains(
        response,
        "Postcode or town: We could not find “XX9”. Check the postcode or try a town name.",
    )
    assert len(response.context["page"]) == 0


def test_ambiguous_place_links_to_each_choice(client):
    response = client.get(FINDER, {"near": "Newport", "day": "monday"})

    assertContains(
        response,
        '<a href="?near=Newport%2C+Essex&amp;day=monday">Newport, Essex, England</a>',
        html=True,
    )


def test_misspelt_town_links_to_the_suggestion(client):
    response = client.get(FINDER, {"near": "Edinbrugh"})

    assertContains(response, '<a href="?near=Edinburgh">Edinburgh</a>', html=True)


def test_empty_result_near_a_place_suggests_a_wider_search(client):
    MeetingFactory(**venue_at(miles_north=20))

    response = client.get(FINDER, {"near": "M1", "radius": "5", "day": "monday"})

    assertContains(
        response,
        '<a href="?near=M1&amp;radius=25&amp;day=monday">look within 25 miles</a>',
        html=True,
    )
    assertContains(response, '<a href="?near=M1&amp;radius=5">look on any day</a>', html=True)
    assertContains(
        response,
        '<a href="?day=monday&amp;attendance=online">look at online meetings</a>',
        html=True,
    )


def test_removing_the_place_tag_removes_radius_and_sort_too(client):
    MeetingFactory(**venue_at())

    response = client.get(FINDER, {"near": "M1", "radius": "3", "sort": "time", "day": "monday"})

    assert response.context["applied_filters"][0] == ("Within 3 miles of M1", "day=monday")


@pytest.mark.parametrize("n_meetings", [1, 1000])
def test_near_query_count_does_not_grow(client, django_assert_num_queries, n_meetings):
    create_meetings_in_bulk(n_meetings, focus="women")  # at the centre of M1
    create_meetings_in_bulk(
        n_meetings, attendance=Attendance.ONLINE, online_url="https://meet.example.org/x"
    )

    # The postcode district; programme and focus choices; area choices; the count; one page of
    # meetings and their focuses; ten online meetings and their focuses; the online count.
    with django_assert_num_queries(10):
        response = client.get(FINDER, {"near": "M1 1AE"})

    assert len(response.context["page"]) == min(n_meetings, 20)
    assert len(response.context["online_meetings"]) == min(n_meetings, 10)
