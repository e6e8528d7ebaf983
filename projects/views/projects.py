from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from projects.documents import upload_url
from projects.filters import ProjectFilter
from projects.forms import (
    IndicatorForm,
    IndicatorFormSet,
    MeasurementFormSet,
    MilestoneFormSet,
    PartnerFormSet,
    ProjectForm,
    StatusReportForm,
)
from projects.models import Indicator, Project, StatusReport, Strategy
from projects.overlap_views import OverlapCheckMixin, project_overlap_context
from projects.services import REVIEW_PERMISSION, may_edit_report, submit_report
from strategy_portal.history import changes_since
from strategy_portal.workspace import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectUpdateView,
    workspace_url,
)

# Workspace ---------------------------------------------------------------------------------------------------------


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


class ProjectChildMixin:
    """Views of a project's status reports: the project must be one the user may see."""

    def get_project(self):
        return get_object_or_404(Project.objects.visible_to(self.request.user), pk=self.kwargs["project_pk"])


class StatusReportListView(ObjectListView):
    model = StatusReport
    columns = ("project", "reported_on", "traffic_light", "progress", "author", "state")
    creatable = False
    filterset_fields = ("state", "traffic_light", "project__action_field")

    def get_queryset(self):
        visible = Project.objects.visible_to(self.request.user)
        return StatusReport.objects.filter(project__in=visible).select_related("project", "author")


def visible_reports(user):
    """The status reports of the projects the user may see."""
    return StatusReport.objects.filter(project__in=Project.objects.visible_to(user))


class StatusReportDetailView(ObjectDetailView):
    model = StatusReport
    template_name = "projects/statusreport_detail.html"
    fields = (
        "project", "reported_on", "traffic_light", "progress", "achieved", "next_steps", "risks", "author", "state",
        "review_comment", "reviewed_by", "reviewed_at",
    )  # fmt: skip

    def get_queryset(self):
        return visible_reports(self.request.user).select_related("project", "author", "reviewed_by")

    def get_context_data(self, **kwargs):
        report, user = self.object, self.request.user
        context = super().get_context_data(
            milestone_updates=report.milestone_updates.select_related("milestone"),
            can_review=user.has_perm(REVIEW_PERMISSION) and report.state == StatusReport.State.SUBMITTED,
            **kwargs,
        )
        context["can_change"] = context["can_change"] and may_edit_report(user, report)
        return context


class StatusReportSaveMixin:
    """Saves the report and the milestones it reports done through the service: a project lead's report is submitted
    for review, the office's is published at once."""

    def save_all(self, form, formsets):
        self.object = submit_report(
            report=form.instance, milestone_updates=form.milestone_updates(), by=self.request.user
        )
        if self.object.state == StatusReport.State.SUBMITTED:
            messages.success(
                self.request, _("Your status report was submitted. The office reviews it before it is published.")
            )
        else:
            messages.success(self.request, _("“%(object)s” was saved.") % {"object": self.object})
        return HttpResponseRedirect(self.get_success_url())


class StatusReportCreateView(ProjectChildMixin, StatusReportSaveMixin, ObjectCreateView):
    model = StatusReport
    form_class = StatusReportForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.project = self.get_project()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = StatusReport(project=self.project, author=self.request.user)
        return kwargs

    def get_success_url(self):
        return workspace_url(self.project, "detail")

    def get_breadcrumbs(self):
        return super().get_breadcrumbs()[:1] + [
            (Project._meta.verbose_name_plural, workspace_url(Project, "list")),
            (str(self.project), workspace_url(self.project, "detail")),
            (_("New status report"), None),
        ]


class StatusReportUpdateView(StatusReportSaveMixin, ObjectUpdateView):
    """A project lead edits a report only until it is published (editing a returned one submits it again)."""

    model = StatusReport
    form_class = StatusReportForm

    def get_queryset(self):
        return visible_reports(self.request.user).select_related("project")

    def get_object(self, queryset=None):
        report = super().get_object(queryset)
        if not may_edit_report(self.request.user, report):
            raise PermissionDenied
        return report

    def get_success_url(self):
        return workspace_url(self.object.project, "detail")


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
