import re
import unicodedata

from django.db import migrations

APOSTROPHES = "'’‘ʼ`"


def search_text(meeting):
    # A copy of Meeting.build_search_text() and indexed_words(): migrations must not import
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
    text = "".join(c for c in letters if not unicodedata.combining(c))
    joined = re.findall(rf"\w+(?:[{APOSTROPHES}]\w+)+", text)
    for apostrophe in APOSTROPHES:
        text = text.replace(apostrophe, "")
    words = re.findall(r"\w+", text) + [p for word in joined for p in re.findall(r"\w+", word)]
    return f" {' '.join(words)} "


def join_apostrophes(apps, schema_editor):
    """Keyword search finds "St Anne's" from "st annes": the words it looks in are also
    written without their apostrophes."""
    Meeting = apps.get_model("meetings", "Meeting")
    meetings = list(Meeting.objects.select_related("programme", "venue"))
    for meeting in meetings:
        meeting.search_text = search_text(meeting)
    Meeting.objects.bulk_update(meetings, ["search_text"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0037_editors_view_loaded_places_and_keep_reports")]

    operations = [migrations.RunPython(join_apostrophes, migrations.RunPython.noop)]
