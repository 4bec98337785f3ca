"""Staff see their edits on the site at once, as their pages are never kept; visitors' pages
are kept for a few minutes (config.middleware), by this site and by any proxy in front of it.
The admin's success messages say so, lest an edit seem live to everyone when it is not yet."""

from django.contrib import messages
from django.utils.html import format_html

from config.middleware import PublicCacheControlMiddleware


class SaysWhenVisitorsSeeEdits:
    """For the admin of what public pages show."""

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        if level == messages.SUCCESS:
            minutes = PublicCacheControlMiddleware.MINUTES
            message = format_html("{} Visitors see it within {} minutes.", message, minutes)
        super().message_user(request, message, level, *args, **kwargs)
