import re
import unicodedata

from django.db import migrations


def search_text(meeting):
    # A copy of Meeting.build_search_text() and search_words(): migrations must not import
    # app code.
    parts = [
        meeting.name,
        meeting.group_name,
        meeting.public_notes,
        meeting.programme.name,
        meeting.programme.short_name,
    ]
    if meeting.venue:
        parts += [meeting.venue.name, meeting.venue.town]
    letters = unicodedata.normalize("NFKD", " ".join(parts).casefold())
    words = re.findall(r"\w+", "".join(c for c in letters if not unicodedata.combining(c)))
    return f" {' '.join(words)} "


def fold_accents(apps, schema_editor):
    """Keyword search finds "Café" from "cafe": the words it looks in lose their accents."""
    Meeting = apps.get_model("meetings", "Meeting")
    meetings = list(Meeting.objects.select_related("programme", "venue"))
    for meeting in meetings:
        meeting.search_text = search_text(meeting)
    Meeting.objects.bulk_update(meetings, ["search_text"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0033_meeting_time_help_text")]

    operations = [migrations.RunPython(fold_accents, migrations.RunPython.noop)]
