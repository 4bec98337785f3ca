"""Visitors' "report a change" about a meeting, for staff."""

from django.conf import settings
from django.db import models
from django.utils import timezone


def open_reports_of(meeting):
    """Change reports about a meeting that staff have not closed yet."""
    return ChangeReport.objects.filter(meeting=meeting, status__in=ChangeReport.OPEN_STATUSES)


class ChangeReport(models.Model):
    """A visitor's "report a change" about a meeting, for staff to check in admin."""

    class Kind(models.TextChoices):
        DETAILS_WRONG = "details-wrong", "Some details are wrong"
        STOPPED = "stopped", "The meeting has stopped or moved"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        NEW = "new", "New"
        IN_PROGRESS = "in-progress", "In progress"
        DONE = "done", "Dealt with"
        DISMISSED = "dismissed", "Dismissed"

    OPEN_STATUSES = [Status.NEW, Status.IN_PROGRESS]

    meeting = models.ForeignKey("Meeting", on_delete=models.CASCADE, related_name="change_reports")
    kind = models.CharField("what is wrong", max_length=20, choices=Kind)
    message = models.TextField("what should we change", max_length=2000)
    email = models.EmailField(
        "your email (optional)", blank=True, help_text="Only if you are happy for us to ask you."
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.NEW, db_index=True)
    created = models.DateTimeField(auto_now_add=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    status_changed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.meeting}"

    def set_status(self, status, user):
        """Move the report on (new, in progress, done, dismissed), saying who and when."""
        self.status, self.status_changed_by = status, user
        self.status_changed_at = timezone.now()
        self.save(update_fields=["status", "status_changed_by", "status_changed_at"])
