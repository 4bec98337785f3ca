"""Venue access facts are yes, no or not known; pages say only what is known."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from config import history
from meetings.models import Meeting, Venue
from tests.factories import MeetingFactory, VenueFactory
from tests.staff_forms import admin_form_data

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

    assertContains(response, '<span class="line">No step-free access · Accessible toilet</span>')
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


# Staff see "Not known" too, never Django's "Unknown", "None" or a question-mark icon.


@pytest.fixture
def alice(client, django_user_model):
    alice = django_user_model.objects.create_superuser("alice", "alice@example.org", "pw")
    client.force_login(alice)
    return alice


def test_the_venue_list_filters_offer_not_known(client, alice):
    response = client.get(reverse("admin:meetings_venue_changelist"))

    filters = {
        spec.title: [choice["display"] for choice in spec.choices(response.context["cl"])]
        for spec in response.context["cl"].filter_specs
    }
    assert [
        filters[title] for title in ("step-free access", "hearing loop", "accessible toilet")
    ] == [["All", "Yes", "No", "Not known"]] * 3
    assertNotContains(response, "Unknown")


def test_the_not_known_filter_lists_the_venues_nobody_asked_about(client, alice):
    VenueFactory(name="Asked", step_free=False)
    VenueFactory(name="Not asked")

    response = client.get(reverse("admin:meetings_venue_changelist"), {"step_free__isnull": "True"})

    assert [venue.name for venue in response.context["cl"].result_list] == ["Not asked"]


def test_the_venue_list_says_yes_no_or_not_known_in_words(client, alice):
    VenueFactory(step_free=True, hearing_loop=False)

    response = client.get(reverse("admin:meetings_venue_changelist"))

    assertContains(response, '<td class="field-step_free">Yes</td>', html=True)
    assertContains(response, '<td class="field-hearing_loop">No</td>', html=True)
    VenueFactory(name="Not asked")
    response = client.get(reverse("admin:meetings_venue_changelist"))
    assertContains(response, '<td class="field-step_free">Not known</td>', html=True, count=1)
    assertNotContains(response, "icon-unknown")


def test_the_venue_form_offers_not_known_yes_and_no(client, alice):
    venue = VenueFactory(hearing_loop=False)
    url = reverse("admin:meetings_venue_change", args=[venue.pk])

    response = client.get(url)

    assertContains(
        response,
        '<select name="step_free" id="id_step_free">'
        '<option value="unknown" selected>Not known</option>'
        '<option value="true">Yes</option><option value="false">No</option></select>',
        html=True,
    )
    assertContains(response, '<option value="false" selected>No</option>', html=True)
    assertNotContains(response, "Unknown")


def test_saving_not_known_keeps_it_not_known_and_the_history_says_so(client, alice):
    venue = VenueFactory(step_free=True)
    url = reverse("admin:meetings_venue_change", args=[venue.pk])

    response = client.post(url, admin_form_data(client.get(url), step_free="unknown"))

    assert response.status_code == 302
    venue.refresh_from_db()
    assert venue.step_free is None
    history = client.get(reverse("admin:meetings_venue_history", args=[venue.pk]))
    assertContains(
        history,
        "<li><strong>Step-free access:</strong> Yes &nbsp;&rarr;&nbsp;&nbsp;Not known</li>",
        html=True,
    )


def test_somebody_elses_change_is_told_as_yes_no_or_not_known(alice):
    venue = VenueFactory()
    seen = history.current_version(venue)
    venue.step_free = True
    venue.save()

    assert history.changes_since(venue, seen) == ["Step-free access: “Not known” → “Yes”"]
