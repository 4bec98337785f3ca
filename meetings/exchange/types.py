"""Meeting Guide type codes and what they mean here: one table each way.

The codes come from code4recovery/spec (meetings/schemas/meeting-guide-types.json, MIT, see
LICENSE beside it). What the list lacks (British Sign Language, MAT, hearing loops…) gets a
custom code starting "GB-", which cannot clash with the reserved codes or with ISO 639
language codes; other apps ignore codes they do not know.
"""

import json
from pathlib import Path

from meetings.models import Openness

TYPES_FILE = Path(__file__).resolve().parent.parent / "schemas" / "meeting-guide-types.json"
MEETING_GUIDE_TYPES = {
    code: names["en"] for code, names in json.loads(TYPES_FILE.read_text()).items()
}
CUSTOM_TYPES = {
    "GB-BSL": "British Sign Language",
    "GB-FAM": "Families and Friends",
    "GB-EMP": "Employment",
    "GB-MH": "Mental Health",
    "GB-SOC": "Social Networks",
    "GB-NW": "Newcomers Welcome",
    "GB-HL": "Hearing Loop",
    "GB-MAT": "Medication-Assisted Treatment Welcome",
}
# Removed from the spec in 2022, but the WordPress plugin still writes and reads it.
ONLINE = "ONL"
TEMPORARILY_CLOSED = "TC"
ALL_TYPES = MEETING_GUIDE_TYPES | CUSTOM_TYPES | {ONLINE: "Online Meeting"}

# Ours -> theirs. Every value is unique, so that a feed reads back without loss.
FOCUS_TYPES = {
    "women": "W",
    "men": "M",
    "lgbtq": "LGBTQ",
    "young-people": "Y",
    "ethnic-minorities": "POC",
    "families": "GB-FAM",
    "newcomers": "BE",
    "bsl": "GB-BSL",
    "employment": "GB-EMP",
    "mental-health": "GB-MH",
    "social-networks": "GB-SOC",
}
FEATURE_TYPES = {
    "newcomers-welcome": "GB-NW",
    "speaker": "SP",
    "discussion": "D",
    "step-study": "ST",
    "literature": "LIT",
    "attendance-letter": "POA",
    "childcare": "BA",
}
OPENNESS_TYPES = {Openness.OPEN: "O", Openness.CLOSED: "C"}
VENUE_TYPES = {"step_free": "X", "accessible_toilet": "XB", "hearing_loop": "GB-HL"}
MAT_WELCOME = "GB-MAT"  # from the programme, so read back from nowhere
LANGUAGE_CODES = [
    "AF", "AM", "AR", "BG", "DA", "DE", "EL", "EN", "FA", "FI", "FR", "HE", "HI", "HR", "HU",
    "IS", "ITA", "JA", "KA", "KOR", "LT", "ML", "MT", "NE", "NL", "NO", "POL", "POR", "PUN",
    "RUS", "S", "SK", "SL", "SV", "TH", "TL", "TUR", "UK",
]  # fmt: skip
LANGUAGE_TYPES = {MEETING_GUIDE_TYPES[code]: code for code in LANGUAGE_CODES}  # "Polish": "POL"

# Theirs -> ours: the inverses, plus the narrower codes that our broader tags cover.
TYPE_FOCUSES = {code: slug for slug, code in FOCUS_TYPES.items()} | {
    code: "lgbtq" for code in ("G", "L", "T", "BI", "NB")
}
TYPE_FEATURES = {code: slug for slug, code in FEATURE_TYPES.items()}
TYPE_OPENNESS = {code: openness for openness, code in OPENNESS_TYPES.items()}
TYPE_VENUE = {code: field for field, code in VENUE_TYPES.items()}
TYPE_LANGUAGES = {code: name for name, code in LANGUAGE_TYPES.items()}
# Codes that say how to take part; the importer reads them with the conference fields.
ATTENDANCE_HINTS = {ONLINE, TEMPORARILY_CLOSED}
UNDERSTOOD = (
    set(TYPE_FOCUSES)
    | set(TYPE_FEATURES)
    | set(TYPE_OPENNESS)
    | set(TYPE_VENUE)
    | set(TYPE_LANGUAGES)
    | ATTENDANCE_HINTS
    | {MAT_WELCOME}
)
# Spreadsheets name their types ("Open, Wheelchair Access"): names and codes both work.
TYPE_BY_NAME = {name.lower(): code for code, name in ALL_TYPES.items()} | {"online": ONLINE}


def type_code(text):
    """ "Open", "open" or "O" -> "O"; any other text comes back as it was, stripped."""
    text = str(text).strip()
    return text if text in ALL_TYPES else TYPE_BY_NAME.get(text.lower(), text)


def mapping_rows():
    """(our tag, code, their name) for the documentation and the "Use our data" page."""
    rows = [(f"Open or closed: {o.label.split(':')[0]}", c) for o, c in OPENNESS_TYPES.items()]
    rows += [(f"Focus: {slug}", code) for slug, code in FOCUS_TYPES.items()]
    rows += [(f"Feature: {slug}", code) for slug, code in FEATURE_TYPES.items()]
    rows += [(f"Venue: {field.replace('_', ' ')}", code) for field, code in VENUE_TYPES.items()]
    rows += [("Programme welcomes people on MAT", MAT_WELCOME)]
    rows += [("Attendance: online or hybrid", ONLINE)]
    rows += [(f"Language: {name}", code) for name, code in LANGUAGE_TYPES.items()]
    return [(ours, code, ALL_TYPES[code]) for ours, code in rows]
