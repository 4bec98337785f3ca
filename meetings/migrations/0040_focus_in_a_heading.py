"""How a list's heading names a focus: "3 meetings in British Sign Language", not "for
British Sign Language". The shipped focuses that "for" and their name do not suit."""

from django.db import migrations, models

IN_A_HEADING = {
    "bsl": "in British Sign Language",
    "lgbtq": "for LGBTQ+ people",
    "ethnic-minorities": "for people from ethnic minority communities",
    "employment": "about work and training",
    "mental-health": "about mental health",
    "social-networks": "about rebuilding friendships",
}


def name_them(apps, schema_editor):
    Focus = apps.get_model("meetings", "Focus")
    for slug, words in IN_A_HEADING.items():
        Focus.objects.filter(slug=slug, in_a_heading="").update(in_a_heading=words)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0039_import_previews_out_of_the_session"),
    ]

    operations = [
        migrations.AddField(
            model_name="focus",
            name="in_a_heading",
            field=models.CharField(
                blank=True,
                help_text="How a list's heading says it after “meetings”: “for women”, “in "
                "British Sign Language”. If empty, “for” and the name.",
                max_length=80,
                verbose_name="in a heading",
            ),
        ),
        migrations.RunPython(name_them, migrations.RunPython.noop),
    ]
