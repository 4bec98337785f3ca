"""Meetings as iCalendar (RFC 5545) events that repeat, with the icalendar library.

- DTSTART is the first date the meeting is held on or after the day it was listed, in the
  meeting's own zone, with a VTIMEZONE for that zone, so that calendars follow clock changes:
  the UK's as yearly rules (UK_TIMEZONE), others as icalendar writes them.
- RRULE: weekly `FREQ=WEEKLY;BYDAY=TU`; fortnightly `INTERVAL=2` (DTSTART has the anchor's
  week parity, as Meeting.occurs_on() does); monthly `FREQ=MONTHLY;BYDAY=1TU` or `-1FR`.
- UID is the meeting's id at our host, so it survives a renamed slug; DTSTAMP is the meeting's
  last change, so the same data gives the same bytes (and ETags).
- A list of today's meetings gives each once, today, without RRULE: it changes every day.
- An ended meeting's series ends (UNTIL) with its last meeting before the day it ended, so
  that calendars subscribed to it stop repeating it but keep the meetings that were held.
"""

import datetime
from functools import cache

import icalendar

from meetings.models import UK_TIME_ZONE, Frequency, Status

CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODID = "-//Recovery meetings UK//Meetings//EN"
CALENDAR_START = (
    f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:{PRODID}\r\nCALSCALE:GREGORIAN\r\n"
    "X-WR-CALNAME:Recovery meetings\r\n"
)
# A meeting added "with a plain title" (`?title=plain`), for a calendar that others may see or
# that a lock screen shows: what and where, but not which programme, nor the venue's name or a
# link, which may name it.
PLAIN = "plain"
PLAIN_TITLE = "Meeting"
PLAIN_CALENDAR_START = CALENDAR_START.replace("Recovery meetings", "Meetings")
CALENDAR_END = "END:VCALENDAR\r\n"
BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
# The UK's clock changes as yearly rules, the last Sundays of March and October at 01:00 UTC.
# icalendar's from_tzid() lists each change as a date (RDATE), which Outlook is reported to
# get wrong.
UK_TIMEZONE = "".join(
    f"{line}\r\n"
    for line in [
        "BEGIN:VTIMEZONE",
        f"TZID:{UK_TIME_ZONE}",
        "BEGIN:STANDARD",
        "DTSTART:19701025T020000",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "TZNAME:GMT",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        "DTSTART:19700329T010000",
        "TZOFFSETFROM:+0000",
        "TZOFFSETTO:+0100",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "TZNAME:BST",
        "END:DAYLIGHT",
        "END:VTIMEZONE",
    ]
)


def calendar(meetings, url, plain=False):
    """A whole calendar for a few meetings (one meeting's page), as bytes; `plain`: with
    PLAIN_TITLE for each. The UK's VTIMEZONE in any case, as a list's calendar: a calendar
    needs a component, and an ended meeting's may have no event."""
    zones = dict.fromkeys([UK_TIME_ZONE, *(meeting.time_zone for meeting in meetings)])
    return "".join(
        [
            PLAIN_CALENDAR_START if plain else CALENDAR_START,
            *(timezone_component(zone) for zone in zones),
            *(event(meeting, url, plain) for meeting in meetings),
            CALENDAR_END,
        ]
    ).encode()


@cache
def timezone_component(zone):
    """The VTIMEZONE for an IANA zone, for the years meetings are listed in."""
    if zone == UK_TIME_ZONE:
        return UK_TIMEZONE
    component = icalendar.Timezone.from_tzid(
        zone, first_date=datetime.date(2020, 1, 1), last_date=datetime.date(2045, 1, 1)
    )
    return component.to_ical().decode()


def first_date(meeting):
    """The first day on or after the listing's creation when the meeting is held."""
    day = meeting.created.astimezone(meeting.zone).date()
    while not meeting.occurs_on(day):
        day += datetime.timedelta(days=1)
    return day


def last_start(meeting):
    """An ended meeting's last start before the day it ended (its status date, or else its
    last change), in UTC; None if it ended before it was first held after it was listed."""
    ended = meeting.status_since or meeting.updated.astimezone(meeting.zone).date()
    day, first = ended - datetime.timedelta(days=1), first_date(meeting)
    while day >= first:
        if meeting.occurs_on(day):
            start = datetime.datetime.combine(day, meeting.start_time, tzinfo=meeting.zone)
            return start.astimezone(datetime.UTC)
        day -= datetime.timedelta(days=1)
    return None


def rrule(meeting):
    day = BYDAY[meeting.weekday]
    if meeting.frequency == Frequency.FORTNIGHTLY:
        return {"FREQ": "WEEKLY", "INTERVAL": 2, "BYDAY": day}
    if meeting.frequency == Frequency.MONTHLY:
        return {"FREQ": "MONTHLY", "BYDAY": f"{meeting.week_of_month}{day}"}
    return {"FREQ": "WEEKLY", "BYDAY": day}


def event(meeting, url, plain=False, on=None):
    """One VEVENT as text, of the meeting's series, or with `on` (a UK date it is held on) of
    that day's meeting alone; `plain`: titled PLAIN_TITLE, with neither the programme, the
    venue's name nor a link; "" for an ended meeting never held since it was listed. Reads
    programme and venue: load them first."""
    host = url.split("/")[2]
    rule = rrule(meeting)
    if meeting.status == Status.ENDED:
        if not (until := last_start(meeting)):
            return ""
        rule["UNTIL"] = until
    if on:
        start = meeting.first_start_from(on).replace(tzinfo=None)
        uid = f"meeting-{meeting.pk}-{on:%Y%m%d}@{host}"  # the series' would replace it
    else:
        start = datetime.datetime.combine(first_date(meeting), meeting.start_time)
        uid = f"meeting-{meeting.pk}@{host}"
    end = start + meeting.length  # 23:00 to 00:30 ends the next day
    vevent = icalendar.Event()
    vevent.add("uid", uid)
    last_modified = meeting.last_modified.astimezone(datetime.UTC)
    vevent.add("dtstamp", last_modified)
    vevent.add("last-modified", last_modified)
    summary = PLAIN_TITLE if plain else f"{meeting.name} ({meeting.programme.short_name})"
    if meeting.is_temporarily_closed:
        summary = f"Temporarily closed: {summary}"
    vevent.add("summary", summary)
    vevent.add("dtstart", start, parameters={"TZID": meeting.time_zone})
    vevent.add("dtend", end, parameters={"TZID": meeting.time_zone})
    if not on:
        vevent.add("rrule", rule)
    vevent.add("location", location(meeting, plain))
    if not plain:
        vevent.add("url", url)
    vevent.add("description", description(meeting, url, plain))
    return vevent.to_ical().decode()


def location(meeting, plain=False):
    """Where to go, as a map app can search for it: the venue (`plain`: its address alone),
    or "Online". The joining link is in the description."""
    venue = meeting.venue_to_go_to
    if venue is None:
        return "Online"
    return venue.address if plain else f"{venue.name}, {venue.address}"


def joining(meeting, plain=False):
    """The joining link, or else the number to dial; `plain`: never the link."""
    if meeting.online_url and not plain:
        return meeting.online_url
    return f"dial {meeting.phone_dial_in}" if meeting.phone_dial_in else ""


def description(meeting, url, plain=False):
    lines = [f"{meeting.schedule_description}."]
    if not plain:
        lines[0] = f"{meeting.programme.name}. {lines[0]}"
    when = meeting.status_since
    when = f"{when.day} {when:%B %Y}" if when else ""
    if meeting.is_temporarily_closed:
        since = f" since {when}" if when else ""
        lines.insert(0, f"Temporarily closed{since}: check before you go.")
    if meeting.status == Status.ENDED:
        on = f" on {when}" if when else ""
        lines.insert(0, f"Ended{on}: it no longer meets.")
    if meeting.languages_in_words:  # "In Welsh", as lists and printouts say
        lines.append(f"{meeting.languages_in_words}.")
    if meeting.is_online:
        if join := joining(meeting, plain):
            lines.append("Join: " + join)
        if meeting.online_meeting_id:
            lines.append(f"Meeting ID: {meeting.online_meeting_id}")
        if meeting.online_passcode:
            lines.append(f"Passcode: {meeting.online_passcode}")
    if meeting.public_notes and not plain:  # a group's notes may name its programme
        lines.append(meeting.public_notes)
    if not plain:
        lines.append(f"Details and changes: {url}")
    return "\n".join(lines)
