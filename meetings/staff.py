"""Admin tools for keeping listings true: the "needs checking" and checked-age filters, the
bulk actions, the meeting and venue forms (with "not known" for yes-or-no facts), and area
coordinators' scope (AreaScopedAdmin), which meetings/admin.py puts together."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME
from simple_history.utils import get_m2m_reverse_field_name

from config.history import NOT_KNOWN_ANSWERS, NoLostEditsForm, is_yes_no_or_not_known
from config.listing_admin import could_be_id
from meetings import wording
from meetings.models import (
    OUT_OF_DATE_AFTER,
    Area,
    Attendance,
    Meeting,
    Status,
    Venue,
    Weekday,
    needs_checking_cutoff,
)


class NeedsCheckingFilter(admin.SimpleListFilter):
    title = "needs checking"
    parameter_name = "needs_checking"

    def lookups(self, request, model_admin):
        return [
            ("any", "Needs checking (any reason)"),
            ("stale", "Not checked for a while"),
            ("never", "Never checked"),
            ("reports", "Has open change reports"),
            ("unplaced", "UK venue not placed on a map"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "any":
            return queryset.needs_checking()
        if value == "stale":
            return queryset.not_verified_since(needs_checking_cutoff())
        if value == "never":
            return queryset.never_verified()
        if value == "reports":
            return queryset.with_open_reports()
        if value == "unplaced":
            return queryset.at_unplaced_uk_venues()
        return queryset


def _save_each(modeladmin, request, queryset, change, fields, message):
    """Call `change` on every meeting chosen and save its `fields`, one save each, so that
    each change is recorded in the meeting's history."""
    count = 0
    for meeting in queryset.select_related("programme", "venue"):
        change(meeting)
        meeting._change_reason = message  # in the history, as the admin's edits say theirs
        meeting.save(update_fields=fields)
        modeladmin.log_change(request, meeting, message)
        count += 1
    modeladmin.message_user(
        request, f"{message}: {wording.count(count, 'meeting')}.", messages.SUCCESS
    )


@admin.action(description="Mark verified today", permissions=["change"])
def mark_verified_today(modeladmin, request, queryset):
    def verify(meeting):
        meeting.last_verified = timezone.localdate()

    _save_each(modeladmin, request, queryset, verify, ["last_verified"], "Marked verified")


def _set_status(modeladmin, request, queryset, status, message):
    """Checked today; a meeting already of that status keeps the date it has been so since."""

    def change(meeting):
        meeting.set_status(status)
        meeting.last_verified = timezone.localdate()

    fields = ["status", "status_since", "last_verified"]
    _save_each(modeladmin, request, queryset, change, fields, message)


@admin.action(description="Mark temporarily closed", permissions=["change"])
def mark_temporarily_closed(modeladmin, request, queryset):
    _set_status(modeladmin, request, queryset, Status.TEMPORARILY_CLOSED, "Temporarily closed")


@admin.action(description="Reopen (active again)", permissions=["change"])
def mark_reopened(modeladmin, request, queryset):
    _set_status(modeladmin, request, queryset, Status.ACTIVE, "Reopened")


ENDING_SHOWN = 50  # of the meetings named on the page that asks to confirm ending them


@admin.action(description="Mark ended", permissions=["change"])
def mark_ended(modeladmin, request, queryset):
    """Asks first, naming them: their pages go and they leave every list, and "Reopen"
    cannot tell which of them were temporarily closed before."""
    if request.POST.get("confirmed") == "yes":
        return _set_status(modeladmin, request, queryset, Status.ENDED, "Ended")
    chosen = queryset.select_related("venue").order_by("name", "pk")
    count = chosen.count()
    # "Select all" is passed on as it came (the list's filters are in the address), not as
    # one field per meeting: Django refuses a form of more than 1,000 fields.
    across = request.POST.get("select_across") == "1"
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "Mark meetings ended?",
        "opts": modeladmin.opts,
        "count": count,
        "shown": chosen[:ENDING_SHOWN],
        "more": max(0, count - ENDING_SHOWN),
        "select_across": across,
        "pks": chosen.values_list("pk", flat=True)[: 1 if across else None],
        "back": request.get_full_path(),
    }
    return TemplateResponse(request, "meetings/staff/confirm_ending.html", context)


@admin.action(
    description="Detach from their source (the next sync leaves them alone)",
    permissions=["change"],
)
def detach_from_source(modeladmin, request, queryset):
    """A version each, as for any edit: a form opened before cannot then undo it unseen."""

    def detach(meeting):
        meeting.source_detached = True

    imported = queryset.exclude(source=None).filter(source_detached=False)
    _save_each(
        modeladmin, request, imported, detach, ["source_detached"], "Detached from their source"
    )


MEETING_ACTIONS = [
    mark_verified_today,
    mark_temporarily_closed,
    mark_reopened,
    mark_ended,
    detach_from_source,
]


def needs_checking_summary(user):
    """The admin index's counts of meetings that need checking, for staff who may see them:
    an area coordinator's of their own areas."""
    if not user.has_perm("meetings.view_meeting"):
        return None
    meetings = Meeting.objects.all()
    if (areas := coordinated_areas(user)) is not None:
        meetings = meetings.filter(Area.within(areas, "venue__area__path"))
    return meetings.needs_checking_counts()


class NotKnownListFilter(admin.BooleanFieldListFilter):
    """Yes, no or not known: Django's filter calls a fact nobody checked "Unknown"."""

    def choices(self, changelist):
        for choice in super().choices(changelist):
            if choice["display"] == gettext("Unknown"):
                choice = {**choice, "display": "Not known"}
            yield choice


class NotKnownSelect(forms.NullBooleanSelect):
    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", "Not known"), ("true", "Yes"), ("false", "No")]


def yes_no_or_not_known_column(model, name):
    """A list column that says Yes, No or Not known in words (Django shows icons, and a
    question mark for not known)."""
    field = model._meta.get_field(name)

    @admin.display(description=field.verbose_name, ordering=name)
    def column(obj):
        return NOT_KNOWN_ANSWERS[getattr(obj, name)]

    column.__name__ = name
    return column


class SaysNotKnown:
    """Yes / no / not known facts say "Not known" in the admin's forms, where Django says
    "Unknown" (config.history says it in the history)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if is_yes_no_or_not_known(db_field):
            kwargs["widget"] = NotKnownSelect
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class VenueForm(NoLostEditsForm):
    """A latitude and longitude typed in are used only with "location set by staff" ticked;
    without it they were silently replaced from the postcode."""

    def clean(self):
        cleaned_data = super().clean()
        typed = {"latitude", "longitude"} & set(self.changed_data)
        if typed and not cleaned_data.get("location_set_by_staff"):
            self.add_error(
                "location_set_by_staff",
                "Tick this to keep the latitude and longitude you typed. Otherwise they are "
                "taken from the postcode.",
            )
        return cleaned_data


class MeetingForm(NoLostEditsForm):
    """Each save is one version in the meeting's history, focuses and features included.
    (simple-history records a meeting when it is saved, before the form sets its focuses and
    features, then again at each change to them: so it is recorded once, after them.)"""

    class Meta:
        error_messages = {
            "slug": {
                "unique": "Another meeting has this web address already: choose another, "
                "such as this one with the town added."
            }
        }

    def save(self, commit=True):
        self.creating = self.saved is None  # or restored: its first version since
        self.instance.skip_history_when_saving = True
        return super().save(commit)

    def _save_m2m(self):  # the admin calls it, as save_m2m(), after saving the meeting
        super()._save_m2m()
        if not self.changes_nothing:
            self.instance.save(update_fields=["updated"])
        if self.creating:  # its latest version is its creation, or its restoring
            latest = self.instance.history.order_by("-history_id").values("history_id")[:1]
            self.instance.history.filter(history_id__in=latest).update(history_type="+")


class RevertsManyToMany:
    """Reverting to an earlier version offers that version's focuses and features too, not
    today's: simple-history's revert form otherwise reads them from the meeting as it is."""

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        version = getattr(obj, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None)
        if version is None:
            return form
        chosen = {
            field.name: list(
                getattr(version, field.name).values_list(
                    get_m2m_reverse_field_name(field), flat=True
                )
            )
            for field in version._history_m2m_fields
        }

        class FormAtThatVersion(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, initial={**chosen, **kwargs.pop("initial", {})}, **kwargs)

        return FormAtThatVersion


AREA_COORDINATORS = "Area coordinators"  # the group made by migration 0014


def coordinated_areas(user):
    """The areas an area coordinator looks after, or None for staff who may see every area
    (superusers and everyone outside the group). Cached on the user: one query per request."""
    if not hasattr(user, "_coordinated_areas"):
        if user.is_superuser or not user.groups.filter(name=AREA_COORDINATORS).exists():
            user._coordinated_areas = None
        else:
            user._coordinated_areas = list(user.coordinated_areas.all())
    return user._coordinated_areas


class AreaScopedAdmin:
    """For area coordinators, the list, change forms, history, autocomplete and bulk actions
    of this model reach only the objects in their areas and the areas inside them; the
    venue, area or meeting an object is given must be theirs too."""

    area_path_field = None  # e.g. "venue__area__path"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        areas = coordinated_areas(request.user)
        if areas is None:
            return queryset
        return queryset.filter(Area.within(areas, self.area_path_field))

    def outside_their_areas(self, request, object_id):
        """Whether the object is one an area coordinator may not reach (or is gone)."""
        return (
            coordinated_areas(request.user) is not None
            and self.get_object(request, unquote(object_id)) is None
        )

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        """Not "Perhaps it was deleted?" of one that is there, in another coordinator's care."""
        there = could_be_id(self.model, object_id) and (
            self.model._default_manager.filter(pk=unquote(object_id)).exists()
        )
        if coordinated_areas(request.user) is None or not there:
            return super()._get_obj_does_not_exist_redirect(request, opts, object_id)
        self.message_user(
            request,
            f"This {opts.verbose_name} is not in your areas: an editor or its area's "
            "coordinator can change it.",
            messages.WARNING,
        )
        return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))

    # simple-history's history and revert pages find the object without get_queryset().
    def history_view(self, request, object_id, extra_context=None):
        if self.outside_their_areas(request, object_id):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if self.outside_their_areas(request, object_id):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        areas = coordinated_areas(request.user)
        if areas is not None and db_field.name == "venue":
            kwargs["queryset"] = Venue.objects.filter(Area.within(areas, "area__path"))
            # A meeting with no venue would be in no area, out of their own reach too.
            kwargs["required"] = True
            kwargs["error_messages"] = {
                "required": "Choose a venue in your areas: online-only meetings are kept "
                "by editors."
            }
        if areas is not None and db_field.name == "area":
            kwargs["queryset"] = Area.objects.filter(Area.within(areas))
            # A venue in no area would be out of every coordinator's reach, their own too.
            kwargs["required"] = True
            kwargs["error_messages"] = {"required": "Choose one of your areas."}
        if areas is not None and db_field.name == "meeting":
            kwargs["queryset"] = Meeting.objects.filter(Area.within(areas, "venue__area__path"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CheckedAgeFilter(admin.SimpleListFilter):
    title = "last checked"
    parameter_name = "checked"

    def lookups(self, request, model_admin):
        months = settings.NEEDS_CHECKING_MONTHS
        return [
            ("recent", f"In the last {months} months"),
            ("due", f"{months} to 12 months ago"),
            ("old", "Over a year ago"),
            ("never", "Never"),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        cutoff, year_ago = needs_checking_cutoff(today), today - OUT_OF_DATE_AFTER
        if self.value() == "recent":
            return queryset.filter(last_verified__gte=cutoff)
        if self.value() == "due":
            return queryset.filter(last_verified__lt=cutoff, last_verified__gte=year_ago)
        if self.value() == "old":
            return queryset.filter(last_verified__lt=year_ago)
        if self.value() == "never":
            return queryset.filter(last_verified__isnull=True)
        return queryset


class AreaFilter(admin.SimpleListFilter):
    """An area with every area inside it, as the finder's ?area= takes it: "Greater
    Manchester" lists Salford's meetings too. Areas are listed as a tree, indented."""

    title = "area"
    parameter_name = "area"

    def lookups(self, request, model_admin):
        # In Python, by the slugs along each path: ordered by the path as text, "england-north"
        # would come between "england" and "england/salford" (and databases' collations differ).
        areas = sorted(Area.objects.only("name", "slug", "path"), key=lambda a: a.path.split("/"))
        return [(area.slug, "\u2003" * area.path.count("/") + area.name) for area in areas]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        area = Area.objects.filter(slug=self.value()).first()
        return queryset.in_area(area) if area else queryset.none()  # no such area: none


@admin.display(description="when", ordering="weekday")
def when(meeting):
    """ "Tue 19:30, online": when, and how, in one short column."""
    way = "" if meeting.attendance == Attendance.IN_PERSON else f", {meeting.attendance}"
    return f"{Weekday(meeting.weekday).label[:3]} {meeting.start_time:%H:%M}{way}"


@admin.display(description="last checked", ordering="last_verified")
def last_checked(meeting):
    """ "12 March 2026 (8 months ago)", or "Never", with a warning sign when overdue."""
    if meeting.last_verified is None:
        return "⚠ Never"
    ago = (
        "today"
        if meeting.last_verified == timezone.localdate()
        else f"{timesince(meeting.last_verified, depth=1)} ago"
    )
    when = f"{meeting.last_verified:%-d %b %Y} ({ago})"
    return f"⚠ {when}" if meeting.last_verified < needs_checking_cutoff() else when
