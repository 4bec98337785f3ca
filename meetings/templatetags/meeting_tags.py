import datetime

from django import template
from django.utils import timezone

from meetings import wording
from meetings.models import Weekday

register = template.Library()


@register.filter
def day_heading(weekday):
    """ "Today, Tuesday 24 November" or "Thursday 26 November": the next date on that weekday."""
    today = timezone.localdate()
    date = today + datetime.timedelta(days=(weekday - today.weekday()) % 7)
    heading = f"{Weekday(weekday).label} {date.day} {date:%B}"
    return f"Today, {heading}" if date == today else heading


@register.simple_tag
def distance(meeting, location):
    """How far the meeting's venue is from the searched place, as precisely as both are known."""
    precise = location.is_precise and meeting.venue.has_precise_location
    return wording.distance(meeting.distance, precise)
