"""Importing a list of meetings from a source, in three steps that the command, the nightly
sync and the admin page share:

1. `read_location()` and `read_items()`: bytes from a file or URL, then rows (Meeting Guide
   items; CSV rows are turned into items by `csv_layout`). A file that is neither raises
   `Unreadable`, and nothing changes.
2. `plan_import()`: what the rows would do to the source's meetings (new, changed, unchanged,
   ended, left alone because staff detached them, rejected), read-only, for a preview.
3. `apply()`: does it, in one transaction. Rejected rows are skipped, but their meetings are
   not ended: they are still in the source. Importing the same rows again changes nothing.

A source's meetings are matched on `source_key`, the row's slug in the source.
"""

import collections
import dataclasses
import functools
import http.client
import json
import socket
import time
import urllib.error
import urllib.request
from http import HTTPStatus
from pathlib import Path

from django.apps import apps
from django.db import DatabaseError, transaction
from django.db.models import Case, F, Prefetch, When
from django.utils import timezone
from django.utils.text import Truncator

from config.history import shown
from meetings import postcodes, wording
from meetings.exchange import csv_layout
from meetings.exchange.fetching import open_url
from meetings.exchange.meeting_guide_parsing import (
    VENUE_KEY_FIELDS,
    Rejected,
    parse_item,
    text,
    venue_key,
)
from meetings.models import (
    RESERVED_SLUGS,
    UNITED_KINGDOM,
    Area,
    Attendance,
    Feature,
    Focus,
    Meeting,
    Source,
    Status,
    Venue,
    is_web_address,
    one_web_address,
    unplaced_postcodes,
)

MAX_BYTES = 50 * 2**20
# A source's whole answer, not each read of it (a server sending a byte at a time held an
# import, and the nightly sync behind it, for good): under gunicorn's 30 s, for the admin.
FETCH_TIMEOUT_SECONDS = 25
USER_AGENT = "recovery-meetings-uk importer"
CHANGE_REASON_LENGTH = 100  # the history tables' history_change_reason
SOURCE_TEXT_LENGTH = 200  # Source.name and Source.file_name


class Unreadable(Exception):
    """The file or URL cannot be read as a list of meetings at all."""


def read_location(location):
    """(bytes, name) from an http(s) URL or a file path."""
    if is_web_address(location):
        return fetch(location), location
    try:
        return Path(location).read_bytes(), Path(location).name
    except OSError as error:
        raise Unreadable(f"Cannot read {location}: {error.strerror}.") from None


def fetch(url):
    """The body of a source's URL (meetings/exchange/fetching.py says which it may reach)."""
    try:
        request = urllib.request.Request(
            url, headers={"User-Agent": USER_AGENT, "Accept": "application/json, text/csv"}
        )
        deadline = time.monotonic() + FETCH_TIMEOUT_SECONDS
        with open_url(request, timeout=FETCH_TIMEOUT_SECONDS) as response:
            data = read_until(response, deadline)
            # Fewer bytes than the server announced: a list cut short would end the meetings
            # it lost.
            cut_short = len(data) <= MAX_BYTES and bool(response.length)
    except (OSError, http.client.HTTPException, ValueError) as error:  # URLError is an OSError
        raise Unreadable(f"Cannot fetch {url}: {why_not_fetched(error)}.") from None
    if len(data) > MAX_BYTES:
        raise Unreadable(f"{url} is larger than {MAX_BYTES // 2**20} MB.")
    if cut_short:
        raise Unreadable(f"Cannot fetch {url}: {CUT_SHORT}.")
    return data


CUT_SHORT = "the server's answer was cut short"


def read_until(response, deadline):
    """The answer's body, up to MAX_BYTES + 1 bytes, read as it comes until the deadline."""
    data = bytearray()
    while len(data) <= MAX_BYTES:
        if time.monotonic() > deadline:
            raise TimeoutError(f"it took longer than {FETCH_TIMEOUT_SECONDS} seconds to answer")
        if not (piece := response.read1(MAX_BYTES + 1 - len(data))):
            break
        data += piece
    return bytes(data)


def why_not_fetched(error):
    """Why a fetch failed, in words of our own or the system's, never the server's: those
    of a server that is not a web server would show staff what it holds."""
    if isinstance(error, urllib.error.HTTPError):
        # urllib's own words, when it stopped following redirects
        if error.msg.startswith(urllib.request.HTTPRedirectHandler.inf_msg):
            return "it redirects too many times"
        if "Redirection to url" in error.msg:
            return "it redirects to an address that imports may not follow"
        try:
            return f"the server answered {error.code} {HTTPStatus(error.code).phrase}"
        except ValueError:
            return f"the server answered {error.code}"
    if isinstance(error, http.client.InvalidURL):
        return "it is not a valid web address"
    if isinstance(error, http.client.IncompleteRead):
        return CUT_SHORT
    if isinstance(error, http.client.RemoteDisconnected):
        return "the server closed the connection without answering"
    if isinstance(error, http.client.HTTPException):
        return "the server's answer was not HTTP"
    reason = getattr(error, "reason", error)  # a URLError wraps the system's error
    if isinstance(reason, socket.gaierror):
        return "no server has that name (check the address)"
    return reason


def read_items(data, name=""):
    """[(row number, item)]: a Meeting Guide JSON array, or a CSV meeting list."""
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Unreadable(
            "The file is not UTF-8 text, so it is neither JSON nor CSV. From Excel, save it "
            "as “CSV UTF-8 (Comma delimited)”."
        ) from None
    json_like = content.lstrip().startswith(("[", "{"))
    if name.lower().endswith(".csv") or (not json_like and csv_layout.looks_like_csv(content)):
        try:
            return csv_layout.read_items(content)
        except csv_layout.NotAMeetingList as error:
            raise Unreadable(str(error)) from None
    try:
        items = json.loads(content)
    except json.JSONDecodeError as error:
        raise Unreadable(
            f"The file is not JSON (line {error.lineno}, column {error.colno}: {error.msg}), "
            "nor a CSV meeting list with Day, Time and Name columns."
        ) from None
    if not isinstance(items, list):
        raise Unreadable("The JSON is not a Meeting Guide feed: it must be a list of meetings.")
    return list(enumerate(items, start=1))


@dataclasses.dataclass
class Rejection:
    row: int
    slug: str
    problems: list

    def __str__(self):
        problems = "; ".join(f"{field}: {reason}" for field, reason in self.problems)
        return f"{where(self.row, self.slug)}: {problems}"


def as_the_file_names_it(column_names, message):
    """A field, or a message that starts with one ("postal_code: …"), in the words of the
    file's own columns ("Postcode: …"), where it has any: a spreadsheet's, not the feed's."""
    field, colon, rest = message.partition(": ")
    return "/".join(column_names.get(f, f) for f in field.split("/")) + colon + rest


def where(row, slug):
    return f"Row {row} ({slug})" if slug else f"Row {row}"


@dataclasses.dataclass
class Change:
    listing: object
    meeting: Meeting
    differences: list


@dataclasses.dataclass
class Plan:
    source: Source
    new: list = dataclasses.field(default_factory=list)
    changed: list = dataclasses.field(default_factory=list)
    unchanged: list = dataclasses.field(default_factory=list)
    ended: list = dataclasses.field(default_factory=list)
    detached: list = dataclasses.field(default_factory=list)
    rejected: list = dataclasses.field(default_factory=list)
    warnings: list = dataclasses.field(default_factory=list)
    # New rows with the slugs of meetings listed here from elsewhere (listed_already()).
    listed_already: int = 0

    @property
    def lists_any(self):
        """Whether any row was read as a listing (a detached meeting's too)."""
        return bool(self.new or self.changed or self.unchanged or self.detached)

    @property
    def ends_everything(self):
        """Every meeting of the source would end, as it lists none now: an unattended sync
        leaves that to staff, as a feed emptied by mistake looks just the same."""
        return bool(self.ended) and not self.lists_any

    @property
    def finds_nothing(self):
        """No row was read and no meeting would end: every row rejected, or none at all."""
        return not (self.lists_any or self.ended)

    def counts(self):
        return {
            "new": len(self.new),
            "changed": len(self.changed),
            "unchanged": len(self.unchanged),
            "ended": len(self.ended),
            "detached": len(self.detached),
            "rejected": len(self.rejected),
        }

    def summary(self):
        return ", ".join(f"{count} {what}" for what, count in self.counts().items())

    def report(self):
        """Every rejected row, warning and change, in words, for the command and the source."""
        lines = [self.summary()]
        sections = [
            ("Rejected", [str(rejection) for rejection in self.rejected]),
            ("Warnings", self.warnings),
            ("New", [f"{where(lst.row, lst.key)}: {lst.fields['name']}" for lst in self.new]),
            (
                "Changed",
                [
                    f"{where(c.listing.row, c.listing.key)}: " + "; ".join(c.differences)
                    for c in self.changed
                ],
            ),
            ("Ended (gone from the source)", [f"{m.source_key}: {m.name}" for m in self.ended]),
            ("Detached by staff, left alone", [f"{m.source_key}: {m.name}" for m in self.detached]),
        ]
        for title, items in sections:
            if items:
                lines += ["", f"{title}:", *(f"  {item}" for item in items)]
        return "\n".join(lines)


def plan_import(source, items):
    """What importing `items` into `source` would do. Reads the database, writes nothing."""
    plan = Plan(source)
    named = functools.partial(as_the_file_names_it, getattr(items, "column_names", {}))
    existing = {}
    if source.pk:
        meetings = source.meetings.select_related("venue", "programme").prefetch_related(
            Prefetch("focuses", queryset=Focus.objects.only("slug")),
            Prefetch("features", queryset=Feature.objects.only("slug")),
        )
        existing = {meeting.source_key: meeting for meeting in meetings}
    seen, still_listed = {}, set()  # key -> row; slugs of rejected rows
    unmatched = []  # listings of no meeting of the source by their key
    for row, item in items:
        slug = text(item.get("slug")) if isinstance(item, dict) else ""
        try:
            listings = parse_item(item, row, source.time_zone)
            repeated = next((seen[lst.key] for lst in listings if lst.key in seen), None)
            if repeated:
                if getattr(items, "made_up_ids", False):
                    raise Rejected([("slug", f"the same as row {repeated}’s")])
                raise Rejected([("slug", f"“{slug}” is used by row {repeated} too")])
        except Rejected as rejected:
            problems = [(named(field), reason) for field, reason in rejected.problems]
            plan.rejected.append(Rejection(row, slug, problems))
            still_listed.add(slug)
            continue
        plan.warnings += [f"{where(row, slug)}: {named(w)}" for w in listings[0].warnings]
        for listing in listings:
            seen[listing.key] = row
            if listing.key in existing:
                plan_listing(plan, listing, existing[listing.key])
            else:
                unmatched.append(listing)
    unseen = {
        key: meeting
        for key, meeting in existing.items()
        if key not in seen and key.split("#")[0] not in still_listed
    }
    found = same_meetings(unmatched, unseen.values())
    for listing in unmatched:
        if meeting := found.get(listing.key):
            del unseen[meeting.source_key]
            plan_listing(plan, listing, meeting)
        else:
            plan.new.append(listing)
    if unread := getattr(items, "unread_columns", []):
        plan.warnings.insert(
            0,
            f"These columns were not read, as this site does not know their headings: "
            f"{', '.join(unread)}. To have one read, give it a heading of the meeting-list "
            f"layout: {', '.join(header for header, _ in csv_layout.COLUMNS)}.",
        )
    listed = [*plan.new, *(change.listing for change in plan.changed)]
    plan.warnings += [
        f"{where(listing.row, listing.key)}: {named(warning)}"
        for listing, warning in unplaced_warnings(listed)
    ]
    plan.warnings += [named(warning) for warning in unknown_region_warnings(plan.new)]
    plan.listed_already = listed_already(source, plan.new)
    if plan.listed_already:
        plan.warnings.append(
            f"{wording.count(plan.listed_already, 'new row')} "
            f"{'has' if plan.listed_already == 1 else 'have'} the ID of a meeting this site "
            "lists already, not from this source: importing adds each again as another "
            "meeting. If the file is this site's own export, there is nothing to import."
        )
    for meeting in unseen.values():
        if meeting.status != Status.ENDED and not meeting.source_detached:
            plan.ended.append(meeting)
    return plan


def plan_listing(plan, listing, meeting):
    """Plans a listing of an existing meeting of the source."""
    if meeting.source_detached:
        plan.detached.append(meeting)
    elif differences := compare(meeting, keep_a_hidden_contact_hidden(meeting, listing)):
        plan.changed.append(Change(listing, meeting, differences))
    else:
        plan.unchanged.append(listing)


def same_meetings(listings, meetings):
    """{listing key: meeting} for listings that are meetings of the source under another key,
    which would otherwise be ended and added again, with a new address and no history:
    - the key is the meeting's slug: the ID of this site's export, imported again
      ("twice-weekly-monday", where the source's key is "twice-weekly#monday");
    - the same ID and day, in a row that now lists one day where it listed several, or
      several where it listed one ("twice-weekly" and "twice-weekly#monday");
    - the same name and day, in a sheet without IDs, whose key is made from the name, day
      and time ("step-group-monday-1900"): the time changed. Only when one meeting and one
      listing have them, as several would be a guess."""
    by_slug = {meeting.slug: meeting for meeting in meetings}
    by_id_and_day = {(m.source_key.split("#")[0], m.weekday): m for m in meetings}
    by_name_and_day = collections.defaultdict(list)
    for meeting in meetings:
        by_name_and_day[meeting.name.casefold(), meeting.weekday].append(meeting)
    listings_by_name_and_day = collections.Counter(
        (listing.fields["name"].casefold(), listing.fields["weekday"]) for listing in listings
    )
    found, taken = {}, set()
    for listing in listings:
        name_and_day = (listing.fields["name"].casefold(), listing.fields["weekday"])
        same_name = by_name_and_day[name_and_day]
        candidates = [
            by_slug.get(listing.key),
            by_id_and_day.get((listing.key.split("#")[0], listing.fields["weekday"])),
            same_name[0] if len(same_name) == 1 == listings_by_name_and_day[name_and_day] else None,
        ]
        meeting = next((m for m in candidates if m is not None and m.pk not in taken), None)
        if meeting is not None:
            found[listing.key] = meeting
            taken.add(meeting.pk)
    return found


def unplaced_warnings(listings):
    """(listing, warning) for each listing at a UK venue to go to, without coordinates of its
    own, whose full postcode is missing or the postcode tables do not place it: such a venue
    is on no map and no search near a place finds its meetings. Four queries for them all."""
    venues = [
        (listing, listing.venue)
        for listing in listings
        if listing.venue
        and listing.venue["country"] == UNITED_KINGDOM
        and "latitude" not in listing.venue
        and listing.fields["attendance"] != Attendance.ONLINE  # where the group is from
    ]
    placeable = {venue["postcode"] for _, venue in venues if postcodes.normalise(venue["postcode"])}
    unplaced = unplaced_postcodes(placeable)
    # Staff may have placed a venue there by hand, the way to mend this.
    unplaced -= set(
        Venue.objects.filter(postcode__in=unplaced, latitude__isnull=False).values_list(
            "postcode", flat=True
        )
    )
    not_found = "so its venue will not be on the map, and searches near a place will not find it"
    warnings = []
    for listing, venue in venues:
        if venue["postcode"] in unplaced:
            problem = f"“{venue['postcode']}” was not found"
        elif venue["postcode"] not in placeable:
            given = venue["postcode"]
            problem = f"“{given}” is not a full UK postcode" if given else "there is none"
        else:
            continue
        warnings.append((listing, f"postal_code: {problem}, {not_found}"))
    return warnings


def unknown_region_warnings(listings):
    """A warning for each region that names no area here: its new venues have none, and so
    are in no area's list or coordinator's care until staff give them one. One query."""
    regions = {listing.venue["region"] for listing in listings if listing.venue} - {""}
    known = set(Area.objects.filter(name__in=regions).values_list("name", flat=True))
    return [
        f"region: “{region}” is not the name of an area here, so new venues in it have no "
        "area until staff give them one"
        for region in sorted(regions - known)
    ]


def listed_already(source, listings):
    """How many new rows have the slugs of meetings listed here from elsewhere: most likely
    this site's own export, whose meetings would each be added again (as "…-2")."""
    listed = Meeting.objects.filter(slug__in=[listing.slug for listing in listings])
    if source.pk:
        listed = listed.exclude(source=source)
    return listed.count()


def record_versions(meetings, reason, update=False):
    """A version of each meeting as it is now (the first, or with `update` a change), holding
    its focuses and features as the admin's form records them (staff.MeetingForm): reverting
    to it would otherwise drop them. In bulk: saved one by one, simple-history read each
    meeting's tags back, 5 to 8 ms a meeting."""
    versions = Meeting.history.bulk_history_create(
        meetings, update=update, default_change_reason=reason
    )
    version_of = {version.id: version for version in versions}
    for field in Meeting.history.model._history_m2m_fields:  # focuses, features
        history_model = apps.get_model("meetings", f"HistoricalMeeting_{field.name}")
        through = field.remote_field.through
        names = [f.attname for f in through._meta.fields]  # id, meeting_id, focus_id
        rows = through.objects.filter(meeting__in=meetings).values(*names)
        history_model.objects.bulk_create(
            history_model(history=version_of[row["meeting_id"]], **row) for row in rows
        )


def keep_a_hidden_contact_hidden(meeting, listing):
    """The listing, but with a contact that staff have hidden kept hidden: a source that
    lists a contact makes it public, and the group may have asked us not to show it."""
    hidden = not meeting.contact_public and any(
        [meeting.contact_name, meeting.contact_email, meeting.contact_phone]
    )
    if hidden and listing.fields.get("contact_public"):
        listing.fields["contact_public"] = False
    return listing


def compare(meeting, listing):
    """What differs between a meeting and its listing, in words; [] when nothing does."""
    differences = [
        f"{field.verbose_name}: “{shown(field, getattr(meeting, field.name))}” to "
        f"“{shown(field, value)}”"
        for field, value in ((Meeting._meta.get_field(n), v) for n, v in listing.fields.items())
        if getattr(meeting, field.name) != value
    ]
    old_venue = venue_key(vars(meeting.venue)) if meeting.venue else None
    if old_venue != listing.venue_key:
        differences.append(f"venue: “{show_venue(old_venue)}” to “{show_venue(listing.venue_key)}”")
    for name in ("focuses", "features"):
        old = {tag.slug for tag in getattr(meeting, name).all()}
        if old != getattr(listing, name):
            new = getattr(listing, name)
            old_text, new_text = (", ".join(sorted(tags)) or "(none)" for tags in (old, new))
            differences.append(f"{name}: “{old_text}” to “{new_text}”")
    return differences


def show_venue(key):
    return ", ".join(part for part in key if part) if key else ""


@transaction.atomic
def apply(plan):
    """Carries out the plan in one transaction: all of it, or (on any error) none of it."""
    source = plan.source
    source.last_import = timezone.now()
    outcome = Source.Outcome.IMPORTED_WITH_REJECTS if plan.rejected else Source.Outcome.IMPORTED
    source.outcome = outcome
    source.report = plan.report()
    source.save()
    # Said beside each version in the history: where the change came from.
    reason = Truncator(f"Imported from {source}").chars(CHANGE_REASON_LENGTH)
    venues = VenueFinder()
    focuses = {focus.slug: focus for focus in Focus.objects.all()}
    features = {feature.slug: feature for feature in Feature.objects.all()}
    taken = SlugsTaken([listing.slug for listing in plan.new])
    Focuses, Features = Meeting.focuses.through, Meeting.features.through
    new_focuses, new_features, created = [], [], []
    for listing in plan.new:
        slug = unique_slug(listing.slug, taken)
        taken.add(slug)
        meeting = Meeting(
            programme=source.programme,
            slug=slug,
            source=source,
            source_key=listing.key,
            venue=venues.find(listing.venue),
            **listing.fields,
        )
        meeting.skip_history_when_saving = True  # recorded below, with its focuses and features
        meeting.save()
        created.append(meeting)
        new_focuses += [Focuses(meeting=meeting, focus=focuses[slug]) for slug in listing.focuses]
        new_features += [
            Features(meeting=meeting, feature=features[slug]) for slug in listing.features
        ]
    changed = [change.meeting for change in plan.changed]
    for change in plan.changed:
        meeting, listing = change.meeting, change.listing
        fields = dict(listing.fields)
        meeting.source_key = listing.key  # found under another key (same_meetings())
        meeting.set_status(fields.pop("status"))
        for field, value in fields.items():
            setattr(meeting, field, value)
        meeting.venue = venues.find(listing.venue)
        meeting.skip_history_when_saving = True  # recorded below, with its focuses and features
        meeting.save()
        new_focuses += [Focuses(meeting=meeting, focus=focuses[slug]) for slug in listing.focuses]
        new_features += [
            Features(meeting=meeting, feature=features[slug]) for slug in listing.features
        ]
    # A changed meeting's focuses and features as listed: all taken off, then put on again.
    Focuses.objects.filter(meeting__in=changed).delete()
    Features.objects.filter(meeting__in=changed).delete()
    Focuses.objects.bulk_create(new_focuses)
    Features.objects.bulk_create(new_features)
    record_versions(created, reason)
    record_versions(changed, reason, update=True)
    for meeting in plan.ended:
        meeting.set_status(Status.ENDED)
        meeting.skip_history_when_saving = True
        meeting.save(update_fields=["status", "status_since", "updated"])
    record_versions(plan.ended, reason, update=True)
    return plan


def record_failure(source, message):
    """Notes on a saved source that its import failed (after the rollback: a source new with
    this import is gone again, and has nothing to note it on). False when the database
    refuses this too (read-only, or out of disk)."""
    try:
        Source.objects.filter(pk=source.pk).update(
            last_import=timezone.now(), outcome=Source.Outcome.FAILED, report=message
        )
    except DatabaseError:
        return False
    return True


def refused_message(error, source):
    """What to tell staff when the database refused the import, and perhaps the note too."""
    message = f"The database refused a row ({error}). Nothing was imported"
    if not record_failure(source, f"Database error: {error}"):
        return f"{message}, and the failure could not be noted on the source."
    return f"{message}."


class SlugsTaken:
    """The slugs meetings have or have had (Meeting.slugs_in_use()), those of other pages
    (RESERVED_SLUGS: "new", "print"…) and those given to new meetings: the import's own
    looked up at once, any -2, -3… one at a time, as they are rare."""

    def __init__(self, slugs):
        self.asked = set(slugs)
        self.taken = Meeting.slugs_in_use(slugs) | set(RESERVED_SLUGS)

    def __contains__(self, slug):
        if slug not in self.asked:
            self.asked.add(slug)
            self.taken |= Meeting.slugs_in_use([slug])
        return slug in self.taken

    def add(self, slug):
        self.taken.add(slug)


def unique_slug(slug, taken):
    """The slug, or the slug with -2, -3… when a meeting has or had it (`taken`)."""
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug[:190]}-{number}"
    return candidate


class VenueFinder:
    """Venues by address: an existing one when the name and address match, else a new one.
    Existing venues are left as staff keep them."""

    def __init__(self):
        self.found, self.areas = {}, {}

    def find(self, fields):
        if fields is None:
            return None
        key = venue_key(fields)
        if key not in self.found:
            venue = Venue.objects.filter(**dict(zip(VENUE_KEY_FIELDS, key, strict=True))).first()
            if venue is None:
                fields = dict(fields)
                area = self.area_named(fields.pop("region", ""))
                # Coordinates from the feed (or none, for an online group) are kept as given.
                venue = Venue(**fields, area=area, location_set_by_staff="latitude" in fields)
                venue.save()
            self.found[key] = venue
        return self.found[key]

    def area_named(self, name):
        """The area with the region's name, when exactly one has it."""
        if name not in self.areas:
            areas = list(Area.objects.filter(name=name)[:2]) if name else []
            self.areas[name] = areas[0] if len(areas) == 1 else None
        return self.areas[name]


def find_or_build_source(location, programme, time_zone=None, name=None, new=False):
    """The source for this URL or file name and programme, or a new, unsaved one; always a
    new one if `new`. Of several sources staff made from files of one name: the one `name`
    names, else the one imported last."""
    is_url = is_web_address(location)
    file_name = "" if is_url else Path(location).name[:SOURCE_TEXT_LENGTH]
    url = one_web_address(location) if is_url else ""
    name = name[:SOURCE_TEXT_LENGTH] if name else None
    found = Source.objects.filter(url=url, file_name=file_name, programme=programme)
    latest_first = found.order_by(
        *([Case(When(name=name, then=0), default=1)] if name else []),
        F("last_import").desc(nulls_last=True),
        "-pk",
    )
    source = None if new else latest_first.first()
    if source is None:
        source = Source(url=url, file_name=file_name, programme=programme)
        source.name = name or location[:SOURCE_TEXT_LENGTH]
    elif name:
        source.name = name
    if time_zone:
        source.time_zone = time_zone
    return source
