import re
import unicodedata

from django.db import migrations

SHORT_NAME_ENDS = (" upon ", " on ", " under ", " super ", " in ")
# Slips in GeoNames' names, corrected in meetings/data/uk-places.csv too: two names, and a
# second Weston-super-Mare in Bristol (the business postcodes BS80) that made visitors choose.
CORRECTED = {
    "Gringley 0n the Hill": "Gringley on the Hill",
    "Totteridge &#40 Whetstone": "Totteridge & Whetstone",
}
NOT_PLACES = [("Weston-Super-Mare", "BS80")]


def search_name(text):
    # A copy of meetings.models.place_search_name: migrations must not import app code.
    letters = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in letters if not unicodedata.combining(c))
    text = re.sub(r"['’‘ʼ`]", "", text).replace("&", " and ")
    words = re.sub(r"[^\w\s]|_", " ", text).split()
    return " ".join({"saint": "st", "gt": "great"}.get(word, word) for word in words)


def short_search_name(name):
    # A copy of meetings.models.place_short_search_name.
    for connector in SHORT_NAME_ENDS:
        start, found, _ = name.partition(connector)
        if found:
            return start
    return ""


def refold(apps, schema_editor):
    """ "Elephant and Castle" finds Elephant & Castle, "Westward Ho!" Westward Ho, "Gt Yarmouth"
    Great Yarmouth."""
    Place = apps.get_model("meetings", "Place")
    for name, outcode in NOT_PLACES:
        Place.objects.filter(name=name, outcode=outcode).delete()
    changed = []
    for place in Place.objects.only("name", "search_name", "short_search_name"):
        name = CORRECTED.get(place.name, place.name)
        names = search_name(name)
        fields = (name, names, short_search_name(names))
        if fields != (place.name, place.search_name, place.short_search_name):
            place.name, place.search_name, place.short_search_name = fields
            changed.append(place)
    Place.objects.bulk_update(
        changed, ["name", "search_name", "short_search_name"], batch_size=2000
    )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0046_venue_updated")]

    operations = [migrations.RunPython(refold, migrations.RunPython.noop)]
