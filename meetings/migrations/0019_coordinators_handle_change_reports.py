from django.contrib.auth.management import create_permissions
from django.db import migrations

REPORT_PERMISSIONS = ["view_changereport", "change_changereport"]


def let_coordinators_handle_reports(apps, schema_editor):
    """Area coordinators read and move on the change reports about meetings in their areas
    (only those: see AreaScopedAdmin in meetings/staff.py). They neither add nor delete them."""
    app_config = apps.get_app_config("meetings")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    coordinators = Group.objects.filter(name="Area coordinators").first()
    if coordinators:
        coordinators.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="meetings", codename__in=REPORT_PERMISSIONS
            )
        )


def take_them_away(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    coordinators = Group.objects.filter(name="Area coordinators").first()
    if coordinators:
        coordinators.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="meetings", codename__in=REPORT_PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0018_history_of_imported_meetings")]
    operations = [migrations.RunPython(let_coordinators_handle_reports, take_them_away)]
