"""The printed list as a worker gets it: a real A4 PDF from Chromium, and a QR code that scans."""

import datetime
import subprocess

import pytest

from meetings.models import Weekday
from tests.factories import MeetingFactory

TOWNS = ["Bristol", "Cardiff", "Leeds", "Manchester", "Salford"]


@pytest.fixture
def sixty_meetings(reference_data):
    """60 meetings over the week in five towns, 6 of them online, some with codes."""
    meetings = []
    for i in range(60):
        fields = {"online": True} if i % 10 == 9 else {"venue__town": TOWNS[i % 5]}
        if i % 4 == 0:
            fields["focuses"] = ["women"]
        meetings.append(
            MeetingFactory(
                name=f"Group {i:02}",
                weekday=list(Weekday)[i % 7],
                start_time=datetime.time(8 + i % 13, 30),
                features=["discussion"],
                **fields,
            )
        )
    return meetings


def pdf_pages(page, url, tmp_path):
    page.goto(url)
    path = tmp_path / "list.pdf"
    page.pdf(path=path, format="A4")
    text = subprocess.run(
        ["pdftotext", path, "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]  # pdftotext ends every page with a form feed


def test_sixty_meetings_print_as_a_few_full_a4_pages(live_server, page, sixty_meetings, tmp_path):
    pages = pdf_pages(page, live_server.url + "/meetings/print/", tmp_path)
    text = "\n".join(pages)

    assert 4 <= len(pages) <= 8
    # Every page repeats what the list is, when it was printed and where it lives.
    live = live_server.url.split("://")[1] + "/meetings/"
    for number, text_of_page in enumerate(pages, 1):
        assert text_of_page.startswith("Meetings, Monday to Sunday\n"), number
        assert f"Printed {datetime.date.today():%-d %B %Y}" in text_of_page, number
        assert f"Live list: {live}" in text_of_page, number
        assert f"Page {number} of {len(pages)}" in text_of_page, number
    assert [m.name for m in sixty_meetings if m.name not in text] == []
    assert "What the abbreviations and codes mean" in "".join(pages[-2:])
    assert "Stopping safely." in pages[-1] and "risk of overdose." in pages[-1]  # not split
    assert "For women only" in text
    assert "Women: For" not in text  # the code is explained once, not twice
    assert "Discussion: Members take turns" in text
    assert "LGBT" not in text  # no meeting here has that code
    lines_per_page = [len([line for line in p.splitlines() if line.strip()]) for p in pages]
    assert min(lines_per_page) > 5, lines_per_page  # no page holds only a heading
    # Below the page's repeated title and date, a day that runs on starts "(continued)".
    first_lines = [[line for line in p.splitlines() if line.strip()][2] for p in pages[1:]]
    assert any(line.endswith("(continued)") for line in first_lines), first_lines


def test_the_compact_layout_prints_the_same_meetings_on_fewer_pages(
    live_server, page, sixty_meetings, tmp_path
):
    full = pdf_pages(page, live_server.url + "/meetings/print/", tmp_path)
    compact = pdf_pages(page, live_server.url + "/meetings/print/?layout=compact", tmp_path)
    text = "\n".join(compact)

    assert len(compact) <= len(full) * 2 / 3, (len(compact), len(full))
    assert [m.name for m in sixty_meetings if m.name not in text] == []
    assert text.count(") · Open\n") == 60  # each meeting's details run on after " · "
    assert text.count("\nOnline: https://") == 6  # and start without one where there is none


@pytest.mark.parametrize("ticked", [0, 8])
def test_qr_code_scans_as_the_live_list(live_server, browser, sixty_meetings, tmp_path, ticked):
    query = "day=monday&focus=women"
    if ticked:  # a long address: a dense code, which must still fit its printed box whole
        query = "&".join(f"meeting={meeting.slug}" for meeting in sixty_meetings[:ticked])
    context = browser.new_context(device_scale_factor=2)
    page = context.new_page()
    page.goto(f"{live_server.url}/meetings/print/?{query}&layout=compact")

    image = tmp_path / "qr.png"
    page.locator(".qr svg").screenshot(path=image)
    decoded = subprocess.run(
        ["zbarimg", "--raw", "--quiet", image], capture_output=True, text=True, check=True
    ).stdout.strip()

    assert decoded == f"{live_server.url}/meetings/?{query}"
    context.close()


def test_print_selected_works_without_javascript(live_server, browser, sixty_meetings):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/meetings/?day=monday")

    page.get_by_label("To print: Group 00, Monday 08:30").check()
    page.get_by_label("To print: Group 14, Monday 09:30").check()
    page.get_by_role("button", name="Print selected meetings").click()

    page.wait_for_url("**/meetings/print/?*meeting=*")
    assert page.locator("h1").inner_text() == "Selected meetings"
    assert page.locator("td strong").all_inner_texts() == ["Group 00", "Group 14"]
    context.close()


def test_on_a_phone_the_key_to_codes_fits_and_nothing_overlaps(
    live_server, browser, reference_data
):
    """A programme code wider than its column ("SMART F&F") pushes its meaning along."""
    MeetingFactory(
        programme__short_name="SMART F&F",
        programme__name="SMART Recovery Family & Friends",
        focuses=["women"],
    )
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_server.url + "/meetings/print/")

    pairs = page.locator(".legend dl > div")
    # A code wider than its box would run on under its meaning: "SMARTSMART Recovery".
    overflowing = page.locator(".legend dt").evaluate_all(
        "codes => codes.filter(code => code.scrollWidth > code.clientWidth).map(c => c.textContent)"
    )

    assert pairs.count() >= 2
    assert overflowing == []
    assert page.evaluate("document.documentElement.scrollWidth") == 320
    context.close()
