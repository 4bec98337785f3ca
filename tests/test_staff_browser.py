"""The staff workflow's public pages in headless Chromium: axe-core finds no violations."""

import datetime
import json

import pytest
from django.core.cache import cache

from meetings.models import ChangeReport, Status
from tests.factories import MeetingFactory
from tests.test_browser import axe_violations


@pytest.fixture
def meetings(reference_data):
    cache.clear()
    return {
        "ended": MeetingFactory(
            slug="ended", status=Status.ENDED, status_since=datetime.date(2026, 9, 1)
        ),
        "nearby": MeetingFactory(slug="nearby"),
        "closed": MeetingFactory(
            slug="closed",
            name="Closed Group",
            status=Status.TEMPORARILY_CLOSED,
            status_since=datetime.date(2026, 10, 1),
            venue__step_free=True,
            venue__hearing_loop=False,
        ),
        "never": MeetingFactory(slug="never", name="Unchecked Group", last_verified=None),
    }


@pytest.mark.parametrize(
    ("path", "status", "h1"),
    [
        ("/meetings/ended/", 410, "This meeting has ended"),
        ("/meetings/closed/", 200, "Closed Group"),
        ("/meetings/never/", 200, "Unchecked Group"),
    ],
)
def test_pages_have_no_axe_violations(live_server, page, meetings, path, status, h1):
    response = page.goto(live_server.url + path)

    assert (response.status, page.locator("h1").inner_text()) == (status, h1)
    assert axe_violations(page) == []


def test_too_many_reports_page_has_no_axe_violations(live_server, page, meetings, settings):
    settings.REPORTS_PER_HOUR = 0
    page.goto(live_server.url + "/meetings/never/report/")
    page.get_by_label("Some details are wrong").check()
    page.get_by_label("What should we change").fill("The time")

    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Send report").click()

    assert posted.value.status == 429
    assert page.locator("h1").inner_text() == "Please try again later"
    assert axe_violations(page) == []


@pytest.mark.parametrize("slug", ["nearby", "closed"])
def test_the_thank_you_after_a_report_has_no_axe_violations(live_server, page, meetings, slug):
    page.goto(live_server.url + f"/meetings/{slug}/")
    page.get_by_role("link", name="Report a change").click()
    page.get_by_label("Some details are wrong").check()
    page.get_by_label("What should we change").fill("It starts at 19:30 now.")

    page.get_by_role("button", name="Send report").click()
    page.wait_for_url(f"**/meetings/{slug}/?reported=1")

    assert page.get_by_role("status").first.inner_text() == (
        "Thank you. We have your report and will check it."
    )
    assert ChangeReport.objects.get().message == "It starts at 19:30 now."
    assert axe_violations(page) == []


def signed_in(page, live_server, django_user_model):
    """The page, signed in to the admin through its login form as Alice, an administrator."""
    django_user_model.objects.create_superuser("alice", "alice@example.org", "pw")
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Log in").click()
    return page


def test_a_meetings_history_fits_a_320_pixel_wide_screen(
    live_server, browser, meetings, django_user_model
):
    meeting = meetings["nearby"]
    meeting.public_notes = "A long note that makes the changes column wide enough to scroll"
    meeting.save()
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = signed_in(context.new_page(), live_server, django_user_model)

    page.goto(f"{live_server.url}/admin/meetings/meeting/{meeting.pk}/history/")

    table = page.locator("#change-history")
    assert page.evaluate("document.documentElement.scrollWidth") == 320
    assert table.evaluate("t => t.scrollWidth > t.clientWidth")  # it scrolls, not the page
    comment = page.get_by_role("cell", name="Changed", exact=True)
    lines = comment.evaluate(
        "cell => { const text = document.createRange(); text.selectNodeContents(cell);"
        " return [...text.getClientRects()].filter(line => line.width > 0).length }"
    )
    assert lines == 1  # "Changed" whole, not "Change" and "d"
    context.close()


def test_an_import_preview_fits_a_320_pixel_wide_screen(
    live_server, browser, meetings, django_user_model, tmp_path
):
    feed = tmp_path / "meetings.json"
    row = {"slug": "a-long-slug-for-a-meeting", "name": "A Meeting With A Long Enough Name",
           "day": 1, "time": "19:00", "conference_url": "https://meet.example.org/a"}  # fmt: skip
    feed.write_text(json.dumps([row, {"slug": "bad", "name": "Bad", "day": 1, "time": "25:00"}]))
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = signed_in(context.new_page(), live_server, django_user_model)
    page.goto(live_server.url + "/admin/meetings/source/import/")

    page.get_by_label("Programme").select_option(index=1)
    page.get_by_label("File").set_input_files(feed)
    page.get_by_role("button", name="Preview").click()

    assert page.get_by_role("heading", name="Rejected rows (they will be skipped)").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") == 320
    context.close()
