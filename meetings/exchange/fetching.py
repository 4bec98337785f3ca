"""Fetching a source's URL from the internet only. A URL typed in the admin could otherwise
make the server read what only it can reach: services on this machine, a private network
behind it, a cloud provider's metadata address (server-side request forgery).

Each address is checked as it is connected to, redirects included, so a name that resolves
to a private address, or a public feed that redirects to one, is refused too. Networks in
IMPORT_ALLOWED_NETWORKS (DJANGO_IMPORT_ALLOWED_NETWORKS) are allowed: a source on one's own
intranet. Requests go straight to the source, never through a proxy from the environment,
which would fetch any address it was given."""

import http.client
import ipaddress
import socket
import urllib.request

from django.conf import settings

# Ranges that Python 3.11 counts as global, but which carry IPv4 addresses inside IPv6 ones
# (compatible, translated, NAT64, 6to4) and so may lead to private ones, or are no longer
# for hosts (site-local).
NOT_PUBLIC = [
    ipaddress.ip_network(network)
    for network in (
        "::/96",
        "::ffff:0:0:0/96",
        "64:ff9b::/96",
        "64:ff9b:1::/48",
        "2002::/16",
        "fec0::/10",
    )
]


CONNECT_SECONDS = 10


class RefusedAddress(OSError):
    """The URL's host is not on the public internet."""


def is_allowed(address):
    ip = ipaddress.ip_address(address.partition("%")[0])  # without an IPv6 zone
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if any(ip in network for network in settings.IMPORT_ALLOWED_NETWORKS):
        return True
    return ip.is_global and not ip.is_multicast and not any(ip in n for n in NOT_PUBLIC)


def connect_if_allowed(address, timeout, source_address=None):
    """socket.create_connection(), refusing a host if any of its addresses is not allowed,
    and giving each address CONNECT_SECONDS to answer rather than the whole `timeout`, which
    is then the time allowed for each read: a host whose first address does not answer
    (an IPv6 one, say) is reached at its next in seconds, not after the whole fetch's time."""
    host, port = address
    addresses = [info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]
    for refused in (ip for ip in addresses if not is_allowed(ip)):
        where = host if host == refused else f"{host} ({refused})"
        raise RefusedAddress(
            f"{where} is on this machine or a private network, which imports may not reach"
        )
    for ip in addresses:  # getaddrinfo() gives at least one, or raises
        try:
            connection = socket.create_connection(
                (ip, port), min(timeout, CONNECT_SECONDS), source_address
            )
        except OSError as error:
            failed = error  # as socket.create_connection() does: the next address may answer
            continue
        connection.settimeout(timeout)
        return connection
    raise failed


class _AllowedAddressesOnly:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = connect_if_allowed


class _HTTPConnection(_AllowedAddressesOnly, http.client.HTTPConnection):
    pass


class _HTTPSConnection(_AllowedAddressesOnly, http.client.HTTPSConnection):
    pass  # its certificate is checked against the host's name as ever


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, request):
        return self.do_open(_HTTPConnection, request)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, request):
        return self.do_open(_HTTPSConnection, request, context=self._context)


def open_url(request, timeout):
    """urllib.request.urlopen() for http and https only (a redirect to another scheme is
    refused as unknown), connecting only to allowed addresses."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        _HTTPHandler(),
        _HTTPSHandler(),
        urllib.request.HTTPRedirectHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
        urllib.request.UnknownHandler(),
    ):
        opener.add_handler(handler)
    return opener.open(request, timeout=timeout)
