"""Public data that widgets on other websites may read in a visitor's browser."""

import functools


def readable_from_other_sites(view):
    """Any website may read the view's responses, and their ETag, in the browser (CORS): the
    Meeting Guide feed for TSML UI, the CSV and calendars for other widgets, the Open Referral
    UK API for council and NHS directories. They are public and set no cookies."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag"
        return response

    return wrapper
