import unicodedata

from django.db import migrations

SHORT_NAME_ENDS = (" upon ", " on ", " under ", " super ", " in ")


def search_name(text):
    # A copy of meetings.models.place_search_name: migrations must not import app code.
    letters = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in letters if not unicodedata.combining(c) and c not in "'’")
    words = text.replace(".", " ").replace("-", " ").split()
    return " ".join("st" if word == "saint" else word for word in words)


def short_search_name(name):
    # A copy of meetings.models.place_short_search_name.
    for connector in SHORT_NAME_ENDS:
        start, found, _ = name.partition(connector)
        if found:
            return start
    return ""


def refold(apps, schema_editor):
    """ "Saint Albans" finds St Albans, "Kings Lynn" King's Lynn, "Ynys Mon" Ynys Môn."""
    Place = apps.get_model("meetings", "Place")
    changed = []
    for place in Place.objects.only("name", "search_name", "short_search_name"):
        names = search_name(place.name)
        names = (names, short_search_name(names))
        if names != (place.search_name, place.short_search_name):
            place.search_name, place.short_search_name = names
            changed.append(place)
    Place.objects.bulk_update(changed, ["search_name", "short_search_name"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0034_search_text_without_accents")]

    operations = [migrations.RunPython(refold, migrations.RunPython.noop)]
