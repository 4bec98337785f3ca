"""The Open Referral UK API (read-only JSON under /api/oruk/) and the page that explains it.

Each API view returns (data, last modified or None) or raises BadRequest or NotFound;
`api_view` turns that into JSON with caching headers, conditional GET and CORS.
"""

import functools
import hashlib
import json
from pathlib import Path

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.views.decorators.csrf import csrf_exempt

from config.cors import readable_from_other_sites
from config.middleware import PUBLIC_MAX_AGE
from meetings.models import last_changed, last_changes
from oruk import ids, mapping, queries
from oruk.queries import BadRequest

OPENAPI = json.loads((Path(__file__).parent / "openapi.json").read_text())


class NotFound(Exception):
    def __init__(self, message="There is nothing with this id here."):
        super().__init__(message)
        self.message = message


def api_view(view):
    @csrf_exempt  # it changes nothing: a post gets a 405 in JSON, not Django's CSRF page
    @readable_from_other_sites
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":  # a browser's CORS preflight
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = "86400"
        elif request.method not in ("GET", "HEAD"):
            response = error(405, "This API is read-only: use GET.")
            response["Allow"] = "GET, HEAD, OPTIONS"
        else:
            try:
                data, modified = view(request, *args, **kwargs)
            except BadRequest as problem:
                response = error(400, problem.message, problem.errors)
            except NotFound as problem:
                response = error(404, problem.message)
            else:
                response = conditional_json(request, data, modified)
        return response

    return wrapper


def conditional_json(request, data, modified):
    """JSON with an ETag of its content, Last-Modified when we know it, and a short max-age;
    or 304 Not Modified when the client's copy is still good."""
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
    response["ETag"] = etag
    timestamp = int(modified.timestamp()) if modified else None
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return get_conditional_response(request, etag, timestamp, response)


def error(status, message, errors=None):
    body = {"status": status, "message": message}
    if errors:
        body["errors"] = errors
    return JsonResponse(body, status=status)


def site_url(request):
    return request.build_absolute_uri("/").rstrip("/")


def valid_form(form_class, request):
    form = form_class(request.GET)
    if not form.is_valid():
        errors = {field: list(messages) for field, messages in form.errors.items()}
        raise BadRequest("Some query parameters are not valid.", errors)
    return form


@api_view
def api_root(request):
    data = {
        "version": mapping.HSDS_VERSION,
        "profile": mapping.PROFILE_URL,
        "openapi_url": request.build_absolute_uri(reverse(openapi_document)),
    }
    return data, None


@api_view
def openapi_document(request):
    """The profile's document, unchanged but for `servers`: where its paths are on this site."""
    root = request.build_absolute_uri(reverse(api_root)).rstrip("/")
    return OPENAPI | {"servers": [{"url": root}]}, None


@api_view
def service_list(request):
    form = valid_form(queries.ServiceSearchForm, request)
    page, per_page = form.cleaned_data["page"], form.cleaned_data["per_page"]
    meetings = form.filter(queries.published_meetings())
    version = last_changes()  # also the key of the stored counts
    count = None
    if not form.is_filtered():
        count = functools.partial(queries.stored_count, "services", meetings.count, version)
    meetings, count = queries.page_of_meetings(meetings, page, per_page, count)
    site = site_url(request)
    services = [mapping.service_summary(meeting, site) for meeting in meetings]
    return queries.page_of(services, count, page, per_page), last_changed(version)


@api_view
def service_detail(request, id):
    if (pk := ids.pk_from(ids.SERVICE, id)) is None:
        raise NotFound
    meeting = queries.with_terms(queries.published_meetings()).filter(pk=pk).first()
    if meeting is None:
        raise NotFound
    return mapping.service_json(meeting, site_url(request)), last_changed(last_changes())


@api_view
def service_at_location_list(request):
    form = valid_form(queries.ServiceSearchForm, request)
    page, per_page = form.cleaned_data["page"], form.cleaned_data["per_page"]
    meetings = form.filter(queries.published_meetings())
    version = last_changes()  # also the key of the stored counts
    count = None
    if not form.is_filtered():
        count = functools.partial(
            queries.stored_count,
            "service_at_locations",
            functools.partial(queries.count_services_at_locations, meetings),
            version,
        )
    pairs, count = queries.page_of_services_at_locations(meetings, page, per_page, count)
    site = site_url(request)
    items = [
        mapping.service_at_location_json(
            meeting, kind, mapping.service_summary(meeting, site), listing=True
        )
        for meeting, kind in pairs
    ]
    return queries.page_of(items, count, page, per_page), last_changed(version)


@api_view
def service_at_location_detail(request, id):
    for kind in (ids.IN_PERSON, ids.ONLINE):
        if pk := ids.pk_from(kind, id):
            break
    else:
        raise NotFound
    meeting = queries.with_terms(queries.published_meetings()).filter(pk=pk).first()
    if meeting is None or kind not in mapping.location_kinds(meeting):
        raise NotFound
    service = mapping.service_json(meeting, site_url(request))
    del service["service_at_locations"]
    changed = last_changed(last_changes())
    return mapping.service_at_location_json(meeting, kind, service), changed


@api_view
def taxonomy_list(request):
    form = valid_form(queries.PageForm, request)
    page, per_page = form.cleaned_data["page"], form.cleaned_data["per_page"]
    start = (page - 1) * per_page
    taxonomies = [mapping.taxonomy_json(t) for t in mapping.TAXONOMIES[start : start + per_page]]
    return queries.page_of(taxonomies, len(mapping.TAXONOMIES), page, per_page), None


@api_view
def taxonomy_detail(request, id):
    for taxonomy in mapping.TAXONOMIES:
        if str(taxonomy.id) == id.lower():
            return mapping.taxonomy_json(taxonomy, mapping.vocabulary(taxonomy)), None
    raise NotFound


@api_view
def taxonomy_term_list(request):
    form = valid_form(queries.PageForm, request)
    page, per_page = form.cleaned_data["page"], form.cleaned_data["per_page"]
    terms = mapping.vocabulary()  # our vocabulary is dozens of terms: paged in Python
    start = (page - 1) * per_page
    contents = [mapping.term_json(term) for term in terms[start : start + per_page]]
    return queries.page_of(contents, len(terms), page, per_page), None


@api_view
def taxonomy_term_detail(request, id):
    for term in mapping.vocabulary():
        if str(term.id) == id.lower():
            return mapping.term_json(term), None
    raise NotFound


@api_view
def not_found(request, path):
    raise NotFound("There is nothing at this address: see the OpenAPI document for the paths.")


def guide(request):
    """/data/open-referral-uk/: the API explained for council and NHS directory teams."""
    context = {
        "api_url": request.build_absolute_uri(reverse(api_root)),
        "openapi_url": request.build_absolute_uri(reverse(openapi_document)),
        "taxonomies": mapping.TAXONOMIES,
        "max_per_page": queries.MAX_PER_PAGE,
        "per_page": queries.PER_PAGE,
        "max_age_minutes": PUBLIC_MAX_AGE // 60,
    }
    return render(request, "oruk/guide.html", context)
