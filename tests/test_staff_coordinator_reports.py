"""Area coordinators read and move on the change reports about meetings in their areas, and
reach no others: not in the list, the change form, the bulk actions or the meeting page."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from meetings.models import ChangeReport
from tests.staff_forms import admin_form_data
from tests.test_staff_roles import areas, carol, change_url, meetings, names  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def groups():
    """Made by migrations; tests that empty the database (transactional) remove them."""
    if not Group.objects.filter(name="Area coordinators").exists():
        importlib.import_module("meetings.migrations.0014_area_coordinators").create_groups(
            apps, None
        )
        importlib.import_module(
            "meetings.migrations.0019_coordinators_handle_change_reports"
        ).let_coordinators_handle_reports(apps, None)


@pytest.fixture
def reports(meetings):  # noqa: F811
    return {
        key: ChangeReport.objects.create(meeting=meeting, kind="other", message=f"About {key}")
        for key, meeting in meetings.items()
    }


def statuses():
    return dict(ChangeReport.objects.values_list("message", "status"))


def test_the_group_may_view_and_change_reports_but_not_add_or_delete_them():
    group = Group.objects.get(name="Area coordinators")

    assert sorted(
        group.permissions.filter(content_type__model="changereport").values_list(
            "codename", flat=True
        )
    ) == ["change_changereport", "view_changereport"]


def test_a_coordinator_lists_only_reports_about_meetings_in_their_areas(client, carol, reports):  # noqa: F811
    response = client.get(reverse("admin:meetings_changereport_changelist"))

    assert sorted(report.message for report in response.context["cl"].result_list) == [
        "About manchester",
        "About salford",
    ]


def test_a_coordinator_moves_on_a_report_inside_their_areas(client, carol, reports):  # noqa: F811
    url = change_url(reports["salford"])

    page = client.get(url)
    response = client.post(url, {"status": "done"})

    assert (page.status_code, response.status_code) == (200, 302)
    reports["salford"].refresh_from_db()
    assert (reports["salford"].status, reports["salford"].status_changed_by) == ("done", carol)


@pytest.mark.parametrize("key", ["yorkshire", "online"])
def test_a_coordinator_cannot_open_or_move_on_a_report_outside_their_areas(
    client,
    carol,  # noqa: F811
    reports,
    key,
):
    url = change_url(reports[key])

    page = client.get(url)
    response = client.post(url, {"status": "dismissed"})

    assert [(r.status_code, r.url) for r in (page, response)] == [
        (302, reverse("admin:meetings_changereport_changelist")),
        (302, reverse("admin:meetings_changereport_changelist")),
    ]
    assert statuses()[f"About {key}"] == "new"


def test_a_coordinators_bulk_actions_reach_only_reports_in_their_areas(client, carol, reports):  # noqa: F811
    client.post(
        reverse("admin:meetings_changereport_changelist"),
        {"action": "mark_dismissed", "_selected_action": [r.pk for r in reports.values()]},
    )

    assert statuses() == {
        "About manchester": "dismissed",
        "About salford": "dismissed",
        "About yorkshire": "new",
        "About online": "new",
    }


def test_a_coordinator_sees_the_reports_on_a_meeting_page_in_their_areas(
    client,
    carol,  # noqa: F811
    meetings,  # noqa: F811
    reports,
):
    response = client.get(change_url(meetings["salford"]))

    inline = response.context["inline_admin_formsets"][0]
    assert [form.original.message for form in inline] == ["About salford"]
    outside = client.get(change_url(meetings["yorkshire"]))
    assert (outside.status_code, outside.url) == (302, reverse("admin:meetings_meeting_changelist"))


def test_a_coordinator_still_saves_a_meeting_page_that_shows_its_reports(
    client,
    carol,  # noqa: F811
    meetings,  # noqa: F811
    reports,
):
    url = change_url(meetings["salford"])

    response = client.post(url, admin_form_data(client.get(url), name="Salford Hope"))

    assert response.status_code == 302
    assert statuses()["About salford"] == "new"


def test_a_coordinator_neither_adds_nor_deletes_reports(client, carol, reports):  # noqa: F811
    add = client.get(reverse("admin:meetings_changereport_add"))
    delete = client.post(
        reverse("admin:meetings_changereport_delete", args=[reports["salford"].pk]),
        {"post": "yes"},
    )

    assert (add.status_code, delete.status_code) == (403, 403)
    assert ChangeReport.objects.count() == 4


def test_given_the_add_permission_a_coordinator_files_reports_only_for_their_meetings(
    client,
    carol,  # noqa: F811
    meetings,  # noqa: F811
):
    carol.user_permissions.add(Permission.objects.get(codename="add_changereport"))
    url = reverse("admin:meetings_changereport_add")
    report = {"kind": "other", "message": "By phone", "status": "new"}

    outside = client.post(url, {**report, "meeting": meetings["yorkshire"].pk})
    inside = client.post(url, {**report, "meeting": meetings["salford"].pk})

    assert outside.context["adminform"].form.errors["meeting"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert inside.status_code == 302
    assert list(ChangeReport.objects.values_list("meeting__name", flat=True)) == ["Salford"]
