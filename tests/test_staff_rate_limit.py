"""The report form's rate limit: the client's address behind proxies, and one limit shared
by every process."""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse

from config import limits
from meetings import abuse
from meetings.models import ChangeReport
from tests.factories import MeetingFactory

ROOT = Path(__file__).resolve().parent.parent
PROXY = "10.0.0.5"  # nginx, as gunicorn sees it
REPORT = {"kind": "stopped", "message": "It moved to Thursdays."}


@pytest.fixture
def empty_cache(db):
    cache.clear()
    yield
    cache.clear()


def key(forwarded_for=None, remote_addr=PROXY):
    headers = {} if forwarded_for is None else {"X-Forwarded-For": forwarded_for}
    request = RequestFactory().post("/", headers=headers, REMOTE_ADDR=remote_addr)
    return limits.client_key(request)


def test_behind_one_proxy_spoofed_entries_on_the_left_do_not_change_the_key(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    keys = {
        key("198.51.100.7"),
        key("203.0.113.1, 198.51.100.7"),
        key("203.0.113.2, 203.0.113.3,198.51.100.7"),
        key(" , 198.51.100.7"),
    }

    assert keys == {key(remote_addr="198.51.100.7")}


def test_behind_one_proxy_each_real_client_has_its_own_key(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    assert key("198.51.100.7") != key("198.51.100.8")
    assert key("198.51.100.7") != key(remote_addr=PROXY)


def test_behind_two_proxies_the_client_is_the_second_from_the_right(settings):
    settings.TRUSTED_PROXY_COUNT = 2  # a CDN, then nginx

    spoofed = key("203.0.113.1, 198.51.100.7, 192.0.2.10")
    plain = key("198.51.100.7, 192.0.2.11")

    assert spoofed == plain == key(remote_addr="198.51.100.7")


def test_with_no_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert {key("198.51.100.7"), key("198.51.100.8"), key()} == {key(remote_addr=PROXY)}


@pytest.mark.parametrize("forwarded_for", [None, "", "198.51.100.7"])
def test_a_missing_or_short_header_counts_the_address_the_request_came_from(
    settings, forwarded_for
):
    settings.TRUSTED_PROXY_COUNT = 2

    assert key(forwarded_for) == key(remote_addr=PROXY)


def test_behind_nginx_two_visitors_have_their_own_limits_and_spoofing_does_not_help(
    client, settings, empty_cache
):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.REPORTS_PER_HOUR = 1
    url = reverse("meetings:meeting_report", args=[MeetingFactory().slug])

    def post(forwarded_for):
        headers = {"X-Forwarded-For": forwarded_for}
        return client.post(url, REPORT, headers=headers, REMOTE_ADDR=PROXY).status_code

    statuses = [
        post("198.51.100.7"),
        post("198.51.100.8"),
        post("203.0.113.99, 198.51.100.7"),
    ]

    assert statuses == [302, 302, 429]
    stored = [str(value) for row in ChangeReport.objects.values() for value in row.values()]
    assert [value for value in stored if "198.51.100" in value or PROXY in value] == []


def test_hundreds_of_reporters_free_nobody_elses_place(settings, empty_cache):
    """The database cache drops a third of its entries at random once it holds MAX_ENTRIES
    (300 unless set): each client who reported would have had a chance of reporting again."""
    settings.REPORTS_PER_HOUR = 1
    addresses = [f"198.51.{i // 200}.{i % 200}" for i in range(400)]

    def refused(address):
        return abuse.over_report_limit(RequestFactory().post("/", REMOTE_ADDR=address))

    first_reports = [refused(address) for address in addresses]
    second_reports = [refused(address) for address in addresses]

    assert (first_reports.count(True), second_reports.count(False)) == (0, 0)


# Two processes, one limit. Each counts reports from one client at the same moment, in its
# own Python, against the cache table of one database: the test database on PostgreSQL, a
# file on SQLite (the test database there lives in this process's memory).
COUNT_REPORTS = """
import sys, time
import django
django.setup()
from django.test import RequestFactory
from config import limits
from meetings import abuse
start, now, tries = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.7")
while time.time() < start:
    time.sleep(0.001)
print(sum(not abuse.over_report_limit(request, now=now) for _ in range(tries)))
"""


def shared_database_url(tmp_path):
    if connection.vendor == "sqlite":
        url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
        env = {**os.environ, "DATABASE_URL": url}
        subprocess.run(
            [sys.executable, "manage.py", "createcachetable"], cwd=ROOT, env=env, check=True
        )
        return url
    db = {key: quote(str(value)) for key, value in connection.settings_dict.items()}
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def test_two_processes_sharing_the_database_cache_accept_no_more_than_the_limit(
    transactional_db, empty_cache, tmp_path
):
    limit = 10
    env = {
        **os.environ,
        "DATABASE_URL": shared_database_url(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_REPORTS_PER_HOUR": str(limit),
        "DJANGO_TRUSTED_PROXY_COUNT": "0",
    }
    start, now = time.time() + 1.5, time.time()
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", COUNT_REPORTS, str(start), str(now), str(limit)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    accepted = [int(process.communicate(timeout=30)[0]) for process in processes]

    assert sum(accepted) == limit, accepted


def test_an_ipv6_client_is_its_64_network_not_each_address():
    same_network = {key(remote_addr=f"2001:db8:1:2::{n:x}") for n in range(1, 200, 37)}

    assert len(same_network) == 1
    assert key(remote_addr="2001:db8:1:3::1") not in same_network
    assert key(remote_addr="198.51.100.7") != key(remote_addr="198.51.100.8")


def test_an_ipv4_client_written_as_ipv6_is_that_ipv4_client():
    assert key(remote_addr="::ffff:198.51.100.7") == key(remote_addr="198.51.100.7")
    assert key(remote_addr="::ffff:198.51.100.7") != key(remote_addr="::ffff:198.51.100.8")
