"""The office reviews the status reports that project leads submitted: it publishes them, or returns them with a
comment for the project lead. Both need the permission `projects.review_statusreport` (editors, administrators)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView

from projects.models import StatusReport
from projects.services import may_edit_report, publish_report, return_report, submit_report
from projects.views import visible_reports
from strategy_portal.workspace import RevertView, WorkspaceMixin, workspace_url

REVIEW_LIST = "projects:statusreport-review-list"
COMMENT_REQUIRED = gettext_lazy("Please say what the project lead should revise.")


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("What should the project lead revise?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": COMMENT_REQUIRED},
        help_text=gettext_lazy("The project lead receives this comment by e-mail and sees it with the report."),
    )


class ReviewMixin(WorkspaceMixin):
    model = StatusReport
    action = "review"  # the permission projects.review_statusreport

    def get_breadcrumbs(self):
        return super().get_breadcrumbs() + [(_("Awaiting review"), reverse(REVIEW_LIST))]


class StatusReportReviewListView(ReviewMixin, ListView):
    """The submitted reports, the longest waiting first."""

    template_name = "projects/statusreport_review_list.html"
    context_object_name = "reports"
    paginate_by = 50

    def get_queryset(self):
        return (
            visible_reports(self.request.user)
            .filter(state=StatusReport.State.SUBMITTED)
            .select_related("project", "author")
            .annotate(update_count=Count("milestone_updates"))
            .order_by("created", "pk")
        )

    def get_breadcrumbs(self):
        crumbs = super().get_breadcrumbs()
        return crumbs[:-1] + [(crumbs[-1][0], None)]


class StatusReportReviewView(ReviewMixin, DetailView):
    """GET shows the report with the milestones it reports done; POST publishes it or returns it with a comment."""

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
        return super().get_breadcrumbs() + [(str(self.object), None)]

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


class StatusReportRevertView(RevertView):
    """Restoring an earlier version is an edit: only of a report on a visible project that the user may edit, and it
    restores the content, never the review: the state stays (a project lead's restore of a returned report submits
    it again, as an edit does)."""

    REVIEW_FIELDS = ("state", "review_comment", "reviewed_by_id", "reviewed_at")

    def post(self, request, pk, **kwargs):
        self.object = get_object_or_404(visible_reports(request.user), pk=pk)
        if not may_edit_report(request.user, self.object):
            raise PermissionDenied
        self.perform(**kwargs)
        return HttpResponseRedirect(workspace_url(self.object, "detail"))

    def perform(self, history_id):
        record = get_object_or_404(self.object.history, history_id=history_id)
        restored = record.instance
        for name in self.REVIEW_FIELDS:
            setattr(restored, name, getattr(self.object, name))
        restored._change_reason = _("Restored the version of %(date)s") % {"date": record.history_date}
        self.object = submit_report(report=restored, milestone_updates=[], by=self.request.user)
        messages.success(self.request, _("The earlier version was restored."))
