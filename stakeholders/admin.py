from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from stakeholders.models import (
    Body,
    District,
    LegislativeTerm,
    Meeting,
    Membership,
    Organisation,
    ParticipationEvent,
    Person,
)
from strategy_portal.admin_utils import (
    HTTPS_URLS,
    VersionedAdmin,
    VersionedTabularInline,
    archive_selected,
    restore_selected,
)
from strategy_portal.db import CountQualifier


@admin.register(Organisation)
class OrganisationAdmin(VersionedAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ("name", "short_name", "category", "municipality", "is_sponsor", "is_archived")
    list_filter = ("category", "is_sponsor", "is_archived")
    search_fields = ("name", "short_name", "municipality")
    ordering = ("name",)
    actions = [archive_selected, restore_selected]


@admin.register(Person)
class PersonAdmin(VersionedAdmin):
    list_display = ("name", "public_function", "organisation", "public_figure", "consent_date")
    list_filter = ("public_figure", "organisation__category")
    list_select_related = ("organisation",)
    search_fields = ("name", "public_function", "email", "organisation__name", "organisation__short_name")
    ordering = ("name",)
    autocomplete_fields = ("organisation",)
    fieldsets = (
        (None, {"fields": ("name", "given_name", "family_name", "public_function", "organisation", "public_figure")}),
        (_("Contact (staff only)"), {"fields": ("email", "phone", "notes")}),
        (_("Consent"), {"fields": ("consent_date", "consent_scope", "consent_covers_publication")}),
    )


class MembershipInline(VersionedTabularInline):
    model = Membership
    fields = ("person", "organisation", "role", "function", "start_date", "end_date")
    autocomplete_fields = ("person", "organisation")
    extra = 0


class MeetingInline(VersionedTabularInline):
    model = Meeting
    fields = ("date", "title", "is_public", "location")
    extra = 0


@admin.register(Body)
class BodyAdmin(VersionedAdmin):
    list_display = ("name", "short_name", "kind")
    list_filter = ("kind",)
    search_fields = ("name", "short_name", "purpose")
    ordering = ("name",)
    inlines = [MembershipInline, MeetingInline]


@admin.register(Membership)
class MembershipAdmin(VersionedAdmin):
    list_display = ("body", "person", "organisation", "role", "function", "start_date", "end_date")
    list_filter = ("body", "role")
    list_select_related = ("body", "person", "organisation")
    search_fields = ("person__name", "organisation__name", "function", "body__name")
    ordering = ("body__name", "role", "organisation__name", "person__name")
    autocomplete_fields = ("person", "organisation")


@admin.register(Meeting)
class MeetingAdmin(VersionedAdmin):
    list_display = ("date", "body", "title", "is_public", "location")
    list_filter = ("body", "is_public")
    search_fields = ("body__name", "body__short_name", "title", "location")
    ordering = ("-date",)
    date_hierarchy = "date"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Meeting]:
        # A meeting's name includes its body's: also for the autocomplete of committee papers.
        return super().get_queryset(request).select_related("body")


@admin.register(ParticipationEvent)
class ParticipationEventAdmin(VersionedAdmin):
    list_display = ("title", "kind", "start_date", "end_date", "participants", "is_archived")
    list_filter = ("kind", "is_archived")
    search_fields = ("title", "description", "participant_groups", "outcomes")
    ordering = ("start_date",)
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ("title",)}
    actions = [archive_selected, restore_selected]

    @admin.display(description=_("participants"), ordering="participants_count")
    def participants(self, obj: ParticipationEvent) -> int | str | None:
        if obj.participants_count is None:
            return None
        if obj.participants_qualifier == CountQualifier.EXACT:
            return obj.participants_count
        return f"{obj.get_participants_qualifier_display()} {obj.participants_count}"


class LegislativeTermInline(VersionedTabularInline):
    model = LegislativeTerm
    extra = 1


@admin.register(District)
class DistrictAdmin(VersionedAdmin):
    """The district as OParl publishes it (its Body): one row, made by the migration, changed here."""

    formfield_overrides = HTTPS_URLS
    list_display = ("name", "ags", "rgs")
    inlines = [LegislativeTermInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not District.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: District | None = None) -> bool:
        return False
