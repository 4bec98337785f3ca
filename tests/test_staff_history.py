"""History of who changed what, with old and new values, viewable and revertible in admin."""

import importlib
import re

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from meetings.exchange import importer
from meetings.models import Area, Focus, Meeting, Venue
from programmes.models import Programme
from tests.factories import (
    AreaFactory,
    MeetingFactory,
    ProgrammeFactory,
    ProgrammeNoteFactory,
    VenueFactory,
)
from tests.staff_forms import admin_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(client, django_user_model):
    alice = django_user_model.objects.create_superuser("alice", "alice@example.org", "pw")
    client.force_login(alice)
    return alice


def change(client, obj, **changes):
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    response = client.post(url, admin_form_data(client.get(url), **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def history_page(client, obj):
    opts = obj._meta
    return client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk]))


def test_a_meeting_change_shows_who_and_the_old_and_new_values(client, alice):
    meeting = MeetingFactory(name="Hope Group", public_notes="Ring the bell")

    change(client, meeting, public_notes="Use the side door")

    record = meeting.history.latest()
    assert (record.history_user, record.history_type, record.public_notes) == (
        alice,
        "~",
        "Use the side door",
    )
    delta = record.diff_against(record.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        ("public_notes", "Ring the bell", "Use the side door")
    ]
    response = history_page(client, meeting)
    assertContains(response, "<strong>Public notes:</strong>", html=True)
    assertContains(response, "Ring the bell")
    assertContains(response, "Use the side door")
    assertContains(response, "alice")


def test_an_editor_reverts_a_meeting_to_an_earlier_version(client, alice):
    meeting = MeetingFactory(name="Hope Group", public_notes="Ring the bell")
    change(client, meeting, public_notes="Wrong words")
    first = meeting.history.earliest()
    revert_url = reverse("admin:meetings_meeting_simple_history", args=[meeting.pk, first.pk])

    response = client.post(revert_url, admin_form_data(client.get(revert_url)))

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.public_notes == "Ring the bell"
    assert " ring " in meeting.search_text  # derived again on save
    assert [r.public_notes for r in meeting.history.all()] == [
        "Ring the bell",
        "Wrong words",
        "Ring the bell",
    ]


def test_the_history_gives_values_in_words_not_as_stored(client, alice):
    meeting = MeetingFactory(last_verified=None)

    change(client, meeting, status="temporarily-closed", last_verified="2026-11-02",
           start_time="20:00")  # fmt: skip

    html = history_page(client, meeting).content.decode()
    arrow = r"\s*&nbsp;&rarr;&nbsp;&nbsp;"
    changes = re.findall(rf"<strong>(.*?):</strong>\s*(.*?){arrow}(.*?)\s*</li>", html)
    assert sorted(changes) == [
        ("Last verified", "(none)", "2 November 2026"),
        ("Start time", "19:30", "20:00"),
        ("Status", "Active", "Temporarily closed"),
        ("Status since", "(none)", f"{timezone.localdate():%-d %B %Y}"),
    ]


@pytest.mark.parametrize(
    ("factory", "field", "new"),
    [
        (VenueFactory, "access_notes", "Ramp at the back"),
        (AreaFactory, "name", "Greater Manchester"),
        (ProgrammeFactory, "summary", "New words"),
    ],
)
def test_venues_areas_and_programmes_keep_history_too(client, alice, factory, field, new):
    obj = factory()
    old = getattr(obj, field)

    change(client, obj, **{field: new})

    record = obj.history.latest()
    delta = record.diff_against(record.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [(field, old, new)]
    assert record.history_user == alice
    assertContains(history_page(client, obj), new)


def test_renaming_a_venue_adds_no_empty_version_to_its_meetings(client, alice):
    meeting = MeetingFactory(venue__name="Old Hall")

    change(client, meeting.venue, name="New Hall")

    meeting.refresh_from_db()
    assert " new " in meeting.search_text  # found by the venue's new name
    assert meeting.history.count() == 1
    assert meeting.venue.history.latest().history_user == alice


def test_the_bulk_actions_are_recorded_in_the_history(client, alice):
    meeting = MeetingFactory(last_verified=None)

    client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "mark_ended", "_selected_action": [meeting.pk], "confirmed": "yes"},
    )

    record = meeting.history.latest()
    delta = record.diff_against(record.prev_record)
    assert sorted(c.field for c in delta.changes) == ["last_verified", "status", "status_since"]
    assert (record.history_user, record.status) == (alice, "ended")


def test_the_models_in_the_issue_have_history():
    assert [hasattr(model, "history") for model in (Meeting, Venue, Area, Programme)] == [True] * 4


def focus_ids(*slugs):
    return list(Focus.objects.filter(slug__in=slugs).values_list("pk", flat=True))


def test_a_change_of_focuses_is_one_version_with_the_old_and_new_focuses(client, alice):
    meeting = MeetingFactory(focuses=["women"], features=["speaker"])
    versions = meeting.history.count()

    change(client, meeting, focuses=focus_ids("women", "lgbtq"), public_notes="Side door")

    assert meeting.history.count() == versions + 1
    record = meeting.history.latest()
    delta = record.diff_against(record.prev_record, foreign_keys_are_objs=True)
    assert sorted(
        (c.field, [str(r["focus"]) for r in c.old], [str(r["focus"]) for r in c.new])
        for c in delta.changes
        if c.field == "focuses"
    ) == [("focuses", ["Women"], ["Women", "LGBTQ+"])]
    assert sorted(c.field for c in delta.changes) == ["focuses", "public_notes"]
    assert record.history_user == alice
    response = history_page(client, meeting)
    assertContains(
        response,
        "<li><strong>Focuses:</strong> Women &nbsp;&rarr;&nbsp;&nbsp;Women, LGBTQ+</li>",
        html=True,
    )


def test_reverting_restores_the_focuses_of_that_version(client, alice):
    meeting = MeetingFactory(focuses=["women"], features=["speaker"])
    change(client, meeting, focuses=focus_ids("men"), features=[])
    first = meeting.history.order_by("history_id").last().prev_record
    revert_url = reverse("admin:meetings_meeting_simple_history", args=[meeting.pk, first.pk])

    form = client.get(revert_url).context["adminform"].form
    response = client.post(revert_url, admin_form_data(client.get(revert_url)))

    assert [Focus.objects.get(pk=pk).slug for pk in form["focuses"].value()] == ["women"]
    assert response.status_code == 302
    assert [f.slug for f in meeting.focuses.all()] == ["women"]
    assert [f.slug for f in meeting.features.all()] == ["speaker"]
    latest = meeting.history.latest()
    assert [r.focus.slug for r in latest.focuses.all()] == ["women"]


def test_versions_from_before_focuses_were_kept_are_given_todays():
    meeting = MeetingFactory(focuses=["women", "lgbtq"], features=["speaker"])
    MeetingFactory(focuses=["men"])
    for record in meeting.history.all():
        record.focuses.all().delete()
        record.features.all().delete()
    migration = importlib.import_module("meetings.migrations.0020_history_of_focuses_and_features")

    migration.give_earlier_versions_todays_choices(apps, None)

    assert [
        (
            sorted(record.focuses.values_list("focus__slug", flat=True)),
            list(record.features.values_list("feature__slug", flat=True)),
        )
        for record in meeting.history.all()
    ] == [(["lgbtq", "women"], ["speaker"])] * meeting.history.count()


def test_a_meeting_added_in_admin_is_one_version_with_its_focuses(client, alice):
    template = MeetingFactory(focuses=["women"])
    url = reverse("admin:meetings_meeting_change", args=[template.pk])
    data = admin_form_data(client.get(url), name="New Group", slug="new-group")

    response = client.post(reverse("admin:meetings_meeting_add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting = Meeting.objects.get(slug="new-group")
    assert [
        (r.history_type, r.history_user, [f.focus.slug for f in r.focuses.all()])
        for r in meeting.history.all()
    ] == [("+", alice, ["women"])]


def test_an_imported_meeting_is_one_version_with_its_focuses_and_features():
    source = importer.find_or_build_source("feed.json", ProgrammeFactory(), "Europe/London")
    row = {"slug": "w", "name": "Women's Step Group", "day": 1, "time": "19:00",
           "types": ["W", "SP"], "conference_url": "https://meet.example.org/w"}  # fmt: skip

    importer.apply(importer.plan_import(source, [(1, row)]))

    meeting = Meeting.objects.get()
    assert [
        (
            r.history_type,
            [f.focus.slug for f in r.focuses.all()],
            [f.feature.slug for f in r.features.all()],
        )
        for r in meeting.history.all()
    ] == [("+", ["women"], ["speaker"])]


@pytest.mark.parametrize("factory", [MeetingFactory, VenueFactory, AreaFactory, ProgrammeFactory])
def test_saving_unchanged_adds_no_version_and_no_clash(client, alice, factory):
    obj = factory()
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    opened_by_another = client.get(url)
    versions = obj.history.count()

    client.post(url, admin_form_data(client.get(url)))
    response = client.post(url, admin_form_data(opened_by_another, name="Renamed"))

    assert response.status_code == 302  # not "This was changed by … since you opened it"
    assert obj.history.count() == versions + 1


def test_line_breaks_as_browsers_send_them_are_no_change(client, alice):
    programme = ProgrammeFactory(description="First line.\nSecond line.")
    url = reverse("admin:programmes_programme_change", args=[programme.pk])
    form = admin_form_data(client.get(url))
    versions = programme.history.count()

    # A browser sends a text box's "\n" as "\r\n".
    sent = {name: value.replace("\n", "\r\n") if isinstance(value, str) else value
            for name, value in form.items()}  # fmt: skip
    client.post(url, sent)

    programme.refresh_from_db()
    assert (programme.description, programme.history.count()) == (
        "First line.\nSecond line.",
        versions,
    )


def test_an_import_records_each_change_as_one_version_that_says_where_it_came_from():
    source = importer.find_or_build_source("feed.json", ProgrammeFactory(), "Europe/London")
    row = {"slug": "w", "name": "Women's Step Group", "day": 1, "time": "19:00",
           "types": ["W"], "conference_url": "https://meet.example.org/w"}  # fmt: skip
    importer.apply(importer.plan_import(source, [(1, row)]))
    Meeting.objects.update(status="temporarily-closed", status_since="2025-01-06")
    changed_row = {**row, "time": "19:30", "types": ["W", "SP", "LGBTQ"]}

    importer.apply(importer.plan_import(source, [(1, changed_row)]))
    importer.apply(importer.plan_import(source, []))  # the source no longer lists it

    meeting = Meeting.objects.get()
    assert [
        (
            r.history_type,
            r.status,
            r.status_since == timezone.localdate(),
            r.start_time.strftime("%H:%M"),
            sorted(f.focus.slug for f in r.focuses.all()),
            [f.feature.slug for f in r.features.all()],
            r.history_change_reason,
        )
        for r in meeting.history.order_by("history_date", "history_id")
    ] == [
        ("+", "active", False, "19:00", ["women"], [], "Imported from feed.json"),
        ("~", "active", True, "19:30", ["lgbtq", "women"], ["speaker"], "Imported from feed.json"),
        ("~", "ended", True, "19:30", ["lgbtq", "women"], ["speaker"], "Imported from feed.json"),
    ]


def test_the_history_page_says_which_import_made_a_change(client, alice):
    name = "https://na-manchester.example.org/wp-admin/admin-ajax.php?action=meetings&" + "x" * 200
    source = importer.find_or_build_source(name, ProgrammeFactory(), "Europe/London", "NA North")
    row = {"slug": "w", "name": "Step Group", "day": 1, "time": "19:00",
           "conference_url": "https://meet.example.org/w"}  # fmt: skip

    importer.apply(importer.plan_import(source, [(1, row)]))

    assertContains(history_page(client, Meeting.objects.get()), "Imported from NA North")


def test_a_source_name_too_long_for_the_reason_is_shortened():
    source = importer.find_or_build_source("feed.json", ProgrammeFactory(), name="N" * 200)
    row = {"slug": "w", "name": "Step Group", "day": 1, "time": "19:00",
           "conference_url": "https://meet.example.org/w"}  # fmt: skip

    importer.apply(importer.plan_import(source, [(1, row)]))

    reason = Meeting.history.get().history_change_reason
    assert (len(reason), reason[:16], reason[-2:]) == (100, "Imported from NN", "N…")


def test_each_version_staff_save_says_how_in_the_change_reason_column(client, alice):
    template = MeetingFactory()
    url = reverse("admin:meetings_meeting_change", args=[template.pk])
    data = admin_form_data(client.get(url), name="New Group", slug="new-group")
    client.post(reverse("admin:meetings_meeting_add"), data)
    meeting = Meeting.objects.get(slug="new-group")
    change(client, meeting, public_notes="Wrong words")
    first = meeting.history.earliest()
    revert_url = reverse("admin:meetings_meeting_simple_history", args=[meeting.pk, first.pk])
    client.post(revert_url, admin_form_data(client.get(revert_url)))
    client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "mark_verified_today", "_selected_action": [meeting.pk]},
    )
    change(client, meeting.venue, name="Renamed Hall")

    assert [r.history_change_reason for r in meeting.history.order_by("history_id")] == [
        "Added in the admin",
        "Edited in the admin",
        "Reverted to an earlier version in the admin",
        "Marked verified",
    ]
    assert meeting.venue.history.latest().history_change_reason == "Edited in the admin"
    assertContains(history_page(client, meeting), "Reverted to an earlier version in the admin")


def test_a_venues_position_is_given_to_five_decimal_places(client, alice):
    venue = VenueFactory(latitude=53.4834600001, longitude=-2.2311800001)

    change(client, venue, location_set_by_staff="on", latitude="53.48", longitude="-2.23")

    assertContains(history_page(client, venue), "53.48346")
    assertNotContains(history_page(client, venue), "53.4834600001")


def test_a_revert_keeps_what_the_form_does_not_let_staff_change(client, alice):
    meeting = MeetingFactory(name="Hope Group", public_notes="Ring the bell")
    first = meeting.history.earliest()
    source = importer.find_or_build_source("feed.json", meeting.programme)
    source.save()
    Meeting.objects.filter(pk=meeting.pk).update(source=source, source_key="hope")
    meeting.refresh_from_db()
    change(client, meeting, public_notes="Wrong words")
    revert_url = reverse("admin:meetings_meeting_simple_history", args=[meeting.pk, first.pk])

    client.post(revert_url, admin_form_data(client.get(revert_url)))

    meeting.refresh_from_db()
    assert (meeting.public_notes, meeting.source, meeting.source_key) == (
        "Ring the bell",
        source,
        "hope",
    )


def test_a_programmes_history_page_says_who_changed_its_notes_and_what_they_said(client, alice):
    programme = ProgrammeFactory()
    kept = ProgrammeNoteFactory(programme=programme, kind="con", text="Few meetings")
    removed = ProgrammeNoteFactory(programme=programme, kind="pro", text="Free")
    url = reverse("admin:programmes_programme_change", args=[programme.pk])
    form = admin_form_data(client.get(url))
    prefix = next(name for name in form if name.endswith("-0-text")).removesuffix("0-text")
    index = {form[f"{prefix}{i}-id"]: i for i in range(2)}
    form[f"{prefix}{index[kept.pk]}-text"] = "Fewer meetings in rural areas"
    form[f"{prefix}{index[removed.pk]}-DELETE"] = "on"

    client.post(url, form)
    page = history_page(client, programme)

    rows = re.findall(
        r"<tr>\s*<td>[^<]+</td>\s*<td>([^<]+)</td>\s*<td>(\w+)</td>\s*<td>(.*?)</td>",
        page.content.decode(),
        flags=re.S,
    )
    assert rows == [
        ("alice", "Removed", "Pro: Free"),
        (
            "alice",
            "Changed",
            "Con: Fewer meetings in rural areas<br>(It said: Con: Few meetings)",
        ),
        ("(not known)", "Added", "Pro: Free"),  # made before anyone signed in
        ("(not known)", "Added", "Con: Few meetings"),
    ]


def test_a_programmes_history_page_reads_its_notes_versions_in_one_query(client, alice):
    programme = ProgrammeFactory()

    def queries_with_notes(count):
        for i in range(count):
            ProgrammeNoteFactory(programme=programme, text=f"Note {i}")
        with CaptureQueriesContext(connection) as queries:
            history_page(client, programme)
        return len(queries)

    assert queries_with_notes(1) == queries_with_notes(5)


def programme_form_with_its_notes(client, programme):
    url = reverse("admin:programmes_programme_change", args=[programme.pk])
    form = admin_form_data(client.get(url))
    prefix = next(name for name in form if name.endswith("-0-text")).removesuffix("0-text")
    return url, form, prefix


def test_a_note_changed_by_someone_else_since_the_page_was_opened_is_not_saved_over(client, alice):
    programme = ProgrammeFactory(pace="Slow")
    note = ProgrammeNoteFactory(programme=programme, kind="con", text="Few meetings")
    url, form, prefix = programme_form_with_its_notes(client, programme)
    note.text = "Fewer meetings in rural areas"  # another editor, meanwhile
    note.save()
    form[f"{prefix}0-text"] = "Few meetings nearby"

    refused = client.post(url, form)
    form = admin_form_data(refused)  # as the page now shows it, to save knowingly
    saved = client.post(url, form)

    assert refused.status_code == 200
    assertContains(refused, "since you opened it (perhaps in another tab), so nothing was saved")
    assertContains(refused, "Its notes: see the programme")
    assert saved.status_code == 302
    note.refresh_from_db()
    assert note.text == "Few meetings nearby"


def test_a_note_removed_since_the_page_was_opened_is_said_to_have_been(client, alice):
    programme = ProgrammeFactory()
    note = ProgrammeNoteFactory(programme=programme, kind="con", text="Few meetings")
    url, form, prefix = programme_form_with_its_notes(client, programme)
    note.delete()  # another editor, meanwhile

    refused = client.post(url, form)
    again = client.post(url, admin_form_data(refused))  # saving the page as it now shows

    assertContains(refused, "since you opened it (perhaps in another tab), so nothing was saved")
    assertContains(again, "A note on this page has been removed since you opened it.")
