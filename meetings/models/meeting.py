"""A meeting: when and where it is held, how to take part, and who it is for."""

import datetime
import re
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import (
    F,
    Q,
)
from django.utils import timezone
from django.utils.text import get_text_list
from simple_history.models import HistoricalRecords

from config.deferred import QuickDeferredLoading
from config.reversing import reverse_slug
from meetings.models.choices import (
    LATEST_END_AFTER_MIDNIGHT,
    UK_TIME_ZONE,
    UK_ZONE,
    USUAL_LENGTH,
    Attendance,
    Frequency,
    Openness,
    Status,
    Weekday,
    WeekOfMonth,
    ends_in_time,
    time_zone_named,
    week_parity,
    weeks_of_month,
)
from meetings.models.places import Venue
from meetings.models.queries import UK_TIME_FIELDS, MeetingQuerySet, indexed_words
from meetings.models.tags import Feature, Focus
from programmes.models import Programme

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


OUT_OF_DATE_AFTER = datetime.timedelta(days=365)
ALTERNATIVES_WITHIN_MILES = 25
LANGUAGE_SEPARATOR = re.compile(r"[,;/]| and ", flags=re.IGNORECASE)
# The UK's own languages by the names their speakers search for: "Cymraeg" finds a meeting
# held in Welsh.
OWN_NAMES = {
    "welsh": "Cymraeg",
    "scottish gaelic": "Gàidhlig",
    "gaelic": "Gàidhlig",
    "irish": "Gaeilge",
}


class Meeting(QuickDeferredLoading, models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="meetings")
    name = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="The meeting's web address. If you change it, the old one leads to the new.",
    )
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
        db_index=False,  # meeting_venue_schedule_idx begins with it
    )
    online_url = models.URLField("joining link", blank=True)
    online_meeting_id = models.CharField("meeting ID", max_length=50, blank=True)
    online_passcode = models.CharField("passcode", max_length=50, blank=True)
    phone_dial_in = models.CharField("dial-in number", max_length=50, blank=True)
    online_notes = models.TextField(blank=True)

    weekday = models.PositiveSmallIntegerField(choices=Weekday)
    start_time = models.TimeField(help_text="For example 19:30 or 7.30pm.")
    end_time = models.TimeField(null=True, blank=True, help_text="If known.")
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
    notes_language = models.CharField(
        "language of the public notes",
        max_length=35,
        blank=True,
        validators=[
            RegexValidator(
                r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
                "Enter a language code such as cy (Welsh), gd (Scottish Gaelic) or pl (Polish).",
            )
        ],
        help_text="Only if the notes are not in English: its code, so that screen readers "
        "read them in that language. cy for Welsh, gd for Scottish Gaelic, ga for Irish, pl for "
        "Polish.",
    )
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
    # True for one of today's meetings already over, in lists by finished_last(); a list's
    # rows read it, and a default costs less than Jinja2 finding it missing on each.
    has_ended = False
    # True for one of today's meetings that has already started, in the week from now
    # (week_from()): it is listed last, as next week's.
    in_next_week = False
    # True for one of yesterday's meetings still on after midnight, in a list of today's
    # (finished_last()).
    from_yesterday = False
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
            # And the other way round, for the meetings of the venues near a place: at 50,000
            # meetings the SQL of a search near a postcode on Tuesdays took 0.7 ms, not 4.1
            # (tests/test_query_plans.py). On PostgreSQL it holds the id too: see migration 0027.
            # The attendance last, so that leaving out online-only meetings (near()) reads no
            # meeting either.
            models.Index(
                fields=["venue", "status", "uk_weekday", "uk_start_time", "attendance"],
                name="meeting_venue_schedule_idx",
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
            # A week no month has would never come: working out the next meeting looped.
            models.CheckConstraint(
                condition=Q(week_of_month__isnull=True) | Q(week_of_month__in=WeekOfMonth.values),
                name="meeting_week_of_month_valid",
            ),
        ]

    def __str__(self):
        """ "Keep It Simple (Monday 19:30, Leeds)": names repeat, so staff choosing one in
        the admin need its day, time and town too (or "online", where it has no venue)."""
        when = f"{Weekday(self.weekday).label} {self.start_time:%H:%M}"
        return f"{self.name} ({when}, {self.where_in_short})"

    def save(self, *args, **kwargs):
        self.set_derived_fields()
        if kwargs.get("update_fields") is not None:  # update_or_create() names what it changed
            kwargs["update_fields"] = {*kwargs["update_fields"], *DERIVED_FIELDS}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse_slug("meetings:meeting_detail", self.slug)

    @classmethod
    def slugs_in_use(cls, slugs, besides=None):
        """Of these slugs, those a meeting (`besides` this one) has, or had before staff
        changed it, as its old address still leads to it (formerly_at()). A deleted
        meeting's may be used again: by the same meeting, imported again."""
        has = cls.objects.filter(slug__in=slugs)
        had = cls.history.filter(slug__in=slugs, id__in=cls.objects.values("pk"))
        if besides is not None:
            had, has = had.exclude(id=besides.pk), has.exclude(pk=besides.pk)
        return {*had.values_list("slug", flat=True), *has.values_list("slug", flat=True)}

    def was_another_meetings_slug(self):
        """The slug was another meeting's, which no longer has it (a meeting that has it now
        is the unique constraint's to report)."""
        others = Meeting.objects.exclude(pk=self.pk)
        return (
            bool(Meeting.slugs_in_use([self.slug], besides=self))
            and not others.filter(slug=self.slug).exists()
        )

    def set_status(self, status):
        """The status, and since when: today, if it changes."""
        if status != self.status:
            self.status, self.status_since = status, timezone.localdate()

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
        parts += [self.languages, *(OWN_NAMES.get(name.lower(), "") for name in self.language_list)]
        return f" {' '.join(indexed_words(' '.join(parts)))} "

    def clean(self):
        errors = {}
        # Addresses are in lower case: with capitals, the page of "Tuesday-Hope" was found at
        # /meetings/Tuesday-Hope/ only, not at the address people type or say.
        self.slug = self.slug.lower()
        self.notes_language = self.notes_language.lower()  # "CY" is Welsh too
        if self.attendance != Attendance.IN_PERSON and not (self.online_url or self.phone_dial_in):
            errors["online_url"] = (
                "Online and hybrid meetings need a joining link or dial-in number."
            )
        if self.attendance != Attendance.ONLINE and self.venue_id is None:
            errors["venue"] = "In-person and hybrid meetings need a venue."
        if self.start_time and self.end_time and not self.ends_in_time:
            errors["end_time"] = (
                "The end time must be after the start time. A meeting that runs past "
                f"midnight must end by {LATEST_END_AFTER_MIDNIGHT:%H:%M}."
            )
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = f"“{self.slug}” is the address of another page. Choose another slug."
        elif self.slug and self.was_another_meetings_slug():
            errors["slug"] = (
                f"“{self.slug}” was the address of another meeting, and links to it may still "
                "be shared. Choose another slug."
            )
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
        # Left from another frequency, they would come back unseen on a switch back to it.
        if self.frequency != Frequency.MONTHLY:
            self.week_of_month = None
        if self.frequency != Frequency.FORTNIGHTLY:
            self.fortnight_anchor = None
        if zone := time_zone_named(self.time_zone):
            self.time_zone = zone
        else:
            errors["time_zone"] = "Enter a time zone such as Europe/London or America/New_York."
        if zone and zone != UK_TIME_ZONE and self.attendance != Attendance.ONLINE:
            errors["time_zone"] = (
                "A meeting with a venue to go to meets in UK time, Europe/London: another "
                "time zone is for an online meeting run from abroad."
            )
        if self.last_verified and self.last_verified > timezone.localdate():
            errors["last_verified"] = "This date is still to come: give the day it was checked."
        elif self.last_verified and self.last_verified.year < 2000:  # a slip, such as 0001
            errors["last_verified"] = "Give the day it was checked, from 2000 on."
        if self.status_since and self.status_since > timezone.localdate():
            errors["status_since"] = (
                "This date is still to come: give the day it closed, reopened or ended."
            )
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
    def venue_to_go_to(self):
        """The venue, unless the meeting is online only: its venue, if any, is where the
        group is from, or a hall it met in before it moved online, where nothing happens."""
        return None if self.attendance == Attendance.ONLINE else self.venue

    @property
    def last_modified(self):
        """When what the public sees of it last changed: the meeting, or the venue to go to
        (its address, place or access), whichever changed later. Exports and calendars give
        this, so that a venue's new address reaches those who copy its meetings."""
        venue = self.venue_to_go_to
        return max(self.updated, venue.updated) if venue else self.updated

    @property
    def where_in_short(self):
        """ "Leeds": the town of the venue to go to, or "online"."""
        venue = self.venue_to_go_to
        return (venue.town or venue.name) if venue else "online"

    @property
    def in_a_title(self):
        """ "Keep It Simple, NA: Monday 19:30, Leeds" ("Last Sunday of the month 14:00" if not
        weekly): names repeat, so a page's title needs its programme, day, time and town too
        (or "online", where it has no venue). Reads the programme and venue."""
        if self.is_weekly:
            when = f"{self.uk_day} {self.uk_start_time:%H:%M}"
        elif self.runs_from_abroad:  # its own day, which may not be the UK's
            when = f"{self.schedule_description} {self.start_time:%H:%M} {self.zone_name} time"
        else:
            when = f"{self.schedule_description} {self.uk_start_time:%H:%M}"  # "First Tuesday…"
        return f"{self.name}, {self.programme.short_name}: {when}, {self.where_in_short}"

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
        """For a meeting held today, or yesterday's still on: ("started" or "starts" or
        "ended", its UK start or end)."""
        now = (now or timezone.now()).astimezone(UK_ZONE)
        start = datetime.datetime.combine(
            self.date_in_todays_list(now.date()), self.uk_start_time, UK_ZONE
        )
        end = start + self.length
        if now >= end:
            return "ended", end
        return ("started" if now >= start else "starts"), start

    def date_in_todays_list(self, today):
        """The UK date of its meeting in a list of today's: today, or yesterday for one still
        on after midnight (`from_yesterday`)."""
        return today - datetime.timedelta(days=1) if self.from_yesterday else today

    def start_in_progress(self, now=None):
        """Its start in UK time if it is on now, begun and not over (23:00 on Sunday, at
        00:15 on Monday); else None."""
        now = now or timezone.now()
        start = self.next_start(now - self.length)
        return start.astimezone(UK_ZONE) if start <= now else None

    def seconds_until_news(self, now=None):
        """Until its page would say something new: its next start, or the end of the meeting
        on now ("On now" comes and goes with them). For how long the page may be kept."""
        now = now or timezone.now()
        changes = [self.next_start(now)]
        if start := self.start_in_progress(now):
            changes.append(start + self.length)
        return max(0, int((min(changes) - now).total_seconds()))

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
    def is_temporarily_closed(self):
        return self.status == Status.TEMPORARILY_CLOSED

    @property
    def is_online(self):
        return self.attendance != Attendance.IN_PERSON

    @property
    def language_list(self):
        """The languages as staff and sources write them, one by one: "English, Polish",
        "English and Polish" and "English; Polish" -> ["English", "Polish"]."""
        names = LANGUAGE_SEPARATOR.split(self.languages)
        return [name.strip() for name in names if name.strip()]

    @property
    def languages_in_words(self):
        """ "In Welsh", "In British Sign Language and English": what lists and printouts say
        of a meeting not held in English alone, lest someone go without knowing; "" else."""
        names = self.language_list
        return "" if names in ([], ["English"]) else f"In {get_text_list(names, 'and')}"

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
        venue = self.venue_to_go_to
        if venue and venue.latitude is not None and venue.longitude is not None:
            near = same_programme.near(venue.latitude, venue.longitude, ALTERNATIVES_WITHIN_MILES)
            return list(near.by_distance(timezone.now())[:count])
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
        if not self.runs_from_abroad:
            return self.occurs_on(uk_date)
        if uk_date == self.uk_next_date:
            return True
        # Another week's (the week from now lists today's, once started, as next week's): the
        # first start in the UK from that day on, which a change of clocks may move.
        return self.first_start_from(uk_date).astimezone(UK_ZONE).date() == uk_date

    def first_start_from(self, uk_date):
        """Its first start (in its own zone) from the beginning of this UK date on."""
        day_start = datetime.datetime.combine(uk_date, datetime.time(), tzinfo=UK_ZONE)
        return self.next_start(day_start - datetime.timedelta(microseconds=1))  # midnight too

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
        return self.next_start(after).astimezone(UK_ZONE)


DERIVED_FIELDS = ["fortnight_parity", "search_text", *UK_TIME_FIELDS]
_uk_times_refreshed_on = {}  # the UK date this process last refreshed on


def refresh_uk_times_daily():
    """Before a list is read: the first time each UK day (per process, so without a query
    after that), move meetings run from abroad on to their next meeting."""
    today = timezone.localdate()
    if _uk_times_refreshed_on.get("date") != today:
        Meeting.objects.refresh_uk_times(today)
        _uk_times_refreshed_on["date"] = today
