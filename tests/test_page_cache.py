"""Repeat requests for a public page are answered from the "pages" cache, for as long as the
page's Cache-Control allows; staff, the admin, errors, posts and pages with a CSP nonce never
are."""

import ast
import datetime
import gzip
import os
import subprocess
import sys

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.middleware import PublicPageCacheMiddleware
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

REPORT = {"kind": "details-wrong", "message": "It starts at 8pm now."}


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE = True
    caches["pages"].clear()
    # Midday on a Wednesday: a page is kept for less near midnight, or near its meeting's
    # start or end (config.middleware), which these tests' meetings on Mondays would make
    # depend on when they run.
    with time_machine.travel(datetime.datetime(2026, 11, 25, 12, tzinfo=datetime.UTC)):
        yield
    caches["pages"].clear()


def get(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, len(queries)


def later(seconds):
    return time_machine.travel(
        datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=seconds)
    )


def test_a_repeat_request_is_answered_without_the_database(client):
    MeetingFactory(name="Tuesday Serenity")

    first, first_queries = get(client, "/meetings/?day=monday")
    again, again_queries = get(client, "/meetings/?day=monday")
    other, other_queries = get(client, "/meetings/?day=tuesday")

    assert first_queries > 0
    assert again_queries == 0
    assert again.content == first.content
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert again["Permissions-Policy"] == first["Permissions-Policy"]
    assert other_queries > 0


def test_compressed_and_plain_copies_are_kept_apart(client):
    MeetingFactory(name="Tuesday Serenity")

    get(client, "/meetings/", accept_encoding="gzip")
    zipped, zipped_queries = get(client, "/meetings/", accept_encoding="gzip")
    plain, plain_queries = get(client, "/meetings/")

    assert (zipped_queries, zipped["Content-Encoding"]) == (0, "gzip")
    assert plain_queries > 0
    assert "Content-Encoding" not in plain
    assert gzip.decompress(zipped.content) == plain.content


def test_an_edit_reaches_visitors_when_the_page_expires(client):
    meeting = MeetingFactory(name="Tuesday Serenity")
    get(client, meeting.get_absolute_url())
    meeting.name = "Tuesday Hope"
    meeting.save()

    kept, _ = get(client, meeting.get_absolute_url())
    with later(5 * 60 + 1):
        fresh, queries = get(client, meeting.get_absolute_url())

    assert "Tuesday Serenity" in kept.content.decode()
    assert queries > 0
    assert "Tuesday Hope" in fresh.content.decode()


def test_a_page_of_todays_meetings_is_kept_for_a_minute(client):
    MeetingFactory()
    get(client, "/meetings/?day=today")

    with later(59):
        _, within = get(client, "/meetings/?day=today")
    with later(61):
        _, after = get(client, "/meetings/?day=today")

    assert within == 0
    assert after > 0


def test_staff_always_get_a_fresh_page(client, admin_user):
    meeting = MeetingFactory(name="Tuesday Serenity")
    client.force_login(admin_user)
    get(client, meeting.get_absolute_url())
    meeting.name = "Tuesday Hope"
    meeting.save()

    response, queries = get(client, meeting.get_absolute_url())

    assert queries > 0
    assert "Tuesday Hope" in response.content.decode()


def test_staff_pages_are_never_kept(admin_client):
    get(admin_client, "/admin/meetings/meeting/")
    _, queries = get(admin_client, "/admin/meetings/meeting/")

    assert queries > 0


def test_the_health_check_always_asks_the_database(client):
    get(client, "/healthz")
    response, queries = get(client, "/healthz")

    assert (response.content, queries) == (b"ok", 1)


def test_errors_and_posts_are_never_kept(client):
    meeting = MeetingFactory()
    get(client, "/meetings/no-such-meeting/")
    missing, missing_queries = get(client, "/meetings/no-such-meeting/")
    report_url = f"{meeting.get_absolute_url()}report/"
    client.post(report_url, REPORT)
    with CaptureQueriesContext(connection) as queries:
        client.post(report_url, REPORT)

    assert (missing.status_code, missing_queries > 0) == (404, True)
    assert len(queries) > 0
    assert meeting.change_reports.count() == 2


def test_a_response_over_a_megabyte_is_not_kept(client, monkeypatch):
    monkeypatch.setattr(PublicPageCacheMiddleware, "MAX_BYTES", 1_000)
    meeting = MeetingFactory()
    get(client, meeting.get_absolute_url())
    _, queries = get(client, meeting.get_absolute_url())

    assert queries > 0


def test_a_page_with_a_nonce_is_built_anew_each_time(client):
    MeetingFactory()

    first, _ = get(client, "/meetings/print/")
    again, queries = get(client, "/meetings/print/")

    assert "'nonce-" in again["Content-Security-Policy"]
    assert queries > 0
    assert again["Content-Security-Policy"] != first["Content-Security-Policy"]
    assert "public" not in again.get("Cache-Control", "")


@pytest.mark.parametrize("url", ["/meetings/feed.json", "/api/oruk/services?per_page=3"])
def test_feeds_and_the_api_answer_for_themselves_with_current_data_and_304s(client, url):
    meeting = MeetingFactory(name="Before Group")
    first, _ = get(client, url, accept_encoding="gzip")
    meeting.name = "After Group"
    meeting.save()

    again, _ = get(client, url, accept_encoding="gzip")
    unchanged, _ = get(client, url, accept_encoding="gzip", if_none_match=again["ETag"])

    assert b"Before Group" in gzip.decompress(first.content)
    assert b"After Group" in gzip.decompress(again.content)
    assert unchanged.status_code == 304


def test_redis_holds_both_caches_when_configured():
    settings = subprocess.run(
        [sys.executable, "-c", "from config import settings; print(settings.CACHES)"],
        env={**os.environ, "REDIS_URL": "redis://cache.internal:6379/2"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    caches = ast.literal_eval(settings)

    redis = "django.core.cache.backends.redis.RedisCache"
    assert caches["default"] == {"BACKEND": redis, "LOCATION": "redis://cache.internal:6379/2"}
    assert caches["pages"] == {**caches["default"], "KEY_PREFIX": "pages"}


def test_a_request_for_another_host_is_refused_with_the_sites_security_headers(client):
    response = client.get("/meetings/", headers={"host": "evil.example.com"})

    assert response.status_code == 400
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]
