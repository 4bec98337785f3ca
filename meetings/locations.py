"""Turning what a visitor types in "near" into a point, from the project's own tables only.

- a full postcode ("m11ae"; "ZE1 OAA" is ZE1 0AA): its unit, or its sector or district where the
  unit is unknown;
- a postcode sector ("M1 1"), district ("M1"), old district ("W1", "SW1") or area ("LS"):
  the centre of the units or districts it covers;
- anything else is a town or village name, optionally with its county or country
  ("Newport, Essex"). A name shared by places of comparable size asks which one is meant;
  a much bigger one (Leeds, West Yorkshire rather than Leeds, Kent) is simply used. A name of
  hamlets alone asks about the biggest place whose name it begins too (Merthyr Tydfil).

A postcode or town in the Isle of Man, Jersey or Guernsey, or an Irish Eircode, is outside the
UK, and said to be.
"""

import difflib
import math
import re
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q, Sum

from meetings import postcodes
from meetings.models import (
    LocationPrecision,
    Place,
    PostcodeDistrict,
    PostcodeSector,
    any_of,
    locate_postcode,
    place_search_name,
)
from meetings.place_names import (
    COUNTRY_NAMES,
    CROWN_DEPENDENCY_NAMES,
    IRELAND_NAMES,
    IRISH_TOWNS,
    OTHER_NAMES,
    REGION_NAMES,
    WELSH_NAMES,
)

OUTWARD_CODE_RE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
SECTOR_RE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ([0-9])$")
AREA_RE = re.compile(r"^[A-Z]{1,2}$")
# The Crown Dependencies by postcode area, whose meetings are not ours to list: the place data
# has their towns (by postcode district), the postcode data nothing.
CROWN_DEPENDENCIES = {"IM": "Isle of Man", "JE": "Jersey", "GY": "Guernsey"}
CROWN_DEPENDENCY_POSTCODE_RE = re.compile(r"^(IM|JE|GY)[0-9]")
EIRCODE_RE = re.compile(r"^([AC-FHKNPRTV-Y][0-9]{2}|D6W) ?[0-9AC-FHKNPRTV-Y]{4}$")  # Ireland's

# A place is "much bigger" than the others of its name when it has this many times the
# postcodes within a mile of its centre: Leeds, West Yorkshire has 1,724 and Leeds, Kent none;
# Richmond in London has 921 and Richmond in Yorkshire 261, which is close enough to ask.
MUCH_BIGGER = 4
SIZE_MILES = 1.0
# Rows of one name, county and country this far from any other are another place of that name.
SAME_PLACE_MILES = 10
# Northern Ireland has no unit postcodes in the data: a district named after a place counts
# as that many postcodes (the average of a district in Great Britain).
POSTCODES_PER_DISTRICT = 600


@dataclass(frozen=True)
class Location:
    label: str  # as the page shows it: "M1 1AE", "M1", "Truro"
    latitude: float
    longitude: float
    precision: str = LocationPrecision.POSTCODE
    # Smaller places of the same name: (value for `near`, label) for "Did you mean…".
    alternatives: tuple = ()

    @property
    def is_precise(self):
        return LocationPrecision(self.precision).is_precise


@dataclass
class LocationNotFound(Exception):
    message: str
    suggestions: list[str] = field(default_factory=list)  # "Did you mean…" values for `near`
    choices: list[tuple[str, str]] = field(default_factory=list)  # (value for `near`, label)
    outside_the_uk: bool = False  # somewhere we do not list, not a mistake


def find_location(text):
    """The Location for `text`, or LocationNotFound with suggestions or choices."""
    if "\x00" in text:  # PostgreSQL cannot compare text holding one
        raise LocationNotFound("The place contains a character that cannot be used.")
    text = " ".join(text.split())
    upper = text.upper()
    if CROWN_DEPENDENCY_POSTCODE_RE.match(upper) or upper in CROWN_DEPENDENCIES:
        raise _outside_the_uk()
    if EIRCODE_RE.match(upper):
        raise _outside_the_uk("Ireland has its own")
    postcode = postcodes.normalise(text)
    if postcode and (point := locate_postcode(postcode)):
        return Location(postcode, *point)
    if misread := _misread_postcode(upper):
        return misread
    if postcode:
        raise _not_a_postcode(postcode)
    if sector := SECTOR_RE.match(upper):
        return _sector(upper, sector[1])
    if OUTWARD_CODE_RE.match(upper.replace(" ", "")):
        return _district(upper.replace(" ", ""))
    if AREA_RE.match(upper) and (area := _area(upper)):
        return area
    return _place_location(text)


def _outside_the_uk(elsewhere="the Isle of Man, Jersey and Guernsey have their own"):
    return LocationNotFound(
        f"We list meetings in the UK only; {elsewhere}. Online meetings can be joined from "
        "anywhere.",
        outside_the_uk=True,
    )


def _not_a_postcode(label):
    return LocationNotFound(f"We could not find “{label}”. Check the postcode or try a town name.")


def _misread_postcode(text):
    """The Location of a full postcode typed with the letter O for a zero or I for a one where
    a digit must be, after the area's one or two letters ("ZE1 OAA", "CF1O 1AA"), if that
    postcode is known; else None. Text without a digit is a place name: "Slioch", not SL1 0CH."""
    compact = text.replace(" ", "")
    if not any(character.isdigit() for character in compact):
        return None
    for area in (compact[:2], compact[:1]):
        rest = compact[len(area) : -2].translate(str.maketrans("OI", "01"))
        postcode = postcodes.normalise(area + rest + compact[-2:])
        changed = postcode and postcode.replace(" ", "") != compact
        if changed and (point := locate_postcode(postcode)):
            return Location(postcode, *point)
    return None


def _sector(label, outcode):
    point = PostcodeSector.objects.filter(sector=label).values_list("latitude", "longitude")
    if point := point.first():
        return Location(label, *point, LocationPrecision.SECTOR)
    return _district(outcode, label)  # Northern Ireland has no sectors in the data


def _district(outcode, label=None):
    label = label or outcode
    point = PostcodeDistrict.objects.filter(outcode=outcode).values_list("latitude", "longitude")
    if point := point.first():
        return Location(label, *point, LocationPrecision.DISTRICT)
    # Districts that were split and are still typed: W1 is now W1A to W1W, EC1 is EC1A…
    old = _centre(PostcodeDistrict.objects.filter(outcode__regex=rf"^{outcode}[A-Z]$"))
    if old:
        return Location(label, *old, LocationPrecision.AREA)
    raise _not_a_postcode(label)


def _area(area):
    """ "LS": the middle of every district in the postcode area, or None if there is none."""
    point = _centre(PostcodeDistrict.objects.filter(outcode__regex=rf"^{area}[0-9]"))
    return Location(area, *point, LocationPrecision.AREA) if point else None


def _centre(districts):
    centre = districts.aggregate(latitude=Avg("latitude"), longitude=Avg("longitude"))
    return (centre["latitude"], centre["longitude"]) if centre["latitude"] is not None else None


def _place_location(text):
    text = text.replace("(", ",").replace(")", "")  # "Richmond (London)"
    named = place_search_name(text.partition(",")[0])
    if instead := WELSH_NAMES.get(named) or OTHER_NAMES.get(named):
        text = instead  # "Caerdydd" is Cardiff, "Orkney" Kirkwall
    name, *qualifiers = text.split(",")
    key = UK_OR_CENTRE_AFTER.sub("", place_search_name(name))  # "Leeds UK", "Leeds city centre"
    if key in COUNTRY_NAMES:
        raise LocationNotFound(
            f"“{text}” is too wide to search near: give a town or a postcode in it, or look "
            "for online meetings, which can be joined from anywhere."
        )
    qualifiers = [q for q in map(place_search_name, qualifiers) if q]
    if {key, *qualifiers} & CROWN_DEPENDENCY_NAMES:
        raise _outside_the_uk()
    if IRELAND_NAMES.intersection(qualifiers) or key in IRELAND_NAMES and not qualifiers:
        raise _outside_the_uk("Ireland has its own")
    matching = _named(key)
    qualifier, found = "", []
    if key:
        for qualifier in qualifiers or [""]:  # "Newport, Gwent, Wales": Gwent, else Wales
            if found := _distinct_places(_places(matching, qualifier)):
                break
    if not found and key and qualifiers:  # counties the data does not name ("Thurso, Caithness")
        found = _distinct_places(_places(matching, ""))  # named with their county all the same
    if not found and key and not qualifiers:  # "Inverness Scotland", typed without its comma
        key, qualifier, found = _with_its_region_after(key)
        matching = _named(key)
    if not found and key in IRISH_TOWNS:
        raise _outside_the_uk("Ireland has its own")
    if not found:
        raise LocationNotFound(
            f"We could not find “{text}”. Check the spelling, or try a postcode.",
            suggestions=_similar_place_names(name),
        )
    found = _by_size(found)
    # "Merthyr" is a hamlet with no postcodes near it, and Merthyr Tydfil to most: only then is
    # a longer name asked about too, as GeoNames' London has an Oxford Circus bigger than Oxford.
    if not found[0]["size"] and (
        longer := _places(Q(search_name__startswith=f"{key} "), qualifier)
    ):
        bigger = _by_size(longer)[0]
        if bigger["size"]:
            raise _which_one(name, key, [*found, bigger])
    # With no postcodes near any of them (Belleek, Armagh and Belleek, Fermanagh), none wins.
    if len(found) > 1 and (
        not found[0]["size"] or found[0]["size"] < MUCH_BIGGER * found[1]["size"]
    ):
        raise _which_one(name, key, found)
    place = found[0]
    if _crown_dependency(place):
        raise _outside_the_uk()
    if not qualifier:
        label = place["name"]
    elif outcode := _outcode(qualifier):
        label = f"{place['name']}, {outcode}"
    else:
        label = _told_apart(place, found)[0]
    return Location(
        label,
        place["latitude"],
        place["longitude"],
        LocationPrecision.PLACE,
        alternatives=tuple(_choices(found, leaving_out=place)),
    )


UK_OR_CENTRE_AFTER = re.compile(r"(?<=.) (uk|u k|united kingdom|gb|(city|town) centre)$")


def _named(key):
    """Places called `key`, a search name. "Newcastle" is Newcastle upon Tyne too, which the
    biggest first picks. Most places have no short name (""), which a name of punctuation
    alone ("-") must not match: call it with a key."""
    return Q(search_name=key) | Q(short_search_name=key)


def _with_its_region_after(key):
    """("inverness", "scotland", its places) for "inverness scotland", whose last words name
    a county or country that a place of the first is in; else (key, "", [])."""
    words = key.split()
    for cut in range(len(words) - 1, max(len(words) - 3, 0), -1):
        name, region = " ".join(words[:cut]), " ".join(words[cut:])
        if found := _distinct_places(_places(_named(name), region)):
            return name, region, found
    return key, "", []


def _places(condition, qualifier):
    """The places that meet the condition, in the county or country named, if any.

    The data has a row for each postcode district a place is in: a town's rows are one place,
    at their middle. Rows of one name, county and country further apart than SAME_PLACE_MILES
    from any other are places of their own: the two Castletowns in Highland, 120 miles apart,
    are not one in Sutherland between them. The place in the most districts comes first, to
    stand for its duplicates."""
    rows = Place.objects.filter(condition)
    if qualifier:
        rows = rows.filter(_in_region(qualifier))
    groups = []  # [rows of one place]
    fields = ("name", "county", "country", "latitude", "longitude", "outcode")
    for row in rows.values(*fields).order_by("outcode", "pk"):
        same = [
            group
            for group in groups
            if _same_name(group[0], row)
            and any(_miles_apart(row, other) < SAME_PLACE_MILES for other in group)
        ]
        groups = [group for group in groups if group not in same]
        groups.append([row, *(other for group in same for other in group)])
    places = [
        {
            "name": group[0]["name"],
            "county": group[0]["county"],
            "country": group[0]["country"],
            "latitude": sum(row["latitude"] for row in group) / len(group),
            "longitude": sum(row["longitude"] for row in group) / len(group),
            "districts": len(group),
            "outcode": min(row["outcode"] for row in group),
        }
        for group in groups
    ]
    return sorted(places, key=lambda place: (-place["districts"], *_country_and_county(place)))


def _outcode(qualifier):
    """The postcode district a qualifier is ("kw14" -> "KW14"), or None."""
    outcode = qualifier.upper().replace(" ", "")
    return outcode if OUTWARD_CODE_RE.match(outcode) else None


def _same_name(a, b):
    return (a["name"], a["county"], a["country"]) == (b["name"], b["county"], b["country"])


def _which_one(name, key, places):
    called = next((p["name"] for p in places if place_search_name(p["name"]) == key), name)
    return LocationNotFound(
        f"There is more than one place called “{called}”. Which one do you mean?",
        choices=_choices(places),
    )


def _in_region(qualifier):
    """Places whose county or country is `qualifier`, a search name: "co down" is County Down,
    "ni" Northern Ireland, "uk" anywhere. A place without a county (GeoNames gives none for
    Bangor or Newry) is in every county of its country."""
    if outcode := _outcode(qualifier):  # "Castletown, KW14", as _told_apart() names it
        return Q(outcode=outcode)
    words = qualifier.split()
    if words[0] in ("county", "co") and len(words) > 1:
        words = words[1:]
    region = " ".join(words)
    if region in ("uk", "u k", "united kingdom", "gb", "great britain", "britain"):
        return Q()
    # Both: the data has Kirkwall in "Orkney Islands" but Deerness in "Orkney".
    names = {region, *REGION_NAMES.get(region, [])}
    county = any_of(Q(county__iexact=n) | Q(county__iexact=f"county {n}") for n in names)
    country = any_of(Q(country__iexact=n) for n in names)
    countries_of_county = Place.objects.filter(county).values("country")
    return county | country | Q(county="", country__in=countries_of_county)


def _distinct_places(places, miles=10):
    """Drop rows that are the same town listed twice (with and without its county, say):
    they would give the same results, so they are not a question worth asking."""
    kept = []
    for place in places:
        if not any(
            place["country"] == other["country"] and _miles_apart(place, other) < miles
            for other in kept
        ):
            kept.append(place)
    return kept


def _by_size(places):
    """The places, biggest first, each with its `size`: the postcodes within a mile of it (by
    their sectors' centres), in one query; in Northern Ireland, the districts named after it."""
    boxes = [_box(place, SIZE_MILES) for place in places]
    sizes = PostcodeSector.objects.filter(any_of(boxes)).aggregate(
        **{f"size{i}": Sum("units", filter=box, default=0) for i, box in enumerate(boxes)}
    )
    names = {place["name"] for place in places if place["country"] == "Northern Ireland"}
    named = PostcodeDistrict.objects.filter(outcode__startswith="BT", town__in=names)
    districts = dict(named.values_list("town").annotate(count=Count("pk")).order_by())
    for i, place in enumerate(places):
        place["size"] = sizes[f"size{i}"]
        if place["country"] == "Northern Ireland":
            place["size"] += POSTCODES_PER_DISTRICT * districts.get(place["name"], 0)
    return sorted(places, key=lambda place: -place["size"])


def _box(place, miles):
    d_lat = miles / 69.0
    d_lng = d_lat / math.cos(math.radians(place["latitude"]))
    return Q(
        latitude__range=(place["latitude"] - d_lat, place["latitude"] + d_lat),
        longitude__range=(place["longitude"] - d_lng, place["longitude"] + d_lng),
    )


def _miles_apart(a, b):
    # Flat-earth distance: plenty to tell one town from another of the same name.
    dx = (a["longitude"] - b["longitude"]) * math.cos(math.radians(a["latitude"]))
    return 69.0 * math.hypot(dx, a["latitude"] - b["latitude"])


def _country_and_county(place):
    return place["country"], place["county"]


def _crown_dependency(place):
    return CROWN_DEPENDENCIES.get(place["outcode"][:2])


def _choices(places, leaving_out=None):
    """(value, label) of each place but `leaving_out`, by country and county, told apart
    from the others (_told_apart())."""
    return [
        _told_apart(place, places)
        for place in sorted(places, key=_country_and_county)
        if place is not leaving_out
    ]


def _told_apart(place, places):
    """The place's (value, label) among `places`: by its postcode district where another
    shares its name and county ("Castletown, KW14"), which find_location() reads back."""
    value, label = _choice(place)
    if sum(_choice(other)[0] == value for other in places) > 1:
        return f"{place['name']}, {place['outcode']}", f"{label} ({place['outcode']})"
    return value, label


def _choice(place):
    # GeoNames gives some of the Crown Dependencies' places neither county nor country.
    if dependency := _crown_dependency(place):
        return (f"{place['name']}, {dependency}",) * 2
    where = place["county"] or place["country"]
    label = ", ".join(part for part in (place["name"], place["county"], place["country"]) if part)
    return f"{place['name']}, {where}", label


def _similar_place_names(name, limit=3):
    """Place names spelt like `name`: the database narrows by the first letters, difflib ranks."""
    key = place_search_name(name)
    if len(key) < 3:
        return []
    names = (
        Place.objects.filter(search_name__startswith=key[:2])
        .values_list("name", flat=True)
        .distinct()
        .order_by("name")[:2000]
    )
    by_key = {place_search_name(n): n for n in names}
    return [by_key[k] for k in difflib.get_close_matches(key, by_key, n=limit, cutoff=0.75)]
