"""Staff import meetings in the admin (upload or URL, preview, confirm) and detach meetings."""

import json
import re
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from meetings.exchange import importer
from meetings.models import ImportPreview, Meeting, Source
from tests.factories import MeetingFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
IMPORT = reverse("admin:meetings_source_import")
MESSY = Path(__file__).resolve().parent / "data" / "messy-feed.json"


@pytest.fixture
def programme():
    return ProgrammeFactory(slug="local-peer-support", name="Local peer support")


def upload(staff_client, programme, content, name="feed.json"):
    return staff_client.post(
        IMPORT,
        {
            "programme": programme.pk,
            "file": SimpleUploadedFile(name, content),
            "time_zone": "Europe/London",
            "preview": "Preview",
        },
    )


def confirm(staff_client, preview, **kwargs):
    """Presses the preview's "Import these meetings"."""
    token = re.search(r'name="preview_token" value="([^"]+)"', preview.content.decode())[1]
    return staff_client.post(
        IMPORT, {"preview_token": token, "confirm": "Import these meetings"}, **kwargs
    )


def cells(html, row_class):
    rows = re.findall(rf'<tr class="{row_class}">(.*?)</tr>', html, flags=re.DOTALL)
    return [re.findall(r"<td>(.*?)</td>", row) for row in rows]


def test_upload_shows_a_preview_and_changes_nothing(staff_client, programme):
    response = upload(staff_client, programme, MESSY.read_bytes())
    html = response.content.decode()

    assert re.findall(r"<tbody><tr>(.*?)</tr></tbody>", html)[0] == (
        "<td>9</td><td>0</td><td>0</td><td>0</td><td>0</td><td>3</td>"
    )
    assert cells(html, "rejected") == [
        ["4", "bad-time", "time", "“25:00” is not a time such as 19:30 or 7:30 PM"],
        [
            "6",
            "no-link-nowhere",
            "conference_url",
            "an online meeting needs a joining link or dial-in number, and this one has no "
            "address either",
        ],
        ["7", "101", "slug", "“101” is used by row 1 too"],
    ]
    assert cells(html, "new")[:2] == [
        ["1", "101", "Numbers Group"],
        ["2", "multi#monday", "Early Risers"],
    ]
    assert (Meeting.objects.count(), Source.objects.count()) == (0, 0)


def test_confirm_imports_what_was_previewed(staff_client, programme):
    preview = upload(staff_client, programme, MESSY.read_bytes())

    response = confirm(staff_client, preview, follow=True)

    source = Source.objects.get()
    assert (source.name, source.file_name, source.programme) == (
        "feed.json",
        "feed.json",
        programme,
    )
    assert Meeting.objects.filter(source=source).count() == 9
    assertContains(
        response,
        "Imported into “feed.json”: 9 new, 0 changed, 0 unchanged, 0 ended, 0 detached, "
        "3 rejected.",
    )
    assertContains(
        response, f'<a href="/admin/meetings/meeting/?source__id__exact={source.pk}">9 meetings</a>'
    )


def test_each_version_an_import_in_the_admin_records_says_who_imported_it(staff_client, programme):
    confirm(staff_client, upload(staff_client, programme, MESSY.read_bytes()))
    changed = MESSY.read_text().replace('"Numbers Group"', '"Numbers Group Renamed"')
    changed = changed.replace('"slug": "hybrid", "name": "Hybrid Evening"', '"slug": "h2"')

    confirm(staff_client, upload(staff_client, programme, changed.encode()))

    versions = Meeting.history.order_by("history_date", "history_id")
    assert {(v.history_type, v.history_user.username) for v in versions} == {
        ("+", "alice"),  # new
        ("~", "alice"),  # changed, and ended
    }
    assert {v.name for v in versions.filter(history_type="~")} == {
        "Numbers Group Renamed",
        "Hybrid Evening",
    }


def test_adding_meetings_listed_here_already_again_takes_a_tick(staff_client, programme):
    MeetingFactory(slug="numbers-group")  # listed here already, not from the file
    rows = [
        {"slug": "numbers-group", "name": "Numbers Group", "day": 1, "time": "19:00",
         "formatted_address": "1 High Street, Leeds LS6 2QJ, UK"},
    ]  # fmt: skip
    preview = upload(staff_client, programme, json.dumps(rows).encode())

    refused = confirm(staff_client, preview)
    taken = staff_client.post(
        IMPORT,
        {
            "preview_token": re.search(
                r'name="preview_token" value="([^"]+)"', refused.content.decode()
            )[1],
            "confirm": "Import these meetings",
            "add_again": "1",
        },
    )

    checkbox = (
        '<input type="checkbox" name="add_again" value="1" required> Add the 1 row with the ID '
        "of a meeting listed here already as other meetings"
    )
    assertContains(preview, checkbox)
    assertNotContains(preview, "Nothing was imported: tick the box")
    assertContains(refused, "Nothing was imported: tick the box below to add these meetings again")
    assertContains(refused, checkbox)
    assert taken.status_code == 302
    assert sorted(Meeting.objects.values_list("slug", flat=True)) == [
        "numbers-group",
        "numbers-group-2",
    ]


def test_confirm_imports_the_file_its_own_preview_showed_once(staff_client, programme):
    first = upload(staff_client, programme, MESSY.read_bytes(), name="first.json")
    upload(staff_client, programme, b"[]", name="second.json")  # in another tab

    confirm(staff_client, first)
    again = confirm(staff_client, first, follow=True)

    assert [source.name for source in Source.objects.all()] == ["first.json"]
    assert Meeting.objects.count() == 9
    assertContains(again, "That preview has expired: please start again.")


def test_previews_are_kept_out_of_the_session_three_at_most(staff_client, programme):
    rows = [
        {"slug": f"s{n}", "name": f"Group {n}", "day": 1, "time": "19:00",
         "conference_url": f"https://meet.example.org/{n}"}
        for n in range(100)
    ]  # fmt: skip
    content = json.dumps(rows).encode()
    previews = [upload(staff_client, programme, content, name=f"{n}.json") for n in "abcd"]

    assert len(Session.objects.get().session_data) < 1_000 < len(content)  # no file in it
    assert sorted(p.details["location"] for p in ImportPreview.objects.all()) == [
        "b.json",
        "c.json",
        "d.json",
    ]
    assertContains(confirm(staff_client, previews[0], follow=True), "That preview has expired")
    assertContains(confirm(staff_client, previews[3], follow=True), "Imported into “d.json”")
    assert ImportPreview.objects.count() == 2  # the one imported is gone


def test_a_preview_is_its_staff_members_own(staff_client, programme, client, django_user_model):
    preview = upload(staff_client, programme, MESSY.read_bytes())
    staff_client.logout()
    client.force_login(django_user_model.objects.create_superuser("bob", "b@example.org", "pw"))

    response = confirm(client, preview, follow=True)

    assertContains(response, "That preview has expired")
    assert Meeting.objects.count() == 0


def test_a_file_of_rejected_rows_offers_nothing_to_import(staff_client, programme):
    rows = [{"slug": "no-day", "name": "No Day", "time": "19:00"}]

    preview = upload(staff_client, programme, json.dumps(rows).encode())

    assertContains(preview, "There is nothing to import: no row could be read as a meeting.")
    assertNotContains(preview, "Import these meetings")


def test_a_file_that_ends_every_meeting_of_its_source_says_so(staff_client, programme):
    confirm(staff_client, upload(staff_client, programme, MESSY.read_bytes()))

    preview = upload(staff_client, programme, b"[]")

    assertContains(
        preview, "This lists none of the source’s meetings: importing it ends all 9 of them."
    )


def test_preview_of_a_changed_file_lists_changes_and_ended_meetings(staff_client, programme):
    confirm(staff_client, upload(staff_client, programme, MESSY.read_bytes()))
    smaller = MESSY.read_text().replace('"Numbers Group"', '"Numbers Group Renamed"')
    # Another ID and another name: another meeting, not this one listed under a new ID.
    smaller = smaller.replace(
        '"slug": "hybrid", "name": "Hybrid Evening"', '"slug": "h2", "name": "H2"'
    )

    html = upload(staff_client, programme, smaller.encode()).content.decode()

    assert cells(html, "changed") == [
        [
            "1",
            "Numbers Group (Monday 19:30, Lewes)",
            "name: “Numbers Group” to “Numbers Group Renamed”",
        ]
    ]
    assert re.findall(r"<li class=\"ended\">(.*?)</li>", html) == [
        "Hybrid Evening (Saturday 18:00, Leeds), ID hybrid"
    ]


def press(staff_client, preview, button, **kwargs):
    """Presses a preview's button other than "Import these meetings"."""
    token = re.search(r'name="preview_token" value="([^"]+)"', preview.content.decode())[1]
    return staff_client.post(IMPORT, {"preview_token": token, button: "Press"}, **kwargs)


TWO_ROWS = json.dumps(
    [
        {"slug": "a", "name": "Alpha", "day": 1, "time": "19:00", "address": "1 High St, Leeds"},
        {"slug": "b", "name": "Bravo", "day": 2, "time": "19:00", "address": "2 High St, Leeds"},
    ]
).encode()
ONE_OTHER_ROW = json.dumps(
    [{"slug": "c", "name": "Charlie", "day": 3, "time": "19:00", "address": "3 Low St, York"}]
).encode()


@pytest.mark.usefixtures("on_24_november_2026")
def test_a_file_named_as_one_imported_before_is_said_to_be_its_new_version(staff_client, programme):
    confirm(staff_client, upload(staff_client, programme, TWO_ROWS, name="meetings.json"))

    preview = upload(staff_client, programme, ONE_OTHER_ROW, name="meetings.json")

    assertContains(
        preview,
        "A file named “meetings.json” was imported for Local peer support before, last on "
        "24 November 2026, as the source “meetings.json” (2 meetings). This preview takes "
        "this file as its new version, and ends the 2 meetings of that source not in it.",
    )
    assertContains(preview, 'name="as_new_source"')


@pytest.mark.usefixtures("on_24_november_2026")
def test_a_different_list_of_the_same_file_name_can_be_a_new_source(staff_client, programme):
    confirm(staff_client, upload(staff_client, programme, TWO_ROWS, name="meetings.json"))
    first = Source.objects.get()
    preview = upload(staff_client, programme, ONE_OTHER_ROW, name="meetings.json")

    as_new = press(staff_client, preview, "as_new_source")
    html = as_new.content.decode()
    confirm(staff_client, as_new)

    assert re.findall(r"<tbody><tr>(.*?)</tr></tbody>", html)[0] == (
        "<td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td>"
    )
    assert "This makes a new source, “meetings.json, imported 24 November 2026”." in html
    assert sorted((m.source_id == first.pk, m.name, m.status) for m in Meeting.objects.all()) == [
        (False, "Charlie", "active"),
        (True, "Alpha", "active"),
        (True, "Bravo", "active"),
    ]
    # The next upload of that name updates the source imported last; or the one it names.
    again = upload(staff_client, programme, ONE_OTHER_ROW, name="meetings.json")
    assert re.findall(r"<tbody><tr>(.*?)</tr></tbody>", again.content.decode())[0] == (
        "<td>0</td><td>0</td><td>1</td><td>0</td><td>0</td><td>0</td>"
    )
    first_again = staff_client.post(
        IMPORT,
        {
            "programme": programme.pk,
            "file": SimpleUploadedFile("meetings.json", TWO_ROWS),
            "name": "meetings.json",
            "time_zone": "Europe/London",
            "preview": "Preview",
        },
    )
    assert re.findall(r"<tbody><tr>(.*?)</tr></tbody>", first_again.content.decode())[0] == (
        "<td>0</td><td>0</td><td>2</td><td>0</td><td>0</td><td>0</td>"
    )


def test_a_url_imported_before_is_its_source_without_a_word(staff_client, programme, monkeypatch):
    url = "https://example.org/f.json"
    source = Source.objects.create(name="Feed", url=url, programme=programme)
    MeetingFactory(source=source, source_key="z")
    monkeypatch.setattr(importer, "fetch", lambda fetched: TWO_ROWS if fetched == url else b"")

    preview = staff_client.post(
        IMPORT,
        {"programme": programme.pk, "url": url, "time_zone": "Europe/London", "preview": "1"},
    )

    assertContains(preview, "<h2>Preview: Feed (Local peer support)</h2>", html=True)
    assertNotContains(preview, "as_new_source")
    assertNotContains(preview, "This makes a new source")


def test_a_preview_as_a_new_source_that_has_expired_says_so(staff_client, programme):
    response = staff_client.post(
        IMPORT, {"preview_token": "gone", "as_new_source": "Press"}, follow=True
    )

    assertContains(response, "That preview has expired: please start again.")


def test_a_file_that_is_not_json_is_an_error_on_the_form(staff_client, programme):
    response = upload(staff_client, programme, b"not json at all", name="feed.json")

    assertContains(
        response,
        "The file is not JSON (line 1, column 1: Expecting value), nor a CSV meeting list with "
        "Day, Time and Name columns. Nothing was imported.",
    )
    assert Source.objects.count() == 0


def test_url_or_file_is_needed(staff_client, programme):
    response = staff_client.post(
        IMPORT, {"programme": programme.pk, "time_zone": "Europe/London", "preview": "Preview"}
    )

    assertContains(response, "Give a URL or upload a file (one of them).")


def test_detach_action_keeps_staff_edits_from_the_next_sync(staff_client, programme):
    source = Source.objects.create(
        name="Feed", url="https://example.org/f.json", programme=programme
    )
    managed = MeetingFactory(source=source, source_key="a")
    unmanaged = MeetingFactory()

    staff_client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "detach_from_source", "_selected_action": [managed.pk, unmanaged.pk]},
    )

    managed.refresh_from_db()
    unmanaged.refresh_from_db()
    assert (managed.source_detached, unmanaged.source_detached) == (True, False)
    # A version of its own, so that a form opened before cannot undo it unseen.
    latest = managed.history.latest()
    assert (latest.source_detached, latest.history_change_reason) == (
        True,
        "Detached from their source",
    )


def test_meetings_list_filters_by_source(staff_client, programme):
    source = Source.objects.create(
        name="Feed", url="https://example.org/f.json", programme=programme
    )
    MeetingFactory(name="Managed", source=source, source_key="a")
    MeetingFactory(name="Typed in")

    response = staff_client.get(
        reverse("admin:meetings_meeting_changelist"), {"source__id__exact": source.pk}
    )

    assert [meeting.name for meeting in response.context["cl"].result_list] == ["Managed"]


def test_source_pages_open(staff_client, programme):
    source = Source.objects.create(
        name="Feed", url="https://example.org/f.json", programme=programme
    )

    for url in (
        reverse("admin:meetings_source_changelist"),
        reverse("admin:meetings_source_add"),
        reverse("admin:meetings_source_change", args=[source.pk]),
        IMPORT,
    ):
        assert (url, staff_client.get(url).status_code) == (url, 200)
    assertContains(
        staff_client.get(reverse("admin:meetings_source_changelist")), f'href="{IMPORT}"'
    )


@pytest.mark.parametrize(
    ("url", "when"), [("https://example.org/f.json", "every night"), ("", "when it is imported")]
)
def test_an_imported_meeting_says_at_the_top_of_its_form_that_imports_update_it(
    staff_client, programme, url, when
):
    source = Source.objects.create(
        name="<b>NA North</b>", url=url, file_name="" if url else "f.json", programme=programme
    )
    imported = MeetingFactory(source=source, source_key="a")
    detached = MeetingFactory(source=source, source_key="b", source_detached=True)
    typed_in = MeetingFactory()

    pages = [
        staff_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
        for meeting in (imported, detached, typed_in)
    ]

    assertContains(
        pages[0],
        f"⚠ Imported from “&lt;b&gt;NA North&lt;/b&gt;”, which updates it {when}: an import "
        "puts back what you change here, and ends it if the source no longer lists it. To keep "
        "your changes, tick “Detached from its source” at the bottom of this page.",
    )
    for page in pages[1:]:
        assertNotContains(page, "⚠ Imported from")


def test_a_preview_gives_changes_in_words_as_the_history_does(staff_client, programme):
    rows = json.loads(TWO_ROWS)
    confirm(staff_client, upload(staff_client, programme, json.dumps(rows).encode()))
    rows[0] |= {"time": "19:15", "end_time": "20:30", "day": 2}

    html = upload(staff_client, programme, json.dumps(rows).encode()).content.decode()

    assert cells(html, "changed") == [
        [
            "1",
            "Alpha (Monday 19:00, 1 High St, Leeds)",
            "start time: “19:00” to “19:15”; end time: “(none)” to “20:30”; "
            "weekday: “Monday” to “Tuesday”",
        ]
    ]


def test_an_empty_file_gets_one_error_that_says_so(staff_client, programme):
    response = upload(staff_client, programme, b"", name="meetings.csv")

    form = response.context["form"]
    assert (form.errors, Source.objects.count()) == (
        {"file": ["The submitted file is empty."]},
        0,
    )


def test_a_file_named_as_before_but_given_a_new_name_says_it_renames_the_source(
    staff_client, programme
):
    confirm(staff_client, upload(staff_client, programme, TWO_ROWS, name="meetings.json"))

    preview = staff_client.post(
        IMPORT,
        {
            "programme": programme.pk,
            "file": SimpleUploadedFile("meetings.json", TWO_ROWS),
            "name": "CA second list",
            "time_zone": "Europe/London",
            "preview": "Preview",
        },
    )

    assertContains(preview, "as the source “meetings.json” (2 meetings).")
    assertContains(
        preview, "takes this file as its new version, renames the source “CA second list”."
    )


def test_a_file_name_longer_than_a_source_keeps_is_cut_to_fit(staff_client, programme):
    confirm(staff_client, upload(staff_client, programme, TWO_ROWS, name="m" * 240 + ".json"))

    source = Source.objects.get()
    assert (len(source.file_name), len(source.name)) == (200, 200)
    assert Meeting.objects.filter(source=source).count() == 2


def test_a_venue_of_imported_meetings_says_an_import_finds_it_by_name_and_address(
    staff_client, programme
):
    source = Source.objects.create(
        name="Feed", url="https://example.org/f.json", programme=programme
    )
    imported = MeetingFactory(source=source, source_key="a").venue
    typed_in = MeetingFactory().venue

    pages = [
        staff_client.get(reverse("admin:meetings_venue_change", args=[venue.pk]))
        for venue in (imported, typed_in)
    ]

    assertContains(pages[0], "⚠ Meetings here are imported. An import finds their venue by its")
    assertNotContains(pages[1], "Meetings here are imported")
