from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from config.admin_messages import SaysWhatIsTooLong, SaysWhenVisitorsSeeEdits
from config.history import NoLostEditsForm, ReadableHistory
from programmes.models import Programme, ProgrammeNote


class ProgrammeNoteInline(admin.TabularInline):
    model = ProgrammeNote
    extra = 1


@admin.register(Programme)
class ProgrammeAdmin(
    SaysWhenVisitorsSeeEdits, SaysWhatIsTooLong, ReadableHistory, SimpleHistoryAdmin
):
    form = NoLostEditsForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "short_name", "approach", "spiritual", "abstinence"]
    list_filter = ["approach", "spiritual", "abstinence"]
    search_fields = ["name", "short_name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ProgrammeNoteInline]
