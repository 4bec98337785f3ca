from django.core.management.base import BaseCommand
from django.db import transaction

from programmes.content import PROGRAMMES
from programmes.models import NoteKind, Programme, ProgrammeNote


class Command(BaseCommand):
    help = (
        "Load the programmes this site explains, with their pros, cons and suitability notes. "
        "Safe to run again: it adds programmes, notes and wording that are missing and leaves "
        "what staff edited in admin alone, unless given --restore-shipped-wording."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--restore-shipped-wording",
            action="store_true",
            help="Put back the shipped wording over edits made in admin, and remove notes "
            "added in admin.",
        )

    @transaction.atomic
    def handle(self, *args, restore_shipped_wording=False, **options):
        notes = added = 0
        for row in PROGRAMMES:
            fields = {key: value for key, value in row.items() if key not in ("slug", "notes")}
            shipped = {
                (NoteKind(kind), order): text
                for kind, texts in row["notes"].items()
                for order, text in enumerate(texts)
            }
            if restore_shipped_wording:
                programme = self.restore(row["slug"], fields, shipped)
            else:
                programme, new = self.add_missing(row["slug"], fields, shipped)
                added += new
            notes += len(shipped)
            self.stdout.write(f"  {programme.name}: {len(shipped)} notes")
        if not restore_shipped_wording:
            self.stdout.write(
                f"Added {added} missing programmes, notes or texts; left edits made in admin "
                "alone (--restore-shipped-wording puts the shipped wording back)."
            )
        message = f"Loaded {len(PROGRAMMES)} programmes and {notes} notes."
        self.stdout.write(self.style.SUCCESS(message))

    def add_missing(self, slug, fields, shipped):
        """Create the programme if it is new, fill in only its empty texts, and add the
        shipped notes whose place (kind and order) is free. Returns (programme, how many
        things were added)."""
        programme, created = Programme.objects.get_or_create(slug=slug, defaults=fields)
        added = int(created)
        empty = {
            name: value
            for name, value in fields.items()
            if getattr(programme, name) in ("", None) and value not in ("", None)
        }
        if empty:
            for name, value in empty.items():
                setattr(programme, name, value)
            programme.save(update_fields=list(empty))
            added += len(empty)
        taken = set(programme.notes.values_list("kind", "order"))
        for (kind, order), text in shipped.items():
            if (kind, order) not in taken:
                ProgrammeNote.objects.create(programme=programme, kind=kind, order=order, text=text)
                added += 1
        return programme, added

    def restore(self, slug, fields, shipped):
        programme, _ = Programme.objects.update_or_create(slug=slug, defaults=fields)
        # Notes added in admin may share a kind and order with a shipped one: keep the
        # oldest of each, so that each shipped note updates exactly one row.
        seen = set()
        for note in programme.notes.order_by("pk"):
            key = (note.kind, note.order)
            if key in seen or key not in shipped:
                note.delete()
            seen.add(key)
        for (kind, order), text in shipped.items():
            ProgrammeNote.objects.update_or_create(
                programme=programme, kind=kind, order=order, defaults={"text": text}
            )
        return programme
