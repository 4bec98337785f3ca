from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, F
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from config.listing_admin import ListingAdmin, RestoresDeleted, SaysWhatIsTooLong, SlugSetOnce
from meetings import postcodes, report_admin, staff, wording
from meetings.exchange import admin_views
from meetings.models import (
    SCHEDULE_FIELDS,
    UNITED_KINGDOM,
    Area,
    ChangeReport,
    Feature,
    Focus,
    LocationPrecision,
    Meeting,
    PostcodeDistrict,
    Source,
    Venue,
    keywords,
)


@admin.register(Area)
class AreaAdmin(SlugSetOnce, ListingAdmin):
    list_display = ["name", "path"]
    search_fields = ["name", "path"]
    autocomplete_fields = ["parent"]
    filter_horizontal = ["coordinators"]

    def get_search_results(self, request, queryset, search_term):
        """An area coordinator choosing a venue's area is offered their own areas alone: the
        others were offered, and refused once chosen."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        areas = staff.coordinated_areas(request.user)
        if areas is not None and request.resolver_match.url_name == "autocomplete":
            queryset = queryset.filter(Area.within(areas))
        return queryset, may_have_duplicates

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "coordinators":  # only they are given an area's meetings
            kwargs["queryset"] = db_field.related_model.objects.filter(
                groups__name=staff.AREA_COORDINATORS
            ).order_by("username")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class VenueLocationFilter(admin.SimpleListFilter):
    title = "location"
    parameter_name = "location"

    def lookups(self, request, model_admin):
        return [
            ("missing", "Not placed: left out of “near” searches"),
            ("approximate", "Only the centre of a sector or district"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.without_location()
        if self.value() == "approximate":
            return queryset.filter(
                location_precision__in=[LocationPrecision.SECTOR, LocationPrecision.DISTRICT]
            )
        return queryset


def warned_at_the_top(fieldsets, warning):
    """The form's fieldsets with `warning` as the first one's description, read first."""
    (name, options), *rest = fieldsets
    return [(name, {**options, "description": warning}), *rest]


IMPORTED_VENUE_WARNING = (
    "⚠ Meetings here are imported. An import finds their venue by its name and address: if "
    "you change those here, the next import adds the venue again as its source has it. "
    "Change them in the source, or detach the meetings from it."
)


@admin.register(Venue)
class VenueAdmin(staff.AreaScopedAdmin, staff.SaysNotKnown, RestoresDeleted, ListingAdmin):
    form = staff.VenueForm
    area_path_field = "area__path"
    list_display = [
        "name",
        "town",
        "postcode",
        "area",
        "location",
        staff.yes_no_or_not_known_column(Venue, "step_free"),
        staff.yes_no_or_not_known_column(Venue, "hearing_loop"),
    ]
    list_filter = [
        VenueLocationFilter,
        ("step_free", staff.NotKnownListFilter),
        ("hearing_loop", staff.NotKnownListFilter),
        ("accessible_toilet", staff.NotKnownListFilter),
        "country",
    ]
    readonly_fields = ["location"]
    search_fields = ["name", "address_line_1", "town", "postcode"]
    autocomplete_fields = ["area"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "address_line_1",
                    "address_line_2",
                    "town",
                    "postcode",
                    "country",
                    "area",
                    "seen_version",
                ]
            },
        ),
        (
            "Accessibility",
            {"fields": ["step_free", "hearing_loop", "accessible_toilet", "access_notes"]},
        ),
        # Worked out from the postcode; typed in only when that places the venue wrongly.
        (
            "Place on the map",
            {"fields": ["location", "location_set_by_staff", "latitude", "longitude"]},
        ),
    ]

    def get_fieldsets(self, request, obj=None):
        """A venue of imported meetings says so at the top: an import finds its venue by name
        and address, so one renamed here is added again, as the source has it."""
        fieldsets = super().get_fieldsets(request, obj)
        if (
            obj is None
            or not obj.meetings.filter(source__isnull=False, source_detached=False).exists()
        ):
            return fieldsets
        return warned_at_the_top(fieldsets, IMPORTED_VENUE_WARNING)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.area_id is None:
            messages.warning(
                request,
                f"“{obj}” is in no area, so no area coordinator can keep its meetings, and no "
                "area's filter or list finds them. Choose its area if you can.",
            )
        if obj.country != UNITED_KINGDOM:
            return
        if obj.latitude is None:
            messages.warning(
                request,
                f"The postcode {obj.postcode} was not found, so “{obj}” is not on the map and "
                "searches near a place will not find its meetings. Check the postcode.",
            )
        elif obj.location_precision in (LocationPrecision.SECTOR, LocationPrecision.DISTRICT):
            # A mistyped postcode is placed at the centre of its sector or district, as it
            # would be at any other, with no more than the location field's word for it.
            where = obj.get_location_precision_display().lower()
            messages.warning(
                request,
                f"The full postcode {obj.postcode} was not found, so “{obj}” is placed at the "
                f"{where}, which may be a mile or more out. Check the postcode.",
            )

    @admin.display(description="location")
    def location(self, venue):
        if venue.pk is None:  # a venue being added: placed from its postcode when saved
            return "From the postcode, once saved"
        if venue.latitude is None or venue.longitude is None:
            if venue.country == UNITED_KINGDOM:
                return "⚠ Not placed: “near” searches cannot find it. Check the postcode."
            return "Not placed (outside the UK)"
        return venue.get_location_precision_display()


SHOWN_IN_USE = 20  # of the meetings that keep a focus or feature from being deleted


@admin.register(Focus, Feature)
class TagAdmin(SlugSetOnce, admin.ModelAdmin):
    list_display = ["name", "code", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "code"]

    delete_confirmation_template = "meetings/staff/tag_delete_confirmation.html"

    def get_actions(self, request):
        """One at a time, on the page that says which meetings have it."""
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def get_deleted_objects(self, objs, request):
        """A focus or feature that meetings have is not deleted: that would take it from
        them without a word in their history, and break ?focus= links. The page names them,
        as Django names what protects an object, to be taken off first."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        tags = self.model.objects.filter(pk__in=[tag.pk for tag in objs])
        using = Meeting.objects.filter(pk__in=tags.values("meetings")).select_related("venue")
        shown = [str(meeting) for meeting in using.order_by("name", "pk")[:SHOWN_IN_USE]]
        if len(shown) == SHOWN_IN_USE and (count := using.count()) > len(shown):
            shown.append(f"and {wording.count(count - len(shown), 'more meeting')}")
        return deleted, counts, perms_needed, [*protected, *shown]


IMPORTED_WARNING = (
    "⚠ Imported from “{source}”, which updates it {when}: an import puts back what you change "
    "here, and ends it if the source no longer lists it. To keep your changes, tick "
    "“Detached from its source” at the bottom of this page."
)


@admin.register(Meeting)
class MeetingAdmin(
    staff.AreaScopedAdmin,
    staff.RevertsManyToMany,
    report_admin.ReturnsToReport,
    RestoresDeleted,
    ListingAdmin,
):
    form = staff.MeetingForm
    area_path_field = "venue__area__path"
    restore_leaves_out = "Reports of changes sent in about it were deleted with it and stay so."
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # What checking needs first: at 1280 px with the filters beside it, the venue, status and
    # last check were past the edge of the table.
    list_display = ["name", "programme", staff.when, "status", staff.last_checked, "venue"]
    empty_value_display = "(none)"  # in the focus and source filters too, not a bare "-"
    list_filter = [
        staff.NeedsCheckingFilter,
        staff.CheckedAgeFilter,
        "status",
        "programme",
        "attendance",
        "weekday",
        "frequency",
        "openness",
        "focuses",
        staff.AreaFilter,
        "source",
    ]
    search_fields = [
        "name",
        "slug",
        "group_name",
        "venue__name",
        "venue__town",
        "venue__postcode",
        "public_notes",
    ]
    list_select_related = ["programme", "venue"]
    autocomplete_fields = ["programme", "venue"]
    filter_horizontal = ["focuses", "features"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created", "updated", "source", "source_key"]
    actions = staff.MEETING_ACTIONS
    inlines = [report_admin.ChangeReportInline]
    # In the order an editor works from a flyer: what, when, where or how, for whom; then
    # whether it is running and when it was last checked; then what only staff see.
    fieldsets = [
        (None, {"fields": ["programme", "name", "slug", "group_name", "seen_version"]}),
        ("When", {"fields": SCHEDULE_FIELDS}),
        (
            "Where and how to take part",
            {
                "fields": [
                    "attendance",
                    "venue",
                    "online_url",
                    "online_meeting_id",
                    "online_passcode",
                    "phone_dial_in",
                    "online_notes",
                ]
            },
        ),
        (
            "Who it is for",
            {
                "fields": [
                    "openness",
                    "focuses",
                    "features",
                    "languages",
                    "public_notes",
                    "notes_language",
                ]
            },
        ),
        ("Checking and status", {"fields": ["status", "status_since", "last_verified"]}),
        (
            "Staff only (never shown to the public unless ticked)",
            {
                "fields": [
                    "staff_notes",
                    "contact_name",
                    "contact_email",
                    "contact_phone",
                    "contact_public",
                ]
            },
        ),
        ("History", {"fields": ["created", "updated"]}),
        ("Imported from", {"fields": ["source", "source_key", "source_detached"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("venue")  # named with its town

    def get_list_filter(self, request):
        """Sources, named with their addresses, only for staff who may see them."""
        filters = super().get_list_filter(request)
        if request.user.has_perm("meetings.view_source"):
            return filters
        return [choice for choice in filters if choice != "source"]

    def get_changeform_initial_data(self, request):
        """A meeting staff add is one they have just checked: the public page says so."""
        return {
            "last_verified": timezone.localdate(),
            **super().get_changeform_initial_data(request),
        }

    def get_fieldsets(self, request, obj=None):
        """An imported meeting says so at the top: the next import of its source puts back
        what staff change, unless they detach it."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or obj.source_id is None or obj.source_detached:
            return fieldsets
        imported = format_html(  # Django shows a description as HTML
            IMPORTED_WARNING,
            source=obj.source,
            when="every night" if obj.source.url else "when it is imported",
        )
        return warned_at_the_top(fieldsets, imported)

    def get_search_results(self, request, queryset, search_term):
        """Django's search, and the finder's keyword search, which folds accents and leaves
        out apostrophes ("Grwp" finds "Grŵp", "St Marys" "St Mary's"), and the postcode
        however it is spaced ("LS14AP"): staff found fewer meetings than visitors did."""
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if keywords(search_term):
            found |= queryset.matching(search_term)
        if postcode := postcodes.normalise(search_term):
            found |= queryset.filter(venue__postcode=postcode)
        return found, may_have_duplicates

    def get_ordering(self, request):
        """Meetings to check, those checked longest ago (or never) first."""
        checking = {staff.NeedsCheckingFilter.parameter_name, staff.CheckedAgeFilter.parameter_name}
        if checking & request.GET.keys():
            return [F("last_verified").asc(nulls_first=True), "pk"]
        return super().get_ordering(request)

    def get_actions(self, request):
        """Meetings are marked ended, not deleted in bulk: an ended meeting's page says so and
        offers others nearby. Administrators may still delete one at a time."""
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data and "status_since" not in form.changed_data:
            obj.status_since = timezone.localdate()
        super().save_model(request, obj, form, change)


@admin.register(PostcodeDistrict)
class PostcodeDistrictAdmin(admin.ModelAdmin):
    list_display = ["outcode", "town", "latitude", "longitude"]
    search_fields = ["^outcode", "town"]  # "M1" finds M1 and M11, not CM1
    ordering = ["outcode"]


@admin.register(ChangeReport)
class ChangeReportAdmin(
    staff.AreaScopedAdmin, report_admin.ChangeReportActions, SaysWhatIsTooLong, admin.ModelAdmin
):
    area_path_field = "meeting__venue__area__path"
    list_display = ["meeting", "kind", "message_start", "status", "created", "status_changed_by"]
    list_filter = [report_admin.ReportStatusFilter, "kind"]
    list_select_related = ["meeting__venue", "status_changed_by"]
    search_fields = ["meeting__name", "message"]
    autocomplete_fields = ["meeting"]
    # What the visitor wrote is theirs: staff read it and move the report on.
    readonly_fields = [
        "meeting_link",
        "kind",
        "message",
        "reporter_email",
        "created",
        "status_changed_by",
        "status_changed_at",
    ]
    fields = readonly_fields[:5] + ["status", "status_changed_by", "status_changed_at"]
    actions = ["mark_in_progress", "mark_done", "mark_dismissed"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "programme", "location", "last_import", "outcome", "meetings_link"]
    list_filter = ["outcome", "programme"]
    search_fields = ["name", "url", "file_name"]
    autocomplete_fields = ["programme"]
    readonly_fields = ["last_import", "outcome", "report", "meetings_link"]
    change_list_template = "meetings/exchange/source_change_list.html"
    fields = ["name", "programme", "url", "file_name", "time_zone", "meetings_link"]
    fields += ["last_import", "outcome", "report"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(meeting_count=Count("meetings"))

    def get_urls(self):
        view = self.admin_site.admin_view(lambda request: admin_views.import_view(self, request))
        return [path("import/", view, name="meetings_source_import"), *super().get_urls()]

    @admin.display(description="meetings it manages")
    def meetings_link(self, source):
        if source.pk is None:
            return "-"
        url = reverse("admin:meetings_meeting_changelist") + f"?source__id__exact={source.pk}"
        return format_html(
            '<a href="{}">{}</a>', url, wording.count(source.meeting_count, "meeting")
        )
