import datetime

from django import template
from django.utils import timezone

from meetings.models import Weekday

register = template.Library()


@register.filter
def day_heading(weekday):
    """ "Today, Tuesday 24 November" or "Thursday 26 November": the next date on that weekday."""
    today = timezone.localdate()
    date = today + datetime.timedelta(days=(weekday - today.weekday()) % 7)
    heading = f"{Weekday(weekday).label} {date.day} {date:%B}"
    return f"Today, {heading}" if date == today else heading


@register.filter
def miles(distance):
    """2.3 -> "2.3 miles"; below 0.05 "under 0.1 miles" rather than a puzzling "0.0 miles"."""
    return "under 0.1 miles" if distance < 0.05 else f"{distance:.1f} miles"
