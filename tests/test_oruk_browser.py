"""The Open Referral UK page in headless Chromium: axe-core and a narrow screen."""

from axe_playwright_python.sync_playwright import Axe

PAGE = "/data/open-referral-uk/"


def test_open_referral_uk_page_has_no_axe_violations(live_server, page, reference_data):
    page.goto(live_server.url + PAGE)

    violations = Axe().run(page).response["violations"]

    assert [(v["id"], [node["target"] for node in v["nodes"]]) for v in violations] == []


def test_open_referral_uk_page_fits_a_320_pixel_wide_screen(live_server, browser, reference_data):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()

    page.goto(live_server.url + PAGE)

    assert page.evaluate("document.documentElement.scrollWidth") == 320
    context.close()
