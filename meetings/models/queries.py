"""Which meetings: the searches, lists and staff views every page, export and API reads."""

import datetime
import math
import re

from django.conf import settings
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
from django.db.models.fields.tuple_lookups import (
    Tuple,
    TupleGreaterThanOrEqual,
    TupleLessThan,
    TupleLookupMixin,
)
from django.utils import timezone

from config.choices import forget_kept_choices, kept_rows
from meetings.models.choices import (
    ACCESS_FIELDS,
    ATTENDANCE_MATCHES,
    LATEST_END_AFTER_MIDNIGHT,
    TIME_BANDS,
    UK_TIME_ZONE,
    UK_ZONE,
    USUAL_LENGTH,
    Attendance,
    Frequency,
    Status,
    months_before,
    week_parity,
    weeks_of_month,
)
from meetings.models.folding import folded
from meetings.models.places import (
    MILES_PER_DEGREE_OF_LATITUDE,
    GreatCircleMiles,
    Rarely,
    Venue,
)
from meetings.models.reports import open_reports_of
from meetings.models.tags import Focus
from programmes.models import MAT_WELCOMING

# Words too common to narrow a keyword search; left out on every database alike.
STOP_WORDS = {"a", "an", "and", "at", "by", "for", "in", "is", "of", "on", "or", "the", "to"}


APOSTROPHES = "'’‘ʼ`"
WORD_WITH_APOSTROPHES = re.compile(rf"\w+(?:[{APOSTROPHES}]\w+)+")


def search_words(text):
    """The words of a text as keyword search compares them, without accents or apostrophes,
    as phone keyboards type them: "St. Anne's" -> ["st", "annes"], "Tŷ Café" -> ["ty", "cafe"]."""
    text = folded(text)
    for apostrophe in APOSTROPHES:
        text = text.replace(apostrophe, "")
    return re.findall(r"\w+", text)


def keywords(text):
    """The words of a keyword search that it looks for: search_words() but the common ones
    ("the", "at"). None left ([]): the search matches every meeting."""
    return [word for word in search_words(text) if word not in STOP_WORDS]


def indexed_words(text):
    """search_words(), and the parts of each word an apostrophe joins, for a meeting's text:
    so that "O'Brien's" is found by "obriens", "o brien" and "brien"."""
    joined = WORD_WITH_APOSTROPHES.findall(folded(text))
    return search_words(text) + [part for word in joined for part in re.findall(r"\w+", word)]


def needs_checking_cutoff(today=None):
    """Meetings last verified before this date need checking again."""
    return months_before(today or timezone.localdate(), settings.NEEDS_CHECKING_MONTHS)


# A meeting's focuses as a plain list, `focus_list`: a related manager and queryset for each
# row cost more than the rest of the row. fetch_together() loads it more cheaply still
# (add_focus_lists()); exports, which read meetings in chunks, prefetch it.
FOCUS_LIST = Prefetch("focuses", to_attr="focus_list")
LISTING_ORDER = ["uk_weekday", "uk_start_time", "name", "pk"]
UK_TIME_FIELDS = ["uk_weekday", "uk_start_time", "uk_end_time", "uk_next_date"]
# When a meeting is held, as its editors set it (in its own time zone).
SCHEDULE_FIELDS = [
    "weekday",
    "start_time",
    "end_time",
    "frequency",
    "fortnight_anchor",
    "week_of_month",
    "time_zone",
]
# What a row of a list shows, and its day heading and distance read. The other columns
# (notes, contacts, search text and the programme's long descriptions) cost a results page
# more to read and make into Python strings than its lists showed of them.
LISTED_FIELDS = [
    "name",
    "slug",
    "status",
    "status_since",
    "attendance",
    "online_url",
    "phone_dial_in",
    "languages",
    *SCHEDULE_FIELDS,
    *UK_TIME_FIELDS,
    "programme__name",
    "programme__short_name",
    "programme__slug",
    "venue__name",
    "venue__address_line_1",
    "venue__town",
    "venue__latitude",
    "venue__longitude",
    "venue__location_precision",
]


def held_on_date(day):
    """Held on this UK date (MeetingQuerySet.on_days()), as SQL."""
    held_then = Q(time_zone=UK_TIME_ZONE) & (
        Q(frequency=Frequency.WEEKLY)
        | Q(frequency=Frequency.FORTNIGHTLY, fortnight_parity=week_parity(day))
        | Q(frequency=Frequency.MONTHLY, week_of_month__in=weeks_of_month(day))
    )
    held_then |= ~Q(time_zone=UK_TIME_ZONE) & Q(uk_next_date=day)
    # Held on a date is held on its weekday in UK time (set_uk_times() keeps the two
    # together): said first, so that the schedule index finds that day's meetings.
    return Q(uk_weekday=day.weekday()) & held_then


def distance_from(latitude, longitude):
    """The distance in miles from a place to a meeting's venue, as SQL."""
    return GreatCircleMiles(latitude, longitude, F("venue__latitude"), F("venue__longitude"))


class RowValues:
    """A tuple lookup compared as SQL row values, (a, b) >= (x, y), on SQLite as well: it has
    them from 3.15 and reads them as a range of an index. Django spells them out there with
    OR instead, which SQLite answers by sorting every match."""

    def as_sql(self, compiler, connection):
        return super(TupleLookupMixin, self).as_sql(compiler, connection)


class RowValuesFrom(RowValues, TupleGreaterThanOrEqual):
    pass


class RowValuesBefore(RowValues, TupleLessThan):
    pass


def fetch_together(*lists):
    """The rows of lists of querysets of for_listing() or for_full_listing(), each list's
    querysets read in turn as one list (the parts of CappedPaginator's page), with their
    related lists loaded once for all of them: a page of results, its online meetings and its
    temporarily closed ones take one query for their focuses, not three. The other lookups
    are those of the first queryset that has any. A queryset that can match nothing, such as
    none(), is not compiled at all: that costs as much as a query."""
    querysets = [queryset for querysets in lists for queryset in querysets]
    fetched = {
        id(queryset): [] if queryset.query.is_empty() else list(queryset.prefetch_related(None))
        for queryset in querysets
    }
    lookups = next(
        (qs._prefetch_related_lookups for qs in querysets if qs._prefetch_related_lookups), ()
    )
    rows = [row for rows in fetched.values() for row in rows]
    prefetch_related_objects(rows, *(lookup for lookup in lookups if lookup != FOCUS_LIST))
    add_focus_lists(rows)
    return [[row for qs in querysets for row in fetched[id(qs)]] for querysets in lists]


def add_focus_lists(meetings):
    """`focus_list` on each meeting, as the FOCUS_LIST prefetch gives it, from one query of
    (meeting, focus) pairs. The focuses themselves, a dozen rows that change rarely, are those
    each process keeps for the finder's form (config.choices): a results page no longer reads
    a copy of them, and makes an object of each, for every meeting that has them."""
    if not meetings:
        return
    pairs = Focus.meetings.through.objects.filter(meeting__in=[m.pk for m in meetings])
    focus_ids = {}
    for meeting_id, focus_id in pairs.values_list("meeting_id", "focus_id"):
        focus_ids.setdefault(meeting_id, set()).add(focus_id)
    focuses = kept_rows(Focus.objects.all())
    if set().union(*focus_ids.values()) - {focus.pk for focus in focuses}:
        forget_kept_choices(Focus)  # one added in another process since they were read
        focuses = kept_rows(Focus.objects.all())
    for meeting in meetings:
        ids = focus_ids.get(meeting.pk, ())
        meeting.focus_list = [focus for focus in focuses if focus.pk in ids]


class MeetingQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Status.ACTIVE)

    def temporarily_closed(self):
        # Rarely: a search near a place reads the few closed meetings, not those near it.
        return self.filter(Rarely(Q(status=Status.TEMPORARILY_CLOSED)))

    def published(self):
        """What the public may see: active and temporarily closed meetings. An ended
        meeting's page answers 410, and it is in no list, export or API."""
        return self.exclude(status=Status.ENDED)

    def for_listing(self):
        """Meetings as the site's lists show them (jinja2/meetings/includes/meeting_row.html):
        only the columns in LISTED_FIELDS, with for_full_listing()'s joins and order."""
        return self.for_full_listing().only(*LISTED_FIELDS)

    def for_full_listing(self):
        """Whole meetings with the joins that printouts and exports read, in the order lists
        show them: by UK day and time, then name, then id, so that pages never skip or repeat
        a meeting. Focuses come as a plain list, `focus_list` (FOCUS_LIST)."""
        return (
            self.select_related("programme", "venue")
            .prefetch_related(FOCUS_LIST)
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

    def on_days(self, weekdays=(), dates=(), still_on_at=None):
        """Meetings on any of the UK weekdays, or held on any of the UK dates (fortnightly and
        monthly meetings only when they really happen then). A meeting run from abroad is
        held on a date when its next meeting falls on it in UK time. With `still_on_at`, a
        moment, also those of the day before it that run past midnight and are still on
        then: a Sunday's 23:30 to 01:00 at 00:15 on Monday."""
        condition = Q(uk_weekday__in=weekdays)
        for day in dates:
            condition |= held_on_date(day)
        now = still_on_at and still_on_at.astimezone(UK_ZONE)
        if now and now.time() < LATEST_END_AFTER_MIDNIGHT:  # none is on later than that
            yesterday = now.date() - datetime.timedelta(days=1)
            past_midnight = Q(uk_end_time__lt=F("uk_start_time"), uk_end_time__gt=now.time())
            condition |= held_on_date(yesterday) & past_midnight
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

    def week_from(self, now):
        """This list by day and time as the week from now: the part from today's weekday and
        the time now on, then the part before it, to be read in turn (CappedPaginator). In
        the second part, today's meetings that have already started come last, as next
        week's (`in_next_week`). Each part keeps LISTING_ORDER, which an index gives without
        sorting; one list ordered by days from now would sort every match."""
        now = now.astimezone(UK_ZONE)
        week_time = Tuple(F("uk_weekday"), F("uk_start_time"))
        moment = (now.weekday(), now.time().replace(second=0, microsecond=0))
        return [
            self.filter(RowValuesFrom(week_time, moment)),
            self.filter(RowValuesBefore(week_time, moment)).annotate(in_next_week=Value(True)),
        ]

    def finished_last(self, now):
        """Today's meetings with those already over at the end, each annotated `has_ended`;
        first, any of yesterday's still on (on_days()), annotated `from_yesterday`."""
        now = now.astimezone(UK_ZONE)
        time_now = now.time()
        ended = Q(uk_end_time__gt=F("uk_start_time"), uk_end_time__lte=time_now)
        if (now - USUAL_LENGTH).date() == now.date():
            ended |= Q(uk_end_time__isnull=True, uk_start_time__lte=(now - USUAL_LENGTH).time())
        has_ended = Case(When(ended, then=Value(True)), default=Value(False))
        from_yesterday = Case(
            When(~Q(uk_weekday=now.weekday()), then=Value(True)), default=Value(False)
        )
        ordering = self.query.order_by or LISTING_ORDER
        return self.annotate(has_ended=has_ended, from_yesterday=from_yesterday).order_by(
            "has_ended", "-from_yesterday", *ordering
        )

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
        """Meetings at venues to go to that meet every one of the needs: not an online-only
        meeting's, which is no place to go."""
        return self.with_venue().filter(**{ACCESS_FIELDS[need]: True for need in needs})

    def with_any_access(self):
        """Meetings at venues to go to that meet any of the needs."""
        return self.with_venue().filter(
            any_of(Q(**{field: True}) for field in ACCESS_FIELDS.values())
        )

    def welcoming_mat(self):
        """Meetings of programmes that welcome people on medication-assisted treatment."""
        return self.filter(programme__abstinence__in=MAT_WELCOMING)

    def matching(self, text):
        """Keyword search, alike on SQLite and PostgreSQL (where a trigram index serves it):
        every word typed starts a word of the meeting's `search_text` ("manc" finds
        Manchester); words of one or two letters ("NA") must be whole words; common words
        ("the", "at") are left out."""
        conditions = []
        for word in keywords(text):
            pattern = f" {word} " if len(word) <= 2 else f" {word}"
            conditions.append(Q(search_text__contains=pattern))
        return self.filter(*conditions)

    def near(self, latitude, longitude, miles):
        """Meetings at venues within `miles`, annotated with their `distance` in miles. Not
        online-only ones, whose venue (where the group is from, or a hall it met in before it
        moved online) is no place to go."""
        # A box first, which the venue location index can narrow; then the exact distance.
        # Told that the box is narrow, SQLite starts from its venues even when a day and a time
        # are asked for. It read every Monday evening meeting in the country for a page near
        # Manchester: at 50,000 meetings 0.56 ms of SQL, now 0.34 (25 miles of London: 1.00,
        # now 0.86).
        d_lat = miles / MILES_PER_DEGREE_OF_LATITUDE
        d_lng = d_lat / math.cos(math.radians(latitude))
        return (
            self.filter(
                Rarely(Q(venue__latitude__range=(latitude - d_lat, latitude + d_lat))),
                # Not in Rarely(): a plain filter makes the venue an inner join.
                venue__longitude__range=(longitude - d_lng, longitude + d_lng),
            )
            .with_venue()
            .with_distance_from(latitude, longitude)
            .filter(distance__lte=miles)
        )

    def with_distance_from(self, latitude, longitude):
        """Each meeting with the `distance` in miles from a place to its venue (None without
        one)."""
        return self.annotate(distance=distance_from(latitude, longitude))

    def by_distance(self, now):
        """Nearest first; a venue's meetings round the week from `now` as week_from() reads
        it, today's that have begun last, as next week's; by time, as LISTING_ORDER without
        the name, which the indexes do not hold (the meetings held at one place at one time
        are few), so that ids_first() reads this order from the indexes alone."""
        now = now.astimezone(UK_ZONE)
        begun = Q(
            uk_weekday=now.weekday(), uk_start_time__lt=now.time().replace(second=0, microsecond=0)
        )
        days_on = Case(
            When(begun, then=Value(7)), default=(F("uk_weekday") + (7 - now.weekday())) % 7
        )
        return self.order_by("distance", days_on, "uk_start_time", "pk")

    def formerly_at(self, slug):
        """The meeting whose address had this slug before staff changed it (the latest to
        have had it), from its history: none if it has been deleted since."""
        formerly = self.model.history.filter(slug=slug).order_by("-history_date")
        return self.filter(pk__in=formerly.values("id")[:1])

    @property
    def is_by_distance(self):
        return self.query.order_by[:1] == ("distance",)

    def ids_first(self):
        """This slice of a list of for_listing() by_distance(), in one query that finds its
        meetings from the indexes first and then reads the rows of those alone. Read at
        once, every meeting near the place is read whole and sorted for a page of 20: within
        10 miles of Westminster (more than 1,000 of 50,000 meetings) that took 3.9 ms of SQL
        on SQLite and 3.5 on PostgreSQL; in two steps it takes 1.1 and 2.7. The subquery costs
        time to compile, so short lists are read at once (CappedPaginator)."""
        near = self.query.annotations["distance"]  # near()'s, which keeps its place
        return (
            self.model.objects.for_listing()
            .filter(pk__in=self.values("pk"))
            .annotate(distance=distance_from(near.latitude, near.longitude))
            .order_by(*self.query.order_by)
        )

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
