"""The report form's rate limit: the client's address behind proxies, and one limit shared
by every process."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from meetings import abuse
from meetings.models import ChangeReport
from tests.factories import MeetingFactory

PROXY = "10.0.0.5"  # nginx, as gunicorn sees it
REPORT = {"kind": "stopped", "message": "It moved to Thursdays."}


def key(forwarded_for=None, remote_addr=PROXY):
    headers = {} if forwarded_for is None else {"X-Forwarded-For": forwarded_for}
    request = RequestFactory().post("/", headers=headers, REMOTE_ADDR=remote_addr)
    return abuse.client_key(request)


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


@pytest.mark.django_db
def test_behind_nginx_two_visitors_have_their_own_limits_and_spoofing_does_not_help(
    client, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.REPORTS_PER_HOUR = 1
    cache.clear()
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
    cache.clear()
