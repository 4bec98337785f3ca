from django import template
from django.conf import settings

from meetings import staff

register = template.Library()


@register.simple_tag(takes_context=True)
def needs_checking_summary(context):
    """Counts of meetings that need checking (one query), or None for staff who may not
    see meetings. Also puts `months` in the context."""
    context["months"] = settings.NEEDS_CHECKING_MONTHS
    return staff.needs_checking_summary(context["request"].user)
