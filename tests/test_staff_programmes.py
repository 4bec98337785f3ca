"""Shipped programme content never overwrites what staff edited, unless asked to."""

import io

import pytest
from django.core.management import call_command

from programmes.models import NoteKind, Programme, ProgrammeNote

pytestmark = pytest.mark.django_db


def load_programmes(*args):
    out = io.StringIO()
    call_command("load_programmes", *args, stdout=out)
    return out.getvalue().splitlines()[-2:]


def test_a_rerun_leaves_edited_wording_and_added_notes_alone():
    load_programmes()
    smart = Programme.objects.get(slug="smart-recovery")
    Programme.objects.filter(pk=smart.pk).update(summary="Edited by staff", spiritual=True)
    first_pro = smart.notes.get(kind=NoteKind.PRO, order=0)
    first_pro.text = "Reworded by staff"
    first_pro.save()
    ProgrammeNote.objects.create(programme=smart, kind=NoteKind.PRO, order=99, text="Extra")

    output = load_programmes()

    smart.refresh_from_db()
    assert (smart.summary, smart.spiritual) == ("Edited by staff", True)
    assert smart.notes.get(kind=NoteKind.PRO, order=0).text == "Reworded by staff"
    assert smart.notes.filter(text="Extra").count() == 1
    assert output == [
        "Added 0 missing programmes, notes or texts; left edits made in admin alone "
        "(--restore-shipped-wording puts the shipped wording back).",
        "Loaded 7 programmes and 68 notes.",
    ]


def test_a_rerun_adds_what_is_missing():
    load_programmes()
    smart = Programme.objects.get(slug="smart-recovery")
    shipped_summary = smart.summary
    Programme.objects.filter(pk=smart.pk).update(summary="")
    smart.notes.filter(kind=NoteKind.CON, order=0).delete()
    Programme.objects.filter(slug="rational-recovery").delete()

    output = load_programmes()

    smart.refresh_from_db()
    assert smart.summary == shipped_summary
    assert smart.notes.filter(kind=NoteKind.CON, order=0).count() == 1
    assert Programme.objects.filter(slug="rational-recovery").count() == 1
    assert ProgrammeNote.objects.count() == 68
    rational_notes = Programme.objects.get(slug="rational-recovery").notes.count()
    assert output[0].startswith(f"Added {1 + 1 + 1 + rational_notes} missing")


def test_make_run_loads_demo_data_without_undoing_an_edit():
    call_command("load_demo_data", stdout=io.StringIO())
    Programme.objects.filter(slug="narcotics-anonymous").update(summary="Edited by staff")

    call_command("load_demo_data", stdout=io.StringIO())

    assert Programme.objects.get(slug="narcotics-anonymous").summary == "Edited by staff"


def test_the_flag_restores_the_shipped_wording():
    load_programmes()
    shipped = Programme.objects.get(slug="smart-recovery").summary
    Programme.objects.filter(slug="smart-recovery").update(summary="Edited by staff")

    load_programmes("--restore-shipped-wording")

    assert Programme.objects.get(slug="smart-recovery").summary == shipped
