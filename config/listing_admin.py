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
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
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
                "Restored in the admin after it was deleted"
                if is_restore(request, form)
                else "Reverted to an earlier version in the admin"
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
    revert takes the permission to change the object, as its change form does; reverting
    one that was deleted (restoring it) takes what may_restore() asks."""

    def history_view(self, request, object_id, extra_context=None):
        if not could_be_id(self.model, object_id):
            raise Http404
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not could_be_id(self.model, object_id) or not version_id.isdecimal():
            raise Http404
        obj = self.get_object(request, unquote(object_id))  # None once deleted
        if obj is None and not self.may_restore(request):
            raise PermissionDenied
        if request.method == "POST" and obj and not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = self.model.history.filter(id=unquote(object_id), history_id=version_id).first()
        if version and version.history_type == "-" and (before := version.prev_record):
            # A deletion's record holds none of its focuses or features: the version before
            # it is what there was.
            opts = self.opts
            name = f"admin:{opts.app_label}_{opts.model_name}_simple_history"
            return HttpResponseRedirect(reverse(name, args=[object_id, before.history_id]))
        return super().history_form_view(request, object_id, version_id, extra_context)

    def may_restore(self, request):
        return False

    def get_form(self, request, obj=None, **kwargs):
        if obj is not None and is_revert(request):
            for field in forget_what_is_gone(obj):
                if request.method == "GET":
                    self.message_user(request, gone_message(field), messages.WARNING)
        return super().get_form(request, obj, **kwargs)

    def save_model(self, request, obj, form, change):
        """A revert puts back what staff see and edit on the form; what they cannot edit there
        (read-only: the source it is imported from, when it was made) stays as it is. A
        deleted one that is restored gets back its own."""
        if is_revert(request) and form.saved is not None:
            for name in self.get_readonly_fields(request, obj):
                with contextlib.suppress(FieldDoesNotExist):
                    attname = obj._meta.get_field(name).attname
                    setattr(obj, attname, getattr(form.saved, attname))
        super().save_model(request, obj, form, change)


class RestoresDeleted:
    """Who may delete one may restore it: a page lists the deleted ones, each with a link to
    its last version on simple-history's revert page, where saving puts it back as it was,
    with its old id, so that links to it work again."""

    change_list_template = "admin/change_list_with_deleted.html"
    object_history_form_template = "admin/restore_or_revert.html"
    restore_leaves_out = ""  # what is deleted with it and not restored, in words

    def get_urls(self):
        view = self.admin_site.admin_view(self.deleted_view)
        name = f"{self.opts.app_label}_{self.opts.model_name}_deleted"
        return [path("deleted/", view, name=name), *super().get_urls()]

    def may_restore(self, request):
        return self.has_delete_permission(request) and self.has_add_permission(request)

    def restore_context(self):
        return {
            "deleted_url": reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_deleted"),
            "has_page": hasattr(self.model, "get_absolute_url"),
            "restore_leaves_out": self.restore_leaves_out,
        }

    def deleted_view(self, request):
        if not self.may_restore(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            **self.restore_context(),
            "opts": self.opts,
            "title": f"Deleted {self.opts.verbose_name_plural}",
            "deletions": deletions(self.model)[:SHOWN_DELETED],
            "shown": SHOWN_DELETED,
        }
        return TemplateResponse(request, "admin/deleted_listings.html", context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        deleted = could_be_id(self.model, object_id) and (
            not self.model._default_manager.filter(pk=unquote(object_id)).exists()
        )
        if deleted:
            extra_context = {**(extra_context or {}), **self.restore_context(), "restoring": True}
        return super().history_form_view(request, object_id, version_id, extra_context)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "may_restore": self.may_restore(request)}
        return super().changelist_view(request, extra_context)

    def history_form_view_title(self, request, obj):
        if self.model._default_manager.filter(pk=obj.pk).exists():
            return super().history_form_view_title(request, obj)
        return f"Restore {obj}"

    def save_model(self, request, obj, form, change):
        obj.restored = is_restore(request, form)
        # Saved anew, it would be "created" now: a meeting's calendar starts from then.
        kept = {
            field.attname: getattr(obj, field.attname)
            for field in obj._meta.concrete_fields
            if getattr(field, "auto_now_add", False)
        }
        super().save_model(request, obj, form, change)
        if obj.restored and kept:
            type(obj)._default_manager.filter(pk=obj.pk).update(**kept)
            for attname, value in kept.items():
                setattr(obj, attname, value)

    def response_change(self, request, obj):
        """Once restored, its own page, which says so; not the list, as other saves go to."""
        if not getattr(obj, "restored", False):
            return super().response_change(request, obj)
        self.message_user(
            request,
            format_html("The {} “{}” was restored.", self.opts.verbose_name, obj),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])
        )


SHOWN_DELETED = 100  # the latest deletions; staff delete one at a time, rarely


def deletions(model):
    """The history records of the model's deletions, the latest of each that is still
    deleted, newest first, with the id of the version before it (`last_version`): the one
    to restore."""
    history = model.history.model.objects
    latest_deletion = history.filter(id=OuterRef("id"), history_type="-").order_by("-history_id")
    version_before = (
        history.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
        .exclude(history_type="-")
        .order_by("-history_id")
    )
    return (
        history.filter(history_type="-")
        .filter(history_id=Subquery(latest_deletion.values("history_id")[:1]))
        .exclude(id__in=model._default_manager.values("pk"))
        .annotate(last_version=Subquery(version_before.values("history_id")[:1]))
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )


def forget_what_is_gone(version):
    """An earlier version's links that may point nowhere (such as a meeting's source or
    venue) and whose object has been deleted since are taken off it, as that deletion took
    them off the object then (shown, or saved, they were a 500): the fields taken off."""
    gone = []
    for field in version._meta.concrete_fields:
        value = getattr(version, field.attname)
        may_be_gone = field.many_to_one and field.null and value is not None
        if may_be_gone and not field.related_model._default_manager.filter(pk=value).exists():
            setattr(version, field.attname, None)
            gone.append(field)
    return gone


def gone_message(field):
    """What staff are told of a link forget_what_is_gone() took off."""
    message = f"Its {field.verbose_name} has been deleted since this version, so it is empty here."
    opts = field.related_model._meta
    with contextlib.suppress(NoReverseMatch):
        deleted = reverse(f"admin:{opts.app_label}_{opts.model_name}_deleted")
        return format_html(
            '{} To keep it, restore it first from <a href="{}">deleted {}</a>.',
            message,
            deleted,
            opts.verbose_name_plural,
        )
    return message


def is_revert(request):
    """Whether the request is a save on simple-history's revert page."""
    return request.resolver_match.url_name.endswith("_simple_history")


def is_restore(request, form):
    """Whether the request saves a revert of a deleted object, restoring it."""
    return is_revert(request) and form.saved is None


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

    def save_model(self, request, obj, form, change):
        """A save that changes nothing writes nothing: not even the time it was updated,
        which exports give as when it last changed."""
        if not (change and form.changes_nothing):
            super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        obj._change_reason = "Deleted in the admin"
        super().delete_model(request, obj)
