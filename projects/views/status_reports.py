"""Status reports: a project's reports in the workspace, and the office's review of those that project leads
submitted: it publishes them, or returns them with a comment for the project lead. Both need the permission
`projects.review_statusreport` (editors, administrators)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from projects.forms.status_reports import ReturnForm, StatusReportForm
from projects.models import Project, StatusReport
from projects.services import REVIEW_PERMISSION, may_edit_report, publish_report, return_report, submit_report
from strategy_portal.pagination import check_page_number
from strategy_portal.workspace import (
    ObjectActionView,
    ObjectDetailView,
    ObjectFormView,
    ObjectListView,
    WorkspaceMixin,
    workspace_url,
)

REVIEW_LIST = "projects:statusreport-review-list"

# A project's status reports ------------------------------------------------------------------------------------------


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


class StatusReportFormView(ObjectFormView):
    """A new report of the project in the address, or an edit: a project lead edits a report only until it is
    published (editing a returned one submits it again). The report and the milestones it reports done are saved
    through the service: a project lead's report is submitted for review, the office's is published at once."""

    model = StatusReport
    form_class = StatusReportForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.creating:
            self.project = get_object_or_404(Project.objects.visible_to(request.user), pk=self.kwargs["project_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return visible_reports(self.request.user).select_related("project")

    def get_object(self, queryset=None):
        report = super().get_object(queryset)
        if report is not None and not may_edit_report(self.request.user, report):
            raise PermissionDenied
        return report

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.creating:
            kwargs["instance"] = StatusReport(project=self.project, author=self.request.user)
        return kwargs

    def form_valid(self, form):
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

    def get_success_url(self):
        return workspace_url(self.object.project, "detail")

    def get_breadcrumbs(self):
        if not self.creating:
            return super().get_breadcrumbs()
        return super().get_breadcrumbs()[:1] + [
            (Project._meta.verbose_name_plural, workspace_url(Project, "list")),
            (str(self.project), workspace_url(self.project, "detail")),
            (_("New status report"), None),
        ]


# The review -----------------------------------------------------------------------------------------------------------


class StatusReportReviewListView(WorkspaceMixin, ListView):
    """The submitted reports, the longest waiting first."""

    model = StatusReport
    action = "review"  # the permission projects.review_statusreport
    template_name = "projects/statusreport_review_list.html"
    context_object_name = "reports"
    paginate_by = 50

    def paginate_queryset(self, queryset, page_size):
        check_page_number(self.request)
        return super().paginate_queryset(queryset, page_size)

    def get_queryset(self):
        return (
            visible_reports(self.request.user)
            .filter(state=StatusReport.State.SUBMITTED)
            .select_related("project", "author")
            .annotate(update_count=Count("milestone_updates"))
            .order_by("created", "pk")
        )

    def get_breadcrumbs(self):
        return super().get_breadcrumbs() + [(_("Awaiting review"), None)]


class StatusReportReviewView(WorkspaceMixin, DetailView):
    """GET shows the report with the milestones it reports done; POST publishes it or returns it with a comment."""

    model = StatusReport
    action = "review"
    template_name = "projects/statusreport_review.html"

    def get_queryset(self):
        return visible_reports(self.request.user).select_related("project", "author", "reviewed_by")

    def get_context_data(self, **kwargs):
        kwargs.setdefault("return_form", ReturnForm())
        return super().get_context_data(
            milestone_updates=self.object.milestone_updates.select_related("milestone"),
            awaiting_review=self.object.state == StatusReport.State.SUBMITTED,
            **kwargs,
        )

    def get_breadcrumbs(self):
        return super().get_breadcrumbs() + [(_("Awaiting review"), reverse(REVIEW_LIST)), (str(self.object), None)]

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        decision = request.POST.get("decision")
        if decision == "publish":
            return self.decide(publish_report, _("“%(object)s” was published."))
        if decision == "return":
            form = ReturnForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(return_form=form))
            comment, base = form.cleaned_data["comment"], request.build_absolute_uri("/")
            return self.decide(
                return_report, _("“%(object)s” was returned for revision."), comment=comment, link_base=base
            )
        return HttpResponseRedirect(request.path)

    def decide(self, service, success, **kwargs):
        try:
            report = service(self.object, by=self.request.user, **kwargs)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return HttpResponseRedirect(self.request.path)
        messages.success(self.request, success % {"object": report})
        return HttpResponseRedirect(reverse(REVIEW_LIST))


class StatusReportRevertView(ObjectActionView):
    """Restoring an earlier version is an edit: only of a report on a visible project that the user may edit, and it
    restores the content, never the review: the state stays (a project lead's restore of a returned report submits
    it again, as an edit does)."""

    model = StatusReport
    action = "change"
    REVIEW_FIELDS = ("state", "review_comment", "reviewed_by_id", "reviewed_at")

    def get_queryset(self):
        return visible_reports(self.request.user)

    def perform(self, history_id):
        if not may_edit_report(self.request.user, self.object):
            raise PermissionDenied
        record = get_object_or_404(self.object.history, history_id=history_id)
        restored = record.instance
        restored.version = self.object.version  # a save over the stored version (VersionedModel)
        for name in self.REVIEW_FIELDS:
            setattr(restored, name, getattr(self.object, name))
        restored._change_reason = _("Restored the version of %(date)s") % {"date": record.history_date}
        self.object = submit_report(report=restored, milestone_updates=[], by=self.request.user)
        messages.success(self.request, _("The earlier version was restored."))
