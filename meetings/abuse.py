"""Keeping the public "report a change" form from being misused: no posts from other
websites, and a few reports an hour from each client."""

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache

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


def client_address(request):
    """The client's address. Behind TRUSTED_PROXY_COUNT proxies, each of which adds the
    address it heard from to the right of X-Forwarded-For, that is the entry that many from
    the right; anything further left was sent by the client and is never trusted. Without
    the header, or with fewer entries than proxies, the address the request came from."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if proxies > 0 and len(forwarded) >= proxies and forwarded[-proxies].strip():
        return forwarded[-proxies].strip()
    return request.META.get("REMOTE_ADDR", "")


def client_key(request):
    """A keyed hash of the client's address: enough to count its reports, never stored."""
    address = client_address(request)
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def over_report_limit(request, now=None):
    """Take one of this hour's REPORTS_PER_HOUR places for the client's report; True when
    they are all taken. A place is a cache key that cache.add() creates only if nobody else
    has: atomic in the database cache (the table's primary key), so two processes or hosts
    can never take the same place and the limit holds across them. (cache.incr() reads then
    writes, so processes counting at once both took the same number.) One query once the
    places are all taken; all gone within two hours."""
    hour = int((now if now is not None else time.time()) // 3600)
    prefix = f"report-limit:{client_key(request)}:{hour}"
    places = [f"{prefix}:{place}" for place in range(settings.REPORTS_PER_HOUR)]
    taken = cache.get_many(places)
    return not any(
        cache.add(place, True, timeout=2 * 3600) for place in places if place not in taken
    )
