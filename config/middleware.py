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
