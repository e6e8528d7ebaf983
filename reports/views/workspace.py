"""The workspace home (/arbeitsbereich/)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils import timezone
from django.views.generic import TemplateView

from projects.models import Project
from reports.sections import visible_sections
from reports.selectors import reports_due_context, review_context


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
            sections=visible_sections(user),
            **kwargs,
        )
