"""Editors end meetings rather than delete them: a deleted meeting's address, printed as a QR
code and shared, said only "not found" instead of "this meeting has ended" with others
nearby, and its change reports went with it. The postcode lookup tables are loaded data, not
listings. Administrators (superusers) may still delete."""

from django.db import migrations

NOT_FOR_EDITORS = [
    "delete_meeting",
    "delete_postcodedistrict",
    "delete_postcodesector",
    "delete_postcodeunit",
    "delete_place",
]


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
    dependencies = [("meetings", "0029_place_short_search_name")]
    operations = [migrations.RunPython(take_away, give_back)]
