"""The kinds a meeting's fields take (attendance, day, frequency, status…), and the UK time and
calendar rules its schedule follows."""

import datetime
import functools
import zoneinfo

from django.db import models

UK_TIME_ZONE = "Europe/London"


class Attendance(models.TextChoices):
    IN_PERSON = "in-person", "In person"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "Hybrid (in person and online)"


# In person and online searches both include hybrid meetings; a hybrid search is hybrid only.
ATTENDANCE_MATCHES = {
    Attendance.IN_PERSON: [Attendance.IN_PERSON, Attendance.HYBRID],
    Attendance.ONLINE: [Attendance.ONLINE, Attendance.HYBRID],
    Attendance.HYBRID: [Attendance.HYBRID],
}


class Weekday(models.IntegerChoices):
    # Numbered as Python's date.weekday(), so that Monday sorts first.
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"

    @property
    def slug(self):
        return self.label.lower()


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Every week"
    FORTNIGHTLY = "fortnightly", "Every other week"
    MONTHLY = "monthly", "Once a month"


class WeekOfMonth(models.IntegerChoices):
    FIRST = 1, "First"
    SECOND = 2, "Second"
    THIRD = 3, "Third"
    FOURTH = 4, "Fourth"
    FIFTH = 5, "Fifth"
    LAST = -1, "Last"


class Openness(models.TextChoices):
    OPEN = "open", "Open: anyone may come"
    CLOSED = "closed", "Closed: for people who have, or think they have, the problem"


class Status(models.TextChoices):
    ACTIVE = "active", "Active"
    TEMPORARILY_CLOSED = "temporarily-closed", "Temporarily closed"
    ENDED = "ended", "Ended"


class TimeOfDay(models.TextChoices):
    MORNING = "morning", "Morning (before 12:00)"
    AFTERNOON = "afternoon", "Afternoon (12:00 to 16:59)"
    EVENING = "evening", "Evening (17:00 to 20:59)"
    NIGHT = "night", "Night (21:00 or later)"


# (from, until) start times; None means until midnight.
TIME_BANDS = {
    TimeOfDay.MORNING: (datetime.time(0), datetime.time(12)),
    TimeOfDay.AFTERNOON: (datetime.time(12), datetime.time(17)),
    TimeOfDay.EVENING: (datetime.time(17), datetime.time(21)),
    TimeOfDay.NIGHT: (datetime.time(21), None),
}


class Access(models.TextChoices):
    STEP_FREE = "step-free", "Step-free access"
    HEARING_LOOP = "hearing-loop", "Hearing loop"


ACCESS_FIELDS = {Access.STEP_FREE: "venue__step_free", Access.HEARING_LOOP: "venue__hearing_loop"}


UK_ZONE = zoneinfo.ZoneInfo(UK_TIME_ZONE)


@functools.cache
def _time_zones_in_lower_case():
    return {name.lower(): name for name in zoneinfo.available_timezones()}


def time_zone_named(text):
    """The time zone as written in any case, with spaces around it or not ("europe/london"
    is "Europe/London"), or None if there is none of that name."""
    return _time_zones_in_lower_case().get(text.strip().lower()) if text else None


# A meeting without an end time is taken to last this long, to tell when it has finished.
USUAL_LENGTH = datetime.timedelta(hours=1)
# A meeting may run past midnight (23:00 to 00:30), ending by this time the next day.
LATEST_END_AFTER_MIDNIGHT = datetime.time(6)


def ends_in_time(start, end):
    """Whether a meeting from `start` to `end` is possible: later the same day, or past
    midnight (23:00 to 00:30) up to LATEST_END_AFTER_MIDNIGHT."""
    return end > start or (end < start and end <= LATEST_END_AFTER_MIDNIGHT)


def week_parity(day):
    """0 or 1, alternating every Monday-to-Sunday week: fortnightly meetings keep theirs."""
    return (day.toordinal() - 1) // 7 % 2  # ordinal 1 is a Monday


def weeks_of_month(day):
    """Which of WeekOfMonth a date counts as: the 4th Friday may also be the last."""
    weeks = [(day.day - 1) // 7 + 1]
    if (day + datetime.timedelta(days=7)).month != day.month:
        weeks.append(WeekOfMonth.LAST)
    return weeks


def months_before(day, months):
    """The same day of the month `months` earlier (or the month's last day, if shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last_day))
