"""Site-wide HTTP behaviour: compression, a few headers, and a plain page when the database
cannot be reached."""

import datetime

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import InterfaceError, OperationalError
from django.middleware.cache import CacheMiddleware
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import render
from django.utils import timezone

# No page here needs a camera, microphone, location or the like; say so to the browser.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "camera",
        "microphone",
        "geolocation",
        "payment",
        "usb",
        "interest-cohort",
        "browsing-topics",
    )
)


def is_staff_request(request):
    """Staff pages, and any request from someone signed in (visitors have no cookies)."""
    return request.path.startswith("/admin/") or settings.SESSION_COOKIE_NAME in request.COOKIES


def carries_nonce(response):
    """A CSP nonce must be new on every response, so such a response is never kept."""
    return "'nonce-" in response.get("Content-Security-Policy", "")


def has_allowed_host(request):
    """Whether the request is for a host the site answers to. Others get a 400, from inside
    the middleware that adds security headers, not from the cache's key, outside it."""
    try:
        request.get_host()
    except DisallowedHost:
        return False
    return True


class PublicPageCacheMiddleware(CacheMiddleware):
    """Repeat requests for a public page are answered from the "pages" cache, finished and
    compressed, for as long as the page's Cache-Control allows (a page of today's meetings a
    minute). Public pages differ only by their address: visitors have no cookies. Staff
    always get fresh pages, so they see their edits at once; an edit reaches visitors within
    the page's max-age."""

    # Larger responses (the whole Meeting Guide feed) are kept by their own views instead.
    MAX_BYTES = 1_000_000

    def __init__(self, get_response):
        super().__init__(get_response, cache_alias="pages", key_prefix="")

    def process_request(self, request):
        if not settings.PAGE_CACHE or is_staff_request(request) or not has_allowed_host(request):
            request._cache_update_cache = False
            return None
        return super().process_request(request)

    def process_response(self, request, response):
        too_big = not response.streaming and len(response.content) > self.MAX_BYTES
        # A response with an ETag (the exchange formats, the Open Referral UK API) answers
        # conditional requests and stays current by its own means; kept here, it would be
        # replayed stale after an edit, and as a 200 to a client whose copy is current.
        if too_big or carries_nonce(response) or response.has_header("ETag"):
            return response
        return super().process_response(request, response)


class PublicGZipMiddleware(GZipMiddleware):
    """Compress responses, except the admin's: its pages carry CSRF tokens, which compressed
    responses can leak (BREACH). Public pages hold nothing secret."""

    def process_response(self, request, response):
        if request.path.startswith("/admin/"):
            return response
        return super().process_response(request, response)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


# How long browsers, a proxy in front of the site and its own page cache may keep a public
# page, export or API answer: staff edits reach visitors within it. A page of today's
# meetings only a minute, as what is on now changes.
PUBLIC_MAX_AGE = 5 * 60
TODAY_MAX_AGE = 60


class PublicCacheControlMiddleware:
    """Public pages are the same for everyone (visitors have no cookies), so a reverse proxy
    may keep them for PUBLIC_MAX_AGE. Staff pages and anything that set its own
    Cache-Control are left alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not is_staff_request(request)
            and "Cache-Control" not in response.headers
            and not response.cookies
            and not carries_nonce(response)
        ):
            today = "today" in request.GET.getlist("day")
            max_age = min(
                TODAY_MAX_AGE if today else PUBLIC_MAX_AGE,
                seconds_to_midnight(),
                getattr(response, "keep_at_most", PUBLIC_MAX_AGE),  # set by its view
            )
            response.headers["Cache-Control"] = f"public, max-age={max_age}"
        return response


def seconds_to_midnight():
    """Until the next midnight in the UK, when what every page calls today moves on: a page
    kept past it would say "Today" of yesterday."""
    now = timezone.localtime()
    midnight = datetime.datetime.combine(now.date() + datetime.timedelta(days=1), datetime.time())
    return int((timezone.make_aware(midnight) - now).total_seconds())


# How long a client that cannot reach the database is asked to wait before trying again.
RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
    """A plain "temporarily unavailable" page with status 503 when the database does not
    answer, rather than a 500; each request tries again, so the site recovers by itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        # Errors in a query itself (a bug) are not these, and still go to the log as 500s.
        if isinstance(exception, OperationalError | InterfaceError):
            response = render(request, "unavailable.html", status=503)
            response["Retry-After"] = RETRY_AFTER_SECONDS
            return response
        return None
