"""Venue access facts are yes, no or not known; pages say only what is known."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from meetings.models import Meeting, Venue
from tests.factories import MeetingFactory, VenueFactory

pytestmark = pytest.mark.django_db

NOT_KNOWN = "We do not know yet about step-free access, a hearing loop or an accessible toilet"


def test_a_new_venue_knows_nothing_about_access():
    venue = VenueFactory()

    assert (venue.step_free, venue.hearing_loop, venue.accessible_toilet) == (None, None, None)
    assert venue.access_facts == []


def test_the_page_says_only_what_is_known(client):
    meeting = MeetingFactory(venue__step_free=True, venue__hearing_loop=False)

    response = client.get(meeting.get_absolute_url())

    assertContains(response, "<li>Step-free access: yes</li>", html=True)
    assertContains(response, "<li>Hearing loop: no</li>", html=True)
    assertNotContains(response, "Accessible toilet")
    assertNotContains(response, NOT_KNOWN)


def test_a_venue_nobody_asked_about_says_so_and_not_no(client):
    meeting = MeetingFactory()

    response = client.get(meeting.get_absolute_url())

    assertContains(response, NOT_KNOWN)
    assertNotContains(response, ": no</li>")


def test_the_printout_says_only_what_is_known(client):
    MeetingFactory(
        slug="known",
        venue__step_free=False,
        venue__hearing_loop=None,
        venue__accessible_toilet=True,
    )

    response = client.get(reverse("meetings:meeting_print"), {"meeting": "known"})

    assertContains(response, "<br>No step-free access · Accessible toilet")
    assertNotContains(response, "earing loop")


def test_the_access_filter_matches_only_yes(client):
    MeetingFactory(slug="yes", venue__step_free=True)
    MeetingFactory(slug="no", venue__step_free=False)
    MeetingFactory(slug="not-known")

    assert list(Meeting.objects.with_access("step-free").values_list("slug", flat=True)) == ["yes"]
    response = client.get(reverse("meetings:meeting_list"), {"access": "step-free"})
    assert [m.slug for m in response.context["page"]] == ["yes"]


def test_the_migration_turns_an_unchecked_no_into_not_known():
    migration = importlib.import_module("meetings.migrations.0012_access_not_known")
    venue = VenueFactory(step_free=True)
    Venue.objects.filter(pk=venue.pk).update(hearing_loop=False, accessible_toilet=False)

    migration.no_means_not_known(apps, None)

    venue.refresh_from_db()
    assert (venue.step_free, venue.hearing_loop, venue.accessible_toilet) == (True, None, None)
