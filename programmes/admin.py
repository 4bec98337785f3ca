from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db import models

from config.listing_admin import ListingAdmin, SlugSetOnce, could_be_id
from programmes.models import Programme, ProgrammeNote

NOTE_VERSIONS_SHOWN = 200


class ProgrammeNoteInline(admin.TabularInline):
    model = ProgrammeNote
    extra = 1


@admin.register(Programme)
class ProgrammeAdmin(SlugSetOnce, ListingAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "short_name", "approach", "spiritual", "abstinence"]
    list_filter = ["approach", "spiritual", "abstinence"]
    search_fields = ["name", "short_name", "summary"]
    inlines = [ProgrammeNoteInline]
    object_history_template = "admin/programmes/programme/object_history.html"

    def history_view(self, request, object_id, extra_context=None):
        """The programme's versions, then its notes' (pros, cons and "may suit you if…"),
        which staff edit on its page: who added, changed or removed which, and when."""
        if could_be_id(self.model, object_id):
            extra_context = {**(extra_context or {}), "note_changes": note_changes(object_id)}
        return super().history_view(request, object_id, extra_context)


def note_changes(programme_id):
    """The latest versions of a programme's notes, latest first, each with the text it
    replaced (`before`) when it changed one: one query."""
    versions = list(
        ProgrammeNote.history.filter(programme_id=unquote(programme_id))
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:NOTE_VERSIONS_SHOWN]
    )
    later = {}  # each note's version read last (the next one in time)
    for version in versions:
        version.before = None
        if (after := later.get(version.id)) is not None and after.history_type == "~":
            after.before = version.text
        later[version.id] = version
    return versions
