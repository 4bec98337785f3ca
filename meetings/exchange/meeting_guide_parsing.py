"""Meeting Guide feed items to meetings: one item (a dict, from JSON or a spreadsheet row) to
a Listing per day. What each field means, and how ours go out, is in meeting_guide.py.

Reading is tolerant, as real feeds are messy (see `parse_days`, `parse_time`, `parse_types`);
a row that cannot become a meeting raises `Rejected` with every problem found.
"""

import dataclasses
import datetime
import html
import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.html import strip_tags
from django.utils.text import slugify

from meetings import postcodes
from meetings.exchange import types
from meetings.exchange.meeting_guide import (
    DAYS,
    MEETING_ID,
    PASSCODE,
    from_meeting_guide_day,
    schedule_sentence,
)
from meetings.models import (
    LATEST_END_AFTER_MIDNIGHT,
    UK_TIME_ZONE,
    UNITED_KINGDOM,
    Attendance,
    Frequency,
    Meeting,
    Openness,
    Status,
    WeekOfMonth,
    ends_in_time,
    time_zone_named,
)


class Rejected(Exception):
    """A row that cannot become a meeting: `problems` is a list of (field, reason)."""

    def __init__(self, problems):
        super().__init__(problems)
        self.problems = problems


@dataclasses.dataclass
class Listing:
    """One meeting read from a row: the fields of a Meeting, its venue's and its tags."""

    key: str  # its slug in the source; "slug#day" when the row lists several days
    row: int
    fields: dict
    venue: dict | None
    focuses: set
    features: set
    warnings: list

    @property
    def slug(self):
        return slugify(self.key.replace("#", "-"))[:200]

    @property
    def venue_key(self):
        return venue_key(self.venue) if self.venue else None


VENUE_KEY_FIELDS = ("name", "address_line_1", "address_line_2", "town", "postcode", "country")


def venue_key(fields):
    return tuple(fields[name] for name in VENUE_KEY_FIELDS)


class Problems:
    """Collects (field, reason) for one row, so that a row reports all that is wrong at once."""

    def __init__(self):
        self.found = []

    def add(self, field, reason):
        self.found.append((field, reason))


def parse_item(item, row, default_time_zone=UK_TIME_ZONE):
    """A feed item (a dict) -> a list of Listings, one per day. Raises Rejected."""
    if not isinstance(item, dict):
        raise Rejected([("row", "is not an object with fields")])
    problems = Problems()
    slug = text(item.get("slug"))
    if not slug:
        problems.add("slug", "is missing")
    elif not slugify(slug):
        problems.add("slug", f"“{slug}” has no letters or digits")
    name = text(item.get("name"))
    if not name:
        problems.add("name", "is missing")
    elif len(name) > 200:
        problems.add("name", "is longer than 200 characters")
    days = parse_days(item.get("day"), problems)
    start_text, end_text = text(item.get("time")), text(item.get("end_time"))
    if not end_text and (times := TIME_RANGE.fullmatch(start_text)):  # "19:00-20:30"
        start_text, end_text = times[1], times[2]
    start = parse_time(start_text, "time", problems, required=True)
    end = parse_time(end_text, "end_time", problems)
    warnings = []
    if start and end and not ends_in_time(start, end):
        warnings.append(
            f"end_time: {end:%H:%M} is neither after the start nor by "
            f"{LATEST_END_AFTER_MIDNIGHT:%H:%M} the next day, "
            "so it was left out"
        )
        end = None
    given_time_zone = text(item.get("timezone")) or default_time_zone
    time_zone = time_zone_named(given_time_zone)
    if time_zone is None:
        problems.add("timezone", f"“{given_time_zone}” is not a time zone such as Europe/London")

    codes = parse_types(item.get("types"))
    venue = parse_venue(item, codes, problems, warnings)
    fields = {
        "name": name,
        "group_name": clipped(text(item.get("group")), 200, "group", warnings),
        "start_time": start,
        "end_time": end,
        "time_zone": time_zone,
        "openness": next(
            (types.TYPE_OPENNESS[code] for code in codes if code in types.TYPE_OPENNESS),
            Openness.OPEN,
        ),
        "languages": clipped(text(item.get("languages")), 200, "languages", warnings)
        or ", ".join(types.TYPE_LANGUAGES[c] for c in codes if c in types.TYPE_LANGUAGES)
        or "English",
    }
    fields |= parse_online(item, problems, warnings)
    fields |= parse_contact(item, warnings)
    venue = decide_attendance(item, codes, venue, fields, problems, warnings)
    fields |= parse_frequency(item, days, problems)
    if problems.found:
        raise Rejected(problems.found)
    fields["public_notes"] = parse_notes(item, codes, fields, warnings)

    focuses = {types.TYPE_FOCUSES[code] for code in codes if code in types.TYPE_FOCUSES}
    features = {types.TYPE_FEATURES[code] for code in codes if code in types.TYPE_FEATURES}
    return [
        Listing(
            key=f"{slug}#{DAYS[day].lower()}" if len(days) > 1 else slug,
            row=row,
            fields=fields | {"weekday": from_meeting_guide_day(day)},
            venue=venue,
            focuses=focuses,
            features=features,
            warnings=warnings,
        )
        for day in days
    ]


# Control characters (a NUL, which PostgreSQL refuses and one row's made the whole import
# fail) and the marks that reverse text, which can show a name other than the one stored.
UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def text(value):
    """Plain text from any value: HTML tags removed, entities decoded, spaces tidied, and
    characters that cannot be shown as they are taken out."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    value = re.sub(r"<br\s*/?>|</p>", "\n", str(value), flags=re.IGNORECASE)
    value = UNSHOWABLE.sub("", html.unescape(strip_tags(value)))
    lines = (" ".join(line.split()) for line in value.splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# "Monday", and as spreadsheets shorten it: "Mon", "Tues", "Thurs", "Weds", "Su" (any start of
# two letters or more: no two days share one).
DAY_NAMES = {
    name[:end].lower(): number
    for number, name in enumerate(DAYS)
    for end in range(2, len(name) + 1)
} | {"weds": DAYS.index("Wednesday")}
# Welsh, with or without "Dydd": Dydd Llun is Monday.
DAY_NAMES |= {
    f"{dydd}{name}": DAYS.index(day)
    for name, day in [
        ("sul", "Sunday"),
        ("llun", "Monday"),
        ("mawrth", "Tuesday"),
        ("mercher", "Wednesday"),
        ("iau", "Thursday"),
        ("gwener", "Friday"),
        ("sadwrn", "Saturday"),
    ]
    for dydd in ("", "dydd ")
}
DAY_SEPARATORS = re.compile(r",|;|/|&|\band\b", re.IGNORECASE)


def parse_days(value, problems):
    """0-6 (Sunday first), "1", "Monday", "mon", "Mondays", "Dydd Llun", or a list of those
    (CSV: "Monday, Friday", "Mon & Thu")."""
    if value is None or value == "":
        problems.add("day", "is missing (meetings by appointment cannot be listed)")
        return []
    values = value if isinstance(value, list) else DAY_SEPARATORS.split(str(value))
    days = []
    for given in values:
        one = str(given).strip().lower().removesuffix(".")
        day = DAY_NAMES.get(one, DAY_NAMES.get(one.removesuffix("s")))
        if day is None and re.fullmatch(r"[0-6]", one):
            day = int(one)
        if day is None:
            problems.add(
                "day",
                f"“{str(given).strip()}” is not a day: give its name (Monday or Mon) or its "
                "number (0 for Sunday to 6 for Saturday)",
            )
        elif day not in days:
            days.append(day)
    return days


TIME_RE = re.compile(r"(\d{1,2})(?:[:.]?(\d{2}))?(?::(\d{2}))?\s*([ap])?\.?m?\.?")
NAMED_TIMES = {"noon": "12:00", "midday": "12:00", "midnight": "00:00"}
TIME_RANGE = re.compile(r"(.+?)\s*(?:-|–|\bto\b)\s*(.+)", re.IGNORECASE)


def parse_time(value, field, problems, required=False):
    """ "19:30", "7:30", "7:30 PM", "7pm", "19:30:00", "1930", "noon" -> time; None when
    absent."""
    value = text(value).lower()
    if not value:
        if required:
            problems.add(field, "is missing")
        return None
    value = NAMED_TIMES.get(value.removeprefix("12 "), value)  # "12 noon"
    match = TIME_RE.fullmatch(value)
    if match and (match[2] or match[4]):
        hour, minute, half = int(match[1]), int(match[2] or 0), match[4]
        if half and 1 <= hour <= 12:
            hour = hour % 12 + (12 if half == "p" else 0)
            half = None
        if not half and hour < 24 and minute < 60:
            return datetime.time(hour, minute)
    problems.add(field, f"“{value}” is not a time such as 19:30 or 7:30 PM")
    return None


def parse_types(value):
    """A list, one string ("O" or "O, D" or "Open, Discussion"), numbers or null -> codes."""
    if value is None:
        return []
    values = value if isinstance(value, list) else str(value).split(",")
    return list(dict.fromkeys(types.type_code(v) for v in values if str(v).strip()))


KNOWN_UK_NAMES = {"uk", "u.k.", "gb", "united kingdom", "great britain", "england", "scotland"}
KNOWN_UK_NAMES |= {"wales", "northern ireland"}
COUNTRY_NAMES = KNOWN_UK_NAMES | {"usa", "us", "united states", "canada", "ireland", "australia"}
POSTCODE_IN_TEXT = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2})\b", re.IGNORECASE)


def parse_venue(item, codes, problems, warnings):
    """The venue's fields from the address parts, or else from `formatted_address`."""
    place = {key: text(item.get(key)) for key in ("address", "city", "state", "postal_code")}
    country = text(item.get("country"))
    if place["address"] or place["city"]:
        # Our own key says which part of `address` is the second line; others have one.
        line_1, line_2 = place["address"], text(item.get("address_line_2"))
        if line_2 and line_1.endswith(", " + line_2):
            line_1 = line_1.removesuffix(", " + line_2)
        town = ", ".join(filter(None, [place["city"], place["state"]]))
        postcode = place["postal_code"]
    elif formatted := text(item.get("formatted_address")):
        if formatted.lower() in COUNTRY_NAMES | {country.lower()}:
            return None  # a country alone, as online meetings give it, is no venue
        line_1, line_2, town, postcode, found_country = split_address(formatted)
        country = country or found_country
    else:
        return None
    if country.lower() in KNOWN_UK_NAMES or (not country and postcodes.normalise(postcode)):
        country = UNITED_KINGDOM
        # One that is not a full postcode is warned of with the others that place nothing
        # (importer.unplaced_warnings()).
        postcode = postcodes.normalise(postcode) or postcode.upper()
    venue = {
        "name": clipped(text(item.get("location")) or line_1 or town, 200, "location", warnings),
        "address_line_1": clipped(line_1, 200, "address", warnings),
        "address_line_2": clipped(line_2, 200, "address_line_2", warnings),
        "town": clipped(town, 100, "city", warnings),
        "postcode": clipped(postcode, 10, "postal_code", warnings),
        "country": clipped(country or UNITED_KINGDOM, 100, "country", warnings),
        "access_notes": text(item.get("location_notes")),
        "region": text(item.get("region")),
    }
    venue |= {field: code in codes for code, field in types.TYPE_VENUE.items()}
    latitude, longitude = number(item.get("latitude")), number(item.get("longitude"))
    if latitude is not None and longitude is not None:
        if -90 <= latitude <= 90 and -180 <= longitude <= 180:
            venue |= {"latitude": latitude, "longitude": longitude}
        else:
            warnings.append("latitude/longitude: out of range, so they were left out")
    return venue


def split_address(formatted):
    """ "12 High Street, Lewes BN7 2AA, UK" -> ("12 High Street", "", "Lewes", "BN7 2AA", "UK")."""
    parts = [part.strip() for part in formatted.split(",") if part.strip()]
    country = ""
    if len(parts) > 1 and parts[-1].lower() in COUNTRY_NAMES:
        country = parts.pop()
    postcode = ""
    if match := POSTCODE_IN_TEXT.search(parts[-1]):
        postcode = match[1]
        parts[-1] = POSTCODE_IN_TEXT.sub("", parts[-1]).strip()
        if not parts[-1]:
            parts.pop()
    if not parts:
        return "", "", "", postcode, country
    town = parts.pop()
    if re.fullmatch(r"[A-Z]{2}", town) and parts:  # "Chicago, IL": a state goes with its town
        town = f"{parts.pop()}, {town}"
    return (parts[0] if parts else ""), ", ".join(parts[1:]), town, postcode, country


def number(value):
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def parse_online(item, problems, warnings):
    url = text(item.get("conference_url"))
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
            if len(url) > 200:
                raise ValidationError("too long")
        except ValidationError:
            warnings.append(f"conference_url: “{url[:80]}” is not a web link, so it was left out")
            url = ""
    phone = text(item.get("conference_phone"))
    if len(phone) > 50:
        warnings.append("conference_phone: longer than 50 characters, so it was left out")
        phone = ""
    fields = {"online_url": url, "phone_dial_in": phone, "online_meeting_id": ""}
    fields["online_passcode"], notes = "", []
    for line in "\n".join(
        [text(item.get("conference_url_notes")), text(item.get("conference_phone_notes"))]
    ).splitlines():
        if line.startswith(MEETING_ID) and len(line) <= len(MEETING_ID) + 50:
            fields["online_meeting_id"] = line.removeprefix(MEETING_ID)
        elif line.startswith(PASSCODE) and len(line) <= len(PASSCODE) + 50:
            fields["online_passcode"] = line.removeprefix(PASSCODE)
        elif line.strip():
            notes.append(line)
    fields["online_notes"] = "\n".join(notes)
    return fields


def clipped(value, limit, key, warnings):
    """The value, cut to the `limit` its field holds, with a warning when it was longer."""
    if len(value) <= limit:
        return value
    warnings.append(f"{key}: longer than {limit} characters, so it was cut short")
    return value[:limit]


def parse_contact(item, warnings):
    """The first public contact, if the row gives one; otherwise nothing (staff's stay)."""
    contact = {
        "contact_name": clipped(text(item.get("contact_1_name")), 100, "contact_1_name", warnings),
        "contact_email": text(item.get("contact_1_email")),
        "contact_phone": clipped(
            text(item.get("contact_1_phone")), 40, "contact_1_phone", warnings
        ),
    }
    if contact["contact_email"]:
        try:
            validate_email(contact["contact_email"])
        except ValidationError:
            warnings.append("contact_1_email: not an email address, so it was left out")
            contact["contact_email"] = ""
    if not any(contact.values()):
        return {}
    return contact | {"contact_public": True}


def is_approximate(item, venue):
    """Whether the address says only roughly where a group is from ("Chicago, IL, USA")."""
    flag = item.get("approximate")
    if flag is not None and flag != "":
        return flag is True or str(flag).lower() in ("yes", "true", "1")
    if venue["country"] == UNITED_KINGDOM and postcodes.normalise(venue["postcode"]):
        return False
    if "latitude" in venue or text(item.get("address")):
        return False
    return len(text(item.get("formatted_address")).split(",")) < 4


def decide_attendance(item, codes, venue, fields, problems, warnings):
    """Sets attendance and status from the conference fields (the truth), the address, `TC`,
    `ONL` and the plugin's `attendance_option`, as the README's tables do. Returns the venue."""
    option = text(item.get("attendance_option")).lower().replace("-", "_").replace(" ", "_")
    if option and option not in ("in_person", "online", "hybrid", "inactive"):
        warnings.append(f"attendance_option: “{option}” is not known, so it was ignored")
        option = ""
    joinable = bool(fields["online_url"] or fields["phone_dial_in"])
    approximate = venue is not None and is_approximate(item, venue)
    place = venue is not None and not approximate and types.TEMPORARILY_CLOSED not in codes
    wants_online = option in ("online", "hybrid") or types.ONLINE in codes
    fields["status"] = Status.ACTIVE
    if option == "inactive" or (types.TEMPORARILY_CLOSED in codes and not joinable):
        fields["status"] = Status.TEMPORARILY_CLOSED
        place = venue is not None and not approximate

    if option == "online" and place and joinable:
        place = False  # the plugin's word: the address is where the group is from
    if wants_online and not joinable:
        if place:
            warnings.append(
                "conference_url: an online meeting with no joining link or dial-in number; "
                "imported as in person at its address"
            )
        else:
            problems.add(
                "conference_url",
                "an online meeting needs a joining link or dial-in number, and this one has "
                "no address either",
            )
            return venue
    if place and joinable:
        fields["attendance"] = Attendance.HYBRID
    elif place:
        fields["attendance"] = Attendance.IN_PERSON
    elif joinable:
        fields["attendance"] = Attendance.ONLINE
        if venue:  # keep where the group is from, but never as somewhere to go
            venue |= {"latitude": None, "longitude": None, "step_free": False}
            venue |= {"hearing_loop": False, "accessible_toilet": False}
    else:
        what = "an address that is only approximate" if venue else "no address"
        problems.add(
            "formatted_address",
            f"nobody could attend: {what} and no joining link or dial-in number",
        )
    if not joinable:
        fields |= {"online_url": "", "phone_dial_in": ""}
    return venue


def parse_frequency(item, days, problems):
    """Our own keys, when the feed is ours: fortnightly with an anchor, monthly with a week."""
    frequency = text(item.get("frequency")).lower() or Frequency.WEEKLY
    fields = {"frequency": frequency, "fortnight_anchor": None, "week_of_month": None}
    if frequency not in Frequency.values:
        problems.add("frequency", f"“{frequency}” is not weekly, fortnightly or monthly")
    elif frequency == Frequency.FORTNIGHTLY:
        anchor = parse_date(text(item.get("fortnight_anchor")))
        if anchor is None:
            problems.add("fortnight_anchor", "needs a date such as 2026-03-03 or 03/03/2026")
            return fields
        if any(from_meeting_guide_day(day) != anchor.weekday() for day in days):
            problems.add("fortnight_anchor", f"{anchor} is not on the meeting's day")
        fields["fortnight_anchor"] = anchor
    elif frequency == Frequency.MONTHLY:
        week = text(item.get("week_of_month"))
        if week not in [str(value) for value in WeekOfMonth.values]:
            problems.add("week_of_month", "needs 1 to 5, or -1 for the last")
            return fields
        fields["week_of_month"] = int(week)
    return fields


def parse_date(value):
    """A date as we write it (2026-03-03) or as a UK spreadsheet writes it back (03/03/2026);
    None if it is neither."""
    for form in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, form).date()
        except ValueError:
            continue
    return None


def parse_notes(item, codes, fields, warnings):
    """The notes as text, without our own schedule sentence, plus every type we cannot store
    (named, so that nothing is dropped silently)."""
    notes = text(item.get("notes"))
    if fields.get("frequency") != Frequency.WEEKLY and item.get("day") is not None:
        for day in parse_days(item.get("day"), Problems()):
            meeting = Meeting(
                weekday=from_meeting_guide_day(day),
                frequency=fields["frequency"],
                fortnight_anchor=fields["fortnight_anchor"],
                week_of_month=fields["week_of_month"],
            )
            notes = notes.removeprefix(schedule_sentence(meeting)).lstrip("\n")
    kept = [code for code in codes if code not in types.UNDERSTOOD]
    if kept:
        names = [types.ALL_TYPES.get(code, code) for code in kept]
        unknown = [code for code in kept if code not in types.ALL_TYPES]
        if unknown:
            warnings.append(f"types: {', '.join(unknown)} unknown, kept in the notes")
        notes = "\n\n".join(filter(None, [notes, "Also listed as: " + ", ".join(names) + "."]))
    return notes
