import csv
from pathlib import Path

from django.db import migrations

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "uk-places.csv"


def search_name(text):
    # A copy of meetings.models.place_search_name: migrations must not import app code.
    return " ".join(text.lower().replace(".", " ").split())


def load(apps, schema_editor):
    Place = apps.get_model("meetings", "Place")
    with CSV_PATH.open(newline="", encoding="utf-8") as f:
        Place.objects.bulk_create(
            (
                Place(
                    name=row["place"],
                    search_name=search_name(row["place"]),
                    outcode=row["outcode"],
                    latitude=float(row["latitude"]),
                    longitude=float(row["longitude"]),
                    county=row["county"],
                    country=row["country"],
                )
                for row in csv.DictReader(f)
            ),
            batch_size=2000,
        )


def unload(apps, schema_editor):
    apps.get_model("meetings", "Place").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("meetings", "0004_place")]
    operations = [migrations.RunPython(load, unload)]
