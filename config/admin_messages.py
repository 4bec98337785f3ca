"""What the admin tells staff that Django does not.

Staff see their edits on the site at once, as their pages are never kept; visitors' pages
are kept for a few minutes (config.middleware), by this site and by any proxy in front of it.
The admin's success messages say so, lest an edit seem live to everyone when it is not yet.

Text longer than its field is refused with a message that says so, rather than cut short by
the browser without a word: a text box's maxlength cuts pasted text silently."""

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


class SaysWhatIsTooLong:
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None:
            formfield.widget.attrs.pop("maxlength", None)
        return formfield
