from django.contrib import admin
from django.db import models

from config.listing_admin import ListingAdmin, SlugSetOnce
from programmes.models import Programme, ProgrammeNote


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
