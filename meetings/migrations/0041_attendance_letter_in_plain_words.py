"""The attendance letter feature in plain words ("chit" is not), unless staff have edited it."""

from django.db import migrations

BEFORE = "A letter or chit confirming attendance is available"
AFTER = "The group can give you a letter to say you attended"


def reword(before, after):
    def run(apps, schema_editor):
        Feature = apps.get_model("meetings", "Feature")
        Feature.objects.filter(slug="attendance-letter", description=before).update(
            description=after
        )

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0040_focus_in_a_heading"),
    ]

    operations = [migrations.RunPython(reword(BEFORE, AFTER), reword(AFTER, BEFORE))]
