"""Sources are fetched from the internet only: never from this machine or a private network
(server-side request forgery), unless an allowed network says so."""

import ipaddress
import json
import os
import socket
import socketserver
import subprocess
import sys
import threading
import time

import pytest
from django.core.exceptions import ValidationError

from meetings.exchange import fetching, importer
from meetings.exchange.admin_views import ImportForm
from meetings.models import Source
from tests.factories import ProgrammeFactory

LOCAL = [ipaddress.ip_network("127.0.0.1/32")]
ON_THIS_MACHINE = "is on this machine or a private network, which imports may not reach"


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
        # IPv4 inside IPv6 by other means, which Python 3.11 counts as global
        "::127.0.0.1",
        "::ffff:0:7f00:1",
        "64:ff9b::7f00:1",
        "2002:7f00:1::",
        "fec0::1",  # site-local, withdrawn
        "224.0.0.1",
        "ff02::1",
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


@pytest.fixture
def no_connection(monkeypatch):
    """Fails the test if anything connects."""

    def connect(*args, **kwargs):
        pytest.fail(f"connected to {args[0]}")

    monkeypatch.setattr(socket, "create_connection", connect)


def test_a_url_on_this_machine_is_refused_before_connecting(live_server, no_connection):
    url = f"{live_server.url}/meetings/feed.json"

    with pytest.raises(importer.Unreadable) as refused:
        importer.fetch(url)

    host = live_server.url.split("//")[1].split(":")[0]
    assert str(refused.value) == f"Cannot fetch {url}: {host} (127.0.0.1) {ON_THIS_MACHINE}."


def test_a_name_that_resolves_to_a_private_address_is_refused(monkeypatch, no_connection):
    def resolve(host, port, *args, **kwargs):
        assert host == "feeds.example.org"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", port))]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)

    with pytest.raises(importer.Unreadable) as refused:
        importer.fetch("https://feeds.example.org/meetings.json")

    assert str(refused.value) == (
        f"Cannot fetch https://feeds.example.org/meetings.json: "
        f"feeds.example.org (10.0.0.7) {ON_THIS_MACHINE}."
    )


@pytest.mark.django_db
def test_a_url_in_an_allowed_network_is_fetched(live_server, settings):
    settings.IMPORT_ALLOWED_NETWORKS = LOCAL

    assert json.loads(importer.fetch(f"{live_server.url}/meetings/feed.json")) == []


@pytest.mark.django_db
def test_each_address_has_a_few_seconds_to_answer_and_the_next_is_tried(
    live_server, settings, monkeypatch
):
    settings.IMPORT_ALLOWED_NETWORKS = [*LOCAL, ipaddress.ip_network("::1/128")]
    port = int(live_server.url.rsplit(":", 1)[1])
    first, second = ("::1", port), ("127.0.0.1", port)
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda *args, **kwargs: [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", first),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", second),
        ],
    )
    tried, connected, connect = [], [], socket.create_connection

    def connect_but_not_to_the_first(address, timeout, *args):
        tried.append((address, timeout))
        if address == first:
            raise TimeoutError("timed out")  # as an address that does not answer
        connected.append(connect(address, timeout, *args))
        return connected[-1]

    monkeypatch.setattr(socket, "create_connection", connect_but_not_to_the_first)

    assert json.loads(importer.fetch(f"{live_server.url}/meetings/feed.json")) == []
    assert tried == [(first, fetching.CONNECT_SECONDS), (second, fetching.CONNECT_SECONDS)]
    assert [c.gettimeout() for c in connected] == [importer.FETCH_TIMEOUT_SECONDS]  # to read


@pytest.fixture
def server():
    """serve(answer) -> the URL of a server on 127.0.0.1 that reads a request's head, then
    sends `answer` as it is and closes the connection."""
    servers = []

    def serve(answer, trickle=b"", every=0):
        class Answer(socketserver.StreamRequestHandler):
            def handle(self):
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass
                self.wfile.write(answer)
                for byte in trickle:  # then a byte at a time
                    time.sleep(every)
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()

        running = socketserver.TCPServer(("127.0.0.1", 0), Answer)
        threading.Thread(target=running.serve_forever, daemon=True).start()
        servers.append(running)
        return f"http://127.0.0.1:{running.server_address[1]}/feed.json"

    yield serve
    for running in servers:
        running.shutdown()
        running.server_close()


def redirect_to(location):
    return f"HTTP/1.0 302 Found\r\nLocation: {location}\r\n\r\n".encode()


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("http://127.0.0.2/feed.json", f"127.0.0.2 {ON_THIS_MACHINE}"),
        ("http://[::1]/feed.json", f"::1 {ON_THIS_MACHINE}"),
        ("ftp://127.0.0.1/feed.json", "unknown url type: ftp"),
        ("file:///etc/passwd", "it redirects to an address that imports may not follow"),
        ("/feed.json", "it redirects too many times"),  # to itself
    ],
)
def test_a_redirect_off_the_internet_or_the_web_is_refused(server, settings, target, reason):
    settings.IMPORT_ALLOWED_NETWORKS = LOCAL  # the first server only
    url = server(redirect_to(target))

    with pytest.raises(importer.Unreadable) as refused:
        importer.fetch(url)

    assert str(refused.value) == f"Cannot fetch {url}: {reason}."


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (b"SECRET banner of some service\r\n", "the server's answer was not HTTP"),
        (b"HTTP/1.0 500 SECRET words\r\n\r\n", "the server answered 500 Internal Server Error"),
        (b"HTTP/1.0 599 SECRET words\r\n\r\n", "the server answered 599"),
        (b"HTTP/1.0 304 SECRET words\r\n\r\n", "the server answered 304 Not Modified"),
        (b"", "the server closed the connection without answering"),
        (
            b"HTTP/1.0 200 OK\r\nContent-Length: 100\r\n\r\n[{SECRET",
            "the server's answer was cut short",
        ),
    ],
)
def test_a_failed_fetch_is_told_in_our_words_not_the_servers(server, settings, answer, reason):
    settings.IMPORT_ALLOWED_NETWORKS = LOCAL
    url = server(answer)

    with pytest.raises(importer.Unreadable) as failed:
        importer.fetch(url)

    assert str(failed.value) == f"Cannot fetch {url}: {reason}."


def test_a_source_that_answers_a_byte_at_a_time_is_given_up_on(server, settings, monkeypatch):
    settings.IMPORT_ALLOWED_NETWORKS = LOCAL
    monkeypatch.setattr(importer, "FETCH_TIMEOUT_SECONDS", 1)
    url = server(b"HTTP/1.0 200 OK\r\nContent-Length: 40\r\n\r\n", trickle=b"[]" * 20, every=0.1)

    with pytest.raises(importer.Unreadable) as failed:
        importer.fetch(url)  # the whole answer would take 4 seconds

    assert str(failed.value) == f"Cannot fetch {url}: it took longer than 1 seconds to answer."


def test_a_whole_answer_is_fetched(server, settings):
    settings.IMPORT_ALLOWED_NETWORKS = LOCAL

    url = server(b"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n[]")

    assert importer.fetch(url) == b"[]"


def test_a_url_in_capitals_is_fetched_not_read_as_a_file(live_server):
    url = f"HTTP://127.0.0.1:{live_server.url.rsplit(':', 1)[1]}/meetings/feed.json"

    with pytest.raises(importer.Unreadable) as refused:
        importer.read_location(url)

    assert str(refused.value) == f"Cannot fetch {url}: 127.0.0.1 {ON_THIS_MACHINE}."


NOT_WEB = "Enter a web address that starts with https:// or http://."


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "errors"),
    [
        ("ftp://feeds.example.org/x.json", [NOT_WEB]),
        ("FTP://feeds.example.org/x.json", [NOT_WEB]),
        ("https://feeds exa mple.org/x.json", ["Enter a valid URL."]),  # one error, not two
    ],
)
def test_a_source_url_must_be_a_web_address(url, errors):
    source = Source(name="Feed", url=url, programme=ProgrammeFactory())

    with pytest.raises(ValidationError) as invalid:
        source.full_clean()

    assert invalid.value.message_dict == {"url": errors}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "errors"),
    [
        ("ftp://feeds.example.org/x.json", [NOT_WEB]),
        ("https://feeds exa mple.org/x.json", ["Enter a valid URL."]),
        ("HTTPS://feeds.example.org/x.json", None),
        ("feeds.example.org/x.json", None),  # https:// is assumed
    ],
)
def test_the_import_form_takes_web_addresses_only(url, errors):
    programme = ProgrammeFactory()

    form = ImportForm({"programme": programme.pk, "time_zone": "Europe/London", "url": url})

    assert form.errors.get("url") == errors
    assert form.non_field_errors() == []  # not "Give a URL or upload a file" as well


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


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://[::1/feed.json", "Invalid IPv6 URL"),
        ("http://", "no host given"),
        ("http://a b.example.org/", "it is not a valid web address"),
        ("http://\x00.example.org/", "it is not a valid web address"),
        (f"http://{'a' * 300}.example.org/", None),  # the system's words, which vary
        ("http://xn--.example.org/", None),
    ],
)
def test_a_url_that_cannot_be_fetched_at_all_says_so(url, reason):
    with pytest.raises(importer.Unreadable) as failed:
        importer.fetch(url)

    message = str(failed.value)
    assert message.startswith(f"Cannot fetch {url}: ")
    assert reason is None or message == f"Cannot fetch {url}: {reason}."


def test_a_host_that_no_one_has_named_says_so(monkeypatch):
    def resolve(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", resolve)

    with pytest.raises(importer.Unreadable) as failed:
        importer.fetch("https://feeds.example.org/x.json")

    assert str(failed.value) == (
        "Cannot fetch https://feeds.example.org/x.json: no server has that name (check the "
        "address)."
    )
