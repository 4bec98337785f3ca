"""Sources are fetched from the internet only: never from this machine or a private network
(server-side request forgery), unless an allowed network says so."""

import http.server
import ipaddress
import json
import os
import socket
import subprocess
import sys
import threading

import pytest

from meetings.exchange import fetching, importer
from meetings.exchange.admin_views import ImportForm
from meetings.models import Source
from tests.factories import ProgrammeFactory

LOCAL = [ipaddress.ip_network("127.0.0.1/32")]


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",  # cloud providers' metadata
        "100.64.0.1",
        "0.0.0.0",
        "::1",
        "fe80::1%eth0",
        "fd12:3456::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
    ],
)
def test_addresses_off_the_internet_are_refused(address):
    assert fetching.is_allowed(address) is False


@pytest.mark.parametrize("address", ["81.2.69.160", "2a00:1450:4009:81f::200e"])
def test_addresses_on_the_internet_are_allowed(address):
    assert fetching.is_allowed(address) is True


def test_an_allowed_network_is_allowed(settings):
    settings.IMPORT_ALLOWED_NETWORKS = [ipaddress.ip_network("10.20.0.0/16")]

    assert fetching.is_allowed("10.20.3.4") is True
    assert fetching.is_allowed("10.21.3.4") is False


def test_a_url_on_this_machine_is_refused_before_connecting(live_server):
    url = f"{live_server.url}/meetings/feed.json"

    with pytest.raises(importer.Unreadable) as refused:
        importer.fetch(url)

    host = live_server.url.split("//")[1].split(":")[0]
    assert str(refused.value) == (
        f"Cannot fetch {url}: {host} (127.0.0.1) is on this machine or a private network, "
        "which imports may not reach."
    )


def test_a_name_that_resolves_to_a_private_address_is_refused(monkeypatch):
    def resolve(host, port, *args, **kwargs):
        assert host == "feeds.example.org"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", port))]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)

    with pytest.raises(importer.Unreadable) as refused:
        importer.fetch("https://feeds.example.org/meetings.json")

    assert "feeds.example.org (10.0.0.7) is on this machine or a private network" in str(
        refused.value
    )


@pytest.mark.django_db
def test_a_url_in_an_allowed_network_is_fetched(live_server, settings):
    settings.IMPORT_ALLOWED_NETWORKS = LOCAL

    assert json.loads(importer.fetch(f"{live_server.url}/meetings/feed.json")) == []


@pytest.fixture
def redirecting_server():
    """A server on 127.0.0.1 that answers every request with a redirect to its path:
    /to/http://127.0.0.2/x redirects to http://127.0.0.2/x."""

    class Redirect(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(302)
            self.send_header("Location", self.path.removeprefix("/to/"))
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("http://127.0.0.2/feed.json", "127.0.0.2 is on this machine or a private network"),
        ("ftp://127.0.0.1/feed.json", "unknown url type: ftp"),
        ("file:///etc/passwd", "Found - Redirection to url 'file:///etc/passwd' is not allowed"),
    ],
)
def test_a_redirect_off_the_internet_or_the_web_is_refused(
    redirecting_server, settings, target, reason
):
    settings.IMPORT_ALLOWED_NETWORKS = LOCAL  # the first server only
    url = f"{redirecting_server}/to/{target}"

    with pytest.raises(importer.Unreadable) as refused:
        importer.fetch(url)

    assert str(refused.value).startswith(f"Cannot fetch {url}: {reason}")


@pytest.mark.django_db
def test_a_source_url_must_be_a_web_address():
    source = Source(name="Feed", url="ftp://feeds.example.org/x.json", programme=ProgrammeFactory())

    with pytest.raises(Exception) as invalid:
        source.full_clean()

    assert invalid.value.message_dict == {
        "url": ["Enter a web address that starts with https:// or http://."]
    }


@pytest.mark.django_db
def test_the_import_form_takes_web_addresses_only():
    programme = ProgrammeFactory()
    data = {"programme": programme.pk, "time_zone": "Europe/London"}

    ftp = ImportForm({**data, "url": "ftp://feeds.example.org/x.json"})
    web = ImportForm({**data, "url": "https://feeds.example.org/x.json"})

    assert ftp.errors["url"] == ["Enter a web address that starts with https:// or http://."]
    assert web.is_valid(), web.errors


def test_a_network_that_is_not_one_stops_the_site_starting():
    env = {**os.environ, "DJANGO_IMPORT_ALLOWED_NETWORKS": "10.0.0.0/8, intranet"}

    result = subprocess.run(
        [sys.executable, "manage.py", "check"], env=env, capture_output=True, text=True
    )

    assert result.returncode == 1
    assert (
        "DJANGO_IMPORT_ALLOWED_NETWORKS: 'intranet' does not appear to be an IPv4 or IPv6 network"
        in result.stderr
    )
