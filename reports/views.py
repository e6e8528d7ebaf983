from django.apps import apps
from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from projects.models import Project, StatusReport
from projects.selectors import progress
from strategy_portal.workspace import workspace_url

# The lists of the workspace, in the order staff meet them; each shows only to users who may see it.
SECTIONS = (
    (_("Strategy"), ["projects.strategy", "projects.phase", "projects.strategicgoal", "projects.actionfield"]),
    (_("Projects"), ["projects.project", "projects.statusreport", "projects.finding", "projects.externalinitiative"]),
    (
        _("Stakeholders"),
        [
            "stakeholders.organisation",
            "stakeholders.person",
            "stakeholders.body",
            "stakeholders.meeting",
            "stakeholders.participationevent",
        ],
    ),  # fmt: skip
    (_("Budget"), ["budget.budgetline", "budget.allocation", "budget.expenditure", "budget.externalfunding"]),
    (_("Reports"), ["reports.committeepaper"]),
    (_("Administration"), ["accounts.user"]),
)


def review_context(user, visible):
    """The office's queue of submitted status reports (count and the five waiting longest), and the reports returned
    to a project lead on their projects: three queries however many there are."""
    context = {
        "returned_reports": StatusReport.objects.filter(
            state=StatusReport.State.RETURNED, project__in=visible.filter(project_leads=user)
        ).select_related("project")
    }
    if user.has_perm("projects.review_statusreport"):
        queue = StatusReport.objects.filter(state=StatusReport.State.SUBMITTED, project__in=visible)
        context["review_count"] = queue.count()
        context["review_queue"] = queue.select_related("project", "author").order_by("created", "pk")[:5]
    return context


# The status reports due on the home page: the most urgent overdue and due ones; the progress control lists all.
REPORTS_DUE_ROWS = 10


def reports_due_context(visible, today):
    """Up to REPORTS_DUE_ROWS overdue and as many due status reports, and how many there are: four queries."""
    overdue = progress.projects_with_report_overdue(visible, today)
    due = progress.projects_with_report_due(visible, today)
    return {
        "reports_due": progress.report_rows(overdue[:REPORTS_DUE_ROWS], today, overdue=True)
        + progress.report_rows(due[:REPORTS_DUE_ROWS], today, overdue=False),
        "reports_due_count": overdue.count() + due.count(),
    }


class WorkspaceHomeView(LoginRequiredMixin, TemplateView):
    """Any logged-in user: their projects, status reports that are due, recent changes, and the lists they may use."""

    template_name = "reports/workspace.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        visible = Project.objects.visible_to(user).active()
        today = timezone.localdate()
        return super().get_context_data(
            my_projects=visible.filter(project_leads=user).select_related("action_field"),
            **review_context(user, visible),
            **reports_due_context(visible, today),
            recent_changes=Project.history.filter(id__in=visible.values("pk"))
            .select_related("history_user")
            .order_by("-history_date")[:10],
            sections=self.sections(user),
            **kwargs,
        )

    def sections(self, user):
        result = []
        for title, labels in SECTIONS:
            links = []
            for label in labels:
                model = apps.get_model(label)
                opts = model._meta
                if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
                    continue
                try:
                    links.append((opts.verbose_name_plural, workspace_url(model, "list")))
                except NoReverseMatch:  # a model whose workspace pages do not exist (yet)
                    continue
            if links:
                result.append((title, links))
        return result
