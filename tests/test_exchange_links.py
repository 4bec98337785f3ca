"""Links to the exports from the finder and meeting pages, and the "Use our data" page."""

import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_finder_links_to_exports_of_the_same_search_without_the_page(client):
    MeetingFactory()

    html = client.get(reverse("meetings:meeting_list"), {"day": "monday", "page": "2"}).content

    links = re.findall(
        r'<a href="([^"]+)"[^>]*>(Download CSV|Subscribe to this list|Data feed)<', html.decode()
    )
    assert links == [
        ("/meetings/export.csv?day=monday", "Download CSV"),
        ("webcal://testserver/meetings/calendar.ics?day=monday", "Subscribe to this list"),
        ("/meetings/feed.json?day=monday", "Data feed"),
    ]


def test_meeting_page_has_add_to_calendar(client):
    meeting = MeetingFactory(slug="monday-step")

    response = client.get(meeting.get_absolute_url())

    assertContains(
        response, '<a href="/meetings/monday-step/calendar.ics" download>Add to calendar</a>'
    )


def test_use_our_data_page_explains_the_feeds_types_and_licence(client):
    response = client.get(reverse("data"))

    assertContains(response, "<h1>Use our data</h1>", count=1)
    assertContains(response, "<td>Focus: women</td><td><code>W</code></td><td>Women</td>")
    assertContains(response, "Creative Commons Attribution 4.0")
    assertContains(
        response, '<a href="/meetings/feed.json">http://testserver/meetings/feed.json</a>'
    )
