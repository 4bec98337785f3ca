import csv
from pathlib import Path

from django.db import migrations

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "uk-postcode-districts.csv"


def load(apps, schema_editor):
    PostcodeDistrict = apps.get_model("meetings", "PostcodeDistrict")
    with CSV_PATH.open(newline="", encoding="utf-8") as f:
        PostcodeDistrict.objects.bulk_create(
            PostcodeDistrict(
                outcode=row["outcode"],
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                town=row["town"],
            )
            for row in csv.DictReader(f)
        )


def unload(apps, schema_editor):
    apps.get_model("meetings", "PostcodeDistrict").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
