"""Rows read with only() become the same objects as Django would make of them."""

import pytest
from django.db import models

from config.deferred import QuickDeferredLoading
from meetings.models import Meeting, Venue
from programmes.models import Programme
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def as_django_makes_it(model, field_names, values):
    return models.Model.from_db.__func__(model, "default", field_names, values)


@pytest.mark.parametrize("model", [Meeting, Venue, Programme])
def test_the_listed_models_load_rows_quickly(model):
    assert issubclass(model, QuickDeferredLoading)
    assert model.from_db.__func__ is QuickDeferredLoading.from_db.__func__


@pytest.mark.parametrize(
    "field_names",
    [
        ["id", "name"],
        ["name", "id", "slug"],  # not in the model's order
        ["id", "programme_id", "venue_id", "uk_start_time", "weekday", "public_notes"],
    ],
)
def test_some_columns_make_the_object_django_would(field_names):
    meeting = MeetingFactory()
    values = [getattr(meeting, name) for name in field_names]

    quick = Meeting.from_db("default", field_names, values)
    django = as_django_makes_it(Meeting, field_names, values)

    assert quick.__dict__.keys() - {"_state"} == set(field_names)
    assert {name: quick.__dict__[name] for name in field_names} == dict(
        zip(field_names, values, strict=True)
    )
    assert quick.get_deferred_fields() == django.get_deferred_fields()
    assert (quick._state.adding, quick._state.db) == (False, "default")


def test_two_lists_of_columns_of_one_model_are_told_apart():
    meeting = MeetingFactory(name="Tuesday Night Hope")

    by_name = Meeting.from_db("default", ["id", "name"], [meeting.pk, meeting.name])
    by_slug = Meeting.from_db("default", ["id", "slug"], [meeting.pk, meeting.slug])

    assert (by_name.name, by_slug.slug) == ("Tuesday Night Hope", meeting.slug)
    assert "slug" in by_name.get_deferred_fields()
    assert "name" in by_slug.get_deferred_fields()


def test_a_listed_meeting_has_its_listed_columns_and_its_joins():
    meeting = MeetingFactory(name="Tuesday Night Hope", public_notes="Tea from 7.")

    listed = Meeting.objects.for_listing().get(pk=meeting.pk)

    assert "public_notes" in listed.get_deferred_fields()
    assert "name" not in listed.get_deferred_fields()
    assert (listed.name, listed.uk_start_time) == ("Tuesday Night Hope", meeting.uk_start_time)
    assert (listed.venue.name, listed.programme.short_name) == (
        meeting.venue.name,
        meeting.programme.short_name,
    )
