"""The workspace pages of projects (with their partners, milestones and indicators) and of an indicator with its
measurements. A project's status reports: views/status_reports.py."""

from django.db.models import Count

from projects.filters import ProjectFilter
from projects.forms.projects import (
    IndicatorForm,
    IndicatorFormSet,
    MeasurementFormSet,
    MilestoneFormSet,
    PartnerFormSet,
    ProjectForm,
)
from projects.models import Indicator, Project, Strategy
from projects.uploads import upload_url
from projects.views.overlaps import (
    CHECK_BUTTON,
    formset_shown_without_errors,
    overlap_section,
    project_overlap_context,
    shown_without_errors,
)
from strategy_portal.workspace import ObjectDetailView, ObjectFormView, ObjectListView


def visible(projects, user):
    """A project lead works only with the projects assigned to them."""
    return projects.visible_to(user).select_related("strategy", "action_field")


class ProjectListView(ObjectListView):
    model = Project
    filterset_class = ProjectFilter
    columns = ("number", "title", "action_field", "status", "kind", "visibility")

    def get_queryset(self):
        return visible(super().get_queryset(), self.request.user)


class ProjectDetailView(ObjectDetailView):
    model = Project
    template_name = "projects/project_detail.html"
    fields = (
        "strategy", "summary", "description", "action_field", "focus_areas", "kind", "status", "lead_organisation",
        "responsible_person", "project_leads", "planned_start", "planned_end", "objectives", "staff_days_per_year",
        "required_amount", "priority_subject", "priority_resources", "priority_partners", "priority_note",
        "climate_impact", "climate_justification", "visibility", "version",
    )  # fmt: skip

    def get_queryset(self):
        return visible(super().get_queryset(), self.request.user)

    def get_context_data(self, **kwargs):
        project = self.object
        return super().get_context_data(
            partners=project.project_partners.select_related("organisation"),
            milestones=project.milestones.all(),
            status_reports=project.status_reports.select_related("author"),
            indicators=project.indicators.annotate(measurement_count=Count("measurements")).prefetch_related(
                "measurements"
            ),
            can_report=self.request.user.has_perm("projects.add_statusreport"),
            documents=project.documents.for_list(),
            document_upload_url=upload_url(project),
            **project_overlap_context(self.request.user, project),
            **kwargs,
        )


class ProjectFormView(ObjectFormView):
    """A new project starts in the featured strategy; an edit is refused if someone saved the project since the form
    was opened (VersionedForm). The section "Ähnliche Vorhaben" lists similar projects and initiatives; its button
    re-renders the form with the matches for what was typed, saving nothing (views/overlaps.py)."""

    model = Project
    form_class = ProjectForm
    inlines = (PartnerFormSet, MilestoneFormSet, IndicatorFormSet)

    def get_queryset(self):
        return visible(super().get_queryset(), self.request.user)

    def get_initial(self):
        if self.creating:
            return {"strategy": Strategy.objects.filter(is_featured=True).first()}
        return super().get_initial()

    def post(self, request, *args, **kwargs):
        if CHECK_BUTTON not in request.POST:
            return super().post(request, *args, **kwargs)
        self.object = self.get_object()
        form = shown_without_errors(self.get_form())
        for formset in self.formsets:
            formset_shown_without_errors(formset)
        return self.render_to_response(self.get_context_data(form=form, overlaps_checked=True))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        checked = context.get("overlaps_checked", False)
        context["overlap_check"] = overlap_section(context["form"], self.request.user, self.object, checked=checked)
        return context


class IndicatorDetailView(ObjectDetailView):
    model = Indicator
    template_name = "projects/indicator_detail.html"
    fields = ("project", "name", "unit", "baseline", "target", "target_date")

    def get_queryset(self):
        return Indicator.objects.filter(project__in=Project.objects.visible_to(self.request.user))


class IndicatorUpdateView(ObjectFormView):
    model = Indicator
    form_class = IndicatorForm
    inlines = (MeasurementFormSet,)
