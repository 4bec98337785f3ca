"""How meetings are shown on the public pages: the helpers config/jinja2.py gives them."""

import datetime
from urllib.parse import urlencode

from django.utils import timezone
from django.utils.safestring import mark_safe

from meetings import wording


def day_heading(date, today):
    """ "Today, Tuesday 24 November" or "Thursday 26 November"; "Still on from yesterday,
    Monday 23 November" over yesterday's meetings that run past midnight."""
    heading = f"{date:%A} {date.day} {date:%B}"
    if date < today:
        return f"Still on from yesterday, {heading}"
    return f"Today, {heading}" if date == today else heading


def next_date_on(weekday, today, next_week=False):
    """The date of the next meeting on that weekday: today's, or a week today's if it has
    already started (in the week from now, MeetingQuerySet.week_from())."""
    days = (weekday - today.weekday()) % 7
    return today + datetime.timedelta(days=days or (7 if next_week else 0))


def day_groups(meetings):
    """[(heading, meetings)] for meetings in date order. A heading that names a date sits only
    over meetings held that date: a fortnightly meeting in its off week, or a "first Tuesday"
    meeting on another Tuesday, goes under "Other Tuesdays" after them."""
    today, buckets = timezone.localdate(), {}
    for meeting in meetings:
        if meeting.from_yesterday:
            date = meeting.date_in_todays_list(today)
        else:
            date = next_date_on(meeting.uk_weekday, today, meeting.in_next_week)
        buckets.setdefault((date, meeting.held_on(date)), []).append(meeting)
    dates = dict.fromkeys(date for date, _ in buckets)
    return [
        (day_heading(date, today) if held else f"Other {date:%A}s", buckets[date, held])
        for date in dates
        for held in (True, False)
        if (date, held) in buckets
    ]


def others_like(meeting):
    """The finder's query for other meetings of its programme where it meets: near its venue,
    or online; for when it is not meeting."""
    venue = meeting.venue_to_go_to
    where = {"near": venue.postcode or venue.town} if venue else {"attendance": "online"}
    return urlencode({"programme": meeting.programme.slug, **where})


def distance(meeting, location, beyond=None):
    """How far the meeting's venue is from the searched place, as precisely as both are known
    (`beyond`: as wording.distance())."""
    precise = location.is_precise and meeting.venue.has_precise_location
    return wording.distance(meeting.distance, precise, beyond)


def day_in_a_row(meeting):
    """ "Today" for a meeting held today in the UK that is not over yet (a list by distance
    runs across the week from now), else the day's name: a fortnightly meeting in its off
    week, or one temporarily closed, is not on today."""
    today = timezone.localdate()
    if (
        meeting.uk_weekday == today.weekday()
        and not meeting.is_temporarily_closed
        and meeting.held_on(today)
        and meeting.today()[0] != "ended"
    ):
        return "Today"
    return meeting.uk_day


def today_status(meeting):
    """ "Started 20 minutes ago", "Starts in 45 minutes" or "Finished at 20:30" ("Probably
    finished" for a meeting with no end time, which is taken to last an hour)."""
    now = timezone.now()
    state, when = meeting.today(now)
    if state == "ended":
        return f"Finished at {when:%H:%M}" if meeting.uk_end_time else "Probably finished"
    if state == "started" and now - when < datetime.timedelta(seconds=30):
        return "Starting now"  # not "Started 1 minute ago" at its very start
    if state == "started":
        still = ": you can still join" if meeting.is_online else ""
        return f"Started {wording.duration(now - when)} ago{still}"
    return f"Starts in {wording.duration(when - now)}"


def css_string(text):
    """Text as a quoted CSS string, every character but letters and digits escaped (six hex
    digits each, so that no space is taken as the end of an escape), so that nothing in it
    can end the string or the style element."""
    escaped = "".join(c if c.isascii() and c.isalnum() else f"\\{ord(c):06x}" for c in text)
    return mark_safe(f'"{escaped}"')


def short_url(url, limit=90):
    """The address without its scheme, if it is short enough to print in a page's margin."""
    short = url.split("://", 1)[-1]
    return short if len(short) <= limit else ""
