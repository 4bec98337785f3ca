"""Change reports in the admin: the queue of them, moving them on, and the way from a report
to its meeting and back."""

from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator

from meetings.models import ChangeReport


class ChangeReportActions:
    """Moving change reports on, in bulk or one at a time: each records who and when, and
    needs the permission to change reports."""

    def _move_on(self, request, queryset, status):
        for report in queryset:
            report.set_status(status, request.user)
        label = ChangeReport.Status(status).label
        self.message_user(request, f"{label}: {len(queryset)} report(s).", messages.SUCCESS)

    @admin.action(description="Mark as in progress", permissions=["change"])
    def mark_in_progress(self, request, queryset):
        self._move_on(request, queryset, ChangeReport.Status.IN_PROGRESS)

    @admin.action(description="Mark as dealt with", permissions=["change"])
    def mark_done(self, request, queryset):
        self._move_on(request, queryset, ChangeReport.Status.DONE)

    @admin.action(description="Dismiss", permissions=["change"])
    def mark_dismissed(self, request, queryset):
        self._move_on(request, queryset, ChangeReport.Status.DISMISSED)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:  # staff may file a report they took by phone
            return ["created", "status_changed_by", "status_changed_at"]
        return super().get_readonly_fields(request, obj)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["meeting", "kind", "message", "email", "status"]
        return super().get_fields(request, obj)

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.status_changed_by, obj.status_changed_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)

    @admin.display(description="meeting")
    def meeting_link(self, report):
        url = reverse("admin:meetings_meeting_change", args=[report.meeting_id])
        return format_html('<a href="{}?report={}">{}</a>', url, report.pk, report.meeting)

    @admin.display(description="what they wrote")
    def message_start(self, report):
        return Truncator(report.message).chars(80)

    @admin.display(description="their email")
    def reporter_email(self, report):
        return report.email or "Not given"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """A report staff file for someone who phoned: the fields say "their", not "your"."""
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "email":
            field.label = "Their email (optional)"
            field.help_text = "Only if they are happy for us to ask them about it."
        return field


class ReportStatusFilter(admin.SimpleListFilter):
    """The queue: open reports (new or in progress) unless another status is chosen."""

    title = "status"
    parameter_name = "status"
    OPEN, ALL = "open", "all"

    def lookups(self, request, model_admin):
        return [
            (self.OPEN, "Open (new or in progress)"),
            *ChangeReport.Status.choices,
            (self.ALL, "All"),
        ]

    def choices(self, changelist):  # no "All" of Django's: it is one of ours, not the default
        chosen = self.value() or self.OPEN
        for value, label in self.lookup_choices:
            yield {
                "selected": chosen == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        chosen = self.value() or self.OPEN
        if chosen == self.OPEN:
            return queryset.filter(status__in=ChangeReport.OPEN_STATUSES)
        return queryset if chosen == self.ALL else queryset.filter(status=chosen)


class ChangeReportInline(admin.TabularInline):
    """The reports about a meeting, on its admin page: read here, handled on their own."""

    model = ChangeReport
    fields = ["created", "kind", "message", "status", "status_changed_by", "status_changed_at"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True
    ordering = ["-created"]


class ReturnsToReport:
    """A meeting opened from a change report (its link there adds ?report=<id>) shows the
    report above the form and, once saved, goes back to it, to be marked dealt with."""

    def report_opened_from(self, request, meeting):
        report_id = request.GET.get("report", "")
        if not report_id.isdecimal():
            return None
        return ChangeReport.objects.filter(pk=report_id, meeting=meeting).first()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        report = object_id.isdecimal() and self.report_opened_from(request, object_id)
        extra_context = {**(extra_context or {}), "opened_from_report": report}
        return super().change_view(request, object_id, form_url, extra_context)

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        report = self.report_opened_from(request, obj.pk)
        # Django keeps the address's query when editing goes on, so the report stays in view.
        still_editing = {"_continue", "_addanother", IS_POPUP_VAR} & set(request.POST)
        if report is None or still_editing:
            return response
        self.message_user(
            request, "Back to the report: mark it dealt with if the listing is now right."
        )
        return HttpResponseRedirect(reverse("admin:meetings_changereport_change", args=[report.pk]))
