"""Pages in headless Chromium: axe-core accessibility scans, keyboard use and narrow screens.

These tests fail, not skip, when Chromium is missing (see the `browser` fixture).
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from meetings.models import Weekday
from tests.factories import MeetingFactory, ProgrammeNoteFactory


@pytest.fixture
def meeting(reference_data):
    meeting = MeetingFactory(
        name="Lifeline Group",
        weekday=Weekday.MONDAY,
        hybrid=True,
        focuses=["women", "lgbtq"],
        features=["speaker"],
        programme__name="Narcotics Anonymous",
        programme__short_name="NA",
        programme__slug="narcotics-anonymous",
    )
    ProgrammeNoteFactory(programme=meeting.programme, text="Free to attend")
    MeetingFactory(name="Tuesday Online", weekday=Weekday.TUESDAY, online=True)
    return meeting


def axe_violations(page):
    results = Axe().run(page)
    return [
        (v["id"], [node["target"] for node in v["nodes"]]) for v in results.response["violations"]
    ]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/meetings/",
        "/meetings/?day=monday&attendance=online",
        "/meetings/?near=M1+1AE&radius=5",
        "/meetings/?near=M1&sort=time&focus=women&access=step-free&mat=1",
        "/meetings/?day=funday&focus=unicorns",
        "/meetings/?near=XX9",
        "/meetings/?day=sunday",
        "/meetings/lifeline-group/",
        "/meetings/lifeline-group/?near=M1&day=monday",  # opened from a search
        "/meetings/?day=funday&" + "&".join(["x"] * 1_100),  # too many to read: a 400 page
        "/programmes/",
        "/programmes/narcotics-anonymous/",
        "/programmes/compare/",
        "/programmes/guide/",
        "/programmes/guide/?answered=1&medication=yes&start=online&group=women",
        "/programmes/guide/?answered=1&goal=moon",
        "/about/",
        "/meetings/print/?day=monday",
        "/meetings/lifeline-group/report/",
        "/meetings/print/?layout=compact&near=M1",
    ],
)
def test_page_has_no_axe_violations(live_server, page, meeting, path):
    meeting.slug = "lifeline-group"
    meeting.save()

    page.goto(live_server.url + path)

    assert axe_violations(page) == []


def tab_to(page, selector, limit=80):
    """Press Tab until the element matching `selector` has the focus, as a keyboard user would."""
    target = page.locator(selector)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_user_can_find_filter_and_open_a_meeting(live_server, page, meeting):
    page.goto(live_server.url + "/")

    tab_to(page, "nav >> text=Find a meeting")
    page.keyboard.press("Enter")
    page.wait_for_url("**/meetings/")
    tab_to(page, ".filter-panel > summary")  # "Filters" reveals the rest
    page.keyboard.press("Enter")
    tab_to(page, "#id_attendance_1")  # Online
    page.keyboard.press("Space")
    tab_to(page, ".filter-panel > button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/meetings/?attendance=online*")

    # The form sends every field, empty or not: the address keeps only what was chosen, and
    # the visitor is taken to the results.
    assert page.url == live_server.url + "/meetings/?attendance=online#results"
    assert page.locator(".filter-panel > summary").inner_text() == "Filters (1 applied)"

    assert page.locator("#results-heading").inner_text() == "2 online meetings, Monday to Sunday"
    tab_to(page, "a:has-text('Lifeline Group')")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + meeting.get_absolute_url() + "?attendance=online")
    assert page.locator("h1").inner_text() == "Lifeline Group"

    # The way back is the same search, at the meeting the visitor opened.
    tab_to(page, "a:has-text('Back to your search')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/meetings/?attendance=online*")
    assert page.url.endswith(f"/meetings/?attendance=online#meeting-{meeting.slug}")
    assert page.locator("#results-heading").inner_text() == "2 online meetings, Monday to Sunday"
    assert page.locator(f"#meeting-{meeting.slug}").is_visible()


def test_skip_link_is_the_first_stop_and_moves_to_the_content(live_server, page, meeting):
    page.goto(live_server.url + "/meetings/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/meetings/",
        "/meetings/{slug}/",
        "/programmes/",
        "/programmes/compare/",
        # A long word searched for is shown in the heading, the form and an error.
        "/meetings/?q=https%3A%2F%2Fus02web.zoom.us%2Fj%2F81234567890%3Fpwd%3Dabcdefghijkl",
        "/meetings/?near=Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch",
        "/meetings/print/?q=Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch",
    ],
)
def test_pages_fit_a_320_pixel_wide_screen(live_server, browser, meeting, path):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()

    page.goto(live_server.url + path.format(slug=meeting.slug))

    assert page.evaluate("document.documentElement.scrollWidth") == 320
    context.close()


def test_pages_make_no_request_to_another_host(live_server, page, meeting):
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    for path in ["/", "/meetings/", meeting.get_absolute_url(), "/programmes/"]:
        page.goto(live_server.url + path)

    assert [url for url in requested if not url.startswith(live_server.url)] == []
    pages_and_styles = [url for url in requested if not url.endswith("/favicon.svg")]
    assert len(pages_and_styles) == 8  # four pages and their stylesheet, and the site's icon


def test_today_near_you_from_the_home_page_without_javascript(live_server, browser, meeting):
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Today near you").click()  # with the box empty
    assert page.url == live_server.url + "/"  # the browser asks for a place
    page.get_by_label("Postcode or town").fill("   ")
    page.get_by_role("button", name="Today near you").click()
    assert page.url == live_server.url + "/"  # spaces are no place either

    page.get_by_label("Postcode or town").fill("m1 1ae")
    page.get_by_role("button", name="Today near you").click()

    page.wait_for_url("**/meetings/?near=m1+1ae&day=today#results")
    assert page.locator("#id_near").input_value() == "m1 1ae"
    assert page.locator("#id_day_0").is_checked()
    heading = page.locator("#results-heading").bounding_box()
    assert 0 <= heading["y"] < 640 - heading["height"]  # on the first screen, not the form
    context.close()


def test_the_comparison_keeps_its_row_names_in_view_when_scrolled(live_server, browser, meeting):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_server.url + "/programmes/compare/")
    region = page.get_by_role("region", name="Recovery programmes compared")
    row_name = page.get_by_role("rowheader", name="Approach")
    first_cell = row_name.locator("xpath=following-sibling::td[1]")
    before = (row_name.bounding_box()["x"], first_cell.bounding_box()["x"])

    region.evaluate("element => { element.scrollLeft = 300 }")

    after = (row_name.bounding_box()["x"], first_cell.bounding_box()["x"])
    # The row name stays at the left edge (over the table's border), the cells move on.
    assert after == (region.bounding_box()["x"], before[1] - 300)
    assert before[0] == region.bounding_box()["x"] + 1
    context.close()


def test_report_form_with_errors_has_no_axe_violations(live_server, page, meeting):
    page.goto(live_server.url + meeting.get_absolute_url())
    page.get_by_role("link", name="Report a change").click()
    page.get_by_role("button", name="Send report").click()

    assert page.locator(".error-summary h2").inner_text() == "There is a problem with your report"
    assert axe_violations(page) == []


def test_on_a_phone_a_search_lands_on_the_results(live_server, browser, meeting, tmp_path):
    """At 360 px with JavaScript off: the filters fold away behind one control, a search made
    through the form keeps a clean address and shows the first result on the first screen."""
    context = browser.new_context(viewport={"width": 360, "height": 640}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/meetings/")

    assert page.locator(".filter-panel").get_attribute("open") is None
    page.get_by_role("group", name="Where").get_by_label("Postcode or town").fill("M1")
    page.get_by_role("button", name="Show meetings").first.click()
    page.wait_for_url("**/meetings/?near=M1*")

    assert page.url == live_server.url + "/meetings/?near=M1#results"
    assert page.locator("#id_radius").input_value() == "10"  # as the search used
    first_result = page.locator(".meeting").first.bounding_box()
    assert 0 <= first_result["y"] < 640 - first_result["height"]
    # The results have the focus, for screen readers, with no ring round all of them.
    results = page.locator("#results")
    assert results.evaluate("element => element === document.activeElement")
    assert results.evaluate(
        "e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).boxShadow]"
    ) == [
        "none",
        "none",
    ]
    page.screenshot(path=tmp_path / "phone.png")
    context.close()


DESCRIBED_BY_MISSING = """() => [...document.querySelectorAll('[aria-describedby]')].flatMap(
    element => element.getAttribute('aria-describedby').split(' ')
        .filter(id => !document.getElementById(id)))"""


def test_a_search_with_a_mistake_shows_its_errors_where_it_lands(live_server, browser, meeting):
    """Searched through the form at 320 px, a place that is not found: the page lands at the
    results, where the error summary is on screen, and each field names its error."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/meetings/")
    page.get_by_role("group", name="Where").get_by_label("Postcode or town").fill("XX1 1XX")
    page.get_by_role("button", name="Show meetings").first.click()
    page.wait_for_url("**#results")

    summary = page.locator("#results .error-summary").bounding_box()
    field = page.locator("#id_near")

    assert 0 <= summary["y"] < 640 - summary["height"]
    assert field.get_attribute("aria-describedby").split() == ["id_near_helptext", "id_near_error"]
    assert page.locator("#id_near_error").inner_text().startswith("Error:")
    assert page.evaluate(DESCRIBED_BY_MISSING) == []
    context.close()


def test_report_form_errors_and_hints_are_tied_to_their_fields(live_server, page, meeting):
    page.goto(live_server.url + meeting.get_absolute_url())
    page.get_by_role("link", name="Report a change").click()
    page.get_by_role("button", name="Send report").click()

    assert page.evaluate(DESCRIBED_BY_MISSING) == []
    assert page.locator("fieldset#id_kind").get_attribute("aria-describedby") == "id_kind_error"
    assert page.locator("#id_message").get_attribute("aria-describedby") == "id_message_error"
    assert page.locator("#id_email").get_attribute("autocomplete") == "email"
    page.locator(".error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_kind_0"


FOCUS_RING = "rgb(11, 12, 12) 0px 0px 0px 6px"


def test_a_secondary_button_shows_the_focus_ring_of_every_control(live_server, page, meeting):
    page.goto(live_server.url + "/")
    page.get_by_label("Postcode or town").focus()

    page.keyboard.press("Tab")
    page.keyboard.press("Tab")

    button = page.locator(":focus")
    assert button.inner_text() == "Today near you"
    assert button.evaluate("element => getComputedStyle(element).boxShadow") == FOCUS_RING


def test_a_focused_programme_in_the_comparison_is_not_hidden_by_the_row_names(
    live_server, browser, meeting
):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_server.url + "/programmes/compare/")
    region = page.get_by_role("region", name="Recovery programmes compared")
    region.evaluate("element => { element.scrollLeft = element.scrollWidth }")

    page.locator(".compare thead th a").first.focus()

    link = page.locator(":focus")
    box = link.bounding_box()
    left_edge = (box["x"] + 1, box["y"] + box["height"] / 2)  # where the corner covered it
    on_top = page.evaluate("([x, y]) => document.elementFromPoint(x, y).outerHTML", left_edge)
    assert on_top == link.evaluate("element => element.outerHTML")
    context.close()
