import re
import unicodedata

from django.db import migrations

# Copies of Meeting's language rules and indexed_words(), as they are now: migrations must
# not import app code.
LANGUAGE_SEPARATOR = re.compile(r"[,;/]| and ", flags=re.IGNORECASE)
OWN_NAMES = {"welsh": "Cymraeg", "scottish gaelic": "Gàidhlig", "gaelic": "Gàidhlig", "irish": "Gaeilge"}
APOSTROPHES = "'’‘ʼ`"


def words(text):
    letters = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in letters if not unicodedata.combining(c))
    joined = re.findall(rf"\w+(?:[{APOSTROPHES}]\w+)+", text)
    for apostrophe in APOSTROPHES:
        text = text.replace(apostrophe, "")
    return re.findall(r"\w+", text) + [p for word in joined for p in re.findall(r"\w+", word)]


def language_words(languages):
    names = [name.strip() for name in LANGUAGE_SEPARATOR.split(languages) if name.strip()]
    return words(" ".join([languages, *(OWN_NAMES.get(name.lower(), "") for name in names)]))


def add_languages(apps, schema_editor):
    """Keyword search finds meetings by the languages they are held in ("Welsh", "Cymraeg"):
    their words go at the end of the words it looks in (whose order does not matter)."""
    Meeting = apps.get_model("meetings", "Meeting")
    meetings = list(Meeting.objects.only("pk", "languages", "search_text"))
    for meeting in meetings:
        if added := language_words(meeting.languages):
            meeting.search_text = f"{meeting.search_text.rstrip()} {' '.join(added)} "
    Meeting.objects.bulk_update(meetings, ["search_text"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0042_venue_schedule_index_holds_attendance")]

    operations = [migrations.RunPython(add_languages, migrations.RunPython.noop)]
