"""Needs checking: the admin filter, the counts on the admin index and the bulk actions."""

import datetime
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.urls import reverse
from pytest_django.asserts import assertContains

from meetings.models import ChangeReport, Meeting, Status, months_before
from tests.factories import MeetingFactory, VenueFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_24_november_2026")]

TODAY = datetime.date(2026, 11, 24)
CHANGELIST = "admin:meetings_meeting_changelist"


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_superuser("alice", "alice@example.org", "pw")


def staff_user(django_user_model, name, *codenames):
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "pw", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def meetings():
    """One meeting for each reason to check it, one checked recently and one ended."""
    reported = MeetingFactory(name="Reported", last_verified=TODAY)
    ChangeReport.objects.create(meeting=reported, kind="other", message="Moved")
    dealt_with = MeetingFactory(name="Report dealt with", last_verified=TODAY)
    ChangeReport.objects.create(meeting=dealt_with, kind="other", message="x", status="done")
    return {
        "fresh": MeetingFactory(name="Fresh", last_verified=datetime.date(2026, 5, 24)),
        "stale": MeetingFactory(name="Stale", last_verified=datetime.date(2026, 5, 23)),
        "never": MeetingFactory(name="Never", last_verified=None),
        "reported": reported,
        "dealt_with": dealt_with,
        "unplaced": MeetingFactory(
            name="Unplaced", last_verified=TODAY, venue=VenueFactory(postcode="ZZ9 9ZZ")
        ),
        "ended": MeetingFactory(name="Ended", last_verified=None, status=Status.ENDED),
    }


def names(response):
    return sorted(m.name for m in response.context["cl"].result_list)


def test_six_months_before_keeps_the_day_or_takes_the_months_last():
    assert months_before(datetime.date(2026, 11, 24), 6) == datetime.date(2026, 5, 24)
    assert months_before(datetime.date(2026, 8, 31), 6) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2026, 3, 15), 6) == datetime.date(2025, 9, 15)


def test_the_filter_finds_each_reason(client, alice, meetings):
    client.force_login(alice)
    url = reverse(CHANGELIST)

    found = {
        value: names(client.get(url, {"needs_checking": value}))
        for value in ("any", "stale", "never", "reports", "unplaced")
    }

    assert found == {
        "any": ["Never", "Reported", "Stale", "Unplaced"],
        "stale": ["Stale"],
        "never": ["Never"],
        "reports": ["Reported"],
        "unplaced": ["Unplaced"],
    }


def test_the_number_of_months_is_a_setting(client, alice, meetings, settings):
    settings.NEEDS_CHECKING_MONTHS = 12
    client.force_login(alice)

    response = client.get(reverse(CHANGELIST), {"needs_checking": "stale"})

    assert names(response) == []


def test_the_admin_index_counts_each_reason(client, alice, meetings, django_assert_num_queries):
    client.force_login(alice)

    response = client.get(reverse("admin:index"))

    assert Meeting.objects.needs_checking_counts() == {
        "stale": 1,
        "never": 1,
        "reports": 1,
        "unplaced": 1,
        "total": 4,
    }
    assertContains(response, "4 in all")
    assertContains(response, "1 not checked for 6 months or more")
    assertContains(response, "1 never checked")
    assertContains(response, "1 with open change reports")
    assertContains(response, "1 at UK venues not placed on a map")
    assertContains(response, "?needs_checking=stale")
    with django_assert_num_queries(1):
        Meeting.objects.needs_checking_counts()


def test_staff_who_cannot_see_meetings_get_no_counts(client, django_user_model, meetings):
    client.force_login(staff_user(django_user_model, "bob", "view_changereport"))

    response = client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert "Meetings that need checking" not in response.content.decode()


def act(client, action, *meetings, confirmed="yes"):
    """Runs an action on the meetings, confirmed on the page that asks (Mark ended)."""
    return client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [m.pk for m in meetings], "confirmed": confirmed},
    )


@pytest.mark.parametrize(
    ("action", "before", "status"),
    [
        ("mark_temporarily_closed", Status.ACTIVE, Status.TEMPORARILY_CLOSED),
        ("mark_reopened", Status.TEMPORARILY_CLOSED, Status.ACTIVE),
        ("mark_ended", Status.ACTIVE, Status.ENDED),
    ],
)
def test_status_actions_change_each_meeting_and_record_it(client, alice, action, before, status):
    chosen = MeetingFactory.create_batch(
        2, status=before, status_since=datetime.date(2026, 1, 5), last_verified=None
    )
    other = MeetingFactory()
    client.force_login(alice)

    act(client, action, *chosen)

    assert [
        (m.status, m.status_since, m.last_verified)
        for m in Meeting.objects.filter(pk__in=[c.pk for c in chosen])
    ] == [(status, TODAY, TODAY)] * 2
    other.refresh_from_db()
    assert (other.status, other.status_since) == (Status.ACTIVE, None)
    assert LogEntry.objects.filter(object_id__in=[str(m.pk) for m in chosen]).count() == 2


def test_a_status_action_keeps_the_date_of_a_meeting_already_so(client, alice):
    """Closing a meeting closed since January again must not say it closed today."""
    closed = MeetingFactory(
        status=Status.TEMPORARILY_CLOSED, status_since=datetime.date(2026, 1, 5), last_verified=None
    )
    client.force_login(alice)

    act(client, "mark_temporarily_closed", closed)

    closed.refresh_from_db()
    assert (closed.status, closed.status_since, closed.last_verified) == (
        Status.TEMPORARILY_CLOSED,
        datetime.date(2026, 1, 5),
        TODAY,
    )


def test_mark_verified_today(client, alice):
    meeting = MeetingFactory(last_verified=datetime.date(2024, 1, 1))
    client.force_login(alice)

    response = act(client, "mark_verified_today", meeting)

    meeting.refresh_from_db()
    assert meeting.last_verified == TODAY
    entry = LogEntry.objects.get()
    assert (entry.user, entry.object_id, entry.get_change_message()) == (
        alice,
        str(meeting.pk),
        "Marked verified",
    )
    assert [str(m) for m in response.wsgi_request._messages] == [
        "Marked verified: 1 meeting. Visitors see it within 5 minutes."
    ]


def test_a_view_only_user_has_no_meeting_actions_and_cannot_post_one(client, django_user_model):
    meeting = MeetingFactory(last_verified=None)
    client.force_login(staff_user(django_user_model, "vera", "view_meeting"))

    page = client.get(reverse(CHANGELIST))
    response = act(client, "mark_verified_today", meeting)

    assert page.context["action_form"] is None  # no actions offered
    assert response.status_code == 200  # the list again, with nothing done
    meeting.refresh_from_db()
    assert meeting.last_verified is None


def test_a_view_only_user_cannot_dismiss_change_reports(client, django_user_model):
    report = ChangeReport.objects.create(meeting=MeetingFactory(), kind="other", message="x")
    client.force_login(staff_user(django_user_model, "vera", "view_changereport"))

    client.post(
        reverse("admin:meetings_changereport_changelist"),
        {"action": "mark_dismissed", "_selected_action": [report.pk]},
    )

    report.refresh_from_db()
    assert report.status == ChangeReport.Status.NEW


def test_a_user_who_may_change_reports_can_dismiss_them(client, django_user_model):
    report = ChangeReport.objects.create(meeting=MeetingFactory(), kind="other", message="x")
    user = staff_user(django_user_model, "carol", "view_changereport", "change_changereport")
    client.force_login(user)

    client.post(
        reverse("admin:meetings_changereport_changelist"),
        {"action": "mark_dismissed", "_selected_action": [report.pk]},
    )

    report.refresh_from_db()
    assert report.status == ChangeReport.Status.DISMISSED


def test_marking_meetings_ended_asks_first_and_names_them(client, alice):
    chosen = [
        MeetingFactory(name="Serenity", venue__town="Leeds"),
        MeetingFactory(name="Hope", venue__town="York"),
    ]
    MeetingFactory(name="Other")
    client.force_login(alice)

    asked = act(client, "mark_ended", *chosen, confirmed="")
    form = re.search(r'<form method="post">(.*?)</form>', asked.content.decode(), re.DOTALL)[1]

    assertContains(
        asked,
        "Mark these 2 meetings ended? Their pages will say so and suggest others nearby, and "
        "they leave every list, printout and feed. “Reopen (active again)” undoes it.",
    )
    assert re.findall(r"<li>(.*?)</li>", asked.content.decode().split("<ul>")[-1]) == [
        "Hope (Monday 19:30, York)",
        "Serenity (Monday 19:30, Leeds)",
    ]
    assert sorted(re.findall(r'name="_selected_action" value="(\d+)"', form)) == sorted(
        str(m.pk) for m in chosen
    )
    assert set(Meeting.objects.values_list("status", flat=True)) == {Status.ACTIVE}

    act(client, "mark_ended", *chosen)  # "Yes, mark them ended"

    assert sorted(Meeting.objects.filter(status=Status.ENDED).values_list("name", flat=True)) == [
        "Hope",
        "Serenity",
    ]


def test_marking_every_meeting_of_a_filtered_list_ended_passes_on_select_all(
    client, alice, settings
):
    """With "Select all", the page that asks passes that on, not one field per meeting:
    Django refuses a form of more than DATA_UPLOAD_MAX_NUMBER_FIELDS (1,000)."""
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    leeds = [MeetingFactory(name=f"Leeds {n}", venue__town="Leeds") for n in range(12)]
    MeetingFactory(name="York", venue__town="York")
    client.force_login(alice)
    filtered = reverse(CHANGELIST) + "?q=Leeds"
    chosen = {"action": "mark_ended", "select_across": "1", "index": "0"}

    asked = client.post(filtered, {**chosen, "_selected_action": [leeds[0].pk]})
    form = dict(re.findall(r'name="(\w+)" value="([^"]+)"', asked.content.decode()))
    fields = re.findall(r'<input type="hidden" name="(\w+)"', asked.content.decode())
    client.post(filtered, {k: v for k, v in form.items() if k != "csrfmiddlewaretoken"})

    assertContains(asked, "Mark these 12 meetings ended?")
    assert fields.count("_selected_action") == 1
    assert form["select_across"] == "1"
    assert sorted(Meeting.objects.filter(status=Status.ENDED).values_list("name", flat=True)) == (
        sorted(m.name for m in leeds)
    )
