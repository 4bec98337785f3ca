import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from meetings.models import ChangeReport
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return MeetingFactory(name="Lifeline Group", venue__town="Salford")


def report_url(meeting):
    return reverse("meetings:meeting_report", args=[meeting.slug])


def test_a_visitor_reports_a_change_and_is_thanked(client, meeting):
    response = client.post(
        report_url(meeting),
        {"kind": "stopped", "message": "It moved to Thursdays.", "email": "me@example.org"},
    )

    assertRedirects(response, f"{meeting.get_absolute_url()}?reported=1")
    report = ChangeReport.objects.get()
    assert (report.meeting, report.kind, report.message, report.email, report.status) == (
        meeting, "stopped", "It moved to Thursdays.", "me@example.org", "new",
    )  # fmt: skip
    assertContains(client.get(response.url), "We have your report and will check it.")
    assert dict(response.cookies) == {}


def test_a_report_made_from_a_search_keeps_the_way_back_to_it(client, meeting):
    search = "near=M1&day=monday"
    detail = client.get(f"{meeting.get_absolute_url()}?{search}")
    form = client.get(f"{report_url(meeting)}?{search}")
    sent = client.post(f"{report_url(meeting)}?{search}", {"kind": "other", "message": "Moved"})
    thanked = client.get(sent.url)

    assertContains(detail, f'<a href="{report_url(meeting)}?near=M1&amp;day=monday">')
    assertContains(
        form, f'<a href="{meeting.get_absolute_url()}?near=M1&amp;day=monday">Lifeline Group</a>'
    )
    assertContains(form, f'action="{report_url(meeting)}?near=M1&amp;day=monday"')
    assert sent.url == f"{meeting.get_absolute_url()}?reported=1&near=M1&day=monday"
    assertContains(thanked, "We have your report and will check it.")
    assertContains(
        thanked,
        f'<a href="/meetings/?near=M1&amp;day=monday#meeting-{meeting.slug}">'
        "Back to your search</a>",
    )


def test_the_form_sets_no_cookie(client, meeting):
    response = client.get(report_url(meeting))

    assertContains(response, "<h1>Report a change</h1>", html=True)
    assert dict(response.cookies) == {}


def test_the_kinds_of_change_are_radio_buttons_with_none_ticked(client, meeting):
    response = client.get(report_url(meeting))

    kinds = response.context["form"]["kind"]
    assert [choice.data["value"] for choice in kinds] == [
        value for value, _ in ChangeReport.Kind.choices
    ]
    assertNotContains(response, "---------")
    assertNotContains(response, " checked")


def test_a_report_needs_a_kind_and_a_message(client, meeting):
    response = client.post(report_url(meeting), {"kind": "", "message": ""})

    assertContains(response, "There is a problem with your report")
    assertContains(response, "What is wrong: Choose one of these.")
    assertContains(response, "What should we change: Tell us what is wrong and what it should say.")
    assert ChangeReport.objects.count() == 0


def test_a_message_too_long_is_said_so_not_cut_short(client, meeting):
    form = client.get(report_url(meeting)).content.decode()
    response = client.post(report_url(meeting), {"kind": "other", "message": "x" * 5000})

    textarea = re.search(r'<textarea name="message"[^>]*>', form)[0]
    assert "maxlength" not in textarea  # with it, the browser cut pasted text silently
    assertContains(
        response,
        "What should we change: Please shorten this to 2000 characters or fewer: it has 5000.",
    )
    assertContains(response, "x" * 5000)  # kept, to shorten
    assert ChangeReport.objects.count() == 0


def test_spam_robots_filling_the_hidden_field_are_refused(client, meeting):
    response = client.post(
        report_url(meeting), {"kind": "other", "message": "Buy things", "website": "spam.example"}
    )

    assertContains(response, "Please leave this field empty.")
    assert ChangeReport.objects.count() == 0


def test_reporters_email_stays_with_staff(client, meeting):
    ChangeReport.objects.create(
        meeting=meeting, kind="other", message="x", email="reporter@example.org"
    )

    assertNotContains(client.get(meeting.get_absolute_url()), "reporter@example.org")


def test_staff_see_new_reports_in_the_admin_queue(client, django_user_model, meeting):
    ChangeReport.objects.create(meeting=meeting, kind="stopped", message="Closed for good")
    client.force_login(django_user_model.objects.create_superuser("alice", "a@example.org", "pw"))

    response = client.get(reverse("admin:meetings_changereport_changelist"), {"status": "new"})

    assert [str(r) for r in response.context["cl"].result_list] == [
        "The meeting has stopped or moved: Lifeline Group (Monday 19:30, Salford)"
    ]
