"""What the admins of the listings the public pages show (meetings, venues, areas and
programmes) share: ListingAdmin, and what it tells staff that Django does not.

Staff see their edits on the site at once, as their pages are never kept; visitors' pages
are kept for a few minutes (config.middleware), by this site and by any proxy in front of it.
The admin's success messages say so, lest an edit seem live to everyone when it is not yet.

Text longer than its field is refused with a message that says so, rather than cut short by
the browser without a word: a text box's maxlength cuts pasted text silently."""

from django.contrib import messages
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from config.history import NoLostEditsForm, ReadableHistory
from config.middleware import PublicCacheControlMiddleware


class SaysWhenVisitorsSeeEdits:
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


class SaysWhyInHistory:
    """Each version staff save says how in the history's "Change reason" column, as each
    version an import records names its source: added, edited or reverted in the admin."""

    def save_model(self, request, obj, form, change):
        if not getattr(obj, "_change_reason", None):
            reverting = request.resolver_match.url_name.endswith("_simple_history")
            obj._change_reason = (
                "Reverted to an earlier version in the admin"
                if reverting
                else "Edited in the admin"
                if change
                else "Added in the admin"
            )
        super().save_model(request, obj, form, change)


class SlugSetOnce:
    """A programme's, area's or tag's slug is in links that people share, print and subscribe
    to (/programmes/<slug>/, ?programme=…, ?area=…, ?focus=…), which nothing would redirect:
    staff set it when they add one, and cannot change it after."""

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "slug"] if obj is not None else fields

    def get_prepopulated_fields(self, request, obj=None):
        return super().get_prepopulated_fields(request, obj) if obj is None else {}


class ListingAdmin(
    SaysWhenVisitorsSeeEdits,
    SaysWhatIsTooLong,
    SaysWhyInHistory,
    ReadableHistory,
    SimpleHistoryAdmin,
):
    """Their history, in words (config.history), with a lock against saving over another
    editor's changes and no version for a save that changes nothing (NoLostEditsForm)."""

    form = NoLostEditsForm
