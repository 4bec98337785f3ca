"""Town and village names as visitors type them: with a county or country, shared with another
place, or short for a longer name."""

import pytest

from meetings.locations import Location, LocationNotFound, find_location
from meetings.models import LocationPrecision, PostcodeSector

pytestmark = pytest.mark.django_db


def add_sectors(*sectors):
    """Real postcode sectors (from meetings/data/) where the tests' sample has none."""
    PostcodeSector.objects.bulk_create(
        PostcodeSector(sector=sector, latitude=latitude, longitude=longitude, units=units)
        for sector, latitude, longitude, units in sectors
    )


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


@pytest.mark.parametrize("text", ["Leeds, UK", "leeds, u.k.", "Leeds, United Kingdom"])
def test_a_town_is_found_with_the_uk_named_after_it(text):
    location = find_location(text)

    assert (location.label, location.alternatives) == (
        "Leeds, West Yorkshire",
        (("Leeds, Kent", "Leeds, Kent, England"),),
    )


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Cardiff, Wales, UK", "Cardiff, Wales"),
        ("Newport, Gwent, Wales", "Newport, Newport"),  # the county first
        ("Newport, Wales, Gwent", "Newport, Newport"),
        ("Leeds, Kent, England", "Leeds, Kent"),
        ("Newport, Narnia, Gwent", "Newport, Newport"),  # past a slip
        ("Leeds,,", "Leeds"),
    ],
)
def test_a_town_is_found_with_its_county_and_country_both(text, label):
    assert find_location(text).label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Brighton and Hove", "Brighton, East Sussex"),
        ("Leamington Spa", "Royal Leamington Spa"),
        ("Letchworth Garden City", "Letchworth"),
        ("Gt Yarmouth", "Great Yarmouth"),
        ("Orkney", "Kirkwall"),  # an island as its main town
        ("Isle of Wight", "Newport, Isle of Wight"),
        ("Isles of Scilly", "Hugh Town"),
        ("Richmond (London)", "Richmond upon Thames, Greater London"),
        ("Newport (Isle of Wight)", "Newport, Isle of Wight"),
        ("Cardiff Wales UK", "Cardiff, Wales"),
        ("Manchester city centre", "Manchester"),
        ("Weston-super-Mare", "Weston-super-Mare"),  # not a question: BS80 is no town
    ],
)
def test_a_town_is_found_by_other_names_people_give_it(text, label):
    assert find_location(text).label == label


@pytest.mark.parametrize("text", ["Wales", "england", "UK", "Northern Ireland"])
def test_a_country_is_too_wide_to_search_near_and_says_so(text):
    with pytest.raises(LocationNotFound) as problem:
        find_location(text)

    assert str(problem.value) == (
        f"“{text}” is too wide to search near: give a town or a postcode in it, or look for "
        "online meetings, which can be joined from anywhere."
    )


def test_a_county_that_matches_nothing_is_left_out_as_a_slip():
    """A county misspelt, or one the data does not name, is no reason to find nothing."""
    assert find_location("Leeds, Narnia").label == "Leeds, West Yorkshire"


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


def test_a_hamlet_whose_name_begins_a_towns_asks_which_is_meant():
    add_sectors(("CF47 8", 51.74979, -3.38082, 186))  # in Merthyr Tydfil

    with pytest.raises(LocationNotFound) as problem:
        find_location("Merthyr")

    assert problem.value.message == (
        "There is more than one place called “Merthyr”. Which one do you mean?"
    )
    assert problem.value.choices == [
        ("Merthyr, Carmarthenshire", "Merthyr, Carmarthenshire, Wales"),
        ("Merthyr Tydfil, Merthyr Tydfil", "Merthyr Tydfil, Merthyr Tydfil, Wales"),
    ]


def test_a_town_is_not_asked_about_a_longer_name_even_a_much_bigger_one():
    """GeoNames has Oxford Circus, in the middle of London, as a place."""
    add_sectors(
        ("OX1 2", 51.75507, -1.26270, 92),
        ("W1F 7", 51.51375, -0.13867, 184),
        ("W1S 2", 51.51195, -0.14261, 143),
        ("W1B 5", 51.51169, -0.13840, 100),
    )

    assert find_location("Oxford") == Location("Oxford", 51.7522, -1.256, LocationPrecision.PLACE)


@pytest.mark.parametrize(
    "text",
    [
        "IM1 1AA",  # their postcodes, districts, sectors and areas
        "je23ab",
        "GY1 1AA",
        "IM1",
        "GY9 3",
        "IM",
        "Isle of Man",
        "je",
        "Guernsey",
        "Jersey",
        "St Helier",
        "St Peter Port",
        "St Sampsons",  # in the data as in England
        "Douglas, Isle of Man",
        "Douglas, Isle of Man, UK",
        "Ramsey, IOM",
        "St Martin, Guernsey",
    ],
)
def test_the_crown_dependencies_and_their_towns_say_that_we_list_the_uk_only(text):
    with pytest.raises(LocationNotFound) as problem:
        find_location(text)

    assert problem.value.message == (
        "We list meetings in the UK only; the Isle of Man, Jersey and Guernsey have their own. "
        "Online meetings can be joined from anywhere."
    )


def test_douglas_asks_whether_the_isle_of_man_or_the_village_in_scotland_is_meant():
    with pytest.raises(LocationNotFound) as problem:
        find_location("Douglas")

    assert problem.value.choices == [
        ("Douglas, Isle of Man", "Douglas, Isle of Man"),
        ("Douglas, South Lanarkshire", "Douglas, South Lanarkshire, Scotland"),
    ]
    assert find_location("Douglas, South Lanarkshire") == Location(
        "Douglas, South Lanarkshire", 55.55, -3.85, LocationPrecision.PLACE
    )


def test_two_places_of_one_name_and_county_far_apart_are_two_not_one_between_them():
    """The data's Castletowns in Highland are 120 miles apart: averaged, they were one place
    in the hills of Sutherland, near no meeting of either."""
    with pytest.raises(LocationNotFound) as question:
        find_location("Castletown")
    with pytest.raises(LocationNotFound) as in_highland:
        find_location("Castletown, Highland")
    caithness = find_location("castletown, kw14")

    assert question.value.choices == [
        ("Castletown, Isle of Man", "Castletown, Isle of Man"),
        ("Castletown, Tyne and Wear", "Castletown, Tyne and Wear, England"),
        ("Castletown, IV1", "Castletown, Highland, Scotland (IV1)"),
        ("Castletown, KW14", "Castletown, Highland, Scotland (KW14)"),
    ]
    assert in_highland.value.choices == question.value.choices[2:]
    assert (caithness.label, caithness.latitude, caithness.longitude) == (
        "Castletown, KW14",
        58.5833,
        -3.3833,
    )


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Newport, Gwent", "Newport, Newport"),  # the old counties, as the data's councils
        ("Wrexham, Clwyd", "Wrexham, Wrexham"),
        ("Thurso, Caithness", "Thurso, Highland"),
        ("Perth, Perthshire", "Perth, Perth and Kinross"),
        ("Leeds, West Yorks", "Leeds, West Yorkshire"),
        ("Portree, Skye", "Portree, Highland"),
        ("Stornoway, Isle of Lewis", "Stornoway, Western Isles"),
        ("Lerwick, Shetland Isles", "Lerwick, Shetland Islands"),
        ("Holyhead, Ynys Môn", "Holyhead, Isle of Anglesey"),
        ("Oban, Argyll & Bute", "Oban, Argyll and Bute"),
        ("Cardiff, South Wales", "Cardiff, Wales"),
        ("Thurso, Nowhere Shire", "Thurso, Highland"),  # a county we do not know: as without
        ("Caerdydd", "Cardiff"),  # Welsh names of Welsh towns
        ("Abertawe", "Swansea"),
        ("Casnewydd", "Newport, Newport"),
        ("Pen-y-bont ar Ogwr", "Bridgend, Bridgend"),
    ],
)
def test_a_town_is_found_by_the_names_people_use_that_the_data_does_not(text, label):
    assert find_location(text).label == label


@pytest.mark.parametrize(
    "text", ["D02 X285", "a65f4e2", "Dublin", "cork", "Ireland", "Cork, Ireland", "Galway, Eire"]
)
def test_ireland_and_its_towns_are_said_to_have_their_own_meetings(text):
    with pytest.raises(LocationNotFound) as problem:
        find_location(text)

    assert problem.value.message == (
        "We list meetings in the UK only; Ireland has its own. Online meetings can be joined "
        "from anywhere."
    )


def test_a_uk_hamlet_called_ireland_is_found_with_its_county():
    assert find_location("Ireland, Orkney").label == "Ireland, Orkney Islands"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Inverness Scotland", "Inverness, Highland"),
        ("Kirkwall Orkney", "Kirkwall, Orkney Islands"),
        ("Bangor Co Down", "Bangor, Northern Ireland"),
        ("Leeds UK", "Leeds"),  # as "Leeds": the UK is where it looks anyway
        ("Newport Pagnell", "Newport Pagnell"),  # a place's own name first
        ("Upper Tean", "Upper Tean"),
    ],
)
def test_a_town_with_its_county_or_country_but_no_comma_is_found(text, label):
    assert find_location(text).label == label
