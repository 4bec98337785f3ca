"""Restoring a deleted meeting or venue from its history, as an administrator does it: from
the list of deleted ones, through simple-history's revert page."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from meetings.models import Meeting, Source, Venue
from tests.factories import MeetingFactory, VenueFactory
from tests.staff_forms import admin_form_data
from tests.test_staff_roles import groups, member  # noqa: F401 (groups: a fixture)

pytestmark = pytest.mark.django_db

DELETED_MEETINGS = reverse("admin:meetings_meeting_deleted")


def delete(client, obj):
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[obj.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302


def restore_link(client, deleted_list, name):
    """Where the list of deleted ones links the one of that name."""
    for deletion in client.get(deleted_list).context["deletions"]:
        if deletion.name == name:
            return reverse(
                f"admin:{deletion.instance._meta.app_label}_"
                f"{deletion.instance._meta.model_name}_simple_history",
                args=[deletion.id, deletion.last_version],
            )
    raise AssertionError(f"{name} is not listed as deleted")


def restore(client, deleted_list, name, **changes):
    url = restore_link(client, deleted_list, name)
    return client.post(url, admin_form_data(client.get(url), **changes))


@pytest.fixture
def deleted(client, admin_user):
    """A women's meeting with a speaker that an administrator deleted."""
    client.force_login(admin_user)
    meeting = MeetingFactory(
        name="Tuesday Women", slug="tuesday-women", focuses=["women"], features=["speaker"]
    )
    delete(client, meeting)
    return meeting


def versions(meeting):
    return [
        (version.history_type, version.history_change_reason)
        for version in meeting.history.order_by("-history_id")
    ]


def test_an_administrator_restores_a_deleted_meeting_as_it_was(client, deleted):
    listed = client.get(DELETED_MEETINGS)
    assertContains(listed, "Tuesday Women")
    assertContains(listed, "<td>admin</td>", html=True)
    until_deleted = versions(deleted)
    title = client.get(restore_link(client, DELETED_MEETINGS, "Tuesday Women")).context["title"]
    assert title == "Restore Tuesday Women (Monday 19:30, Manchester)"

    response = restore(client, DELETED_MEETINGS, "Tuesday Women")

    assert response.url == reverse("admin:meetings_meeting_change", args=[deleted.pk])
    assertContains(
        client.get(response.url),
        "The meeting “Tuesday Women (Monday 19:30, Manchester)” was restored. "
        "Visitors see it within 5 minutes.",
    )
    meeting = Meeting.objects.get(slug="tuesday-women")
    assert meeting.pk == deleted.pk
    assert [focus.slug for focus in meeting.focuses.all()] == ["women"]
    assert [feature.slug for feature in meeting.features.all()] == ["speaker"]
    assert client.get(meeting.get_absolute_url()).status_code == 200
    assert until_deleted[0] == ("-", "Deleted in the admin")
    assert versions(meeting) == [
        ("+", "Restored in the admin after it was deleted"),
        *until_deleted,
    ]
    assert list(client.get(DELETED_MEETINGS).context["deletions"]) == []


def test_a_restored_meeting_keeps_when_it_was_created_which_its_calendar_starts_from(
    client, admin_user
):
    client.force_login(admin_user)
    with time_machine.travel(datetime.datetime(2025, 1, 6, 12, 0, tzinfo=datetime.UTC), tick=False):
        meeting = MeetingFactory(name="Since 2025")
    delete(client, meeting)

    restore(client, DELETED_MEETINGS, "Since 2025")

    created = datetime.datetime(2025, 1, 6, 12, 0, tzinfo=datetime.UTC)
    assert Meeting.objects.get(pk=meeting.pk).created == created
    assert meeting.history.latest().created == created


def test_the_restore_page_speaks_of_restoring_and_leads_back_to_the_deleted(client, deleted):
    response = client.get(restore_link(client, DELETED_MEETINGS, "Tuesday Women"))

    assertContains(response, f'&rsaquo; <a href="{DELETED_MEETINGS}">Deleted</a>', html=False)
    assertContains(response, "then press Restore to put it back, at the same web address.")
    assertContains(response, '<input type="submit" value="Restore" class="default" name="_save">')
    assertNotContains(response, "Revert")
    assertNotContains(response, reverse("admin:meetings_meeting_change", args=[deleted.pk]))


def test_the_record_of_a_deletion_leads_to_the_version_before_it(client, deleted):
    deletion = deleted.history.latest()
    url = reverse("admin:meetings_meeting_simple_history", args=[deleted.pk, deletion.pk])

    response = client.get(url)

    assert response.url == restore_link(client, DELETED_MEETINGS, "Tuesday Women")
    assert deletion.history_type == "-"


def test_a_meeting_whose_venue_was_deleted_too_says_so_on_its_restore_page(client, deleted):
    link = restore_link(client, DELETED_MEETINGS, "Tuesday Women")
    venue = deleted.venue
    delete(client, venue)

    response = client.get(link)

    assertContains(
        response,
        "Its venue has been deleted since this version, so it is empty here. To keep it, "
        f'restore it first from <a href="{reverse("admin:meetings_venue_deleted")}">deleted '
        "venues</a>.",
    )
    restore(client, reverse("admin:meetings_venue_deleted"), venue.name)
    assert restore(client, DELETED_MEETINGS, "Tuesday Women").status_code == 302
    assert Meeting.objects.get(pk=deleted.pk).venue == venue


def test_deleted_meetings_of_one_name_are_told_apart_by_their_day_and_time(client, admin_user):
    client.force_login(admin_user)
    for weekday, hour in ((0, 19), (2, 10)):
        delete(
            client,
            MeetingFactory(name="Live and Let Live", weekday=weekday, start_time=f"{hour}:00"),
        )

    response = client.get(DELETED_MEETINGS)

    assertContains(response, "Live and Let Live (Monday 19:00)")
    assertContains(response, "Live and Let Live (Wednesday 10:00)")


def test_a_restore_whose_address_was_taken_meanwhile_says_so_and_saves_nothing(client, deleted):
    MeetingFactory(slug="tuesday-women")

    response = restore(client, DELETED_MEETINGS, "Tuesday Women")

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["slug"] == [
        "Another meeting has this web address already: choose another, such as this one with "
        "the town added."
    ]
    assert Meeting.objects.filter(pk=deleted.pk).exists() is False
    assert (
        restore(client, DELETED_MEETINGS, "Tuesday Women", slug="tuesday-women-2").status_code
        == 302
    )
    assert Meeting.objects.get(pk=deleted.pk).slug == "tuesday-women-2"


def test_a_meeting_restored_after_its_source_was_deleted_is_detached_from_it(client, admin_user):
    client.force_login(admin_user)
    source = Source.objects.create(name="Feed", programme=MeetingFactory().programme)
    meeting = MeetingFactory(name="Imported", source=source, source_key="abc")
    delete(client, meeting)
    source.delete()

    assert restore(client, DELETED_MEETINGS, "Imported").status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).source is None


def test_a_meeting_deleted_again_after_a_restore_is_listed_once(client, deleted):
    restore(client, DELETED_MEETINGS, "Tuesday Women")
    delete(client, Meeting.objects.get(pk=deleted.pk))

    deletions = client.get(DELETED_MEETINGS).context["deletions"]

    assert [deletion.name for deletion in deletions] == ["Tuesday Women"]
    assert deletions[0].last_version == deleted.history.filter(history_type="+").latest().pk


def test_a_deleted_venue_is_restored_too(client, admin_user):
    client.force_login(admin_user)
    venue = VenueFactory(name="St Anne's Hall")
    delete(client, venue)

    response = restore(client, reverse("admin:meetings_venue_deleted"), "St Anne's Hall")

    assert response.status_code == 302
    assert Venue.objects.get(pk=venue.pk).name == "St Anne's Hall"


def test_editors_neither_see_nor_restore_deleted_meetings(client, deleted, django_user_model):
    link = restore_link(client, DELETED_MEETINGS, "Tuesday Women")
    form = admin_form_data(client.get(link))
    changelist = reverse("admin:meetings_meeting_changelist")
    assertContains(client.get(changelist), f'href="{DELETED_MEETINGS}"')

    client.force_login(member(django_user_model, "edith", "Editors"))

    assert client.get(DELETED_MEETINGS).status_code == 403
    assert client.get(link).status_code == 403
    assert client.post(link, form).status_code == 403
    assertNotContains(client.get(changelist), DELETED_MEETINGS)
    assert Meeting.objects.filter(pk=deleted.pk).exists() is False


@pytest.mark.parametrize("count", [1, 12])
def test_the_list_of_deleted_meetings_takes_the_same_queries_for_one_or_many(
    client, admin_user, django_assert_num_queries, count
):
    client.force_login(admin_user)
    for number in range(count):
        delete(client, MeetingFactory(name=f"Deleted {number}"))

    with django_assert_num_queries(3):  # session, user, the deletions with who made them
        response = client.get(DELETED_MEETINGS)

    assert len(response.context["deletions"]) == count


def test_an_earlier_version_whose_source_was_deleted_since_can_be_reverted_to(client, admin_user):
    client.force_login(admin_user)
    source = Source.objects.create(name="Feed", programme=MeetingFactory().programme)
    meeting = MeetingFactory(name="Imported", source=source, source_key="abc")
    first = meeting.history.earliest()
    source.delete()
    url = reverse("admin:meetings_meeting_simple_history", args=[meeting.pk, first.pk])

    form = client.get(url)
    response = client.post(url, admin_form_data(form))

    assert (form.status_code, response.status_code) == (200, 302)
    assert Meeting.objects.get(pk=meeting.pk).source is None


def test_restoring_again_from_a_second_tab_says_it_is_back_already(client, deleted):
    link = restore_link(client, DELETED_MEETINGS, "Tuesday Women")
    second_tab = admin_form_data(client.get(link))
    restore(client, DELETED_MEETINGS, "Tuesday Women")
    versions_restored = deleted.history.count()

    response = client.post(link, second_tab)

    assert response.status_code == 200
    assert (
        response.context["adminform"]
        .form.non_field_errors()[0]
        .startswith("This was restored by admin at ")
    )
    assert (
        response.context["adminform"]
        .form.non_field_errors()[0]
        .endswith(" since you opened this page, so nothing was saved: it is back already.")
    )
    assert deleted.history.count() == versions_restored  # nothing saved
