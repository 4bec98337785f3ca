"""Keeping the public "report a change" form from being misused: no posts from other
websites, and a few reports an hour from each client."""

import time

from django.conf import settings

from config.limits import client_key, take_place

# Browsers say where a request came from: "same-origin" from our own pages, "none" when
# typed or bookmarked. Anything else is another website posting on a visitor's behalf.
ALLOWED_FETCH_SITES = {"same-origin", "none"}


def is_cross_site(request):
    """Whether a POST comes from another website (by Sec-Fetch-Site, or else Origin)."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in ALLOWED_FETCH_SITES
    origin = request.headers.get("Origin")
    if origin is None:  # an old browser or a script: the rate limit still applies
        return False
    return origin != f"{request.scheme}://{request.get_host()}"


def over_report_limit(request, now=None):
    """Take one of this hour's REPORTS_PER_HOUR places for the client's report; True when
    they are all taken. All gone within two hours."""
    hour = int((now if now is not None else time.time()) // 3600)
    prefix = f"report-limit:{client_key(request)}:{hour}"
    return take_place(prefix, settings.REPORTS_PER_HOUR, 2 * 3600) is None
