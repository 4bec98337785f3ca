"""Checks that hold for every page of the site."""

import re

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from pytest_django.asserts import assertContains

from meetings.models import ChangeReport
from oruk.ids import row_id
from tests.factories import MeetingFactory, ProgrammeNoteFactory

NOT_HTML = {"/healthz", "/meetings/feed.json", "/meetings/export.csv", "/meetings/calendar.ics"}


def public_urls(patterns=None, ns=""):
    """Every named URL that takes no arguments, including those inside include()s."""
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver) and p.namespace != "admin":
            yield from public_urls(p.url_patterns, f"{ns}{p.namespace}:" if p.namespace else ns)
        elif isinstance(p, URLPattern) and p.name and not p.pattern.converters:
            yield reverse(ns + p.name)


@pytest.fixture
def meeting():
    """One meeting, so that list pages render a row and slug pages have something to show."""
    meeting = MeetingFactory(focuses=["women"], features=["speaker"])
    ProgrammeNoteFactory(programme=meeting.programme)
    return meeting


def all_pages(meeting):
    return sorted(set(public_urls()) - NOT_HTML) + [
        meeting.get_absolute_url(),
        meeting.programme.get_absolute_url(),
    ]


@pytest.mark.django_db
def test_no_missing_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_every_page_has_exactly_one_h1(client, meeting):
    for url in all_pages(meeting):
        assertContains(client.get(url), "<h1", count=1, msg_prefix=url)


@pytest.mark.django_db
def test_no_page_sets_a_cookie_for_visitors(client, meeting):
    for url in all_pages(meeting) + ["/healthz", "/meetings/?day=funday"]:
        response = client.get(url)
        assert (url, dict(response.cookies)) == (url, {})


@pytest.mark.django_db
def test_no_page_loads_anything_from_another_host(client, meeting):
    loads_from_elsewhere = re.compile(r'<(script|link|img|iframe)[^>]+(src|href)="(https?:)?//')
    for url in all_pages(meeting):
        html = client.get(url).content.decode()
        assert (url, loads_from_elsewhere.findall(html)) == (url, [])


SECRETS = [
    "Key under the mat",  # staff notes
    "Sam Secretary",  # a contact not made public
    "sam@private.example.org",
    "07700 900123",
    "reporter@private.example.org",  # a visitor's email on a change report
]


@pytest.mark.django_db
def test_no_page_export_feed_or_api_shows_staff_only_details(client):
    meeting = MeetingFactory(
        slug="private-details",
        hybrid=True,
        phone_dial_in="020 7946 0321",
        staff_notes="Key under the mat",
        contact_name="Sam Secretary",
        contact_email="sam@private.example.org",
        contact_phone="07700 900123",
        contact_public=False,
    )
    ChangeReport.objects.create(
        meeting=meeting, kind="other", message="Moved", email="reporter@private.example.org"
    )
    service = f"/api/oruk/services/{row_id('service', meeting.pk)}"
    urls = all_pages(meeting) + [
        *sorted(NOT_HTML),
        f"/meetings/{meeting.slug}/calendar.ics",
        f"/meetings/print/?meeting={meeting.slug}",
        "/api/oruk/services",
        service,
        "/api/oruk/service_at_locations",
    ]

    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response) if response.streaming else response.content
        assert (url, [s for s in SECRETS if s in body.decode()]) == (url, [])
    # The service is really there, so the check above looked at it.
    assert meeting.name in client.get(service).content.decode()
