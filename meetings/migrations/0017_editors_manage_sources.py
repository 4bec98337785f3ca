from django.contrib.auth.management import create_permissions
from django.db import migrations

SOURCE_PERMISSIONS = ["add_source", "change_source", "delete_source", "view_source"]


def let_editors_manage_sources(apps, schema_editor):
    """Sources came after the Editors group (0014): give Editors their permissions too."""
    app_config = apps.get_app_config("meetings")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Editors").first()
    if editors:
        editors.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="meetings", codename__in=SOURCE_PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0016_merge_staff_and_exchange")]
    operations = [migrations.RunPython(let_editors_manage_sources, migrations.RunPython.noop)]
