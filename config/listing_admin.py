"""What the admins of the listings the public pages show (meetings, venues, areas and
programmes) share: ListingAdmin, and what it tells staff that Django does not.

Staff see their edits on the site at once, as their pages are never kept; visitors' pages
are kept for a few minutes (config.middleware), by this site and by any proxy in front of it.
The admin's success messages say so, lest an edit seem live to everyone when it is not yet.

Text longer than its field is refused with a message that says so, rather than cut short by
the browser without a word: a text box's maxlength cuts pasted text silently."""

import contextlib

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from config.history import NoLostEditsForm, ReadableHistory
from config.middleware import PUBLIC_MAX_AGE


class SaysWhenVisitorsSeeEdits:
    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        if level == messages.SUCCESS:
            minutes = PUBLIC_MAX_AGE // 60
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
            obj._change_reason = (
                "Reverted to an earlier version in the admin"
                if is_revert(request)
                else "Edited in the admin"
                if change
                else "Added in the admin"
            )
        super().save_model(request, obj, form, change)


class SlugSetOnce:
    """A programme's, area's or tag's slug is in links that people share, print and subscribe
    to (/programmes/<slug>/, ?programme=…, ?area=…, ?focus=…), which nothing would redirect:
    staff set it when they add one, from its name, and cannot change it after. (Not set as
    `prepopulated_fields`, which simple-history's revert page reads whatever the object.)"""

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "slug"] if obj is not None else fields

    def get_prepopulated_fields(self, request, obj=None):
        return {"slug": ["name"]} if obj is None else {}


class ChecksHistoryPages:
    """simple-history's history and revert pages look their object and version up by
    themselves: an id that could not be one gave a 500, and the revert page saved what was
    posted once its user could see the history. Here such an id is not found, and saving a
    revert takes the permission to change the object, as its change form does."""

    def history_view(self, request, object_id, extra_context=None):
        if not could_be_id(self.model, object_id):
            raise Http404
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not could_be_id(self.model, object_id) or not version_id.isdecimal():
            raise Http404
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))  # None once deleted: not restored
            if obj is None or not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        """A revert puts back what staff see and edit on the form; what they cannot edit there
        (read-only: the source it is imported from, when it was made) stays as it is."""
        if is_revert(request) and (current := type(obj).objects.filter(pk=obj.pk).first()):
            for name in self.get_readonly_fields(request, obj):
                with contextlib.suppress(FieldDoesNotExist):
                    attname = obj._meta.get_field(name).attname
                    setattr(obj, attname, getattr(current, attname))
        super().save_model(request, obj, form, change)


def is_revert(request):
    """Whether the request is a save on simple-history's revert page."""
    return request.resolver_match.url_name.endswith("_simple_history")


def could_be_id(model, object_id):
    try:
        model._meta.pk.to_python(unquote(object_id))
    except ValidationError:
        return False
    return True


class ListingAdmin(
    SaysWhenVisitorsSeeEdits,
    SaysWhatIsTooLong,
    SaysWhyInHistory,
    ChecksHistoryPages,
    ReadableHistory,
    SimpleHistoryAdmin,
):
    """Their history, in words (config.history), with a lock against saving over another
    editor's changes and no version for a save that changes nothing (NoLostEditsForm)."""

    form = NoLostEditsForm
