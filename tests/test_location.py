import datetime
import importlib
import math
import re

import pytest
import time_machine
from django.apps import apps as django_apps
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from meetings import display, wording
from meetings.locations import Location, LocationNotFound, find_location
from meetings.models import (
    EARTH_RADIUS_MILES,
    Attendance,
    LocationPrecision,
    Place,
    PostcodeDistrict,
    PostcodeSector,
    PostcodeUnit,
    Status,
    Weekday,
    place_search_name,
)
from tests.factories import MeetingFactory, VenueFactory, create_meetings_in_bulk

pytestmark = pytest.mark.django_db
SEE_ALL_ONLINE = "See all the meetings you can join online, hybrid ones included"
FINDER = reverse("meetings:meeting_list")
M1 = (53.477477, -2.236222)  # the centre of postcode district M1 in meetings/data/
M1_1 = (53.482410, -2.235238)  # the centre of the sector M1 1, from the postcode sample
M1_1AE = (53.48346, -2.23118)  # the postcode unit M1 1AE
MILES_PER_DEGREE = EARTH_RADIUS_MILES * math.pi / 180


def venue_at(miles_north=0.0, miles_east=0.0, origin=M1):
    """Venue fields for a place this many miles from the centre of M1 (or another origin)."""
    latitude = origin[0] + miles_north / MILES_PER_DEGREE
    longitude = origin[1] + miles_east / (MILES_PER_DEGREE * math.cos(math.radians(origin[0])))
    return {
        "venue__location_set_by_staff": True,
        "venue__latitude": latitude,
        "venue__longitude": longitude,
    }


def assert_location(location, label, point, precision):
    """Centres are averages, which SQLite and PostgreSQL may round differently."""
    assert (location.label, location.precision) == (label, precision)
    assert (location.latitude, location.longitude) == pytest.approx(point, abs=1e-6)


def found(client, **params):
    response = client.get(FINDER, params)
    assert response.status_code == 200
    return [meeting.slug for meeting in response.context["page"]]


# Turning text into a place


@pytest.mark.parametrize("text", ["M1 1AE", "m11ae", "  m1   1ae "])
def test_full_postcode_is_placed_at_its_unit(text):
    assert find_location(text) == Location("M1 1AE", *M1_1AE, LocationPrecision.POSTCODE)


@pytest.mark.parametrize("text", ["M1", "m1"])
def test_outward_code(text):
    assert find_location(text) == Location("M1", *M1, LocationPrecision.DISTRICT)


@pytest.mark.parametrize("text", ["M1 1", "m1 1", " M1  1 "])
def test_postcode_sector_is_not_the_district_m11(text):
    assert_location(find_location(text), "M1 1", M1_1, LocationPrecision.SECTOR)
    assert find_location("M11").label == "M11"


def test_sector_centre_is_the_middle_of_its_units():
    sector = PostcodeSector.objects.get(sector="SW1A 1")
    units = PostcodeUnit.objects.filter(postcode__startswith="SW1A 1")

    assert sector.units == units.count() == 66
    assert sector.latitude == pytest.approx(sum(u.latitude for u in units) / 66)
    assert find_location("sw1a 1").precision == LocationPrecision.SECTOR


def test_postcode_newer_than_the_data_falls_back_to_its_sector():
    assert_location(find_location("M1 1ZZ"), "M1 1ZZ", M1_1, LocationPrecision.SECTOR)


@pytest.mark.parametrize(
    ("text", "postcode"),
    [
        ("ZE1 OAA", "ZE1 0AA"),
        ("CF10 IAA", "CF10 1AA"),
        ("cf1o 1aa", "CF10 1AA"),
        ("BT1 IAA", "BT1 1AA"),
    ],
)
def test_a_postcode_typed_with_the_letter_o_for_zero_or_i_for_one_is_read_as_meant(text, postcode):
    assert find_location(text) == find_location(postcode)
    assert find_location("m1 iae") == Location("M1 1AE", *M1_1AE, LocationPrecision.POSTCODE)


@pytest.mark.parametrize("text", ["M1-1AE", "m1 1ae.", "M1.1AE"])
def test_a_postcode_typed_with_a_hyphen_or_full_stop_is_read(text):
    assert find_location(text).label == "M1 1AE"


def test_a_place_name_is_never_read_as_a_postcode_with_letters_for_digits():
    # As SL1 0CH, it would be in Slough.
    assert find_location("Slioch") == Location("Slioch", 57.4167, -2.7333, LocationPrecision.PLACE)


def test_northern_ireland_postcode_falls_back_to_its_district():
    assert find_location("BT48 6AA") == Location(
        "BT48 6AA", 55.027133, -7.2809, LocationPrecision.DISTRICT
    )
    assert find_location("BT48 6").precision == LocationPrecision.DISTRICT


@pytest.mark.parametrize(
    ("text", "districts"),
    [
        (
            "W1",
            [
                "W1A",
                "W1B",
                "W1C",
                "W1D",
                "W1F",
                "W1G",
                "W1H",
                "W1J",
                "W1K",
                "W1S",
                "W1T",
                "W1U",
                "W1W",
            ],
        ),
        ("EC1", ["EC1A", "EC1M", "EC1N", "EC1P", "EC1R", "EC1V", "EC1Y"]),
        ("SW1", ["SW1A", "SW1E", "SW1H", "SW1P", "SW1V", "SW1W", "SW1X", "SW1Y"]),
    ],
)
def test_old_districts_are_the_middle_of_the_districts_they_became(text, districts):
    covered = PostcodeDistrict.objects.filter(outcode__in=districts)
    assert covered.count() == len(districts)

    location = find_location(text)

    assert (location.label, location.precision) == (text, LocationPrecision.AREA)
    assert location.latitude == pytest.approx(sum(d.latitude for d in covered) / len(districts))
    assert location.longitude == pytest.approx(sum(d.longitude for d in covered) / len(districts))


def test_postcode_area_is_the_middle_of_its_districts():
    leeds = PostcodeDistrict.objects.filter(outcode__regex=r"^LS[0-9]")

    location = find_location("ls")

    assert (location.label, location.precision) == ("LS", LocationPrecision.AREA)
    assert location.latitude == pytest.approx(sum(d.latitude for d in leeds) / leeds.count())


def test_town_name():
    assert find_location("truro") == Location("Truro", 50.2653, -5.0544, LocationPrecision.PLACE)


def test_town_listed_in_several_districts_is_one_place():
    location = find_location("Belfast")

    assert_location(location, "Belfast", (54.5833, -5.9333), LocationPrecision.PLACE)


def test_hyphens_are_optional_in_town_names():
    assert find_location("stoke on trent").label == "Stoke-on-Trent"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Saint Albans", "St Albans"),
        ("st. albans", "St Albans"),
        ("Kings Lynn", "King's Lynn"),
        ("king’s lynn", "King's Lynn"),
        ("Elephant and Castle", "Elephant & Castle"),
        ("elephant & castle", "Elephant & Castle"),
        ("Westward Ho!", "Westward Ho"),
        ("Gringley on the Hill", "Gringley on the Hill"),
        ("Totteridge and Whetstone", "Totteridge & Whetstone"),
    ],
)
def test_town_names_as_people_type_them(text, label):
    assert find_location(text).label == label


def test_a_migration_gives_places_loaded_before_it_the_names_people_type():
    names = ["Gringley 0n the Hill", "Totteridge &#40 Whetstone", "Elephant & Castle", "Gt Leeds"]
    for name in names:
        place = Place.objects.create(name=name, outcode="ZZ9", latitude=53.4, longitude=-0.9)
        Place.objects.filter(pk=place.pk).update(search_name=name.lower(), short_search_name="")
    Place.objects.create(name="Weston-Super-Mare", outcode="BS80", latitude=51.5, longitude=-2.6)
    migration = importlib.import_module(
        "meetings.migrations.0047_place_names_with_and_and_punctuation"
    )

    migration.refold(django_apps, None)

    assert not Place.objects.filter(outcode="BS80", name="Weston-Super-Mare").exists()

    assert list(
        Place.objects.filter(outcode="ZZ9")
        .order_by("pk")
        .values_list("name", "search_name", "short_search_name")
    ) == [
        ("Gringley on the Hill", "gringley on the hill", "gringley"),
        ("Totteridge & Whetstone", "totteridge and whetstone", ""),
        ("Elephant & Castle", "elephant and castle", ""),
        ("Gt Leeds", "great leeds", ""),
    ]
    for name, search_name in Place.objects.values_list("name", "search_name"):
        assert place_search_name(name) == search_name  # the migration's copy is the same rule


@pytest.mark.parametrize(
    ("text", "others"),
    [
        ("Leeds", [("Leeds, Kent", "Leeds, Kent, England")]),
        ("Brighton", [("Brighton, Cornwall", "Brighton, Cornwall, England")]),
        (
            "Salford",
            [
                ("Salford, Bedfordshire", "Salford, Bedfordshire, England"),
                ("Salford, Oxfordshire", "Salford, Oxfordshire, England"),
            ],
        ),
        ("Derry", [("Derry, Stirling", "Derry, Stirling, Scotland")]),
    ],
)
def test_a_much_bigger_town_is_used_and_the_others_offered(text, others):
    location = find_location(text)

    assert (location.label, location.alternatives) == (text, tuple(others))


def test_the_same_town_listed_in_several_counties_is_not_a_question():
    location = find_location("Bristol")

    assert_location(location, "Bristol", (51.45656, -2.58766), LocationPrecision.PLACE)
    assert location.alternatives == ()


@pytest.mark.parametrize("text", ["\x00", "M1 1AE\x00", "Leeds\x00"])
def test_a_place_with_a_nul_character_is_not_looked_up(text, django_assert_num_queries):
    with django_assert_num_queries(0), pytest.raises(LocationNotFound) as problem:
        find_location(text)

    assert problem.value.message == "The place contains a character that cannot be used."


@pytest.mark.parametrize("text", ["Richmond", "St Ives"])
def test_towns_of_comparable_size_are_a_question(text):
    with pytest.raises(LocationNotFound) as problem:
        find_location(text)

    assert problem.value.message.startswith("There is more than one place called")


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
        ("Newport-on-Tay, Fife", "Newport-on-Tay, Fife, Scotland"),
        ("Newport, Highland", "Newport, Highland, Scotland"),
        ("Newport, Newport", "Newport, Newport, Wales"),
        ("Newport, Pembrokeshire", "Newport, Pembrokeshire, Wales"),
    ]


def test_towns_called_by_their_first_word_are_among_the_choices():
    with pytest.raises(LocationNotFound) as problem:
        find_location("kingston")

    assert problem.value.message == (
        "There is more than one place called “Kingston”. Which one do you mean?"
    )
    assert {
        (
            "Kingston upon Hull, East Riding of Yorkshire",
            "Kingston upon Hull, East Riding of Yorkshire, England",
        ),
        ("Kingston upon Thames, Greater London", "Kingston upon Thames, Greater London, England"),
        ("Kingston on Soar, Nottinghamshire", "Kingston on Soar, Nottinghamshire, England"),
    } < set(problem.value.choices)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Newcastle, Tyne and Wear", "Newcastle upon Tyne, Tyne and Wear"),
        ("southend, essex", "Southend-on-Sea, Essex"),
        ("Barrow, Cumbria", "Barrow-in-Furness, Cumbria"),
    ],
)
def test_a_town_called_by_its_first_word_is_found_by_it(text, label):
    assert find_location(text).label == label


def test_a_chosen_town_is_found():
    assert find_location("newport, essex") == Location(
        "Newport, Essex", 51.9842, 0.2135, LocationPrecision.PLACE
    )


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
    MeetingFactory(slug="inside-north", **venue_at(miles_north=4.95, origin=M1_1AE))
    MeetingFactory(slug="outside-north", **venue_at(miles_north=5.05, origin=M1_1AE))
    MeetingFactory(slug="inside-east", **venue_at(miles_east=-4.95, origin=M1_1AE))
    MeetingFactory(slug="outside-east", **venue_at(miles_east=5.05, origin=M1_1AE))

    assert set(found(client, near="M1 1AE", radius="5")) == {"inside-north", "inside-east"}


def test_default_radius_is_ten_miles(client):
    MeetingFactory(slug="nine", **venue_at(miles_north=9.9))
    MeetingFactory(slug="eleven", **venue_at(miles_north=10.1))

    assert found(client, near="M1") == ["nine"]


def test_near_sorts_by_distance_and_shows_it(client):
    MeetingFactory(slug="far", weekday=Weekday.MONDAY, **venue_at(2.34, origin=M1_1AE))
    MeetingFactory(slug="near", weekday=Weekday.FRIDAY, **venue_at(0, 0.5, origin=M1_1AE))

    response = client.get(FINDER, {"near": "m11ae", "radius": "3"})

    assert [m.slug for m in response.context["page"]] == ["near", "far"]
    assertContains(response, "<strong>2.3 miles</strong>", html=True)
    assertContains(response, "2 meetings, Monday to Sunday, within 3 miles of M1 1AE")


@time_machine.travel(datetime.datetime(2026, 11, 26, 12, 0, tzinfo=datetime.UTC))  # a Thursday
def test_the_meetings_at_one_venue_run_round_the_week_from_today(client):
    venue = MeetingFactory(slug="monday", weekday=Weekday.MONDAY, **venue_at(1)).venue
    for slug, day, hour in [
        ("thursday-evening", Weekday.THURSDAY, 19),
        ("thursday-morning", Weekday.THURSDAY, 10),
        ("saturday", Weekday.SATURDAY, 10),
        ("wednesday", Weekday.WEDNESDAY, 19),
    ]:
        MeetingFactory(slug=slug, weekday=day, start_time=datetime.time(hour), venue=venue)
    MeetingFactory(slug="nearer-wednesday", weekday=Weekday.WEDNESDAY, **venue_at(0.5))

    response = client.get(FINDER, {"near": "M1"})

    assert [m.slug for m in response.context["page"]] == [
        "nearer-wednesday",  # nearest first, whatever its day
        "thursday-evening",
        "saturday",
        "monday",
        "wednesday",
        "thursday-morning",  # over by noon: next week's
    ]
    assertContains(response, '<span class="meeting-time">Today 19:00</span>', html=True)
    assertContains(response, '<span class="meeting-time">Thursday 10:00</span>', html=True)


@time_machine.travel(datetime.datetime(2026, 11, 30, 12, 0, tzinfo=datetime.UTC))  # a Monday
def test_a_row_says_today_only_of_a_meeting_that_is_on_today(client):
    venue = VenueFactory(latitude=53.4808, longitude=-2.2426)
    monday = {"venue": venue, "weekday": Weekday.MONDAY, "start_time": datetime.time(19)}
    MeetingFactory(slug="weekly", **monday)
    MeetingFactory(slug="last-monday", frequency="monthly", week_of_month=-1, **monday)
    MeetingFactory(slug="first-monday", frequency="monthly", week_of_month=1, **monday)
    MeetingFactory(slug="closed", status=Status.TEMPORARILY_CLOSED, **monday)
    MeetingFactory(slug="this-morning", **monday | {"start_time": datetime.time(9)})

    response = client.get(FINDER, {"near": "M1"})

    days = {
        m.slug: display.day_in_a_row(m)
        for m in [*response.context["page"], *response.context["closed_meetings"]]
    }
    assert days == {
        "weekly": "Today",
        "last-monday": "Today",  # 30 November is the last Monday of the month
        "first-monday": "Monday",  # next on 7 December
        "closed": "Monday",
        "this-morning": "Monday",  # over: next week's
    }


@time_machine.travel(datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC))  # a Monday
def test_near_can_sort_by_time_instead(client):
    MeetingFactory(slug="far-monday", weekday=Weekday.MONDAY, **venue_at(miles_north=2))
    MeetingFactory(slug="near-friday", weekday=Weekday.FRIDAY, **venue_at(miles_north=1))

    assert found(client, near="M1", sort="time") == ["far-monday", "near-friday"]


@time_machine.travel(datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC))  # a Monday
def test_todays_meetings_near_a_place_are_soonest_first_unless_asked_by_distance(client):
    def monday(slug, hour, miles):
        start = datetime.time(hour)
        MeetingFactory(slug=slug, weekday=Weekday.MONDAY, start_time=start, **venue_at(miles))

    monday("near-evening", 19, 1)
    monday("far-afternoon", 13, 5)
    monday("nearest-morning-over", 10, 0.5)  # finished by noon: last

    soonest = ["far-afternoon", "near-evening", "nearest-morning-over"]
    assert found(client, near="M1", day="today") == soonest
    assert found(client, near="M1", day="today", sort="distance") == [
        "near-evening",
        "far-afternoon",
        "nearest-morning-over",  # over: last, whatever the order
    ]
    by_distance = client.get(FINDER, {"near": "M1"})  # the whole week: today's say so
    assertContains(by_distance, '<span class="meeting-time">Today 19:00</span>', html=True)
    # The default is left out of shared links, as every other default is.
    response = client.get(FINDER, {"near": "M1", "day": "today", "sort": "time"})
    assert response["Location"] == "/meetings/?near=M1&day=today"


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
    # Every online-only one is shown; hybrid ones elsewhere can be joined online too.
    assertContains(
        response, f'<a href="?attendance=online#results">{SEE_ALL_ONLINE}</a>', html=True
    )
    # The heading counts both parts: "2 meetings" alone read as if there were no more.
    assert response.context["summary"] == (
        "2 meetings, Monday to Sunday, within 10 miles of M1, and 1 online"
    )


def test_an_online_only_meeting_with_a_venue_is_near_no_one_and_shows_no_address(client):
    """Staff moved it online and kept the hall, or an area coordinator gave it one in their
    area: nothing happens there."""
    moved = MeetingFactory(
        slug="moved-online", online=True, venue=VenueFactory(name="St Mary's Hall")
    )

    response = client.get(FINDER, {"near": "M1"})
    page = client.get(moved.get_absolute_url())

    assert [m.slug for m in response.context["page"]] == []
    assert [m.slug for m in response.context["online_meetings"]] == ["moved-online"]
    assertNotContains(response, "St Mary")
    assertNotContains(page, "St Mary")
    assertNotContains(page, "openstreetmap")
    assert str(moved).endswith(", online)")


def test_asked_for_online_meetings_near_a_place_hybrid_ones_elsewhere_are_among_them(client):
    MeetingFactory(slug="hybrid-near", hybrid=True, **venue_at(miles_north=2))
    MeetingFactory(slug="hybrid-far", hybrid=True, **venue_at(miles_north=40))
    MeetingFactory(slug="online", online=True)
    query = {"near": "M1", "attendance": "online"}

    response = client.get(FINDER, query)

    assert [m.slug for m in response.context["page"]] == ["hybrid-near"]
    assert sorted(m.slug for m in response.context["online_meetings"]) == ["hybrid-far", "online"]
    assertContains(response, "2 online meetings also match your search.")
    assertNotContains(response, SEE_ALL_ONLINE)  # they are all here
    printed = client.get(reverse("meetings:meeting_print"), query)
    assert [m.slug for m in printed.context["in_person"]] == ["hybrid-near"]
    assert sorted(m.slug for m in printed.context["online"]) == ["hybrid-far", "online"]
    plain = client.get(FINDER, {"near": "M1"})
    assert [m.slug for m in plain.context["online_meetings"]] == ["online"]


def test_online_only_meetings_are_left_out_of_an_in_person_search(client):
    MeetingFactory(slug="in-person", **venue_at(miles_north=1))
    MeetingFactory(slug="online", online=True)

    response = client.get(FINDER, {"near": "M1", "attendance": "in-person"})

    assert [m.slug for m in response.context["online_meetings"]] == []
    assertNotContains(response, "Online meetings</h2>")


def test_an_in_person_search_near_a_place_runs_no_online_queries(client, django_assert_num_queries):
    MeetingFactory(**venue_at(miles_north=1))

    # The district; programme, focus and area choices, and which programmes have meetings; the
    # count; the page and its focuses; the temporarily closed meetings that match.
    with django_assert_num_queries(9):
        client.get(FINDER, {"near": "M1", "attendance": "in-person"})


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
        '<a href="?near=Newport%2C+Essex&amp;day=monday#results">Newport, Essex, England</a>',
        html=True,
    )


def test_misspelt_town_links_to_the_suggestion(client):
    response = client.get(FINDER, {"near": "Edinbrugh"})

    assertContains(response, '<a href="?near=Edinburgh#results">Edinburgh</a>', html=True)


def test_empty_result_near_a_place_suggests_a_wider_search(client):
    MeetingFactory(**venue_at(miles_north=20))

    response = client.get(FINDER, {"near": "M1", "radius": "5", "day": "monday"})

    assertContains(
        response,
        '<a href="?near=M1&amp;radius=25&amp;day=monday#results">look within 25 miles</a>',
        html=True,
    )
    assertContains(
        response, '<a href="?near=M1&amp;radius=5#results">look on any day</a>', html=True
    )
    # The online meetings that match are on this page already: there are none.
    assertNotContains(response, "look at online meetings")


def test_empty_result_in_person_suggests_online_meetings(client):
    MeetingFactory(weekday=Weekday.MONDAY, online=True)

    response = client.get(FINDER, {"near": "M1", "day": "monday", "attendance": "in-person"})

    assertContains(
        response,
        '<a href="?day=monday&amp;attendance=online#results">look at online meetings</a>',
        html=True,
    )
    assert client.get(f"{FINDER}?day=monday&attendance=online").context["page"].paginator.count == 1


def test_with_nothing_within_the_distance_the_nearest_meeting_that_matches_is_offered(client):
    MeetingFactory(name="Far Monday", weekday=Weekday.MONDAY, **venue_at(miles_north=94))
    MeetingFactory(name="Farther Monday", weekday=Weekday.MONDAY, **venue_at(miles_north=300))
    MeetingFactory(name="Near Tuesday", weekday=Weekday.TUESDAY, **venue_at(miles_north=2))
    MeetingFactory(weekday=Weekday.MONDAY, online=True)

    response = client.get(FINDER, {"near": "M1", "day": "monday", "radius": "25"})

    assertContains(response, "No meetings within 25 miles of M1 match all of these filters.")
    nearest = response.context["nearest"]
    assert (nearest.name, round(nearest.distance)) == ("Far Monday", 94)
    assertContains(
        response,
        f'The nearest that does is about 94 miles away: <a href="{nearest.get_absolute_url()}'
        '?near=M1&amp;day=monday&amp;radius=25">Far Monday</a>, Manchester, Monday 19:30.',
    )
    # The online meeting on Mondays is below the empty list: it says so.
    assertContains(
        response,
        '<li><a href="#online">look at the online meetings below</a>, which you can join from '
        "anywhere</li>",
        html=True,
    )
    assertNotContains(client.get(FINDER, {"near": "M1", "day": "monday"}), "look within 25 miles")
    nowhere = client.get(FINDER, {"near": "M1", "day": "friday"})
    assert nowhere.context["nearest"] is None
    assertContains(nowhere, "No meetings within 10 miles of M1 match all of these filters.")


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

    # The postcode district; programme and focus choices; area choices; which programmes have
    # meetings; the count; one page of meetings; ten online meetings; the online count, from
    # now and before now (the week from now); the temporarily closed meetings that match; the
    # focuses of all three lists at once.
    with django_assert_num_queries(12):
        response = client.get(FINDER, {"near": "M1 1AE"})

    assert len(response.context["page"]) == min(n_meetings, 20)
    assert len(response.context["online_meetings"]) == min(n_meetings, 10)
    assert {f.slug for m in response.context["page"] for f in m.focus_list} == {"women"}


def test_a_much_bigger_town_offers_the_others_on_the_page(client):
    response = client.get(FINDER, {"near": "Salford", "day": "monday"})

    assertContains(
        response,
        "<p>Showing meetings near Salford. Did you mean "
        '<a href="?near=Salford%2C+Bedfordshire&amp;day=monday#results">'
        "Salford, Bedfordshire</a> or "
        '<a href="?near=Salford%2C+Oxfordshire&amp;day=monday#results">'
        "Salford, Oxfordshire</a>?</p>",
        html=True,
    )


# Distances as precise as the data


def distance_shown(client, near, **venue):
    MeetingFactory(**venue)
    response = client.get(FINDER, {"near": near})
    return re.search(r"<strong>([^<]+)</strong>", response.content.decode())[1]


def test_distance_between_two_postcodes_is_to_a_tenth_of_a_mile(client):
    assert distance_shown(client, "M1 1AE", **venue_at(0.34, origin=M1_1AE)) == "0.3 miles"


def test_distance_between_close_postcodes(client):
    assert distance_shown(client, "M1 1AE", **venue_at(0.01, origin=M1_1AE)) == "under 0.1 miles"


def test_distance_from_a_district_centre_is_about_a_whole_number_of_miles(client):
    # Never "under 0.1 miles" when the visitor's place is only known to a district.
    assert distance_shown(client, "M1", **venue_at(0.01)) == "about 1 mile"


def test_distance_to_a_venue_placed_by_its_district_is_about(client):
    venue = {"venue__postcode": "BT48 6AA", "venue__town": "Derry"}
    assert distance_shown(client, "Derry", **venue) == "about 2 miles"


@pytest.mark.parametrize(
    ("miles", "precise", "text"),
    [
        (0.04, True, "under 0.1 miles"),
        (0.96, True, "1 mile"),
        (1.04, True, "1 mile"),
        (2.34, True, "2.3 miles"),
        (3.0, True, "3 miles"),
        (0.04, False, "about 1 mile"),
        (1.4, False, "about 1 mile"),
        (2.6, False, "about 3 miles"),
    ],
)
def test_distance_wording(miles, precise, text):
    assert wording.distance(miles, precise) == text


@pytest.mark.parametrize(
    ("miles", "precise", "text"),
    [
        (10.3, False, "just over 10 miles"),  # not "about 10 miles", beyond a search of 10
        (10.6, False, "about 11 miles"),
        (10.04, True, "just over 10 miles"),
        (10.3, True, "10.3 miles"),
    ],
)
def test_distance_beyond_the_radius_searched_is_never_said_to_be_within_it(miles, precise, text):
    assert wording.distance(miles, precise, beyond=10) == text


def test_radius_select_shows_the_default_it_uses(client):
    response = client.get(FINDER, {"day": "monday"})

    assertContains(response, '<option value="10" selected>10 miles</option>', html=True)
    assertContains(response, '<option value="1">1 mile</option>', html=True)


def test_radius_of_one_mile_is_singular(client):
    response = client.get(FINDER, {"near": "M1", "radius": "1"})

    assertContains(response, "0 meetings, Monday to Sunday, within 1 mile of M1")


@pytest.mark.parametrize("text", ["-", ".", ",", "- -", "..."])
def test_a_name_of_punctuation_alone_is_not_found(text, django_assert_max_num_queries):
    with django_assert_max_num_queries(0), pytest.raises(LocationNotFound) as problem:
        find_location(text)

    assert (problem.value.message, problem.value.choices) == (
        f"We could not find “{text}”. Check the spelling, or try a postcode.",
        [],
    )


def test_the_home_search_lands_on_the_results_which_ask_which_place(client):
    home = client.get(reverse("home"))
    response = client.get(FINDER, {"near": "Newport"})

    assertContains(home, '<form class="home-search" method="get" action="/meetings/#results">')
    page = response.content.decode()
    results = page[page.index('<section id="results"') :]
    assert "<p>Choose the place you mean:</p>" in results
    assert '<a href="?near=Newport%2C+Essex#results">Newport, Essex, England</a>' in results
    # A question, not a mistake: no "No results: check your search", no error summary.
    question = "There is more than one place called “Newport”. Which one do you mean?"
    assert f'<h2 id="results-heading">{question}</h2>' in results
    assert "There is a problem with your search" not in page
    with_another_mistake = client.get(FINDER, {"near": "Newport", "day": "funday"})
    assertContains(with_another_mistake, "There is a problem with your search")
    assertContains(with_another_mistake, "<p>Choose the place you mean:</p>")


def test_more_online_meetings_than_shown_near_a_place_are_a_link_to_them_all(client):
    online = {"venue": None, "online_url": "https://meet.example.org/x"}
    create_meetings_in_bulk(11, attendance=Attendance.ONLINE, **online)
    MeetingFactory()  # in person, in M1

    response = client.get(FINDER, {"near": "M1"})

    assert (len(response.context["online_meetings"]), response.context["online_count"]) == (10, 11)
    assert response.context["summary"].endswith(", and 11 online")
    assertContains(response, "11 online-only meetings also match your search. You can join them")
    assertContains(response, "from anywhere. Here are the next 10.</p>")
    # Not "all 11": that page has hybrid meetings too, as online ones.
    assertContains(
        response, f'<a href="?attendance=online#results">{SEE_ALL_ONLINE}</a>', html=True
    )
