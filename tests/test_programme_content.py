import importlib
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from programmes.models import Abstinence, Approach, NoteKind, Programme, ProgrammeNote

pytestmark = pytest.mark.django_db

REVIEWED = "0006_shipped_wording_reviewed"
reviewed = importlib.import_module(f"programmes.migrations.{REVIEWED}")

SHIPPED = {
    "narcotics-anonymous": (Approach.TWELVE_STEP, True, Abstinence.COMPLETE),
    "alcoholics-anonymous": (Approach.TWELVE_STEP, True, Abstinence.COMPLETE_MEDICATION_YOURS),
    "cocaine-anonymous": (Approach.TWELVE_STEP, True, Abstinence.COMPLETE),
    "smart-recovery": (Approach.SKILLS_BASED, False, Abstinence.MAT_WELCOME),
    "smart-recovery-family-and-friends": (Approach.SKILLS_BASED, False, Abstinence.NOT_APPLICABLE),
    "local-peer-support": (Approach.OTHER, False, Abstinence.MAT_WELCOME),
    "rational-recovery": (Approach.SKILLS_BASED, False, Abstinence.FOR_GOOD),
}
TEXT_FIELDS = [
    "summary", "description", "first_meeting", "structure", "pace", "group_size",
    "one_to_one_support", "family_support",
]  # fmt: skip


def load_programmes(*args):
    out = io.StringIO()
    call_command("load_programmes", *args, stdout=out)
    return out.getvalue().splitlines()[-1]


@pytest.fixture
def shipped():
    load_programmes()


def test_every_programme_is_shipped_with_its_approach(shipped):
    assert {
        p.slug: (p.approach, p.spiritual, p.abstinence) for p in Programme.objects.all()
    } == SHIPPED


def test_running_it_twice_changes_nothing():
    first = load_programmes()
    rows = list(Programme.objects.values()), list(ProgrammeNote.objects.values())
    second = load_programmes()

    assert first == second == "Loaded 7 programmes and 68 notes."
    assert (list(Programme.objects.values()), list(ProgrammeNote.objects.values())) == rows


def test_every_programme_has_three_pros_cons_and_suitability_notes(shipped):
    for programme in Programme.objects.all():
        counts = {kind: programme.notes.filter(kind=kind).count() for kind in NoteKind}
        assert min(counts.values()) >= 3, (programme.slug, counts)


def test_every_programme_explains_itself_fully(shipped):
    for programme in Programme.objects.all():
        assert [f for f in TEXT_FIELDS if not getattr(programme, f).strip()] == [], programme.slug


def test_rational_recovery_says_plainly_it_has_no_groups(shipped):
    rational = Programme.objects.get(slug="rational-recovery")

    assert rational.holds_meetings is False
    assert list(Programme.objects.filter(holds_meetings=False)) == [rational]


def test_a_method_with_no_groups_is_not_described_as_meetings(client, shipped):
    page = client.get(reverse("programmes:programme_detail", args=["rational-recovery"]))
    html = page.content.decode()

    assert "<h2>Getting started</h2>" in html
    assert "What to expect at a first meeting" not in html
    assert "Meetings are free" not in html
    assert "<h2>Meetings</h2>" in html
    assert "has no groups, so there are no meetings to list." in html


def test_the_programmes_page_says_once_that_one_has_no_meetings(client, shipped):
    html = client.get(reverse("programmes:programme_list")).content.decode()

    assert html.count("A self-help method you learn on your own") == 1  # its summary
    assert html.count("no groups") == 1
    assert html.count("to list") == 1


def test_no_text_tells_anyone_what_they_must_do(shipped):
    texts = [note.text for note in ProgrammeNote.objects.all()] + [
        getattr(p, f) for p in Programme.objects.all() for f in TEXT_FIELDS
    ]
    assert [text for text in texts if "you must" in text.lower()] == []


def test_a_rerun_asked_to_restores_the_shipped_wording_over_admin_edits(shipped):
    Programme.objects.filter(slug="smart-recovery").update(summary="Edited by staff")
    ProgrammeNote.objects.create(
        programme=Programme.objects.get(slug="smart-recovery"), kind=NoteKind.PRO, text="Extra"
    )

    load_programmes("--restore-shipped-wording")

    smart = Programme.objects.get(slug="smart-recovery")
    assert smart.summary.startswith("Practical meetings with no religious side")
    assert not smart.notes.filter(text="Extra").exists()


@pytest.mark.django_db(transaction=True)
def test_the_reviewed_wording_replaces_only_shipped_texts_staff_have_not_edited():
    before = ("programmes", "0005_slug_set_once")
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps.get_model("programmes", "Programme")
    summary = next(row for row in reviewed.FIELDS if row[:2] == ("narcotics-anonymous", "summary"))
    common = {"approach": Approach.TWELVE_STEP, "abstinence": "complete"}
    old.objects.create(slug="narcotics-anonymous", name="NA", summary=summary[2], **common)
    old.objects.create(slug="alcoholics-anonymous", name="AA", summary="Edited.", **common)

    # To the latest of every app, REVIEWED among them: going back to 0005 also took back the
    # meetings migrations that depend on 0006, which later tests need.
    forward = MigrationExecutor(connection)
    forward.migrate(forward.loader.graph.leaf_nodes())

    na, aa = Programme.objects.get(name="NA"), Programme.objects.get(name="AA")
    assert (na.summary, aa.summary) == (summary[3], "Edited.")
    assert aa.abstinence == Abstinence.COMPLETE_MEDICATION_YOURS  # "complete" as shipped before
    assert [version.history_change_reason for version in na.history.all()] == [
        "Shipped wording reviewed (migration 0006)"
    ]
