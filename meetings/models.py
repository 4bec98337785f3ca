import datetime
import math
import zoneinfo

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import F, Q
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt
from django.urls import reverse
from django.utils import timezone

from meetings import postcodes
from programmes.models import Abstinence, Programme

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


def place_search_name(text):
    """How place names are compared: "  st. ives" and "St Ives" are the same place."""
    return " ".join(text.lower().replace(".", " ").split())


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

    def clean(self):
        area = self.parent
        while area:
            if area.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": "An area cannot be inside itself."})
            area = area.parent


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
        "taken from the centre of the postcode district each time the venue is saved.",
    )
    access_notes = models.TextField(blank=True, help_text="Shown to the public.")
    step_free = models.BooleanField("step-free access", default=False)
    hearing_loop = models.BooleanField(default=False)
    accessible_toilet = models.BooleanField(default=False)

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
        if not self.location_set_by_staff:
            self.latitude, self.longitude = self.postcode_location()
        renamed = Venue.objects.filter(pk=self.pk).exclude(name=self.name, town=self.town).exists()
        super().save(*args, **kwargs)
        if renamed:  # meetings' search text holds the venue's name and town
            for meeting in self.meetings.select_related("programme"):
                meeting.save(update_fields=["search_text"])

    def clean(self):
        if self.country.strip().lower() in ("uk", UNITED_KINGDOM.lower()):
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
        """(latitude, longitude) of the postcode district's centre, or (None, None). One query."""
        district = PostcodeDistrict.objects.filter(
            outcode=postcodes.outward_code(self.postcode)
        ).first()
        return (district.latitude, district.longitude) if district else (None, None)

    @property
    def address(self):
        parts = [self.address_line_1, self.address_line_2, self.town, self.postcode]
        return ", ".join(part for part in parts if part)

    @property
    def map_url(self):
        """A plain link to OpenStreetMap: nothing is loaded from there unless the visitor asks."""
        if self.latitude is None:
            return ""
        return f"https://www.openstreetmap.org/?mlat={self.latitude:.5f}&mlon={self.longitude:.5f}#map=16/{self.latitude:.5f}/{self.longitude:.5f}"


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


def week_parity(day):
    """0 or 1, alternating every Monday-to-Sunday week: fortnightly meetings keep theirs."""
    return (day.toordinal() - 1) // 7 % 2  # ordinal 1 is a Monday


def weeks_of_month(day):
    """Which of WeekOfMonth a date counts as: the 4th Friday may also be the last."""
    weeks = [(day.day - 1) // 7 + 1]
    if (day + datetime.timedelta(days=7)).month != day.month:
        weeks.append(WeekOfMonth.LAST)
    return weeks


def great_circle_miles(latitude, longitude, to_latitude, to_longitude):
    """The haversine distance as an SQL expression; SQLite gets these functions from Django."""
    half_dlat = Radians(to_latitude - latitude) / 2
    half_dlng = Radians(to_longitude - longitude) / 2
    a = Power(Sin(half_dlat), 2) + math.cos(math.radians(latitude)) * Cos(
        Radians(to_latitude)
    ) * Power(Sin(half_dlng), 2)
    return 2 * EARTH_RADIUS_MILES * ASin(Sqrt(a))


class MeetingQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Status.ACTIVE)

    def for_listing(self):
        """The joins that a list of meetings reads, in the order lists show them."""
        return (
            self.select_related("programme", "venue")
            .prefetch_related("focuses")
            .order_by("weekday", "start_time", "name")
        )

    def attending(self, *ways):
        matches = {match for way in ways for match in ATTENDANCE_MATCHES[way]}
        return self.filter(attendance__in=matches)

    def online_only(self):
        return self.filter(attendance=Attendance.ONLINE)

    def with_venue(self):
        return self.exclude(attendance=Attendance.ONLINE)

    def on_days(self, weekdays=(), dates=()):
        """Meetings on any of the weekdays, or held on any of the dates (fortnightly and
        monthly meetings only when they really happen then)."""
        condition = Q(weekday__in=weekdays)
        for day in dates:
            condition |= Q(weekday=day.weekday()) & (
                Q(frequency=Frequency.WEEKLY)
                | Q(frequency=Frequency.FORTNIGHTLY, fortnight_parity=week_parity(day))
                | Q(frequency=Frequency.MONTHLY, week_of_month__in=weeks_of_month(day))
            )
        return self.filter(condition)

    def starting_in(self, *bands):
        condition = Q()
        for band in bands:
            start, until = TIME_BANDS[band]
            condition |= Q(start_time__gte=start) & (Q(start_time__lt=until) if until else Q())
        return self.filter(condition)

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
        return self.exclude(programme__abstinence=Abstinence.COMPLETE)

    def matching(self, text):
        """Keyword search in `search_text`: PostgreSQL's full-text search (with the index of
        migration 0007), or every word somewhere in it on SQLite."""
        if connections[self.db].vendor == "postgresql":
            vector = SearchVector("search_text", config="english")
            query = SearchQuery(text, search_type="websearch", config="english")
            return self.annotate(keyword_match=vector).filter(keyword_match=query)
        return self.filter(*(Q(search_text__icontains=word) for word in text.split()))

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
                distance=great_circle_miles(
                    latitude, longitude, F("venue__latitude"), F("venue__longitude")
                )
            )
            .filter(distance__lte=miles)
        )

    def by_distance(self):
        return self.order_by("distance", "weekday", "start_time", "name")


class Meeting(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="meetings")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    group_name = models.CharField(
        "group or organisation", max_length=200, blank=True, help_text="For example a LERO."
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.ACTIVE)

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

    class Meta:
        ordering = ["weekday", "start_time", "name"]
        indexes = [
            models.Index(fields=["status", "weekday", "start_time"], name="meeting_schedule_idx"),
            models.Index(fields=["status", "attendance"], name="meeting_attendance_idx"),
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
                condition=Q(end_time__isnull=True) | Q(end_time__gt=F("start_time")),
                name="meeting_ends_after_start",
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
        self.fortnight_parity = (
            week_parity(self.fortnight_anchor) if self.fortnight_anchor else None
        )
        self.search_text = self.build_search_text()
        if kwargs.get("update_fields") is not None:  # update_or_create() names what it changed
            kwargs["update_fields"] = {*kwargs["update_fields"], "fortnight_parity", "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("meetings:meeting_detail", args=[self.slug])

    def build_search_text(self):
        """What the keyword search looks in. Reads the programme and venue: queries unless
        they are loaded already."""
        parts = [self.name, self.group_name, self.public_notes, self.programme.name]
        if self.venue:
            parts += [self.venue.name, self.venue.town]
        return " ".join(part for part in parts if part)

    def clean(self):
        errors = {}
        if self.attendance != Attendance.IN_PERSON and not (self.online_url or self.phone_dial_in):
            errors["online_url"] = (
                "Online and hybrid meetings need a joining link or dial-in number."
            )
        if self.attendance != Attendance.ONLINE and self.venue_id is None:
            errors["venue"] = "In-person and hybrid meetings need a venue."
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = "The end time must be after the start time."
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


class ChangeReport(models.Model):
    """A visitor's "report a change" about a meeting, for staff to check in admin."""

    class Kind(models.TextChoices):
        DETAILS_WRONG = "details-wrong", "Some details are wrong"
        STOPPED = "stopped", "The meeting has stopped or moved"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        NEW = "new", "New"
        DONE = "done", "Dealt with"
        DISMISSED = "dismissed", "Dismissed"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="change_reports")
    kind = models.CharField("what is wrong", max_length=20, choices=Kind)
    message = models.TextField("what should we change", max_length=2000)
    email = models.EmailField(
        "your email (optional)", blank=True, help_text="Only if you are happy for us to ask you."
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.NEW, db_index=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.meeting}"


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
