"""Turning what a visitor types in "near" into a point, from the project's own tables only.

Full postcodes ("m11ae") and outward codes ("M1") use the postcode district centres; anything
else is a town or village name, optionally with its county or country ("Newport, Essex").
"""

import difflib
import math
import re
from dataclasses import dataclass, field

from django.db.models import Avg

from meetings import postcodes
from meetings.models import Place, PostcodeDistrict, place_search_name

OUTWARD_CODE_RE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")


@dataclass(frozen=True)
class Location:
    label: str  # as the page shows it: "M1 1AE", "M1", "Truro"
    latitude: float
    longitude: float


@dataclass
class LocationNotFound(Exception):
    message: str
    suggestions: list[str] = field(default_factory=list)  # "Did you mean…" values for `near`
    choices: list[tuple[str, str]] = field(default_factory=list)  # (value for `near`, label)


def find_location(text):
    """The Location for `text`, or LocationNotFound with suggestions or choices."""
    text = " ".join(text.split())
    postcode = postcodes.normalise(text)
    compact = text.replace(" ", "").upper()
    if postcode or OUTWARD_CODE_RE.match(compact):
        return _postcode_location(postcode or compact, postcodes.outward_code(postcode) or compact)
    return _place_location(text)


def _postcode_location(label, outcode):
    district = PostcodeDistrict.objects.filter(outcode=outcode).first()
    if district is None:
        raise LocationNotFound(
            f"We could not find “{label}”. Check the postcode or try a town name."
        )
    return Location(label, district.latitude, district.longitude)


def _place_location(text):
    name, _, qualifier = (part.strip() for part in text.partition(","))
    places = Place.objects.filter(search_name=place_search_name(name))
    if qualifier:
        # The choices we offer name the county, or the country where GeoNames gives no county.
        places = places.filter(county__iexact=qualifier) | places.filter(
            county="", country__iexact=qualifier
        )
    # One row a place: a town spans several postcode districts, so take their middle.
    found = _distinct_places(
        places.values("name", "county", "country")
        .annotate(latitude=Avg("latitude"), longitude=Avg("longitude"))
        .order_by("country", "-county")
    )
    if len(found) == 1:
        place = found[0]
        label = _choice(place)[0] if qualifier else place["name"]
        return Location(label, place["latitude"], place["longitude"])
    if found:
        raise LocationNotFound(
            f"There is more than one place called “{found[0]['name']}”. Which one do you mean?",
            choices=[_choice(place) for place in sorted(found, key=_country_and_county)],
        )
    raise LocationNotFound(
        f"We could not find “{text}”. Check the spelling, or try a postcode.",
        suggestions=_similar_place_names(name),
    )


def _distinct_places(places, miles=10):
    """Drop rows that are the same town listed twice (with and without its county, say)."""
    kept = []
    for place in places:
        if not any(
            place["country"] == other["country"] and _miles_apart(place, other) < miles
            for other in kept
        ):
            kept.append(place)
    return kept


def _miles_apart(a, b):
    # Flat-earth distance: plenty to tell one town from another of the same name.
    dx = (a["longitude"] - b["longitude"]) * math.cos(math.radians(a["latitude"]))
    return 69.0 * math.hypot(dx, a["latitude"] - b["latitude"])


def _country_and_county(place):
    return place["country"], place["county"]


def _choice(place):
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
