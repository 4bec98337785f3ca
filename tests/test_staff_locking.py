"""No lost edits: saving over a change made since the form was opened is refused."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from meetings.models import Focus, Source
from tests.factories import MeetingFactory, ProgrammeFactory, VenueFactory
from tests.staff_forms import admin_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def editors(client, django_user_model):
    """Alice and Bob both edit; the client is Alice."""
    alice = django_user_model.objects.create_superuser("alice", "alice@example.org", "pw")
    bob = django_user_model.objects.create_superuser("bob", "bob@example.org", "pw")
    client.force_login(alice)
    return alice, bob


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def test_a_stale_save_is_refused_and_says_what_changed(client, editors, django_user_model):
    _, bob = editors
    meeting = MeetingFactory(name="Hope Group", public_notes="Ring the bell")
    url = change_url(meeting)
    alices_form = admin_form_data(client.get(url), name="Hope Group (Tuesdays)")
    other = client.__class__()
    other.force_login(bob)
    other.post(url, admin_form_data(other.get(url), public_notes="Use the side door"))

    response = client.post(url, alices_form)

    assert response.status_code == 200
    errors = list(response.context["adminform"].form.non_field_errors())
    assert errors[0].startswith("This was changed by bob at ")
    assert errors[1:] == [
        "Public notes: “Ring the bell” → “Use the side door”",
        "Check the form against them. Saving again saves this form as it is, which undoes "
        "those changes unless you make them here too.",
    ]
    meeting.refresh_from_db()
    assert (meeting.name, meeting.public_notes) == ("Hope Group", "Use the side door")
    assertContains(response, "Public notes: “Ring the bell” → “Use the side door”")


def test_saving_again_after_the_warning_goes_through(client, editors):
    _, bob = editors
    meeting = MeetingFactory(name="Hope Group")
    url = change_url(meeting)
    stale = admin_form_data(client.get(url), name="Alice's name")
    other = client.__class__()
    other.force_login(bob)
    other.post(url, admin_form_data(other.get(url), name="Bob's name"))

    warned = client.post(url, stale)
    response = client.post(url, admin_form_data(warned))

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.name == "Alice's name"


def test_an_ordinary_save_goes_through(client, editors):
    meeting = MeetingFactory(name="Hope Group")
    url = change_url(meeting)

    response = client.post(url, admin_form_data(client.get(url), name="New name"))

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.name == "New name"


@pytest.mark.parametrize(("factory", "field"), [(VenueFactory, "name"), (ProgrammeFactory, "name")])
def test_venues_and_programmes_refuse_stale_saves_too(client, editors, factory, field):
    obj = factory()
    url = change_url(obj)
    stale = admin_form_data(client.get(url), **{field: "Mine"})
    client.post(url, admin_form_data(client.get(url), **{field: "Theirs"}))

    response = client.post(url, stale)

    assert response.status_code == 200
    errors = list(response.context["adminform"].form.non_field_errors())
    assert errors[0].startswith("This was changed by alice at ")
    obj.refresh_from_db()
    assert getattr(obj, field) == "Theirs"


def test_a_change_of_focuses_or_venue_since_is_told_in_names(client, editors):
    _, bob = editors
    meeting = MeetingFactory(focuses=["women"], venue__name="Old Hall")
    new_hall = VenueFactory(name="New Hall")
    url = change_url(meeting)
    alices_form = admin_form_data(client.get(url), name="Alice's name")
    other = client.__class__()
    other.force_login(bob)
    lgbtq = Focus.objects.get(slug="lgbtq").pk
    women = Focus.objects.get(slug="women").pk
    other.post(url, admin_form_data(other.get(url), focuses=[women, lgbtq], venue=new_hall.pk))

    response = client.post(url, alices_form)

    errors = list(response.context["adminform"].form.non_field_errors())
    assert sorted(errors[1:-1]) == [
        "Focuses: “Women” → “Women, LGBTQ+”",
        f"Venue: “{meeting.venue}” → “{new_hall}”",
    ]


def test_a_form_opened_before_a_bulk_action_cannot_undo_it_unseen(client, editors):
    programme = ProgrammeFactory()
    source = Source.objects.create(
        name="Feed", url="https://example.org/f.json", programme=programme
    )
    meeting = MeetingFactory(source=source, source_key="a", programme=programme)
    url = change_url(meeting)
    stale = admin_form_data(client.get(url), public_notes="Use the side door")
    client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "detach_from_source", "_selected_action": [meeting.pk]},
    )

    response = client.post(url, stale)

    assert response.status_code == 200
    assertContains(response, "Detached from its source: “No” → “Yes”")
    meeting.refresh_from_db()
    assert (meeting.source_detached, meeting.public_notes) == (True, "")
