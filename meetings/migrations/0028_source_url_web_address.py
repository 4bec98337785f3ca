import meetings.models.sources
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meetings", "0027_venue_schedule_index_holds_id")]
    operations = [
        migrations.AlterField(
            model_name="source",
            name="url",
            field=models.URLField(
                blank=True,
                help_text="Synced nightly when given.",
                max_length=500,
                validators=[meetings.models.sources.web_address],
                verbose_name="URL",
            ),
        ),
    ]
