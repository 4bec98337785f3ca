"""The venue schedule index holds the attendance too, so that a search near a place leaves out
online-only meetings, whose venue is no place to go, from the index alone; on PostgreSQL still
with the id (migration 0027)."""

from django.db import migrations, models

BEFORE = "venue_id, status, uk_weekday, uk_start_time"
AFTER = f"{BEFORE}, attendance"


def recreated(columns, include=" INCLUDE (id)"):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("DROP INDEX meeting_venue_schedule_idx")
            schema_editor.execute(
                f"CREATE INDEX meeting_venue_schedule_idx ON meetings_meeting ({columns})"
                + include
            )

    return run


class Migration(migrations.Migration):
    dependencies = [("meetings", "0041_attendance_letter_in_plain_words")]

    operations = [
        # Backwards, last: the index as migration 0027 left it.
        migrations.RunPython(migrations.RunPython.noop, recreated(BEFORE)),
        migrations.RemoveIndex(model_name="meeting", name="meeting_venue_schedule_idx"),
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(
                fields=["venue", "status", "uk_weekday", "uk_start_time", "attendance"],
                name="meeting_venue_schedule_idx",
            ),
        ),
        migrations.RunPython(recreated(AFTER), recreated(AFTER, include="")),
    ]
