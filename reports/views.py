import datetime

from django.apps import apps
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Max
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from projects.models import Project
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
REPORT_DUE_AFTER = datetime.timedelta(days=92)  # a quarter; reporting periods per strategy come with the steering issue


class WorkspaceHomeView(LoginRequiredMixin, TemplateView):
    """Any logged-in user: their projects, status reports that are due, recent changes, and the lists they may use."""

    template_name = "reports/workspace.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        visible = Project.objects.visible_to(user).active()
        due_before = timezone.localdate() - REPORT_DUE_AFTER
        return super().get_context_data(
            my_projects=visible.filter(project_leads=user).select_related("action_field"),
            reports_due=visible.filter(status=Project.Status.IN_IMPLEMENTATION)
            .annotate(last_report=Max("status_reports__reported_on"))
            .exclude(last_report__gte=due_before)
            .select_related("action_field"),
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
