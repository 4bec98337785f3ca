"""URLs without a full reverse() each time: a list of meetings links each row to its meeting
and its programme, and reverse() for those took a quarter of the time the rows took to
render; the finder's page names another fourteen URLs without arguments."""

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

PLACEHOLDER = "slug-placeholder"

# For the slugs of programmes, areas and tags, which staff set once (config.listing_admin).
KEPT_SLUG_HELP = (
    "Its web address, in links that people share, print and subscribe to (such as "
    "?programme=narcotics-anonymous), so it is set once, when it is added."
)


@functools.cache
def _url(view_name, script_prefix, urlconf, args=()):
    return reverse(view_name, args=args)


def reverse_name(view_name):
    """reverse(view_name) for a view without arguments, worked out once per view, site
    prefix and URL configuration."""
    return _url(view_name, get_script_prefix(), get_urlconf(settings.ROOT_URLCONF))


def reverse_slug(view_name, slug):
    """reverse(view_name, args=[slug]) for a view whose one argument is a slug (which needs
    no quoting), worked out once per view, site prefix and URL configuration."""
    template = _url(
        view_name, get_script_prefix(), get_urlconf(settings.ROOT_URLCONF), (PLACEHOLDER,)
    )
    return template.replace(PLACEHOLDER, slug)
