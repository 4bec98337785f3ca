"""Town and village names as visitors type them: with a county or country, shared with another
place, or short for a longer name."""

import pytest

from meetings.locations import LocationNotFound, find_location

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Inverness, Scotland", "Inverness, Highland"),
        ("Kirkwall, Orkney", "Kirkwall, Orkney Islands"),
        ("Deerness, ORKNEY", "Deerness, Orkney"),  # the data's county for this one
        ("Lerwick, Shetland", "Lerwick, Shetland Islands"),
        ("Stornoway, Outer Hebrides", "Stornoway, Western Isles"),
        ("Holyhead, Anglesey", "Holyhead, Isle of Anglesey"),
        ("Barry, Wales", "Barry, Vale of Glamorgan"),
        ("Bangor, Wales", "Bangor, Gwynedd"),
        ("Derry, Northern Ireland", "Derry, County Londonderry"),
        ("Derry, Co. Derry", "Derry, County Londonderry"),
        ("Enniskillen, Co Fermanagh", "Enniskillen, Northern Ireland"),
        ("Enniskillen, NI", "Enniskillen, Northern Ireland"),
        ("bangor, n. ireland", "Bangor, Northern Ireland"),
        # The data gives Bangor and Newry no county: they are in every county of their country.
        ("Bangor, County Down", "Bangor, Northern Ireland"),
        ("Newry, county down", "Newry, Northern Ireland"),
    ],
)
def test_a_town_is_found_by_its_county_or_country_as_people_type_them(text, label):
    location = find_location(text)

    assert (location.label, location.alternatives) == (label, ())


def test_a_county_that_matches_nothing_is_not_found_as_before():
    with pytest.raises(LocationNotFound) as problem:
        find_location("Leeds, Narnia")

    assert problem.value.message == (
        "We could not find “Leeds, Narnia”. Check the spelling, or try a postcode."
    )
    assert problem.value.suggestions == ["Leeds", "Lees", "Lewes"]


def test_places_of_one_name_with_no_postcodes_near_any_of_them_are_a_question():
    """Northern Ireland has no unit postcodes and neither Belleek names a district: the first
    found was used, unasked."""
    with pytest.raises(LocationNotFound) as problem:
        find_location("Belleek")

    assert problem.value.message == (
        "There is more than one place called “Belleek”. Which one do you mean?"
    )
    assert problem.value.choices == [
        ("Belleek, County Armagh", "Belleek, County Armagh, Northern Ireland"),
        ("Belleek, County Fermanagh", "Belleek, County Fermanagh, Northern Ireland"),
    ]
