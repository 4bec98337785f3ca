"""Roles: Editors edit everything but users and groups; Area coordinators only their areas."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse

from meetings.models import ChangeReport, Meeting, PostcodeDistrict
from tests.factories import AreaFactory, MeetingFactory, ProgrammeFactory
from tests.staff_forms import admin_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def groups():
    """Made by a migration; tests that empty the database (transactional) remove them."""
    if Group.objects.count() < 2:
        importlib.import_module("meetings.migrations.0014_area_coordinators").create_groups(
            apps, None
        )
        for taking_away in (
            "0030_editors_end_rather_than_delete",
            "0037_editors_view_loaded_places_and_keep_reports",
        ):
            importlib.import_module(f"meetings.migrations.{taking_away}").take_away(apps, None)


def member(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def areas():
    """North West > Greater Manchester > Salford, and Yorkshire beside them."""
    north_west = AreaFactory(name="North West", slug="north-west")
    manchester = AreaFactory(name="Greater Manchester", slug="manchester", parent=north_west)
    salford = AreaFactory(name="Salford", slug="salford", parent=manchester)
    yorkshire = AreaFactory(name="Yorkshire", slug="yorkshire")
    return {"manchester": manchester, "salford": salford, "yorkshire": yorkshire}


@pytest.fixture
def meetings(areas):
    return {
        "manchester": MeetingFactory(name="Manchester", venue__area=areas["manchester"]),
        "salford": MeetingFactory(name="Salford", venue__area=areas["salford"]),
        "yorkshire": MeetingFactory(name="Yorkshire", venue__area=areas["yorkshire"]),
        "online": MeetingFactory(name="Online", online=True),
    }


@pytest.fixture
def carol(client, django_user_model, areas):
    """Coordinates Greater Manchester (and so Salford inside it)."""
    carol = member(django_user_model, "carol", "Area coordinators")
    areas["manchester"].coordinators.add(carol)
    client.force_login(carol)
    return carol


def names(response):
    return sorted(obj.name for obj in response.context["cl"].result_list)


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def test_an_editor_edits_meetings_venues_and_programmes(client, django_user_model, meetings):
    client.force_login(member(django_user_model, "edith", "Editors"))
    programme = ProgrammeFactory()
    venue = meetings["yorkshire"].venue

    for obj, field in ((meetings["yorkshire"], "name"), (venue, "name"), (programme, "name")):
        url = change_url(obj)
        response = client.post(url, admin_form_data(client.get(url), **{field: "Edited"}))
        assert (url, response.status_code) == (url, 302)
        obj.refresh_from_db()
        assert obj.name == "Edited"
    assert names(client.get(reverse("admin:meetings_meeting_changelist"))) == [
        "Edited",
        "Manchester",
        "Online",
        "Salford",
    ]


def test_an_editor_manages_import_sources(client, django_user_model):
    client.force_login(member(django_user_model, "edith", "Editors"))

    statuses = [
        client.get(reverse(name)).status_code
        for name in ("admin:meetings_source_changelist", "admin:meetings_source_add")
    ]

    assert statuses == [200, 200]


def test_meetings_are_ended_not_deleted_except_one_at_a_time_by_an_administrator(
    client, django_user_model, admin_user, meetings
):
    meeting = meetings["yorkshire"]
    delete = reverse("admin:meetings_meeting_delete", args=[meeting.pk])
    changelist = reverse("admin:meetings_meeting_changelist")
    client.force_login(member(django_user_model, "edith", "Editors"))

    actions = dict(client.get(changelist).context["action_form"].fields["action"].choices)
    assert (client.get(delete).status_code, "delete_selected" in actions) == (403, False)
    assert actions["mark_ended"] == "Mark ended"
    client.force_login(admin_user)
    actions = dict(client.get(changelist).context["action_form"].fields["action"].choices)
    assert (client.get(delete).status_code, "delete_selected" in actions) == (200, False)


def test_an_editor_sees_but_does_not_change_postcodes_nor_delete_reports(
    client, django_user_model, meetings
):
    """Postcode districts place every "near" search and keep no history; a visitor's report
    is dismissed, not deleted. An administrator may do both."""
    district = PostcodeDistrict.objects.get(outcode="M1")
    report = ChangeReport.objects.create(meeting=meetings["yorkshire"], kind="other", message="x")
    urls = [
        reverse("admin:meetings_postcodedistrict_changelist"),
        reverse("admin:meetings_postcodedistrict_change", args=[district.pk]),
        reverse("admin:meetings_postcodedistrict_add"),
        reverse("admin:meetings_changereport_delete", args=[report.pk]),
    ]
    client.force_login(member(django_user_model, "edith", "Editors"))

    statuses = [client.get(url).status_code for url in urls]
    change_page = client.get(urls[1]).content.decode()

    assert statuses == [200, 200, 403, 403]
    assert 'name="latitude"' not in change_page  # shown, not editable


def test_an_editor_cannot_touch_users_or_groups(client, django_user_model):
    client.force_login(member(django_user_model, "edith", "Editors"))

    statuses = [
        client.get(reverse(name)).status_code
        for name in ("admin:auth_user_changelist", "admin:auth_group_changelist")
    ]

    assert statuses == [403, 403]


def test_a_coordinator_lists_only_meetings_and_venues_in_their_areas(client, carol, meetings):
    assert names(client.get(reverse("admin:meetings_meeting_changelist"))) == [
        "Manchester",
        "Salford",
    ]
    assert names(client.get(reverse("admin:meetings_venue_changelist"))) == sorted(
        meetings[key].venue.name for key in ("manchester", "salford")
    )


def test_a_coordinator_edits_a_meeting_inside_their_areas(client, carol, meetings):
    url = change_url(meetings["salford"])

    response = client.post(url, admin_form_data(client.get(url), name="Salford Hope"))

    assert response.status_code == 302
    meetings["salford"].refresh_from_db()
    assert meetings["salford"].name == "Salford Hope"


def test_a_coordinator_cannot_open_a_meeting_or_venue_outside_their_areas(client, carol, meetings):
    responses = [
        client.get(change_url(meetings["yorkshire"])),
        client.get(change_url(meetings["yorkshire"].venue)),
        client.get(change_url(meetings["online"])),
    ]

    assert [r.status_code for r in responses] == [302, 302, 302]
    assert [r.url for r in responses] == [
        reverse("admin:meetings_meeting_changelist"),
        reverse("admin:meetings_venue_changelist"),
        reverse("admin:meetings_meeting_changelist"),
    ]
    # It is there, in another's care: not "Perhaps it was deleted?"
    said = [m.message for m in get_messages(responses[0].wsgi_request)]
    assert said == [
        "This meeting is not in your areas: an editor or its area's coordinator can change it."
    ]
    gone = client.get(reverse("admin:meetings_meeting_change", args=[999999]))
    assert gone.url == reverse("admin:index")


def test_a_coordinator_cannot_move_a_meeting_to_a_venue_outside_their_areas(
    client, carol, meetings
):
    url = change_url(meetings["salford"])
    data = admin_form_data(client.get(url), venue=meetings["yorkshire"].venue.pk)

    response = client.post(url, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["venue"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]


def test_a_coordinator_cannot_leave_a_meeting_without_a_venue(client, carol, meetings):
    venue = meetings["salford"].venue
    url = change_url(meetings["salford"])
    data = admin_form_data(client.get(url), venue="")

    response = client.post(url, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["venue"] == [
        "Choose a venue in your areas: online-only meetings are kept by editors."
    ]
    meetings["salford"].refresh_from_db()
    assert meetings["salford"].venue == venue


def test_a_coordinators_bulk_actions_reach_only_their_areas(client, carol, meetings):
    chosen = [meetings["salford"], meetings["yorkshire"]]

    client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "mark_temporarily_closed", "_selected_action": [m.pk for m in chosen]},
    )

    assert dict(Meeting.objects.values_list("name", "status")) == {
        "Manchester": "active",
        "Salford": "temporarily-closed",
        "Yorkshire": "active",
        "Online": "active",
    }


def test_a_coordinators_venue_autocomplete_offers_only_their_venues(client, carol, meetings):
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "meetings", "model_name": "meeting", "field_name": "venue", "term": ""},
    )

    assert sorted(result["text"] for result in response.json()["results"]) == sorted(
        str(meetings[key].venue) for key in ("manchester", "salford")
    )


def test_a_coordinators_area_autocomplete_offers_only_their_areas(client, carol, areas):
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "meetings", "model_name": "venue", "field_name": "area", "term": ""},
    )

    assert sorted(result["text"] for result in response.json()["results"]) == sorted(
        str(areas[key]) for key in ("manchester", "salford")
    )


def test_a_coordinator_cannot_delete_or_touch_programmes(client, carol, meetings):
    programme = meetings["salford"].programme

    response = client.post(
        change_url(programme), admin_form_data(client.get(change_url(programme)), name="X")
    )

    assert response.status_code == 403
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_a_coordinator_with_no_areas_sees_nothing(client, django_user_model, meetings):
    client.force_login(member(django_user_model, "nina", "Area coordinators"))

    assert names(client.get(reverse("admin:meetings_meeting_changelist"))) == []


def history_urls(obj):
    opts = obj._meta
    version = obj.history.earliest().history_id
    return [
        reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk]),
        reverse(f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[obj.pk, version]),
    ]


def test_a_coordinator_sees_and_reverts_history_only_in_their_areas(client, carol, meetings):
    inside = [meetings["salford"], meetings["salford"].venue]
    outside = [meetings["yorkshire"], meetings["yorkshire"].venue, meetings["online"]]

    assert [client.get(url).status_code for obj in inside for url in history_urls(obj)] == [200] * 4
    responses = [client.get(url) for obj in outside for url in history_urls(obj)]
    meeting_list, venue_list = (
        reverse(f"admin:meetings_{name}_changelist") for name in ("meeting", "venue")
    )
    assert [(r.status_code, r.url) for r in responses] == [
        (302, url) for url in [meeting_list] * 2 + [venue_list] * 2 + [meeting_list] * 2
    ]


def test_a_coordinator_cannot_revert_a_meeting_outside_their_areas(client, carol, meetings):
    meeting = meetings["yorkshire"]
    Meeting.objects.filter(pk=meeting.pk).update(name="Renamed without history")
    revert_url = history_urls(meeting)[1]

    response = client.post(revert_url, {"name": "Yorkshire"})

    assert response.status_code == 302
    assert response.url == reverse("admin:meetings_meeting_changelist")
    meeting.refresh_from_db()
    assert meeting.name == "Renamed without history"


def test_an_area_is_given_coordinators_from_the_area_coordinators_alone(
    client, django_user_model, areas
):
    member(django_user_model, "carol", "Area coordinators")
    member(django_user_model, "edith", "Editors")
    client.force_login(django_user_model.objects.create_superuser("alice", "a@example.org", "pw"))

    form = client.get(change_url(areas["salford"])).context["adminform"].form

    assert [user.username for user in form.fields["coordinators"].queryset] == ["carol"]


def test_a_coordinator_cannot_change_an_area_or_programme_through_its_revert_page(
    client, carol, areas, meetings
):
    yorkshire, programme = areas["yorkshire"], meetings["salford"].programme
    yorkshire.save()  # a version to revert to
    programme.save()
    area_revert, programme_revert = history_urls(yorkshire)[1], history_urls(programme)[1]

    taking_yorkshire = client.post(
        area_revert, {"name": "Yorkshire", "coordinators": [carol.pk], "seen_version": "1"}
    )
    rewriting = client.post(programme_revert, {"name": "X", "summary": "Rewritten."})

    assert (taking_yorkshire.status_code, rewriting.status_code) == (403, 403)
    assert list(yorkshire.coordinators.all()) == []
    programme.refresh_from_db()
    assert programme.summary != "Rewritten."


def test_an_administrator_opens_the_revert_page_of_an_area_or_programme(
    client, django_user_model, areas
):
    client.force_login(django_user_model.objects.create_superuser("alice", "a@example.org", "pw"))
    programme = ProgrammeFactory()
    areas["salford"].save()
    programme.save()

    responses = [client.get(history_urls(obj)[1]) for obj in (areas["salford"], programme)]

    assert [response.status_code for response in responses] == [200, 200]


@pytest.mark.parametrize("bad", ["abc", "²", "1.5"])
def test_a_history_address_with_an_id_that_cannot_be_one_is_not_found(
    client, django_user_model, meetings, bad
):
    client.force_login(django_user_model.objects.create_superuser("alice", "a@example.org", "pw"))
    meeting = meetings["salford"]

    urls = [
        reverse("admin:meetings_meeting_history", args=[bad]),
        reverse("admin:meetings_area_history", args=[bad]),
        reverse("admin:programmes_programme_history", args=[bad]),
        reverse("admin:meetings_meeting_simple_history", args=[meeting.pk, bad]),
        reverse("admin:meetings_meeting_simple_history", args=[bad, 1]),
        reverse("admin:meetings_meeting_change", args=[meeting.pk]) + f"?report={bad}",
    ]

    assert [client.get(url).status_code for url in urls] == [404] * 5 + [200]


def test_a_coordinators_history_addresses_with_bad_ids_lead_back_to_the_index(client, carol):
    for model in ("meeting", "venue", "changereport"):
        response = client.get(reverse(f"admin:meetings_{model}_history", args=["abc"]))
        assert (response.status_code, response.url) == (302, reverse("admin:index"))


def test_a_coordinator_cannot_take_a_venue_out_of_every_area(client, carol, meetings):
    venue = meetings["salford"].venue
    url = change_url(venue)

    response = client.post(url, admin_form_data(client.get(url), area=""))

    assert response.context["adminform"].form.errors["area"] == ["Choose one of your areas."]
    venue.refresh_from_db()
    assert venue.area.name == "Salford"


def test_a_coordinator_counts_and_filters_only_what_is_theirs(client, carol, meetings):
    index = client.get(reverse("admin:index"))
    listed = client.get(reverse("admin:meetings_meeting_changelist"))

    assert index.context["counts"]["never"] == 2  # Manchester and Salford, never checked
    filters = [spec.title for spec in listed.context["cl"].filter_specs]
    assert "source" not in filters and "programme" in filters
