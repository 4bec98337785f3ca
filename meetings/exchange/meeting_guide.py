"""Meeting Guide JSON (../shared/meeting-guide/README.md): its days and codes, and one of our
meetings as a feed item. meeting_guide_parsing.py reads items back.

The format describes weekly meetings only, with no field for attendance. So:

- attendance goes out as the plugin's `attendance_option` and the `ONL` type, and comes back
  from the conference fields, the address and those hints;
- fortnightly and monthly meetings are described in words at the top of `notes`, and in the
  keys `frequency`, `fortnight_anchor` and `week_of_month`, which other apps ignore;
- `languages` goes out as language types and as a key of its own;
- `address` holds both address lines, and the key `address_line_2` says which is the second;
- meeting ID, passcode and online notes share `conference_url_notes` (or
  `conference_phone_notes`), one "Meeting ID: …" and "Passcode: …" line each.
"""

import datetime
import re

from meetings.exchange import types
from meetings.models import (
    UK_TIME_ZONE,
    UNITED_KINGDOM,
    Attendance,
    Frequency,
    Weekday,
)

# Meeting Guide counts days from Sunday (0); we count from Monday (Python's weekday()).
DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


def to_meeting_guide_day(weekday):
    return (weekday + 1) % 7


def from_meeting_guide_day(day):
    return Weekday((day + 6) % 7)


ATTENDANCE_OPTIONS = {
    Attendance.IN_PERSON: "in_person",
    Attendance.ONLINE: "online",
    Attendance.HYBRID: "hybrid",
}
MEETING_ID, PASSCODE = "Meeting ID: ", "Passcode: "
# The attributes that MeetingQuerySet.for_listing() and with_feature_list() load them into.
PREFETCHED = {"focuses": "focus_list", "features": "feature_list"}


# Ours to theirs


def feed_item(meeting, url):
    """A meeting as a Meeting Guide feed item. Reads programme, venue, venue.area, focuses and
    features: load them first (`exchange.views.export_queryset()`). Leaves out what is empty."""
    venue = meeting.venue
    item = {
        "slug": meeting.slug,
        "name": meeting.name,
        "day": to_meeting_guide_day(meeting.weekday),
        "time": f"{meeting.start_time:%H:%M}",
        "end_time": f"{meeting.end_time:%H:%M}" if meeting.end_time else None,
        "timezone": meeting.time_zone,
        "types": meeting_types(meeting),
        "notes": "\n\n".join(filter(None, [schedule_sentence(meeting), meeting.public_notes])),
        "group": meeting.group_name,
        "updated": meeting.last_modified.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S"),
        "url": url,
        "attendance_option": (
            "inactive"  # as the WordPress plugin says it, beside TC
            if meeting.is_temporarily_closed
            else ATTENDANCE_OPTIONS[meeting.attendance]
        ),
        "languages": meeting.languages,
    }
    if venue:
        street = ", ".join(filter(None, [venue.address_line_1, venue.address_line_2]))
        item |= {
            "location": venue.name,
            "formatted_address": ", ".join(
                filter(None, [street, f"{venue.town} {venue.postcode}".strip(), venue.country])
            ),
            "address": street,
            "address_line_2": venue.address_line_2,
            "city": venue.town,
            "postal_code": venue.postcode,
            "country": venue.country,
            "location_notes": venue.access_notes,
            "region": venue.area.name if venue.area else None,
            "latitude": round(venue.latitude, 5) if venue.latitude is not None else None,
            "longitude": round(venue.longitude, 5) if venue.longitude is not None else None,
        }
        if meeting.attendance == Attendance.ONLINE:
            item["approximate"] = "yes"  # where the group is from, not a place to go
        elif venue.latitude is None:
            # Without coordinates, TSML UI takes an address of fewer than four parts ("Main
            # Street, Llanrug, United Kingdom") as approximate, and hides the meeting.
            item["approximate"] = "no"
    elif meeting.time_zone == UK_TIME_ZONE:
        # Meeting Guide's importer takes only meetings with a location, and TSML UI drops those
        # with no address at all: the country, roughly where the group is from.
        item |= {"formatted_address": UNITED_KINGDOM, "country": UNITED_KINGDOM}
        item["approximate"] = "yes"
    if meeting.is_online:
        notes = conference_notes(meeting)
        if meeting.online_url:
            item |= {"conference_url": meeting.online_url, "conference_url_notes": notes}
        if meeting.phone_dial_in:  # the spec's one-tap form: "020 7946 0321" -> "02079460321"
            item["conference_phone"] = re.sub(r"[^0-9+,*#]", "", meeting.phone_dial_in)
            if not meeting.online_url:
                item["conference_phone_notes"] = notes
    if meeting.frequency != Frequency.WEEKLY:
        item["frequency"] = meeting.frequency
        if meeting.frequency == Frequency.FORTNIGHTLY:
            item["fortnight_anchor"] = meeting.fortnight_anchor.isoformat()
        else:
            item["week_of_month"] = meeting.week_of_month
    if meeting.contact_public:
        item |= {
            "contact_1_name": meeting.contact_name,
            "contact_1_email": meeting.contact_email,
            "contact_1_phone": meeting.contact_phone,
        }
    return {key: value for key, value in item.items() if value not in (None, "", [])}


def tags(meeting, name):
    """A meeting's focuses or features, prefetched as a list when the export loaded it."""
    prefetched = getattr(meeting, PREFETCHED[name], None)
    return getattr(meeting, name).all() if prefetched is None else prefetched


def meeting_types(meeting):
    codes = [types.OPENNESS_TYPES[meeting.openness]]
    codes += [types.FOCUS_TYPES[focus.slug] for focus in tags(meeting, "focuses")]
    codes += [types.FEATURE_TYPES[feature.slug] for feature in tags(meeting, "features")]
    if venue := meeting.venue_to_go_to:
        codes += [code for field, code in types.VENUE_TYPES.items() if getattr(venue, field)]
    if meeting.is_online:
        codes.append(types.ONLINE)
    if meeting.programme.welcomes_mat:
        codes.append(types.MAT_WELCOME)
    codes += [
        types.LANGUAGE_TYPES[name] for name in meeting.language_list if name in types.LANGUAGE_TYPES
    ]
    if meeting.is_temporarily_closed:
        codes.append(types.TEMPORARILY_CLOSED)
    return sorted(set(codes) & set(types.ALL_TYPES))


def schedule_sentence(meeting):
    """Words for what Meeting Guide cannot say: "First Tuesday of the month.", "" if weekly."""
    if meeting.frequency == Frequency.FORTNIGHTLY:
        return f"{meeting.schedule_description}, including {meeting.fortnight_anchor:%-d %B %Y}."
    if meeting.frequency == Frequency.MONTHLY:
        return f"{meeting.schedule_description}."
    return ""


def conference_notes(meeting):
    lines = [
        MEETING_ID + meeting.online_meeting_id if meeting.online_meeting_id else "",
        PASSCODE + meeting.online_passcode if meeting.online_passcode else "",
        meeting.online_notes,
    ]
    return "\n".join(filter(None, lines))
