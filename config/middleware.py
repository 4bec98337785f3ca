"""Site-wide HTTP behaviour: compression, a few headers, and a plain page when the database
cannot be reached."""

from django.db import InterfaceError, OperationalError
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import render

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


class PublicCacheControlMiddleware:
    """Public pages are the same for everyone (visitors have no cookies), so a reverse proxy
    may keep them for a few minutes; a page of today's meetings only for one, as what is on
    now changes. Staff pages and anything that set its own Cache-Control are left alone."""

    MINUTES = 5
    TODAY_MINUTES = 1

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not request.path.startswith("/admin/")
            and "Cache-Control" not in response.headers
            and not response.cookies
        ):
            today = "today" in request.GET.getlist("day")
            minutes = self.TODAY_MINUTES if today else self.MINUTES
            response.headers["Cache-Control"] = f"public, max-age={minutes * 60}"
        return response


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
            return render(request, "unavailable.html", status=503)
        return None
