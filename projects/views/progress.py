from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from projects.models import Project, StatusReport
from projects.selectors import progress
from strategy_portal.pagination import paginate
from strategy_portal.workspace import WORKSPACE_HOME, WorkspaceMixin

# The page's four lists, each paged on its own: (context name, query parameter, section heading's id).
SECTIONS = (
    ("overdue_reports", "ueberfaellige-berichte", "overdue-reports-heading"),
    ("due_reports", "faellige-berichte", "due-reports-heading"),
    ("overdue_milestones", "ueberfaellige-meilensteine", "overdue-milestones-heading"),
    ("due_milestones", "faellige-meilensteine", "due-milestones-heading"),
)


class ProgressView(WorkspaceMixin, TemplateView):
    """Status reports and milestones that are due or overdue, of the projects the user may see (a project lead: their
    own). Whoever may read status reports may read this page. Each list shows 25 rows a page, the most urgent first:
    two queries each (count and rows) however many there are."""

    model = StatusReport
    action = "view"
    template_name = "projects/progress.html"

    def get_breadcrumbs(self):
        return [(_("Workspace"), reverse(WORKSPACE_HOME)), (_("Progress control"), None)]

    def get_context_data(self, **kwargs):
        projects = Project.objects.visible_to(self.request.user)
        today = timezone.localdate()
        querysets = {
            "overdue_reports": progress.projects_with_report_overdue(projects, today),
            "due_reports": progress.projects_with_report_due(projects, today),
            "overdue_milestones": progress.milestones_overdue(projects, today),
            "due_milestones": progress.milestones_due(projects, today),
        }
        pages = {
            name: paginate(self.request, querysets[name], param=param, anchor=anchor)
            for name, param, anchor in SECTIONS
        }
        return super().get_context_data(
            today=today,
            pages=pages,
            overdue_reports=progress.report_rows(pages["overdue_reports"].rows, today, overdue=True),
            due_reports=progress.report_rows(pages["due_reports"].rows, today, overdue=False),
            overdue_milestones=progress.milestone_rows(pages["overdue_milestones"].rows, overdue=True),
            due_milestones=progress.milestone_rows(pages["due_milestones"].rows, overdue=False),
            lead_days=progress.LEAD_TIME.days,
            can_report=self.request.user.has_perm("projects.add_statusreport"),
            **kwargs,
        )
