"""Rational Recovery's shipped summary said it had no meetings to list, which the pages
already say beside it: the shipped summary, where staff have not changed it, says it once."""

from django.db import migrations

OLD = (
    "A self-help method you learn on your own, from a book or website. It has no "
    "groups or meetings, so this site has none to list."
)
NEW = "A self-help method you learn on your own, from a book or website."


def shorten(apps, schema_editor):
    Programme = apps.get_model("programmes", "Programme")
    Programme.objects.filter(slug="rational-recovery", summary=OLD).update(summary=NEW)


def lengthen(apps, schema_editor):
    Programme = apps.get_model("programmes", "Programme")
    Programme.objects.filter(slug="rational-recovery", summary=NEW).update(summary=OLD)


class Migration(migrations.Migration):
    dependencies = [("programmes", "0003_history")]

    operations = [migrations.RunPython(shorten, lengthen)]
