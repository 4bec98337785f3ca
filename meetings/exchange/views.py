"""The finder's list as a Meeting Guide feed, a CSV spreadsheet and an iCalendar, and one meeting
as an iCalendar. Thin: the filters are the finder's, the mapping is in one module per format.

Lists are streamed in chunks, so memory stays the same however many meetings match, and answer
conditional requests with 304 from one query of index lookups. The whole feed (no filters),
which apps fetch often and which takes seconds to build, is built once per data version and
kept in the cache gzipped (`stored_feed`).
"""

import datetime
import hashlib
import json
import re
import time
import zlib

from django.core.cache import cache
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from config.cors import readable_from_other_sites
from config.middleware import PUBLIC_MAX_AGE
from config.reversing import reverse_slug
from meetings.exchange import csv_layout, ical, meeting_guide, types
from meetings.filters import MeetingFilter
from meetings.models import UK_TIME_ZONE, Meeting, last_changed, last_changes
from meetings.search_form import normalised
from meetings.views import moved

CHUNK_SIZE = 500
FORMAT_VERSION = "2"  # change it when the output of a format changes, to refresh caches
# The stored whole feed is rebuilt when the data version changes, and after this long in any
# case: for changes the version cannot see, such as a focus renamed. Nothing in the feed depends
# on the time of day; the date is in the version.
STORED_FEED_SECONDS = PUBLIC_MAX_AGE
FEED_BUILD_SECONDS = 30  # at 50,000 meetings a build takes 6 to 10 s
FEED_BUILD_WAIT = 0.25  # how often a request waiting for another's build looks for it
ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # as Django's GZipMiddleware


def export_queryset():
    """Everything the three formats read, joined or prefetched once per chunk, in the lists'
    order (UK time); focuses and features as plain lists. Temporarily closed meetings too,
    each marked so (`TC`), as the finder and the Open Referral UK API list them: left out, a
    spreadsheet of the export imported again ended them."""
    return (
        Meeting.objects.published()
        .for_full_listing()
        .with_feature_list()
        .select_related("venue__area")
    )


def filtered(request):
    """(meetings, None) for valid filters, or (None, a 400 response saying what is wrong).
    The meetings are those the finder lists, read in chunks: memory stays the same however
    many match."""
    filterset, error = searched(request)
    return (None, error) if error else (in_chunks(filterset.every_part()), None)


def searched(request):
    """(the MeetingFilter of the request's filters, None), or (None, a 400 response saying
    what is wrong)."""
    filterset = MeetingFilter(normalised(request.GET), queryset=export_queryset())
    if filterset.is_valid():
        return filterset, None
    form = filterset.form
    messages = [
        f"{form.fields[name].label if name in form.fields else 'Search'}: {error}"
        for name, errors in form.errors.items()
        for error in errors
    ]
    text = "There is a problem with the search:\n" + "\n".join(messages) + "\n"
    return None, HttpResponse(text, status=400, content_type="text/plain; charset=utf-8")


def in_chunks(parts):
    for part in parts:
        yield from part.iterator(chunk_size=CHUNK_SIZE)


def etag_and_last_modified(request, kind, changes=None):
    """(ETag, Last-Modified in seconds) of a list: when anything it shows last changed, in one
    query of index lookups (last_changes(), unless given). Any change, even to a meeting not in
    the list, makes a new ETag: a fetch more, never a copy kept too long."""
    changes = last_changes() if changes is None else changes
    latest = last_changed(changes) or datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    # The date is in it because "?day=today" changes at midnight without any edit.
    fingerprint = [kind, FORMAT_VERSION, request.GET.urlencode(), changes]
    fingerprint.append(str(timezone.localdate()))
    etag = '"' + hashlib.sha256(repr(fingerprint).encode()).hexdigest()[:32] + '"'
    return etag, int(latest.timestamp())  # HTTP dates have no fractions of a second


def not_modified(request, etag, seconds):
    """A 304 response when the client's copy is current, or None."""
    response = get_conditional_response(request, etag=etag, last_modified=seconds)
    if response is not None:
        response["ETag"], response["Last-Modified"] = etag, http_date(seconds)
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


def not_modified_or_headers(request, kind):
    """A 304 response when the client's copy is current; otherwise the caching headers."""
    etag, seconds = etag_and_last_modified(request, kind)
    headers = {"ETag": etag, "Last-Modified": http_date(seconds)}
    return not_modified(request, etag, seconds), headers


def streamed(request, kind, content_type, chunks, filename=None):
    not_modified, headers = not_modified_or_headers(request, kind)
    if not_modified:
        return not_modified
    response = StreamingHttpResponse(chunks, content_type=content_type, headers=headers)
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def detail_url_maker(request):
    """slug -> absolute URL of the meeting's page."""
    site = request.build_absolute_uri("/").removesuffix("/")
    return lambda slug: site + reverse_slug("meetings:meeting_detail", slug)


@readable_from_other_sites
def meeting_feed(request):
    if not request.GET:
        return stored_feed(request)
    meetings, error = filtered(request)
    if error:
        return error
    chunks = feed_chunks(meetings, detail_url_maker(request))
    return streamed(request, "feed", "application/json", chunks)


def feed_chunks(meetings, url_for):
    yield "["
    for number, meeting in enumerate(meetings):
        item = meeting_guide.feed_item(meeting, url_for(meeting.slug))
        yield ("," if number else "") + "\n" + json.dumps(item, ensure_ascii=False)
    yield "\n]\n"


def feed_data_version():
    """What the whole feed was built from: when anything in it last changed
    (last_changes()), and today's date (the order of meetings run from abroad moves on
    daily)."""
    return (FORMAT_VERSION, last_changes(), timezone.localdate())


# The stored feed this process last served: at 50,000 meetings it is 2.7 MB gzipped, too much
# to fetch from the shared cache (the database, unless Redis is set up) for every request.
_served = {}


def stored_feed(request):
    """The whole feed, gzipped as stored for clients that accept it: one query (the data
    version) while this process holds the current copy, one more to fetch it from the cache,
    or a build when the version has changed."""
    version = feed_data_version()
    key = "meeting-feed:" + request.build_absolute_uri("/")  # its URLs name the host
    stored = _served.get(key)
    if stored is None or stored["version"] != version or stored["expires"] <= time.time():
        stored = cache.get(key)
    if stored is None or stored["version"] != version:
        stored = build_once(request, key, version, before=stored)
    if stored is not None:
        _served.clear()  # one copy per process, not one per host name
        _served[key] = stored
    if stored is None:  # another build is taking too long: build it here, as it goes
        meetings, _ = filtered(request)
        chunks = feed_chunks(meetings, detail_url_maker(request))
        return streamed(request, "feed", "application/json", chunks)
    gzipped = bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))
    # As GZipMiddleware does: the gzipped body is another representation of the same feed.
    etag = "W/" + stored["etag"] if gzipped else stored["etag"]
    if response := not_modified(request, etag, stored["last_modified"]):
        return response
    if gzipped:
        response = HttpResponse(stored["gzip"], content_type="application/json")
        response["Content-Encoding"] = "gzip"  # GZipMiddleware leaves it as it is
    else:
        response = StreamingHttpResponse(decompressed(stored["gzip"]), "application/json")
    response["ETag"], response["Last-Modified"] = etag, http_date(stored["last_modified"])
    response["Vary"] = "Accept-Encoding"
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


def decompressed(gzipped, piece=64 * 1024):
    """The stored feed for a client that does not take gzip, a piece at a time: whole, it is
    ten times the size (27 MB at 50,000 meetings)."""
    decompressor = zlib.decompressobj(31)  # 31: with a gzip header
    for start in range(0, len(gzipped), piece):
        yield decompressor.decompress(gzipped[start : start + piece])
    yield decompressor.flush()


def build_once(request, key, version, before):
    """The feed built anew by one request at a time: the others meanwhile get the copy from
    before (minutes old at most) or, when there is none, wait for the build (None if it takes
    longer than FEED_BUILD_SECONDS). Without this, each request after an edit built the whole
    feed at once, and at 50,000 meetings every worker was busy for tens of seconds."""
    building = f"{key}:building"
    if cache.add(building, True, FEED_BUILD_SECONDS):
        try:
            stored = build_stored_feed(request, version)
            cache.set(key, stored, STORED_FEED_SECONDS)
            return stored
        finally:
            cache.delete(building)
    if before is not None:
        return before
    deadline = time.monotonic() + FEED_BUILD_SECONDS
    while time.monotonic() < deadline:
        time.sleep(FEED_BUILD_WAIT)
        if (stored := cache.get(key)) is not None:
            return stored
    return None


def build_stored_feed(request, version):
    """The whole feed, gzipped a chunk at a time so that only the compressed copy is held."""
    meetings, _ = filtered(request)  # no filters: every published meeting (export_queryset())
    _, changes, _ = version  # as feed_data_version() found them: what the feed is built from
    etag, seconds = etag_and_last_modified(request, "feed", changes)
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)  # 31: with a gzip header
    parts = [
        compressor.compress(chunk.encode())
        for chunk in feed_chunks(meetings, detail_url_maker(request))
    ]
    parts.append(compressor.flush())
    return {
        "version": version,
        "etag": etag,
        "last_modified": seconds,
        "gzip": b"".join(parts),
        "expires": time.time() + STORED_FEED_SECONDS,  # as its entry in the shared cache
    }


@readable_from_other_sites
def meeting_csv(request):
    meetings, error = filtered(request)
    if error:
        return error
    url_for = detail_url_maker(request)

    def chunks():
        yield csv_layout.header_line()
        for meeting in meetings:
            yield csv_layout.line(meeting_guide.feed_item(meeting, url_for(meeting.slug)))

    return streamed(request, "csv", "text/csv; charset=utf-8", chunks(), filename="meetings.csv")


def plain_title(request):
    """Whether a calendar is asked for with a plain title: `?title=plain`, in any case."""
    return request.GET.get("title", "").lower() == ical.PLAIN


@readable_from_other_sites
def meeting_list_calendar(request):
    filterset, error = searched(request)
    if error:
        return error
    meetings = in_chunks(filterset.every_part())
    url_for = detail_url_maker(request)
    plain = plain_title(request)
    # Today's meetings alone, each once: the list changes daily.
    today = timezone.localdate() if filterset.today_only else None

    def chunks():
        yield ical.PLAIN_CALENDAR_START if plain else ical.CALENDAR_START
        # The UK's zone whatever the list holds: a calendar needs a component (RFC 5545 3.6),
        # and a list that found nothing has no event.
        yield ical.timezone_component(UK_TIME_ZONE)
        zones = {UK_TIME_ZONE}
        for meeting in meetings:
            if meeting.time_zone not in zones:
                zones.add(meeting.time_zone)
                yield ical.timezone_component(meeting.time_zone)
            held_on = today and meeting.date_in_todays_list(today)
            yield ical.event(meeting, url_for(meeting.slug), plain, on=held_on)
        yield ical.CALENDAR_END

    return streamed(request, "ics", ical.CONTENT_TYPE, chunks(), filename="meetings.ics")


@readable_from_other_sites
def meeting_calendar(request, slug):
    meeting = Meeting.objects.select_related("programme", "venue").filter(slug=slug).first()
    if meeting is None:
        return moved(slug, "meetings:meeting_calendar")
    url = request.build_absolute_uri(meeting.get_absolute_url())
    plain = plain_title(request)
    body = ical.calendar([meeting], url, plain)
    response = HttpResponse(body, content_type=ical.CONTENT_TYPE)
    filename = "meeting.ics" if plain else f"{meeting.slug}.ics"  # downloads list the name
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


def use_our_data(request):
    return render(request, "data.html", {"type_rows": types.mapping_rows()})
