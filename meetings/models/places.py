"""Places: postcodes and their positions, areas and venues, and the distance between two
points."""

import math
import re
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import (
    Q,
)
from simple_history.models import HistoricalRecords

from config.deferred import QuickDeferredLoading
from config.reversing import KEPT_SLUG_HELP
from meetings import postcodes
from meetings.models.folding import folded

UNITED_KINGDOM = "United Kingdom"


class PostcodeDistrict(models.Model):
    """The centre of a postcode district ("M1"), from the open data in meetings/data/."""

    outcode = models.CharField(max_length=4, unique=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    town = models.CharField(max_length=100, help_text="The local authority, not the post town.")

    class Meta:
        ordering = ["outcode"]

    def __str__(self):
        return self.outcode


class PostcodeSector(models.Model):
    """The centre of a postcode sector ("M1 1"), derived from the units in it by
    `load_postcodes`, with how many units it has: a measure of how built-up a place is."""

    sector = models.CharField(max_length=6, unique=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    units = models.PositiveIntegerField()

    class Meta:
        ordering = ["sector"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="sector_location_idx")]

    def __str__(self):
        return self.sector


class PostcodeUnit(models.Model):
    """A full postcode in Great Britain ("M1 1AE") and its position, loaded by
    `manage.py load_postcodes` (1.7 million rows: too many for a migration)."""

    postcode = models.CharField(max_length=8, primary_key=True)
    latitude = models.FloatField()
    longitude = models.FloatField()

    def __str__(self):
        return self.postcode


class LocationPrecision(models.TextChoices):
    """How exactly a point is known. Distances between two precise points are shown to a
    tenth of a mile; anything to or from a centre of a sector or district is "about"."""

    POSTCODE = "postcode", "Full postcode"
    STAFF = "staff", "Set by staff"
    SECTOR = "sector", "Centre of the postcode sector"
    DISTRICT = "district", "Centre of the postcode district"
    AREA = "area", "Centre of several postcode districts"
    PLACE = "place", "Centre of a town or village"

    @property
    def is_precise(self):
        return self in PRECISE_LOCATIONS


PRECISE_LOCATIONS = {LocationPrecision.POSTCODE, LocationPrecision.STAFF}


# Where a full postcode is placed, most precise first: its unit, or else the centre of its
# sector or district (Northern Ireland, or a postcode newer than the data).
POSTCODE_STEPS = [
    (PostcodeUnit, "postcode", postcodes.normalise, LocationPrecision.POSTCODE),
    (PostcodeSector, "sector", postcodes.sector, LocationPrecision.SECTOR),
    (PostcodeDistrict, "outcode", postcodes.outward_code, LocationPrecision.DISTRICT),
]


def locate_postcode(postcode):
    """(latitude, longitude, precision) of a full postcode (POSTCODE_STEPS), or None if
    unknown. One to three queries."""
    postcode = postcodes.normalise(postcode)
    if postcode is None:
        return None
    for model, column, key, precision in POSTCODE_STEPS:
        point = model.objects.filter(**{column: key(postcode)}).values_list("latitude", "longitude")
        if point := point.first():
            return (*point, precision)
    return None


def unplaced_postcodes(full_postcodes):
    """Those of these full postcodes that locate_postcode() cannot place: three queries,
    however many postcodes."""
    unplaced = set(full_postcodes)
    for model, column, key, _ in POSTCODE_STEPS:
        if unplaced:
            wanted = {key(postcode) for postcode in unplaced}
            rows = model.objects.filter(**{f"{column}__in": wanted})
            found = set(rows.values_list(column, flat=True))
            unplaced = {postcode for postcode in unplaced if key(postcode) not in found}
    return unplaced


def place_search_name(text):
    """How place names are compared: "  st. ives", "Saint Ives" and "St Ives" are the same
    place, and so are "Stoke-on-Trent" and "stoke on trent", "King's Lynn" and "Kings Lynn",
    "Ynys Môn" and "Ynys Mon", "Elephant & Castle" and "Elephant and Castle", "Westward Ho!"
    and "Westward Ho", "Gt Yarmouth" and "Great Yarmouth"."""
    text = re.sub(r"['’‘ʼ`]", "", folded(text)).replace("&", " and ")
    words = re.sub(r"[^\w\s]|_", " ", text).split()  # stops, hyphens, brackets, "!"
    return " ".join(SAME_WORDS.get(word, word) for word in words)


SAME_WORDS = {"saint": "st", "gt": "great"}  # "Gt Yarmouth"


# Newcastle upon Tyne, Stoke-on-Trent, Weston-super-Mare, Barrow-in-Furness: towns that
# people call by their first word.
SHORT_NAME_ENDS = (" upon ", " on ", " under ", " super ", " in ")


def place_short_search_name(search_name):
    """ "newcastle" for "newcastle upon tyne"; "" for a name without such an end."""
    for connector in SHORT_NAME_ENDS:
        start, found, _ = search_name.partition(connector)
        if found:
            return start
    return ""


class Place(models.Model):
    """A town or village in one postcode district (GeoNames), for "near Truro" searches.

    A name may appear in several districts (a town spans them) and in several counties
    ("Newport" is in Essex, Devon, Wales…), so one place is a name in a county and country.
    """

    name = models.CharField(max_length=100)
    search_name = models.CharField(max_length=100, db_index=True, editable=False)
    short_search_name = models.CharField(max_length=100, db_index=True, editable=False, default="")
    outcode = models.CharField(max_length=4)
    latitude = models.FloatField()
    longitude = models.FloatField()
    county = models.CharField(max_length=100, blank=True)
    country = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ["name", "outcode"]

    def __str__(self):
        return f"{self.name} ({self.outcode})"

    def save(self, *args, **kwargs):
        self.search_name = place_search_name(self.name)
        self.short_search_name = place_short_search_name(self.search_name)
        super().save(*args, **kwargs)


class Area(models.Model):
    """A place in a tree (region > county or city > district) for browsing and staff ownership."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(unique=True, help_text=KEPT_SLUG_HELP)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    # Slugs from the top of the tree down ("england/greater-manchester/salford"), kept up to
    # date on save, so that "this area and everything inside it" is one indexed prefix query.
    path = models.CharField(max_length=500, editable=False, db_index=True)
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="coordinated_areas",
        help_text="Staff in the “Area coordinators” group who look after the meetings and "
        "venues in this area and the areas inside it.",
    )

    history = HistoricalRecords()  # who changed what, with old and new values (admin)

    class Meta:
        ordering = ["path"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        old_path = self.path
        self.path = f"{self.parent.path}/{self.slug}" if self.parent else self.slug
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            for child in self.children.all():
                child.save()

    @staticmethod
    def within(areas, path_field="path"):
        """A condition: `path_field` is the path of one of the areas or of an area inside one."""
        condition = Q(pk__in=[])
        for area in areas:
            condition |= Q(**{path_field: area.path}) | Q(
                **{f"{path_field}__startswith": f"{area.path}/"}
            )
        return condition

    def clean(self):
        area = self.parent
        while area:
            if area.pk == self.pk and self.pk is not None:
                raise ValidationError(
                    {"parent": "An area cannot be inside itself or an area inside it."}
                )
            area = area.parent


UK_COUNTRY_NAMES = {
    "uk",
    "u k",
    "united kingdom",
    "gb",
    "g b",
    "great britain",
    "britain",
    "england",
    "scotland",
    "wales",
    "cymru",
    "northern ireland",
}


def is_uk_country(country):
    """Whether a venue's country means the United Kingdom: "UK", "U.K.", "Wales", "GB"…"""
    return " ".join(country.lower().replace(".", " ").split()) in UK_COUNTRY_NAMES


class VenueQuerySet(models.QuerySet):
    def in_uk(self):
        return self.filter(country=UNITED_KINGDOM)

    def without_location(self):
        """Venues that a "near" search cannot place: staff should give them a postcode or
        a position."""
        return self.filter(Q(latitude__isnull=True) | Q(longitude__isnull=True))


class Venue(QuickDeferredLoading, models.Model):
    name = models.CharField(max_length=200)
    address_line_1 = models.CharField(max_length=200)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, db_index=True)
    postcode = models.CharField(
        max_length=10, blank=True, db_index=True, help_text="Needed for venues in the UK."
    )
    country = models.CharField(max_length=100, default=UNITED_KINGDOM)
    area = models.ForeignKey(Area, on_delete=models.SET_NULL, null=True, blank=True)
    latitude = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    location_set_by_staff = models.BooleanField(
        default=False,
        help_text="Tick to keep the latitude and longitude typed here. Otherwise they are "
        "taken from the postcode each time the venue is saved.",
    )
    location_precision = models.CharField(
        max_length=10, choices=LocationPrecision, blank=True, editable=False
    )
    access_notes = models.TextField(blank=True, help_text="Shown to the public.")
    # Yes, no or not known (None): a fact nobody checked is never shown as "no".
    step_free = models.BooleanField("step-free access", null=True, blank=True, default=None)
    hearing_loop = models.BooleanField(null=True, blank=True, default=None)
    accessible_toilet = models.BooleanField(null=True, blank=True, default=None)
    # Its meetings' "last changed" in exports and calendars (Meeting.last_modified).
    updated = models.DateTimeField(auto_now=True)

    objects = VenueQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["town", "name"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="venue_location_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="venue_latitude_in_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="venue_longitude_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.name}, {self.town}"

    def save(self, *args, **kwargs):
        if is_uk_country(self.country):
            self.country = UNITED_KINGDOM
            self.postcode = postcodes.normalise(self.postcode) or self.postcode.strip()
        if self.location_set_by_staff:
            self.location_precision = LocationPrecision.STAFF
        else:
            self.latitude, self.longitude, self.location_precision = self.postcode_location() or (
                None,
                None,
                "",
            )
        renamed = Venue.objects.filter(pk=self.pk).exclude(name=self.name, town=self.town).exists()
        super().save(*args, **kwargs)
        if renamed:  # meetings' search text holds the venue's name and town
            for meeting in self.meetings.select_related("programme"):
                meeting.skip_history_when_saving = True  # the venue's history has the change
                meeting.save(update_fields=["search_text"])

    def clean(self):
        if is_uk_country(self.country):
            self.country = UNITED_KINGDOM
            postcode = postcodes.normalise(self.postcode)
            if postcode is None:
                raise ValidationError({"postcode": "Enter a full UK postcode, for example M1 1AE."})
            self.postcode = postcode
        if self.location_set_by_staff and (self.latitude is None or self.longitude is None):
            raise ValidationError(
                {
                    "latitude": "Enter both latitude and longitude, or untick the box to take "
                    "them from the postcode."
                }
            )

    def postcode_location(self):
        """(latitude, longitude, precision) from a UK postcode, or None. Up to three queries."""
        return locate_postcode(self.postcode) if self.country == UNITED_KINGDOM else None

    @property
    def has_precise_location(self):
        return self.location_precision in PRECISE_LOCATIONS

    @property
    def access_facts(self):
        """What is known about access, in words ("Step-free access", "No hearing loop");
        facts not known are left out."""
        facts = [
            (self.step_free, "Step-free access", "No step-free access"),
            (self.hearing_loop, "Hearing loop", "No hearing loop"),
            (self.accessible_toilet, "Accessible toilet", "No accessible toilet"),
        ]
        return [yes if known else no for known, yes, no in facts if known is not None]

    @property
    def access_answers(self):
        """ "Step-free access: yes", "Hearing loop: no"…; facts not known are left out."""
        facts = [
            ("Step-free access", self.step_free),
            ("Hearing loop", self.hearing_loop),
            ("Accessible toilet", self.accessible_toilet),
        ]
        return [
            f"{label}: {'yes' if known else 'no'}" for label, known in facts if known is not None
        ]

    @property
    def address(self):
        parts = [self.address_line_1, self.address_line_2, self.town, self.postcode]
        return ", ".join(part for part in parts if part)

    @property
    def map_url(self):
        """A plain link to OpenStreetMap: nothing is loaded from there unless the visitor asks.
        A precise position gets a pin up close; a postcode district's centre would put the pin
        in the wrong street, so then the map searches for the address instead."""
        if self.has_precise_location:
            lat, lng = f"{self.latitude:.5f}", f"{self.longitude:.5f}"
            return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lng}#map=17/{lat}/{lng}"
        query = ", ".join(part for part in (self.name, self.address, self.country) if part)
        return f"https://www.openstreetmap.org/search?{urlencode({'query': query})}"


EARTH_RADIUS_MILES = 3958.8
MILES_PER_DEGREE_OF_LATITUDE = 69.0


class GreatCircleMiles(models.Func):
    """The haversine distance in miles from a point to a latitude and longitude column, as
    one SQL expression (SQLite gets its functions from Django). Built from Django's Sin, Cos
    and the rest, it was some twenty expressions that each query copied and compiled again:
    a third of a near search's time."""

    output_field = models.FloatField()

    def __init__(self, latitude, longitude, to_latitude, to_longitude):
        super().__init__(to_latitude, to_longitude)
        self.latitude, self.longitude = latitude, longitude

    def as_sql(self, compiler, connection, **extra_context):
        (lat, lat_params), (lng, lng_params) = map(compiler.compile, self.get_source_expressions())
        sql = (
            f"{2 * EARTH_RADIUS_MILES} * ASIN(SQRT("
            f"POWER(SIN(RADIANS({lat} - %s) / 2), 2)"
            f" + %s * COS(RADIANS({lat})) * POWER(SIN(RADIANS({lng} - %s) / 2), 2)))"
        )
        cos_latitude = math.cos(math.radians(self.latitude))
        params = (
            *lat_params,
            self.latitude,
            cos_latitude,
            *lat_params,
            *lng_params,
            self.longitude,
        )
        return sql, params


class Rarely(models.Func):
    """A condition that few rows meet, said so to SQLite's query planner, whose statistics
    cannot tell: they hold the average rows per value, not how narrow a range or how rare a
    value is. Other databases get the condition as it is; PostgreSQL's statistics see both."""

    output_field = models.BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        return compiler.compile(self.get_source_expressions()[0])

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return f"likelihood({sql}, 0.001)", params  # SQLite takes a constant only
