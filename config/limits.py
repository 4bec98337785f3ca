"""Limits on how often one client may do something (report a change, fail to sign in), kept
in the shared cache: who the client is behind proxies, and places to take under a limit."""

import contextlib
import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.core.cache import cache


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
    """A keyed hash of the client's address: enough to count what it does, never stored. An
    IPv6 address counts as its /64 network, which one household or device usually has all
    of, so that stepping through its addresses does not count as many clients."""
    address = client_address(request)
    with contextlib.suppress(ValueError):
        ip = ipaddress.ip_address(address)
        if ip.version == 6 and ip.ipv4_mapped:  # ::ffff:192.0.2.1, from a dual-stack listener
            address = str(ip.ipv4_mapped)
        elif ip.version == 6:
            address = str(ipaddress.ip_network(f"{address}/64", strict=False))
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def take_place(prefix, limit, seconds):
    """Take one of `limit` places under `prefix`, each kept for `seconds`: its cache key, or
    None when they are all taken. A place is a key that cache.add() creates only if nobody
    else has: atomic in the database cache (the table's primary key) and in Redis, so two
    processes or hosts can never take the same place and the limit holds across them.
    (cache.incr() reads then writes, so processes counting at once took the same number.)
    One query once the places are all taken."""
    places = [f"{prefix}:{place}" for place in range(limit)]
    taken = cache.get_many(places)
    for place in places:
        if place not in taken and cache.add(place, True, timeout=seconds):
            return place
    return None
