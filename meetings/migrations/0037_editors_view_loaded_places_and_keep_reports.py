"""Editors see the postcode and place tables but do not change them: they are loaded data
(manage.py load_postcodes), which every "near" search reads, and they keep no history. And
they dismiss a visitor's change report rather than delete it. Administrators still may."""

from django.db import migrations

NOT_FOR_EDITORS = [
    *(f"{action}_{model}" for action in ("add", "change")
      for model in ("postcodedistrict", "postcodesector", "postcodeunit", "place")),
    "delete_changereport",
]  # fmt: skip


def take_away(apps, schema_editor):
    editors = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if editors:
        editors.permissions.remove(
            *editors.permissions.filter(
                content_type__app_label="meetings", codename__in=NOT_FOR_EDITORS
            )
        )


def give_back(apps, schema_editor):
    editors = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if editors:
        Permission = apps.get_model("auth", "Permission")
        editors.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="meetings", codename__in=NOT_FOR_EDITORS
            )
        )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0036_slug_set_once")]
    operations = [migrations.RunPython(take_away, give_back)]
