from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from projects import progress
from projects.models import Project, StatusReport
from strategy_portal.workspace import WORKSPACE_HOME, WorkspaceMixin


class ProgressView(WorkspaceMixin, TemplateView):
    """Status reports and milestones that are due or overdue, of the projects the user may see (a project lead: their
    own). Whoever may read status reports may read this page."""

    model = StatusReport
    action = "view"
    template_name = "projects/progress.html"

    def get_breadcrumbs(self):
        return [(_("Workspace"), reverse(WORKSPACE_HOME)), (_("Progress control"), None)]

    def get_context_data(self, **kwargs):
        projects = Project.objects.visible_to(self.request.user)
        today = timezone.localdate()
        return super().get_context_data(
            today=today,
            overdue_reports=progress.overdue_reports(projects, today),
            due_reports=progress.due_reports(projects, today),
            overdue_milestones=progress.overdue_milestones(projects, today),
            due_milestones=progress.due_milestones(projects, today),
            lead_days=progress.LEAD_TIME.days,
            can_report=self.request.user.has_perm("projects.add_statusreport"),
            **kwargs,
        )
