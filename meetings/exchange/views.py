"""The finder's list as a Meeting Guide feed, a CSV spreadsheet and an iCalendar, and one meeting
as an iCalendar. Thin: the filters are the finder's, the mapping is in one module per format.

Lists are streamed in chunks, so memory stays the same however many meetings match, and answer
conditional requests with 304 from one aggregate query.
"""

import datetime
import hashlib
import json

from django.db.models import Count, Max
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from meetings.exchange import csv_layout, ical, meeting_guide, types
from meetings.filters import MeetingFilter
from meetings.models import LISTING_ORDER, Meeting

CHUNK_SIZE = 500
CACHE_SECONDS = 300
FORMAT_VERSION = "1"  # change it when the output of a format changes, to refresh caches


def export_queryset():
    """Everything the three formats read, joined or prefetched once per chunk."""
    return (
        Meeting.objects.active()
        .select_related("programme", "venue", "venue__area")
        .prefetch_related("focuses", "features")
        .order_by(*LISTING_ORDER)  # in UK time, as every list
    )


def filtered(request):
    """(meetings, None) for valid filters, or (None, a 400 response saying what is wrong)."""
    filterset = MeetingFilter(request.GET, queryset=export_queryset())
    if filterset.is_valid():
        return filterset.qs, None
    form = filterset.form
    messages = [
        f"{form.fields[name].label if name in form.fields else 'Search'}: {error}"
        for name, errors in form.errors.items()
        for error in errors
    ]
    text = "There is a problem with the search:\n" + "\n".join(messages) + "\n"
    return None, HttpResponse(text, status=400, content_type="text/plain; charset=utf-8")


def not_modified_or_headers(request, meetings, kind):
    """A 304 response when the client's copy is current; otherwise the caching headers."""
    stats = meetings.order_by().aggregate(count=Count("pk", distinct=True), latest=Max("updated"))
    latest = stats["latest"] or datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    # The date is in it because "?day=today" changes at midnight without any edit.
    fingerprint = [kind, FORMAT_VERSION, request.GET.urlencode(), stats["count"]]
    fingerprint += [latest.isoformat(), str(timezone.localdate())]
    etag = '"' + hashlib.sha256(repr(fingerprint).encode()).hexdigest()[:32] + '"'
    seconds = int(latest.timestamp())  # HTTP dates have no fractions of a second
    headers = {"ETag": etag, "Last-Modified": http_date(seconds)}
    response = get_conditional_response(request, etag=etag, last_modified=seconds)
    if response is not None:
        for name, value in headers.items():
            response[name] = value
        patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response, headers


def streamed(request, meetings, kind, content_type, chunks, filename=None):
    not_modified, headers = not_modified_or_headers(request, meetings, kind)
    if not_modified:
        return not_modified
    response = StreamingHttpResponse(chunks, content_type=content_type, headers=headers)
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def detail_url_maker(request):
    """slug -> absolute URL of the meeting's page, without a reverse() per meeting."""
    placeholder = "meeting-slug-placeholder"
    template = request.build_absolute_uri(reverse("meetings:meeting_detail", args=[placeholder]))
    return lambda slug: template.replace(placeholder, slug)


def meeting_feed(request):
    meetings, error = filtered(request)
    if error:
        return error
    url_for = detail_url_maker(request)

    def chunks():
        yield "["
        for number, meeting in enumerate(meetings.iterator(chunk_size=CHUNK_SIZE)):
            item = meeting_guide.feed_item(meeting, url_for(meeting.slug))
            yield ("," if number else "") + "\n" + json.dumps(item, ensure_ascii=False)
        yield "\n]\n"

    return streamed(request, meetings, "feed", "application/json", chunks())


def meeting_csv(request):
    meetings, error = filtered(request)
    if error:
        return error
    url_for = detail_url_maker(request)

    def chunks():
        yield csv_layout.header_line()
        for meeting in meetings.iterator(chunk_size=CHUNK_SIZE):
            yield csv_layout.line(meeting_guide.feed_item(meeting, url_for(meeting.slug)))

    return streamed(
        request, meetings, "csv", "text/csv; charset=utf-8", chunks(), filename="meetings.csv"
    )


def meeting_list_calendar(request):
    meetings, error = filtered(request)
    if error:
        return error
    url_for = detail_url_maker(request)

    def chunks():
        yield ical.CALENDAR_START
        zones = set()
        for meeting in meetings.iterator(chunk_size=CHUNK_SIZE):
            if meeting.time_zone not in zones:
                zones.add(meeting.time_zone)
                yield ical.timezone_component(meeting.time_zone)
            yield ical.event(meeting, url_for(meeting.slug))
        yield ical.CALENDAR_END

    return streamed(request, meetings, "ics", ical.CONTENT_TYPE, chunks(), filename="meetings.ics")


def meeting_calendar(request, slug):
    meeting = get_object_or_404(Meeting.objects.select_related("programme", "venue"), slug=slug)
    url = request.build_absolute_uri(meeting.get_absolute_url())
    response = HttpResponse(ical.calendar([meeting], url), content_type=ical.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{meeting.slug}.ics"'
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


def use_our_data(request):
    return render(request, "data.html", {"type_rows": types.mapping_rows()})
