from django.core.management.base import BaseCommand
from django.db import transaction

from programmes.content import PROGRAMMES
from programmes.models import NoteKind, Programme, ProgrammeNote


class Command(BaseCommand):
    help = (
        "Load the programmes this site explains, with their pros, cons and suitability notes. "
        "Safe to run again; it puts back the shipped wording over any edits made in admin."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        notes = 0
        for row in PROGRAMMES:
            fields = {key: value for key, value in row.items() if key not in ("slug", "notes")}
            programme, _ = Programme.objects.update_or_create(slug=row["slug"], defaults=fields)
            shipped = {
                (NoteKind(kind), order): text
                for kind, texts in row["notes"].items()
                for order, text in enumerate(texts)
            }
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
            notes += len(shipped)
            self.stdout.write(f"  {programme.name}: {len(shipped)} notes")
        message = f"Loaded {len(PROGRAMMES)} programmes and {notes} notes."
        self.stdout.write(self.style.SUCCESS(message))
