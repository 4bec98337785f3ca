import django.utils.timezone
from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce


def from_history(apps, schema_editor):
    """When each venue last changed, as its history tells; the time of this migration for a
    venue without any. Each version's own is when it was recorded."""
    Venue = apps.get_model("meetings", "Venue")
    HistoricalVenue = apps.get_model("meetings", "HistoricalVenue")
    HistoricalVenue.objects.update(updated=F("history_date"))
    newest = HistoricalVenue.objects.filter(id=OuterRef("pk")).order_by("-history_date")
    Venue.objects.update(
        updated=Coalesce(Subquery(newest.values("history_date")[:1]), F("updated"))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0045_notes_language"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalvenue",
            name="updated",
            field=models.DateTimeField(
                blank=True, default=django.utils.timezone.now, editable=False
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="venue",
            name="updated",
            field=models.DateTimeField(auto_now=True),
        ),
        migrations.RunPython(from_history, migrations.RunPython.noop),
    ]
