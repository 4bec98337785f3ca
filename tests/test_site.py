"""Checks that hold for every page of the site."""

import re

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from pytest_django.asserts import assertContains

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
