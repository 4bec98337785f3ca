from django.db import migrations, models

SHORT_NAME_ENDS = (" upon ", " on ", " under ", " super ", " in ")


def short_search_name(search_name):
    # A copy of meetings.models.place_short_search_name: migrations must not import app code.
    for connector in SHORT_NAME_ENDS:
        start, found, _ = search_name.partition(connector)
        if found:
            return start
    return ""


def fill(apps, schema_editor):
    Place = apps.get_model("meetings", "Place")
    places = list(Place.objects.all())
    for place in places:
        place.short_search_name = short_search_name(place.search_name)
    named = [place for place in places if place.short_search_name]
    Place.objects.bulk_update(named, ["short_search_name"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0028_source_url_web_address")]
    operations = [
        migrations.AddField(
            model_name="place",
            name="short_search_name",
            field=models.CharField(db_index=True, default="", editable=False, max_length=100),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
