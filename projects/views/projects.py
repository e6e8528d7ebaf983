"""The workspace pages of projects (with their partners, milestones and indicators) and of an indicator with its
measurements. A project's status reports: views/status_reports.py."""

from django.db.models import Count
from django.utils.translation import gettext as _

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
from projects.views.overlaps import OverlapCheckMixin, project_overlap_context
from strategy_portal.history import changes_since
from strategy_portal.workspace import ObjectCreateView, ObjectDetailView, ObjectListView, ObjectUpdateView


class VisibleProjectsMixin:
    """A project lead works only with the projects assigned to them."""

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user).select_related("strategy", "action_field")


class ProjectListView(VisibleProjectsMixin, ObjectListView):
    model = Project
    filterset_class = ProjectFilter
    columns = ("number", "title", "action_field", "status", "kind", "visibility")


class ProjectDetailView(VisibleProjectsMixin, ObjectDetailView):
    model = Project
    template_name = "projects/project_detail.html"
    fields = (
        "strategy", "summary", "description", "action_field", "focus_areas", "kind", "status", "lead_organisation",
        "responsible_person", "project_leads", "planned_start", "planned_end", "objectives", "staff_days_per_year",
        "required_amount", "priority_subject", "priority_resources", "priority_partners", "priority_note",
        "climate_impact", "climate_justification", "visibility", "version",
    )  # fmt: skip

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


class ProjectCreateView(OverlapCheckMixin, ObjectCreateView):
    model = Project
    form_class = ProjectForm
    inlines = (PartnerFormSet, MilestoneFormSet, IndicatorFormSet)

    def get_initial(self):
        return {"strategy": Strategy.objects.filter(is_featured=True).first()}


class ProjectUpdateView(OverlapCheckMixin, VisibleProjectsMixin, ObjectUpdateView):
    model = Project
    form_class = ProjectForm
    inlines = (PartnerFormSet, MilestoneFormSet, IndicatorFormSet)

    def save_all(self, form, formsets):
        current = Project.objects.select_for_update().get(pk=self.object.pk)
        seen = form.cleaned_data.get("seen_version")
        if seen is not None and seen != current.version:
            return self.refuse_stale_save(current, seen)
        form.instance.version = current.version + 1
        return super().save_all(form, formsets)

    def refuse_stale_save(self, current, seen):
        """Someone saved since this form was opened: show what changed and keep this editor's input."""
        user, changes = changes_since(current, seen)
        data = self.request.POST.copy()
        data["seen_version"] = current.version
        form = self.get_form_class()(data, self.request.FILES, instance=self.object)
        form.is_valid()
        form.add_error(
            None,
            _(
                "%(user)s has changed this project since you opened it. Your input is kept below: check it against "
                "the changes and save again."
            )
            % {"user": user or _("Someone")},
        )
        return self.render_to_response(
            self.get_context_data(form=form, formsets=self.get_formsets(), stale_changes=changes)
        )


class IndicatorDetailView(ObjectDetailView):
    model = Indicator
    template_name = "projects/indicator_detail.html"
    fields = ("project", "name", "unit", "baseline", "target", "target_date")

    def get_queryset(self):
        return Indicator.objects.filter(project__in=Project.objects.visible_to(self.request.user))


class IndicatorUpdateView(ObjectUpdateView):
    model = Indicator
    form_class = IndicatorForm
    inlines = (MeasurementFormSet,)
