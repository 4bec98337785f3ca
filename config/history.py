"""The admin's history of listings, as staff read it, and the optimistic locking built on it:
for every model with django-simple-history (meetings, venues, areas, programmes)."""

import datetime

from django import forms
from django.db import models
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.functional import cached_property
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import get_m2m_reverse_field_name

NOT_KNOWN_ANSWERS = {True: "Yes", False: "No", None: "Not known"}


def is_yes_no_or_not_known(field):
    """Venue access facts: a nullable boolean is yes, no or not known (nobody checked)."""
    return isinstance(field, models.BooleanField) and field.null


def shown(field, value):
    """A value from a history diff (made with foreign_keys_are_objs) as staff read it:
    "Temporarily closed", not "temporarily-closed"; "25 November 2026", not "2026-11-25";
    "Not known" for an unchecked fact and "(none)" for nothing; names, not rows, for
    focuses; "53.48346", not "53.483460000000001"."""
    if is_yes_no_or_not_known(field):
        return NOT_KNOWN_ANSWERS[value]
    if field.many_to_many:
        related = get_m2m_reverse_field_name(field)
        return ", ".join(str(row[related]) for row in value) or "(none)"
    if value is None or value == "":
        return "(none)"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return f"{timezone.localtime(value):%-d %B %Y, %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value:%-d %B %Y}"
    if isinstance(value, datetime.time):
        return f"{value:%H:%M}"
    if isinstance(value, float):  # a position: five decimal places are within a metre
        return f"{value:.5f}"
    return value


class ReadableHistoryHelper(HistoricalRecordContextHelper):
    def prepare_delta_change_value(self, change, value):
        return shown(self.model._meta.get_field(change.field), value)


class ReadableHistory:
    """For a SimpleHistoryAdmin: its history page gives changed values as shown() does."""

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistoryHelper(self.model, historical_record)


def current_version(obj):
    """The id of the object's latest history record, as text ("" if it has none yet): one
    query. Every save adds a record, so a different id means somebody saved since."""
    latest = obj.history.order_by("-history_id").values_list("history_id", flat=True).first()
    return "" if latest is None else str(latest)


def changes_since(obj, seen):
    """ "Name: “Old” → “New”" for each field changed since the version `seen`, latest first."""
    latest = obj.history.order_by("-history_id").first()
    earlier = obj.history.filter(history_id=seen).first() if seen else None
    if latest is None or earlier is None:
        return []
    delta = latest.diff_against(earlier, foreign_keys_are_objs=True)
    opts = obj._meta
    changes = []
    for change in delta.changes:
        field = opts.get_field(change.field)
        old, new = (shown(field, value) for value in (change.old, change.new))
        changes.append(f"{field.verbose_name.capitalize()}: “{old}” → “{new}”")
    return changes


class NoLostEditsForm(forms.ModelForm):
    """Refuses to save over changes made since the editor opened the form, and says what
    they were: optimistic locking on the version the form was opened at."""

    seen_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_version"].initial = self.current_version()
        if self.is_bound:
            # Browsers send a text box's line breaks as "\r\n": kept so, every save changed the
            # texts nobody had touched, in the history too.
            self.data = self.data.copy()
            for name, values in self.data.lists():
                self.data.setlist(name, [value.replace("\r\n", "\n") for value in values])

    def save(self, commit=True):
        # Saved as the database has it, it is no new version: one would also tell anyone with
        # the form open that somebody else had changed it. (The admin saves the object after
        # this, with commit=False, and its many-to-many fields last.)
        self.changes_nothing = self.saved is not None and self.is_as_saved()
        if self.changes_nothing:
            self.instance.skip_history_when_saving = True
        return super().save(commit)

    @cached_property
    def saved(self):
        """The object as the database holds it before this form saves it: None for a new one,
        and for a deleted one that is being restored from its history."""
        if self.instance.pk is None:
            return None
        return type(self.instance)._default_manager.filter(pk=self.instance.pk).first()

    def is_as_saved(self):
        """Whether this form's data is what the database holds (the form's instance may be an
        earlier version, when one is reverted to)."""
        saved = model_to_dict(self.saved)
        return not any(
            field.has_changed(saved[name], self[name].data)
            for name, field in self.fields.items()
            if name in saved
        )

    def _save_m2m(self):
        super()._save_m2m()
        if hasattr(self.instance, "skip_history_when_saving"):
            del self.instance.skip_history_when_saving

    def current_version(self):
        """What the lock compares: the object's latest version (current_version())."""
        return current_version(self.instance)

    def latest_change(self):
        """The latest history record of what the lock watches, or None."""
        return self.instance.history.order_by("-history_id").first()

    def changes_since(self, seen):
        """ "Name: “Old” → “New”" for each change since the version `seen`."""
        return changes_since(self.instance, seen)

    def clean(self):
        cleaned_data = super().clean()
        if not self.instance.pk:
            return cleaned_data
        seen = self.data.get(self.add_prefix("seen_version"), "")
        current = self.current_version()
        if seen != current:
            latest = self.latest_change()
            who = f" by {latest.history_user}" if latest and latest.history_user else ""
            when = f" at {timezone.localtime(latest.history_date):%H:%M on %-d %B %Y}"
            deleted_then = seen.isdecimal() and (
                self.instance.history.filter(history_id=seen, history_type="-").exists()
            )
            if deleted_then:
                raise forms.ValidationError(  # opened while it was deleted, as a restore
                    f"This was restored{who}{when if latest else ''} since you opened this "
                    "page, so nothing was saved: it is back already."
                )
            # Saving again now overwrites those changes knowingly.
            self.data = self.data.copy()
            self.data[self.add_prefix("seen_version")] = current
            raise forms.ValidationError(
                [
                    f"This was changed{who}{when if latest else ''} since you opened it "
                    "(perhaps in another tab), so nothing was saved. The changes:",
                    *(self.changes_since(seen) or ["(not recorded)"]),
                    "Check the form against them. Saving again saves this form as it is, "
                    "which undoes those changes unless you make them here too.",
                ]
            )
        return cleaned_data
