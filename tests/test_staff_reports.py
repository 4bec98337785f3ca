"""Change reports end to end: handling in admin, and the public form's defences."""

import datetime
import io

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from config import limits
from meetings.models import ChangeReport
from tests.factories import MeetingFactory
from tests.staff_forms import admin_form_data

pytestmark = pytest.mark.django_db

REPORT = {"kind": "stopped", "message": "It moved to Thursdays."}


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def meeting():
    return MeetingFactory(name="Lifeline Group")


@pytest.fixture
def alice(client, django_user_model):
    alice = django_user_model.objects.create_superuser("alice", "alice@example.org", "pw")
    client.force_login(alice)
    return alice


def report_url(meeting):
    return reverse("meetings:meeting_report", args=[meeting.slug])


# The public form


def test_a_post_from_another_website_is_refused(client, meeting):
    response = client.post(report_url(meeting), REPORT, headers={"Sec-Fetch-Site": "cross-site"})

    assert response.status_code == 403
    assertContains(response, "<h1>Report not sent</h1>", html=True, status_code=403)
    assert ChangeReport.objects.count() == 0
    assert dict(response.cookies) == {}


def test_a_post_with_a_foreign_origin_is_refused(client, meeting):
    response = client.post(report_url(meeting), REPORT, headers={"Origin": "https://evil.example"})

    assert response.status_code == 403
    assert ChangeReport.objects.count() == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"},
        {"Origin": "http://testserver"},
        {},
    ],
)
def test_a_post_from_our_own_page_is_taken(client, meeting, headers):
    response = client.post(report_url(meeting), REPORT, headers=headers)

    assert response.status_code == 302
    assert ChangeReport.objects.count() == 1


def test_more_than_five_posts_an_hour_get_please_try_again_later(client, meeting, settings):
    settings.REPORTS_PER_HOUR = 5
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, 5, tzinfo=datetime.UTC)):
        statuses = [client.post(report_url(meeting), REPORT).status_code for _ in range(6)]
        refused = client.post(report_url(meeting), REPORT)
    with time_machine.travel(datetime.datetime(2026, 11, 24, 11, 1, tzinfo=datetime.UTC)):
        next_hour = client.post(report_url(meeting), REPORT)

    assert statuses == [302] * 5 + [429]
    assertContains(refused, "<h1>Please try again later</h1>", html=True, status_code=429)
    assert next_hour.status_code == 302
    assert ChangeReport.objects.count() == 6


def test_a_form_sent_back_with_a_mistake_does_not_count_towards_the_limit(
    client, meeting, settings
):
    settings.REPORTS_PER_HOUR = 1
    mistakes = [client.post(report_url(meeting), {"kind": "stopped"}) for _ in range(3)]

    kept = client.post(report_url(meeting), REPORT)
    refused = client.post(report_url(meeting), REPORT)

    assert [r.status_code for r in mistakes] == [200] * 3
    assert (kept.status_code, refused.status_code) == (302, 429)
    assert ChangeReport.objects.count() == 1


def test_each_client_has_its_own_limit_and_its_address_is_not_kept(client, meeting, settings):
    settings.REPORTS_PER_HOUR = 1
    client.post(report_url(meeting), REPORT, REMOTE_ADDR="192.0.2.1")

    other = client.post(report_url(meeting), REPORT, REMOTE_ADDR="192.0.2.2")
    again = client.post(report_url(meeting), REPORT, REMOTE_ADDR="192.0.2.1")

    assert (other.status_code, again.status_code) == (302, 429)
    stored = [str(value) for row in ChangeReport.objects.values() for value in row.values()]
    assert [value for value in stored if "192.0.2" in value] == []
    assert len(limits.client_key(other.wsgi_request)) == 32


def test_the_form_says_what_the_email_is_for_and_how_long_it_is_kept(client, meeting):
    response = client.get(report_url(meeting))

    assertContains(
        response,
        "Only if you are happy for us to ask you about this report. Only our staff see it, "
        "and we delete it after 90 days.",
    )


def test_old_reporters_emails_are_deleted(meeting):
    with time_machine.travel(datetime.datetime(2026, 8, 1, tzinfo=datetime.UTC)):
        old = ChangeReport.objects.create(meeting=meeting, kind="other", message="x", email="a@b.c")
    with time_machine.travel(datetime.datetime(2026, 9, 1, tzinfo=datetime.UTC)):
        recent = ChangeReport.objects.create(
            meeting=meeting, kind="other", message="y", email="d@e.f"
        )
    out = io.StringIO()

    with time_machine.travel(datetime.datetime(2026, 11, 24, tzinfo=datetime.UTC)):
        call_command("delete_reporter_emails", stdout=out)

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.email, old.message, recent.email) == ("", "x", "d@e.f")
    assert out.getvalue() == "Deleted 1 reporters' email addresses older than 90 days.\n"


# Staff


def test_reports_show_on_their_meetings_admin_page(client, alice, meeting):
    ChangeReport.objects.create(meeting=meeting, kind="stopped", message="Closed for good")
    MeetingFactory(name="Another")

    response = client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))

    inline = response.context["inline_admin_formsets"][0]
    assert [form.original.message for form in inline if form.original] == ["Closed for good"]
    assertContains(response, "Closed for good")


def test_the_visitors_words_are_read_only_and_moving_on_says_who_and_when(client, alice, meeting):
    report = ChangeReport.objects.create(
        meeting=meeting, kind="other", message="Original", email="me@example.org"
    )
    url = reverse("admin:meetings_changereport_change", args=[report.pk])
    page = client.get(url)

    with time_machine.travel(
        datetime.datetime(2026, 11, 24, 10, 0, tzinfo=datetime.UTC), tick=False
    ):
        response = client.post(
            url, {"status": "in-progress", "message": "Changed", "email": "x@example.org"}
        )

    assert list(page.context["adminform"].form.fields) == ["status"]
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.message, report.email, report.status_changed_by) == (
        "in-progress",
        "Original",
        "me@example.org",
        alice,
    )
    assert report.status_changed_at == datetime.datetime(2026, 11, 24, 10, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("mark_in_progress", "in-progress"),
        ("mark_done", "done"),
        ("mark_dismissed", "dismissed"),
    ],
)
@time_machine.travel(datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_bulk_actions_move_reports_on_and_say_who(client, alice, meeting, action, status):
    report = ChangeReport.objects.create(meeting=meeting, kind="other", message="x")

    client.post(
        reverse("admin:meetings_changereport_changelist"),
        {"action": action, "_selected_action": [report.pk]},
    )

    report.refresh_from_db()
    assert (report.status, report.status_changed_by) == (status, alice)
    assert report.status_changed_at == datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC)


def test_a_view_only_user_sees_reports_but_cannot_move_them_on(client, django_user_model, meeting):
    report = ChangeReport.objects.create(meeting=meeting, kind="other", message="x")
    vera = django_user_model.objects.create_user("vera", "v@example.org", "pw", is_staff=True)
    vera.user_permissions.set(Permission.objects.filter(codename="view_changereport"))
    client.force_login(vera)
    url = reverse("admin:meetings_changereport_change", args=[report.pk])

    response = client.post(url, {"status": "dismissed"})

    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == "new"


@pytest.mark.parametrize(
    "url",
    [
        reverse("admin:meetings_changereport_changelist"),
        reverse("admin:autocomplete")
        + "?app_label=meetings&model_name=changereport&field_name=meeting&term=Serenity",
    ],
)
def test_meetings_named_with_their_towns_cost_no_query_each(staff_client, url):
    """A meeting's name in the admin says its town: the report list and the meeting
    autocomplete read venues with their meetings, not one query per row."""

    def queries_with(count):
        ChangeReport.objects.all().delete()
        for _ in range(count - ChangeReport.objects.count()):
            meeting = MeetingFactory(name="Serenity")
            ChangeReport.objects.create(meeting=meeting, kind="other", message="x")
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(url).status_code == 200
        return len(queries)

    assert queries_with(1) == queries_with(6)


def test_the_report_list_opens_on_the_queue_of_open_reports(staff_client):
    meeting = MeetingFactory()
    for status in ChangeReport.Status:
        ChangeReport.objects.create(meeting=meeting, kind="other", message=status, status=status)
    ChangeReport.objects.filter(status="new").update(message="x" * 100)
    changelist = reverse("admin:meetings_changereport_changelist")

    def listed(**query):
        response = staff_client.get(changelist, query)
        return sorted(report.status for report in response.context["cl"].result_list)

    assert listed() == ["in-progress", "new"]
    assert listed(status="done") == ["done"]
    assert listed(status="all") == sorted(ChangeReport.Status)
    assertContains(
        staff_client.get(changelist), f'<td class="field-message_start">{"x" * 79}…</td>', html=True
    )


def test_a_report_says_their_email_not_your_email_to_staff(staff_client):
    report = ChangeReport.objects.create(meeting=MeetingFactory(), kind="other", message="x")

    change = staff_client.get(reverse("admin:meetings_changereport_change", args=[report.pk]))
    add = staff_client.get(reverse("admin:meetings_changereport_add"))

    assertContains(change, "Their email:")
    assertContains(change, "Not given")
    assertContains(add, "Their email (optional):")
    assertContains(add, "Only if they are happy for us to ask them about it.")
    assert "your email" not in (change.content + add.content).decode().lower()


def test_a_meeting_edited_from_its_report_goes_back_to_the_report(client, alice, meeting):
    report = ChangeReport.objects.create(
        meeting=meeting, kind="details-wrong", message="It starts at 19:15 now."
    )
    other = ChangeReport.objects.create(meeting=MeetingFactory(), kind="other", message="x")
    report_url = reverse("admin:meetings_changereport_change", args=[report.pk])
    meeting_url = reverse("admin:meetings_meeting_change", args=[meeting.pk])

    link = f'<a href="{meeting_url}?report={report.pk}">{meeting}</a>'
    assertContains(client.get(report_url), link, html=True)
    page = client.get(f"{meeting_url}?report={report.pk}")
    assertContains(page, "From a report (some details are wrong, ")
    assertContains(page, "“It starts at 19:15 now.”")

    kept_editing = client.post(
        f"{meeting_url}?report={report.pk}",
        admin_form_data(page, start_time="19:15", _continue="Save and continue editing"),
    )
    saved = client.post(
        f"{meeting_url}?report={report.pk}", admin_form_data(client.get(kept_editing.url))
    )

    assert kept_editing.url == f"{meeting_url}?report={report.pk}"
    assert saved.url == report_url
    assert [str(m) for m in get_messages(saved.wsgi_request)][-1] == (
        "Back to the report: mark it dealt with if the listing is now right."
    )
    meeting.refresh_from_db()
    assert meeting.start_time == datetime.time(19, 15)
    # Another meeting's report, or none, is not where saving leads.
    for query in (f"?report={other.pk}", "?report=abc", ""):
        page = client.get(f"{meeting_url}{query}")
        assertNotContains(page, "From a report")
        response = client.post(f"{meeting_url}{query}", admin_form_data(page))
        assert response.url == reverse("admin:meetings_meeting_changelist")


def test_deleting_reporters_emails_from_cron_says_nothing(meeting):
    out = io.StringIO()

    call_command("delete_reporter_emails", verbosity=0, stdout=out)

    assert out.getvalue() == ""
