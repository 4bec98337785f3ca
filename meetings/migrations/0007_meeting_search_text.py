from django.db import migrations, models

# The expression MeetingQuerySet.matching() searches, so that PostgreSQL uses the index.
SEARCH_INDEX = (
    "CREATE INDEX meeting_search_text_idx ON meetings_meeting "
    "USING GIN (to_tsvector('english'::regconfig, COALESCE(search_text, '')))"
)


def fill_search_text(apps, schema_editor):
    Meeting = apps.get_model("meetings", "Meeting")
    for meeting in Meeting.objects.select_related("programme", "venue"):
        parts = [meeting.name, meeting.group_name, meeting.public_notes, meeting.programme.name]
        if meeting.venue:
            parts += [meeting.venue.name, meeting.venue.town]
        meeting.search_text = " ".join(part for part in parts if part)
        meeting.save(update_fields=["search_text"])


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":  # SQLite has no such index
        schema_editor.execute(SEARCH_INDEX)


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS meeting_search_text_idx")


class Migration(migrations.Migration):
    dependencies = [("meetings", "0006_fortnight_parity")]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="search_text",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
        migrations.RunPython(create_search_index, drop_search_index),
    ]
