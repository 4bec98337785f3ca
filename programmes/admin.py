from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet

from config.history import NoLostEditsForm
from config.listing_admin import ListingAdmin, SlugSetOnce, could_be_id
from programmes.models import Programme, ProgrammeNote

NOTE_VERSIONS_SHOWN = 200


class ProgrammeForm(NoLostEditsForm):
    """A programme and its notes are edited on one page: a change to either since the page
    was opened is refused, as a change to the programme alone was, lest a note another
    editor rewrote or removed be put back without a word."""

    def current_version(self):
        return f"{super().current_version()}.{self.latest_note_change_id()}"

    def note_versions(self):
        """Its notes' history, latest first."""
        return ProgrammeNote.history.filter(programme_id=self.instance.pk).order_by("-history_id")

    def latest_note_change_id(self):
        return self.note_versions().values_list("history_id", flat=True).first() or ""

    def latest_change(self):
        changes = [super().latest_change(), self.note_versions().first()]
        return max(filter(None, changes), key=lambda change: change.history_date, default=None)

    def changes_since(self, seen):
        seen_programme, _, seen_notes = seen.partition(".")
        changes = super().changes_since(seen_programme)
        if seen_notes != str(self.latest_note_change_id()):
            changes.append("Its notes: see the programme's history")
        return changes


class ProgrammeNoteFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        # A note removed since the page was opened fails its hidden id, which the admin
        # shows nowhere: "Please correct the error below" above no error, again and again.
        if any("id" in form.errors for form in self.forms):
            raise ValidationError(
                "A note on this page has been removed since you opened it. Reload the page "
                "to see the notes as they are now: nothing was saved."
            )


class ProgrammeNoteInline(admin.TabularInline):
    model = ProgrammeNote
    formset = ProgrammeNoteFormSet
    extra = 1


@admin.register(Programme)
class ProgrammeAdmin(SlugSetOnce, ListingAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "short_name", "approach", "spiritual", "abstinence"]
    list_filter = ["approach", "spiritual", "abstinence"]
    search_fields = ["name", "short_name", "summary"]
    inlines = [ProgrammeNoteInline]
    form = ProgrammeForm
    object_history_template = "admin/programmes/programme/object_history.html"

    def history_view(self, request, object_id, extra_context=None):
        """The programme's versions, then its notes' (pros, cons and "may suit you if…"),
        which staff edit on its page: who added, changed or removed which, and when."""
        if could_be_id(self.model, object_id):
            extra_context = {**(extra_context or {}), "note_changes": note_changes(object_id)}
        return super().history_view(request, object_id, extra_context)


def note_changes(programme_id):
    """The latest versions of a programme's notes, latest first, each changed one with the
    version it replaced (`before`): one query."""
    versions = list(
        ProgrammeNote.history.filter(programme_id=unquote(programme_id))
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:NOTE_VERSIONS_SHOWN]
    )
    later = {}  # each note's version read last (the next one in time)
    for version in versions:
        version.before = None
        if (after := later.get(version.id)) is not None and after.history_type == "~":
            after.before = version
        later[version.id] = version
    return versions
