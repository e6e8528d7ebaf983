from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from projects.models import (
    ActionField,
    ExternalInitiative,
    Finding,
    FocusArea,
    Indicator,
    Measurement,
    Milestone,
    Phase,
    Project,
    ProjectPartner,
    StatusReport,
    StrategicGoal,
    Strategy,
)
from strategy_portal.admin_utils import (
    HTTPS_URLS,
    VersionedAdmin,
    VersionedStackedInline,
    VersionedTabularInline,
    archive_selected,
    restore_selected,
    year_column,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    class ProjectCount(TypedDict):
        project_count: int


class PhaseInline(VersionedTabularInline):
    model = Phase
    fields = ("number", "title", "status", "start_date", "end_date")
    extra = 0
    show_change_link = True  # description and events are edited on the phase's own page


class StrategicGoalInline(VersionedTabularInline):
    model = StrategicGoal
    fields = ("number", "statement", "description")
    extra = 0


@admin.register(Strategy)
class StrategyAdmin(VersionedAdmin):
    list_display = (
        "title",
        "responsible_unit",
        year_column(Strategy, "first_budget_year"),
        year_column(Strategy, "last_budget_year"),
        "is_featured",
    )
    list_filter = ("is_featured",)
    search_fields = ("title", "vision")
    ordering = ("-is_featured", "title")
    prepopulated_fields = {"slug": ("title",)}
    fieldsets = (
        (None, {"fields": ("title", "slug", "is_featured", "vision", "background", "process_objectives")}),
        (_("Responsibility"), {"fields": ("responsible_unit", "department", "council_decision_year")}),
        (_("Process"), {"fields": ("started", "final_presentation")}),
        (_("Budget"), {"fields": ("first_budget_year", "last_budget_year", "annual_project_budget")}),
    )
    inlines = [PhaseInline, StrategicGoalInline]


@admin.register(Phase)
class PhaseAdmin(VersionedAdmin):
    list_display = ("number", "title", "status", "start_date", "end_date", "strategy")
    list_filter = ("strategy", "status")
    list_select_related = ("strategy",)
    search_fields = ("title", "description")
    ordering = ("strategy", "number")
    filter_horizontal = ("participation_events",)


@admin.register(StrategicGoal)
class StrategicGoalAdmin(VersionedAdmin):
    list_display = ("number", "statement", "strategy")
    list_display_links = ("number", "statement")
    list_filter = ("strategy",)
    list_select_related = ("strategy",)
    search_fields = ("statement", "description")
    ordering = ("strategy", "number")


class FocusAreaInline(VersionedTabularInline):
    model = FocusArea
    fields = ("number", "title")
    extra = 0


@admin.register(ActionField)
class ActionFieldAdmin(VersionedAdmin):
    list_display = ("number", "title", "short_title", "project_count", "strategy")
    list_display_links = ("number", "title")
    list_filter = ("strategy",)
    list_select_related = ("strategy",)
    search_fields = ("title", "short_title", "description")
    ordering = ("strategy", "number")
    prepopulated_fields = {"slug": ("short_title",)}
    filter_horizontal = ("goals", "participation_events")
    inlines = [FocusAreaInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ActionField]:
        return super().get_queryset(request).annotate(project_count=Count("projects"))

    @admin.display(description=_("projects"), ordering="project_count")
    def project_count(self, obj: WithAnnotations[ActionField, ProjectCount]) -> int:
        return obj.project_count


@admin.register(FocusArea)
class FocusAreaAdmin(VersionedAdmin):
    list_display = ("title", "number", "action_field")
    list_filter = ("action_field__strategy", "action_field")
    list_select_related = ("action_field",)
    search_fields = ("title",)
    ordering = ("action_field__strategy", "action_field__number", "number")


class ProjectPartnerInline(VersionedTabularInline):
    model = ProjectPartner
    fields = ("organisation", "role")
    autocomplete_fields = ("organisation",)
    extra = 0


class MilestoneInline(VersionedTabularInline):
    model = Milestone
    fields = ("title", "due_date", "done_on", "note")
    extra = 0


class StatusReportInline(VersionedStackedInline):
    model = StatusReport
    fields = (("reported_on", "traffic_light", "progress"), "achieved", "next_steps", "risks", "author")
    autocomplete_fields = ("author",)
    classes = ("collapse",)
    extra = 0


class IndicatorInline(VersionedTabularInline):
    model = Indicator
    fields = ("name", "unit", "baseline", "target", "target_date")
    extra = 0
    show_change_link = True  # measurements are entered on the indicator's page


@admin.register(Project)
class ProjectAdmin(VersionedAdmin):
    list_display = ("number", "title", "action_field", "kind", "status", "visibility", "is_archived")
    list_display_links = ("number", "title")
    list_filter = ("strategy", "action_field", "status", "kind", "visibility", "is_archived", "climate_impact")
    list_select_related = ("action_field",)
    search_fields = ("title", "summary", "number__exact")
    ordering = ("strategy", "number")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("lead_organisation", "responsible_person")
    filter_horizontal = ("focus_areas", "project_leads")
    readonly_fields = ("version",)
    actions = [archive_selected, restore_selected]
    fieldsets = (
        (None, {"fields": ("strategy", "number", "title", "slug", "summary", "description")}),
        (_("Place in the strategy"), {"fields": ("action_field", "focus_areas")}),
        (
            _("Responsibility"),
            {"fields": ("kind", "status", "lead_organisation", "responsible_person", "project_leads")},
        ),
        (_("Planning"), {"fields": (("planned_start", "planned_end"), "objectives")}),
        (_("Resources"), {"fields": ("staff_days_per_year", "required_amount")}),
        (
            _("Priority assessment"),
            {"fields": (("priority_subject", "priority_resources", "priority_partners"), "priority_note")},
        ),
        (_("KlimaCheck"), {"fields": ("climate_impact", "climate_justification")}),
        (_("Publication"), {"fields": ("visibility", "is_archived", "version")}),
    )
    inlines = [ProjectPartnerInline, MilestoneInline, IndicatorInline, StatusReportInline]


@admin.register(ProjectPartner)
class ProjectPartnerAdmin(VersionedAdmin):
    list_display = ("organisation", "project", "role")
    list_filter = ("project__strategy", "organisation__category")
    list_select_related = ("organisation", "project")
    search_fields = ("organisation__name", "organisation__short_name", "project__title", "role")
    ordering = ("project", "organisation__name")
    autocomplete_fields = ("project", "organisation")


@admin.register(Milestone)
class MilestoneAdmin(VersionedAdmin):
    list_display = ("title", "project", "due_date", "done_on")
    list_filter = ("done_on", "project__strategy")
    list_select_related = ("project",)
    search_fields = ("title", "project__title")
    ordering = ("due_date",)
    date_hierarchy = "due_date"
    autocomplete_fields = ("project",)


@admin.register(StatusReport)
class StatusReportAdmin(VersionedAdmin):
    list_display = ("project", "reported_on", "traffic_light", "progress", "author", "state")
    list_filter = ("state", "traffic_light", "project__strategy", "project__action_field")
    # Publishing and returning happen on the review page, which also applies the reported milestones.
    readonly_fields = ("state", "review_comment", "reviewed_by", "reviewed_at")
    list_select_related = ("project", "author")
    search_fields = ("project__title", "achieved", "next_steps", "risks")
    ordering = ("-reported_on",)
    date_hierarchy = "reported_on"
    autocomplete_fields = ("project", "author")


class MeasurementInline(VersionedTabularInline):
    model = Measurement
    fields = ("measured_on", "value", "note")
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(VersionedAdmin):
    list_display = ("name", "project", "unit", "baseline", "target", "target_date")
    list_filter = ("project__strategy", "project__action_field")
    list_select_related = ("project",)
    search_fields = ("name", "project__title")
    ordering = ("project", "name")
    autocomplete_fields = ("project",)
    inlines = [MeasurementInline]


@admin.register(Measurement)
class MeasurementAdmin(VersionedAdmin):
    list_display = ("indicator", "measured_on", "value", "note")
    list_filter = ("indicator__project__strategy",)
    list_select_related = ("indicator",)
    search_fields = ("indicator__name", "indicator__project__title", "note")
    ordering = ("-measured_on",)
    date_hierarchy = "measured_on"
    autocomplete_fields = ("indicator",)


@admin.register(Finding)
class FindingAdmin(VersionedAdmin):
    list_display = ("number", "statement", "figure", "figure_unit", "event", "strategy")
    list_display_links = ("number", "statement")
    list_filter = ("strategy", "event", "action_fields")
    list_select_related = ("event", "strategy")
    search_fields = ("statement",)
    ordering = ("strategy", "number")
    filter_horizontal = ("action_fields",)


@admin.register(ExternalInitiative)
class ExternalInitiativeAdmin(VersionedAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ("title", "level", "responsible", "strategy")
    list_filter = ("strategy", "level", "action_fields")
    list_select_related = ("strategy",)
    search_fields = ("title", "responsible", "description")
    ordering = ("strategy", "title")
    filter_horizontal = ("action_fields",)
