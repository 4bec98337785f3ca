"""URLs of objects by slug, without a full reverse() each time: a list of meetings links each
row to its meeting and its programme, and reverse() for those took a quarter of the time
the rows took to render."""

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

PLACEHOLDER = "slug-placeholder"


@functools.cache
def _url_with_placeholder(view_name, script_prefix, urlconf):
    return reverse(view_name, args=[PLACEHOLDER])


def reverse_slug(view_name, slug):
    """reverse(view_name, args=[slug]) for a view whose one argument is a slug (which needs
    no quoting), worked out once per view, site prefix and URL configuration."""
    template = _url_with_placeholder(
        view_name, get_script_prefix(), get_urlconf(settings.ROOT_URLCONF)
    )
    return template.replace(PLACEHOLDER, slug)
