from django.db import migrations

# The slugs are public: they appear in shared and printed URLs (?focus=women).
FOCUSES = [
    ("Women", "women", "W", "For women only"),
    ("Men", "men", "M", "For men only"),
    ("LGBTQ+", "lgbtq", "LGBT", "For lesbian, gay, bisexual, trans and queer people"),
    ("Young people", "young-people", "YP", "For young people, usually under 30"),
    ("Ethnic minorities", "ethnic-minorities", "EM",
     "For people from Black, Asian and other ethnic minority communities"),
    ("Families and friends", "families", "FF",
     "For relatives and friends of someone with an addiction"),
    ("Newcomers", "newcomers", "N", "Especially for people new to recovery"),
    ("British Sign Language", "bsl", "BSL", "Signed in BSL or with a BSL interpreter"),
    ("Employment", "employment", "EMP", "Focus on work, training and volunteering"),
    ("Mental health", "mental-health", "MH", "Focus on mental health alongside recovery"),
    ("Social networks", "social-networks", "SOC", "Focus on rebuilding friendships and support"),
]
FEATURES = [
    ("Newcomers welcome", "newcomers-welcome", "NW", "People at their first meeting are welcome"),
    ("Speaker", "speaker", "SP", "One member shares their story"),
    ("Discussion", "discussion", "D", "Members take turns to share on a topic"),
    ("Step study", "step-study", "ST", "Works through one of the 12 steps"),
    ("Literature", "literature", "LIT", "Reads and discusses the programme's books"),
    ("Attendance letter", "attendance-letter", "AL",
     "A letter or chit confirming attendance is available"),
    ("Childcare", "childcare", "CC", "Childcare is available"),
]


def load(apps, schema_editor):
    for model_name, rows in (("Focus", FOCUSES), ("Feature", FEATURES)):
        model = apps.get_model("meetings", model_name)
        for order, (name, slug, code, description) in enumerate(rows):
            model.objects.update_or_create(
                slug=slug,
                defaults={"name": name, "code": code, "description": description, "order": order},
            )


def unload(apps, schema_editor):
    apps.get_model("meetings", "Focus").objects.all().delete()
    apps.get_model("meetings", "Feature").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("meetings", "0002_load_postcode_districts")]
    operations = [migrations.RunPython(load, unload)]
