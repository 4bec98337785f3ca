import datetime
import math
import re
import zoneinfo
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    Value,
    When,
    prefetch_related_objects,
)
from django.utils import timezone
from simple_history.models import HistoricalRecords

from config.reversing import reverse_slug
from meetings import postcodes
from programmes.models import MAT_WELCOMING, Programme

UK_TIME_ZONE = "Europe/London"
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


def locate_postcode(postcode):
    """(latitude, longitude, precision) of a full postcode: its unit, or else the centre of its
    sector or district (Northern Ireland, or a postcode newer than the data). None if unknown.
    One to three queries."""
    postcode = postcodes.normalise(postcode)
    if postcode is None:
        return None
    steps = [
        (PostcodeUnit.objects.filter(postcode=postcode), LocationPrecision.POSTCODE),
        (
            PostcodeSector.objects.filter(sector=postcodes.sector(postcode)),
            LocationPrecision.SECTOR,
        ),
        (
            PostcodeDistrict.objects.filter(outcode=postcodes.outward_code(postcode)),
            LocationPrecision.DISTRICT,
        ),
    ]
    for queryset, precision in steps:
        point = queryset.values_list("latitude", "longitude").first()
        if point:
            return (*point, precision)
    return None


def place_search_name(text):
    """How place names are compared: "  st. ives" and "St Ives" are the same place, and so
    are "Stoke-on-Trent" and "stoke on trent"."""
    return " ".join(text.lower().replace(".", " ").replace("-", " ").split())


class Place(models.Model):
    """A town or village in one postcode district (GeoNames), for "near Truro" searches.

    A name may appear in several districts (a town spans them) and in several counties
    ("Newport" is in Essex, Devon, Wales…), so one place is a name in a county and country.
    """

    name = models.CharField(max_length=100)
    search_name = models.CharField(max_length=100, db_index=True, editable=False)
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
        super().save(*args, **kwargs)


class Area(models.Model):
    """A place in a tree (region > county or city > district) for browsing and staff ownership."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(unique=True)
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
                raise ValidationError({"parent": "An area cannot be inside itself."})
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


class Venue(models.Model):
    name = models.CharField(max_length=200)
    address_line_1 = models.CharField(max_length=200)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, db_index=True)
    postcode = models.CharField(
        max_length=10, blank=True, db_index=True, help_text="Needed for venues in the UK."
    )
    country = models.CharField(max_length=100, default=UNITED_KINGDOM)
    area = models.ForeignKey(Area, on_delete=models.SET_NULL, null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
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


class Tag(models.Model):
    """A label a meeting can carry, with a short code for printed lists."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(unique=True)
    code = models.CharField(max_length=6, unique=True, help_text="Short code for printed lists.")
    description = models.CharField(max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Focus(Tag):
    """Who a group is for: women, LGBTQ+ people, young people…"""

    class Meta(Tag.Meta):
        verbose_name_plural = "focuses"


class Feature(Tag):
    """What happens at a meeting: speaker, discussion, step study, childcare…"""


class Attendance(models.TextChoices):
    IN_PERSON = "in-person", "In person"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "Hybrid (in person and online)"


# In person and online searches both include hybrid meetings; a hybrid search is hybrid only.
ATTENDANCE_MATCHES = {
    Attendance.IN_PERSON: [Attendance.IN_PERSON, Attendance.HYBRID],
    Attendance.ONLINE: [Attendance.ONLINE, Attendance.HYBRID],
    Attendance.HYBRID: [Attendance.HYBRID],
}


class Weekday(models.IntegerChoices):
    # Numbered as Python's date.weekday(), so that Monday sorts first.
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"

    @property
    def slug(self):
        return self.label.lower()


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Every week"
    FORTNIGHTLY = "fortnightly", "Every other week"
    MONTHLY = "monthly", "Once a month"


class WeekOfMonth(models.IntegerChoices):
    FIRST = 1, "First"
    SECOND = 2, "Second"
    THIRD = 3, "Third"
    FOURTH = 4, "Fourth"
    FIFTH = 5, "Fifth"
    LAST = -1, "Last"


class Openness(models.TextChoices):
    OPEN = "open", "Open: anyone may come"
    CLOSED = "closed", "Closed: for people who have, or think they have, the problem"


class Status(models.TextChoices):
    ACTIVE = "active", "Active"
    TEMPORARILY_CLOSED = "temporarily-closed", "Temporarily closed"
    ENDED = "ended", "Ended"


class TimeOfDay(models.TextChoices):
    MORNING = "morning", "Morning (before 12:00)"
    AFTERNOON = "afternoon", "Afternoon (12:00 to 16:59)"
    EVENING = "evening", "Evening (17:00 to 20:59)"
    NIGHT = "night", "Night (21:00 or later)"


# (from, until) start times; None means until midnight.
TIME_BANDS = {
    TimeOfDay.MORNING: (datetime.time(0), datetime.time(12)),
    TimeOfDay.AFTERNOON: (datetime.time(12), datetime.time(17)),
    TimeOfDay.EVENING: (datetime.time(17), datetime.time(21)),
    TimeOfDay.NIGHT: (datetime.time(21), None),
}


class Access(models.TextChoices):
    STEP_FREE = "step-free", "Step-free access"
    HEARING_LOOP = "hearing-loop", "Hearing loop"


ACCESS_FIELDS = {Access.STEP_FREE: "venue__step_free", Access.HEARING_LOOP: "venue__hearing_loop"}
EARTH_RADIUS_MILES = 3958.8
MILES_PER_DEGREE_OF_LATITUDE = 69.0


UK_ZONE = zoneinfo.ZoneInfo(UK_TIME_ZONE)
# A meeting without an end time is taken to last this long, to tell when it has finished.
USUAL_LENGTH = datetime.timedelta(hours=1)
# A meeting may run past midnight (23:00 to 00:30), ending by this time the next day.
LATEST_END_AFTER_MIDNIGHT = datetime.time(6)
# Slugs that are, or may become, addresses of their own under /meetings/.
RESERVED_SLUGS = [
    "api",
    "calendar",
    "data",
    "export",
    "feed",
    "import",
    "map",
    "new",
    "print",
    "report",
    "search",
    "today",
]
# Words too common to narrow a keyword search; left out on every database alike.
STOP_WORDS = {"a", "an", "and", "at", "by", "for", "in", "is", "of", "on", "or", "the", "to"}


def ends_in_time(start, end):
    """Whether a meeting from `start` to `end` is possible: later the same day, or past
    midnight (23:00 to 00:30) up to LATEST_END_AFTER_MIDNIGHT."""
    return end > start or (end < start and end <= LATEST_END_AFTER_MIDNIGHT)


def search_words(text):
    """The words of a text as keyword search compares them: "St. Anne's" -> ["st", "anne", "s"]."""
    return re.findall(r"\w+", text.lower())


def week_parity(day):
    """0 or 1, alternating every Monday-to-Sunday week: fortnightly meetings keep theirs."""
    return (day.toordinal() - 1) // 7 % 2  # ordinal 1 is a Monday


def weeks_of_month(day):
    """Which of WeekOfMonth a date counts as: the 4th Friday may also be the last."""
    weeks = [(day.day - 1) // 7 + 1]
    if (day + datetime.timedelta(days=7)).month != day.month:
        weeks.append(WeekOfMonth.LAST)
    return weeks


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


def months_before(day, months):
    """The same day of the month `months` earlier (or the month's last day, if shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last_day))


def needs_checking_cutoff(today=None):
    """Meetings last verified before this date need checking again."""
    return months_before(today or timezone.localdate(), settings.NEEDS_CHECKING_MONTHS)


def open_reports_of(meeting):
    """Change reports about a meeting that staff have not closed yet."""
    return ChangeReport.objects.filter(meeting=meeting, status__in=ChangeReport.OPEN_STATUSES)


OUT_OF_DATE_AFTER = datetime.timedelta(days=365)
ALTERNATIVES_WITHIN_MILES = 25

LISTING_ORDER = ["uk_weekday", "uk_start_time", "name", "pk"]
UK_TIME_FIELDS = ["uk_weekday", "uk_start_time", "uk_end_time", "uk_next_date"]


def fetch_together(*querysets):
    """The rows of querysets that load the same related lists (for_listing()'s focuses, say),
    each as a list, with those related lists loaded once for all of them: a page of results,
    its online meetings and its temporarily closed ones take one query for their focuses, not
    three. The lookups are those of the first queryset that has any."""
    lists = [list(queryset.prefetch_related(None)) for queryset in querysets]
    lookups = next(
        (qs._prefetch_related_lookups for qs in querysets if qs._prefetch_related_lookups), ()
    )
    prefetch_related_objects([row for rows in lists for row in rows], *lookups)
    return lists


class MeetingQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Status.ACTIVE)

    def temporarily_closed(self):
        return self.filter(status=Status.TEMPORARILY_CLOSED)

    def published(self):
        """What the public may see: active and temporarily closed meetings. An ended
        meeting's page answers 410, and it is in no list, export or API."""
        return self.exclude(status=Status.ENDED)

    def for_listing(self):
        """The joins that a list of meetings reads, in the order lists show them: by UK day and
        time, then name, then id, so that pages never skip or repeat a meeting. Focuses come
        as a plain list, `focus_list`: a related manager and queryset for each row cost more
        than the rest of the row."""
        return (
            self.select_related("programme", "venue")
            .prefetch_related(Prefetch("focuses", to_attr="focus_list"))
            .order_by(*LISTING_ORDER)
        )

    def with_feature_list(self):
        """Features as a plain list, `feature_list`, as for_listing() loads focuses."""
        return self.prefetch_related(Prefetch("features", to_attr="feature_list"))

    def attending(self, *ways):
        matches = {match for way in ways for match in ATTENDANCE_MATCHES[way]}
        return self.filter(attendance__in=matches)

    def online_only(self):
        return self.filter(attendance=Attendance.ONLINE)

    def with_venue(self):
        return self.exclude(attendance=Attendance.ONLINE)

    def on_days(self, weekdays=(), dates=()):
        """Meetings on any of the UK weekdays, or held on any of the UK dates (fortnightly and
        monthly meetings only when they really happen then). A meeting run from abroad is
        held on a date when its next meeting falls on it in UK time."""
        condition = Q(uk_weekday__in=weekdays)
        for day in dates:
            condition |= Q(time_zone=UK_TIME_ZONE, weekday=day.weekday()) & (
                Q(frequency=Frequency.WEEKLY)
                | Q(frequency=Frequency.FORTNIGHTLY, fortnight_parity=week_parity(day))
                | Q(frequency=Frequency.MONTHLY, week_of_month__in=weeks_of_month(day))
            )
            condition |= ~Q(time_zone=UK_TIME_ZONE) & Q(uk_next_date=day)
        return self.filter(condition)

    def starting_in(self, *bands):
        """Meetings starting in any of the times of day, in UK time."""
        condition = Q()
        for band in bands:
            start, until = TIME_BANDS[band]
            condition |= Q(uk_start_time__gte=start) & (
                Q(uk_start_time__lt=until) if until else Q()
            )
        return self.filter(condition)

    def finished_last(self, now):
        """Today's meetings with those already over at the end, each annotated `has_ended`."""
        now = now.astimezone(UK_ZONE)
        time_now = now.time()
        ended = Q(uk_end_time__gt=F("uk_start_time"), uk_end_time__lte=time_now)
        if (now - USUAL_LENGTH).date() == now.date():
            ended |= Q(uk_end_time__isnull=True, uk_start_time__lte=(now - USUAL_LENGTH).time())
        has_ended = Case(When(ended, then=Value(True)), default=Value(False))
        ordering = self.query.order_by or LISTING_ORDER
        return self.annotate(has_ended=has_ended).order_by("has_ended", *ordering)

    def refresh_uk_times(self, today):
        """Move meetings run from abroad on to their next meeting once the last has passed:
        its UK day and time may differ from the last one's when only one country has
        changed its clocks. Returns how many changed."""
        stale = list(self.exclude(time_zone=UK_TIME_ZONE).filter(uk_next_date__lt=today))
        for meeting in stale:
            meeting.set_uk_times(today)
        return self.bulk_update(stale, UK_TIME_FIELDS)

    def in_approach(self, *approaches):
        return self.filter(programme__approach__in=approaches)

    def in_programme(self, *slugs):
        return self.filter(programme__slug__in=slugs)

    def in_area(self, area):
        """Meetings at venues in the area or anywhere inside it."""
        path = area.path
        return self.filter(Q(venue__area__path=path) | Q(venue__area__path__startswith=f"{path}/"))

    def with_openness(self, openness):
        return self.filter(openness=openness)

    def with_focus(self, *slugs):
        """Meetings that have every one of the given focuses."""
        for slug in slugs:
            self = self.filter(focuses__slug=slug)
        return self

    def with_access(self, *needs):
        """Meetings at venues that meet every one of the needs."""
        return self.filter(**{ACCESS_FIELDS[need]: True for need in needs})

    def welcoming_mat(self):
        """Meetings of programmes that welcome people on medication-assisted treatment."""
        return self.filter(programme__abstinence__in=MAT_WELCOMING)

    def matching(self, text):
        """Keyword search, alike on SQLite and PostgreSQL (where a trigram index serves it):
        every word typed starts a word of the meeting's `search_text` ("manc" finds
        Manchester); words of one or two letters ("NA") must be whole words; common words
        ("the", "at") are left out."""
        conditions = []
        for word in search_words(text):
            if word in STOP_WORDS:
                continue
            pattern = f" {word} " if len(word) <= 2 else f" {word}"
            conditions.append(Q(search_text__contains=pattern))
        return self.filter(*conditions)

    def near(self, latitude, longitude, miles):
        """Meetings at venues within `miles`, annotated with their `distance` in miles."""
        # A box first, which the venue location index can narrow; then the exact distance.
        d_lat = miles / MILES_PER_DEGREE_OF_LATITUDE
        d_lng = d_lat / math.cos(math.radians(latitude))
        return (
            self.filter(
                venue__latitude__range=(latitude - d_lat, latitude + d_lat),
                venue__longitude__range=(longitude - d_lng, longitude + d_lng),
            )
            .annotate(
                distance=GreatCircleMiles(
                    latitude, longitude, F("venue__latitude"), F("venue__longitude")
                )
            )
            .filter(distance__lte=miles)
        )

    def by_distance(self):
        return self.order_by("distance", *LISTING_ORDER)

    # Keeping listings true (staff). A meeting needs checking when it was last verified
    # before the cut-off (settings.NEEDS_CHECKING_MONTHS ago), never, when a visitor has
    # reported a change not yet dealt with, or when its UK venue cannot be placed on a map.
    # Ended meetings need no checking.

    def not_verified_since(self, day):
        return self.published().filter(last_verified__lt=day)

    def never_verified(self):
        return self.published().filter(last_verified__isnull=True)

    def with_open_reports(self):
        return self.published().filter(Exists(open_reports_of(OuterRef("pk"))))

    def at_unplaced_uk_venues(self):
        return (
            self.published().with_venue().filter(venue__in=Venue.objects.in_uk().without_location())
        )

    def needs_checking(self, today=None):
        meetings, reasons = self._checking_reasons(today)
        return meetings.filter(any_of(reasons.values()))

    def needs_checking_counts(self, today=None):
        """How many meetings need checking for each reason, and in all: one query."""
        meetings, reasons = self._checking_reasons(today)
        return meetings.aggregate(
            **{name: Count("pk", filter=condition) for name, condition in reasons.items()},
            total=Count("pk", filter=any_of(reasons.values())),
        )

    def _checking_reasons(self, today):
        """The meetings that may need checking, and the condition for each reason."""
        cutoff = needs_checking_cutoff(today)
        unplaced = Venue.objects.in_uk().without_location().values("pk")
        reasons = {
            "stale": Q(last_verified__lt=cutoff),
            "never": Q(last_verified__isnull=True),
            "reports": Q(has_open_reports=True),
            "unplaced": ~Q(attendance=Attendance.ONLINE) & Q(venue__in=unplaced),
        }
        meetings = self.published().annotate(
            has_open_reports=Exists(open_reports_of(OuterRef("pk")))
        )
        return meetings, reasons


def any_of(conditions):
    """One Q that holds when any of the conditions does."""
    combined = Q()
    for condition in conditions:
        combined |= condition
    return combined


class Meeting(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="meetings")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    group_name = models.CharField(
        "group or organisation", max_length=200, blank=True, help_text="For example a LERO."
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.ACTIVE)
    status_since = models.DateField(
        null=True, blank=True, help_text="When it closed, reopened or ended. Shown to the public."
    )

    attendance = models.CharField(max_length=10, choices=Attendance, default=Attendance.IN_PERSON)
    venue = models.ForeignKey(
        Venue,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        help_text="Needed for in-person and hybrid meetings.",
    )
    online_url = models.URLField("joining link", blank=True)
    online_meeting_id = models.CharField("meeting ID", max_length=50, blank=True)
    online_passcode = models.CharField("passcode", max_length=50, blank=True)
    phone_dial_in = models.CharField("dial-in number", max_length=50, blank=True)
    online_notes = models.TextField(blank=True)

    weekday = models.PositiveSmallIntegerField(choices=Weekday)
    start_time = models.TimeField()
    end_time = models.TimeField(null=True, blank=True)
    frequency = models.CharField(max_length=12, choices=Frequency, default=Frequency.WEEKLY)
    fortnight_anchor = models.DateField(
        null=True, blank=True, help_text="For fortnightly meetings: any date the meeting is held."
    )
    fortnight_parity = models.PositiveSmallIntegerField(null=True, editable=False)
    week_of_month = models.SmallIntegerField(
        choices=WeekOfMonth,
        null=True,
        blank=True,
        help_text="For monthly meetings: for example the first Tuesday of the month.",
    )
    time_zone = models.CharField(
        max_length=50,
        default=UK_TIME_ZONE,
        help_text="Europe/London unless an online meeting is run from abroad.",
    )
    # The schedule in UK time, derived on save, for filtering, sorting and grouping in SQL.
    # For a meeting run from abroad they are those of its next meeting (from the start of
    # the UK day), moved on by refresh_uk_times() once it has passed.
    uk_weekday = models.PositiveSmallIntegerField(choices=Weekday, editable=False)
    uk_start_time = models.TimeField(editable=False)
    uk_end_time = models.TimeField(null=True, editable=False)
    uk_next_date = models.DateField(null=True, editable=False)

    openness = models.CharField(
        "open or closed", max_length=10, choices=Openness, default=Openness.OPEN
    )
    focuses = models.ManyToManyField(Focus, blank=True, related_name="meetings")
    features = models.ManyToManyField(Feature, blank=True, related_name="meetings")
    languages = models.CharField(max_length=200, default="English")
    public_notes = models.TextField(blank=True)
    last_verified = models.DateField(null=True, blank=True)

    # Staff only: never shown on public pages, exports or feeds.
    staff_notes = models.TextField(blank=True)
    contact_name = models.CharField(max_length=100, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_public = models.BooleanField(
        "show contact details publicly",
        default=False,
        help_text="Only when the group has asked for them to be public.",
    )

    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    # Derived on save, so that searches are one SQL condition each.
    search_text = models.TextField(editable=False, blank=True)

    # Imported meetings: where they came from (see meetings/exchange/importer.py).
    source = models.ForeignKey(
        "Source",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        help_text="The list this meeting was imported from and is kept in step with.",
    )
    source_key = models.CharField(
        "slug in the source", max_length=200, blank=True, help_text="The row's slug in its source."
    )
    source_detached = models.BooleanField(
        "detached from its source",
        default=False,
        help_text="Tick to keep staff edits: the next sync of its source leaves it alone.",
    )

    objects = MeetingQuerySet.as_manager()
    # Derived fields are left out: save() derives them again on a revert.
    history = HistoricalRecords(excluded_fields=["search_text"], m2m_fields=["focuses", "features"])

    class Meta:
        ordering = ["weekday", "start_time", "name"]
        indexes = [
            # The venue too, so that a search near a place on some days checks each venue
            # before it reads the meeting: at 50,000 meetings, 1 ms a query instead of 3.
            models.Index(
                fields=["status", "uk_weekday", "uk_start_time", "venue"],
                name="meeting_uk_schedule_idx",
            ),
            # Day and time too, so that counting the online meetings of a search reads only
            # the index.
            models.Index(
                fields=["status", "attendance", "uk_weekday", "uk_start_time"],
                name="meeting_attendance_idx",
            ),
            models.Index(fields=["uk_next_date"], name="meeting_uk_next_date_idx"),
            models.Index(
                fields=["uk_weekday", "uk_start_time", "name", "id"],
                name="meeting_listing_order_idx",
            ),
            models.Index(fields=["updated"], name="meeting_updated_idx"),
            # PostgreSQL also has (programme, status): see migration 0025.
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(attendance=Attendance.IN_PERSON)
                | ~Q(online_url="")
                | ~Q(phone_dial_in=""),
                name="meeting_online_has_joining_details",
            ),
            models.CheckConstraint(
                condition=Q(attendance=Attendance.ONLINE) | Q(venue__isnull=False),
                name="meeting_in_person_has_venue",
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | Q(end_time__gt=F("start_time"))
                | Q(end_time__lt=F("start_time"), end_time__lte=LATEST_END_AFTER_MIDNIGHT),
                name="meeting_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(slug__in=RESERVED_SLUGS), name="meeting_slug_not_reserved"
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=0, weekday__lte=6), name="meeting_weekday_valid"
            ),
            models.CheckConstraint(
                condition=~Q(frequency=Frequency.FORTNIGHTLY)
                | Q(fortnight_anchor__isnull=False, fortnight_parity__isnull=False),
                name="meeting_fortnightly_has_anchor",
            ),
            models.CheckConstraint(
                condition=~Q(frequency=Frequency.MONTHLY) | Q(week_of_month__isnull=False),
                name="meeting_monthly_has_week",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.set_derived_fields()
        if kwargs.get("update_fields") is not None:  # update_or_create() names what it changed
            kwargs["update_fields"] = {*kwargs["update_fields"], *DERIVED_FIELDS}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse_slug("meetings:meeting_detail", self.slug)

    def set_derived_fields(self):
        """What save() derives; bulk_create() does not call save(), so call this first."""
        for name in ("start_time", "end_time"):  # "19:30" as well as time(19, 30)
            setattr(self, name, self._meta.get_field(name).to_python(getattr(self, name)))
        self.fortnight_parity = (
            week_parity(self.fortnight_anchor) if self.fortnight_anchor else None
        )
        self.search_text = self.build_search_text()
        self.set_uk_times()

    def set_uk_times(self, today=None):
        if not self.runs_from_abroad:
            self.uk_weekday, self.uk_start_time = self.weekday, self.start_time
            self.uk_end_time, self.uk_next_date = self.end_time, None
            return
        today = today or timezone.localdate()
        start_of_today = datetime.datetime.combine(today, datetime.time(), UK_ZONE)
        start = self.next_start(after=start_of_today - datetime.timedelta(seconds=1))
        uk_start = start.astimezone(UK_ZONE)
        self.uk_weekday, self.uk_start_time = uk_start.weekday(), uk_start.time()
        self.uk_next_date = uk_start.date()
        self.uk_end_time = (uk_start + self.length).time() if self.end_time else None

    def build_search_text(self):
        """What the keyword search looks in, as lower-case words between single spaces (and
        a space at each end, so that every word is found by " word"). Reads the programme
        and venue: queries unless they are loaded already."""
        parts = [
            self.name,
            self.group_name,
            self.public_notes,
            self.programme.name,
            self.programme.short_name,
        ]
        if self.venue:
            parts += [self.venue.name, self.venue.town]
        return f" {' '.join(search_words(' '.join(parts)))} "

    def clean(self):
        errors = {}
        if self.attendance != Attendance.IN_PERSON and not (self.online_url or self.phone_dial_in):
            errors["online_url"] = (
                "Online and hybrid meetings need a joining link or dial-in number."
            )
        if self.attendance != Attendance.ONLINE and self.venue_id is None:
            errors["venue"] = "In-person and hybrid meetings need a venue."
        if self.start_time and self.end_time and not self.ends_in_time:
            errors["end_time"] = (
                "The end time must be after the start time. A meeting that runs past "
                "midnight must end by 06:00."
            )
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = f"“{self.slug}” is the address of another page. Choose another slug."
        if self.frequency == Frequency.FORTNIGHTLY:
            if self.fortnight_anchor is None:
                errors["fortnight_anchor"] = (
                    "Give a date on which this fortnightly meeting is held."
                )
            elif self.weekday is not None and self.fortnight_anchor.weekday() != self.weekday:
                day = Weekday(self.weekday).label
                errors["fortnight_anchor"] = f"This date is not a {day}, the meeting's day."
        if self.frequency == Frequency.MONTHLY and self.week_of_month is None:
            errors["week_of_month"] = "Say which week of the month, for example the first."
        if self.time_zone not in zoneinfo.available_timezones():
            errors["time_zone"] = "Enter a time zone such as Europe/London or America/New_York."
        if errors:
            raise ValidationError(errors)

    # Schedule

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def runs_from_abroad(self):
        return self.time_zone != UK_TIME_ZONE

    # As lists show them; properties rather than template filters, which cost more than the
    # rest of a row.
    @property
    def uk_day(self):
        """ "Monday": the day in the UK."""
        return Weekday(self.uk_weekday).label

    @property
    def uk_times(self):
        """ "19:30–21:00", or "19:30" without an end time: UK times."""
        start = f"{self.uk_start_time:%H:%M}"
        return f"{start}–{self.uk_end_time:%H:%M}" if self.uk_end_time else start

    @property
    def openness_in_short(self):
        """ "Open" or "Closed"."""
        return self.get_openness_display().split(":")[0]

    @property
    def ways_to_join(self):
        """ "Online", "By phone" or "Online or by phone"; "" for an in-person meeting."""
        if not self.is_online:
            return ""
        if self.online_url and self.phone_dial_in:
            return "Online or by phone"
        return "Online" if self.online_url else "By phone"

    @property
    def how_to_take_part(self):
        """ "In person", "In person or by phone", "Online"…: no word said twice."""
        if self.attendance == Attendance.IN_PERSON:
            return "In person"
        if self.attendance == Attendance.HYBRID:
            return f"In person or {self.ways_to_join[0].lower()}{self.ways_to_join[1:]}"
        return self.ways_to_join

    def today(self, now=None):
        """For a meeting held today: ("started" or "starts" or "ended", its UK start or end)."""
        now = (now or timezone.now()).astimezone(UK_ZONE)
        start = datetime.datetime.combine(now.date(), self.uk_start_time, UK_ZONE)
        end = start + self.length
        if now >= end:
            return "ended", end
        return ("started" if now >= start else "starts"), start

    @property
    def zone_name(self):
        """ "America/New_York" -> "New York"."""
        return self.time_zone.rsplit("/", 1)[-1].replace("_", " ")

    @property
    def ends_in_time(self):
        return ends_in_time(self.start_time, self.end_time)

    @property
    def length(self):
        """How long it lasts (an end time earlier than the start is the next day)."""
        if self.end_time is None:
            return USUAL_LENGTH
        day = datetime.date(2000, 1, 1)
        start = datetime.datetime.combine(day, self.start_time)
        end = datetime.datetime.combine(day, self.end_time)
        return end - start if end > start else end + datetime.timedelta(days=1) - start

    @property
    def is_weekly(self):
        return self.frequency == Frequency.WEEKLY

    @property
    def is_active(self):
        return self.status == Status.ACTIVE

    @property
    def is_online(self):
        return self.attendance != Attendance.IN_PERSON

    @property
    def may_be_out_of_date(self):
        """Never checked, or not for over a year: the public page says so plainly."""
        if self.last_verified is None:
            return True
        return self.last_verified < timezone.localdate() - OUT_OF_DATE_AFTER

    def alternatives(self, count=5):
        """Active meetings to suggest instead of this one (once it has ended): the same
        programme, nearest first if the venue is placed, else in the same town; online
        meetings of the programme when it had no venue. One query."""
        meetings = Meeting.objects.active().for_listing().exclude(pk=self.pk)
        same_programme = meetings.filter(programme_id=self.programme_id)
        venue = self.venue if self.attendance != Attendance.ONLINE else None
        if venue and venue.latitude is not None and venue.longitude is not None:
            near = same_programme.near(venue.latitude, venue.longitude, ALTERNATIVES_WITHIN_MILES)
            return list(near.by_distance()[:count])
        if venue:
            return list(same_programme.filter(venue__town__iexact=venue.town)[:count])
        return list(same_programme.online_only()[:count])

    @property
    def schedule_description(self):
        """ "Every Monday", "Every other Tuesday", "First Wednesday of the month"."""
        day = Weekday(self.weekday).label
        if self.frequency == Frequency.FORTNIGHTLY:
            return f"Every other {day}"
        if self.frequency == Frequency.MONTHLY:
            return f"{WeekOfMonth(self.week_of_month).label} {day} of the month"
        return f"Every {day}"

    def occurs_on(self, day):
        """Whether the meeting is held on this date (in its own time zone)."""
        if day.weekday() != self.weekday:
            return False
        if self.frequency == Frequency.FORTNIGHTLY:
            return week_parity(day) == week_parity(self.fortnight_anchor)
        if self.frequency == Frequency.MONTHLY:
            return self.week_of_month in weeks_of_month(day)
        return True

    def held_on(self, uk_date):
        """Whether the meeting is held on this UK date."""
        if self.runs_from_abroad:
            return self.uk_next_date == uk_date
        return self.occurs_on(uk_date)

    def occurrences(self, after=None, count=3):
        """The next `count` start times after `after` (default now), in the meeting's time zone."""
        after = (after or timezone.now()).astimezone(self.zone)
        day, found = after.date(), []
        while len(found) < count:
            if self.occurs_on(day):
                start = datetime.datetime.combine(day, self.start_time, tzinfo=self.zone)
                if start > after:
                    found.append(start)
            day += datetime.timedelta(days=1)
        return found

    def next_start(self, after=None):
        return self.occurrences(after, count=1)[0]

    def next_start_in_uk(self, after=None):
        return self.next_start(after).astimezone(zoneinfo.ZoneInfo(UK_TIME_ZONE))


DERIVED_FIELDS = ["fortnight_parity", "search_text", *UK_TIME_FIELDS]
_uk_times_refreshed_on = {}  # the UK date this process last refreshed on


def refresh_uk_times_daily():
    """Before a list is read: the first time each UK day (per process, so without a query
    after that), move meetings run from abroad on to their next meeting."""
    today = timezone.localdate()
    if _uk_times_refreshed_on.get("date") != today:
        Meeting.objects.refresh_uk_times(today)
        _uk_times_refreshed_on["date"] = today


class ChangeReport(models.Model):
    """A visitor's "report a change" about a meeting, for staff to check in admin."""

    class Kind(models.TextChoices):
        DETAILS_WRONG = "details-wrong", "Some details are wrong"
        STOPPED = "stopped", "The meeting has stopped or moved"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        NEW = "new", "New"
        IN_PROGRESS = "in-progress", "In progress"
        DONE = "done", "Dealt with"
        DISMISSED = "dismissed", "Dismissed"

    OPEN_STATUSES = [Status.NEW, Status.IN_PROGRESS]

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="change_reports")
    kind = models.CharField("what is wrong", max_length=20, choices=Kind)
    message = models.TextField("what should we change", max_length=2000)
    email = models.EmailField(
        "your email (optional)", blank=True, help_text="Only if you are happy for us to ask you."
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.NEW, db_index=True)
    created = models.DateTimeField(auto_now_add=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    status_changed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.meeting}"

    def set_status(self, status, user):
        """Move the report on (new, in progress, done, dismissed), saying who and when."""
        self.status, self.status_changed_by = status, user
        self.status_changed_at = timezone.now()
        self.save(update_fields=["status", "status_changed_by", "status_changed_at"])


class Source(models.Model):
    """A list of meetings kept elsewhere (a Meeting Guide JSON feed or a spreadsheet as CSV)
    that we import, once from a file or nightly from its URL (`manage.py sync_sources`)."""

    class Outcome(models.TextChoices):
        NEVER = "never", "Not imported yet"
        IMPORTED = "imported", "Imported"
        IMPORTED_WITH_REJECTS = "rejects", "Imported, some rows rejected"
        FAILED = "failed", "Failed: nothing changed"

    name = models.CharField(max_length=200)
    url = models.URLField("URL", max_length=500, blank=True, help_text="Synced nightly when given.")
    file_name = models.CharField(
        max_length=200, blank=True, help_text="For a one-off import from a file."
    )
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="sources")
    time_zone = models.CharField(
        max_length=50,
        default=UK_TIME_ZONE,
        help_text="For rows that do not give their own time zone.",
    )
    last_import = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome, default=Outcome.NEVER)
    report = models.TextField(blank=True, help_text="What the last import did, row by row.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def location(self):
        return self.url or self.file_name
