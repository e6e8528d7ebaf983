from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Strategy and projects")

    def ready(self) -> None:
        from accounts.assignments import register_assignment
        from projects.filters import search_projects
        from projects.leads import PROJECT_LEADS
        from projects.models import Project
        from strategy_portal.choices import register_choice_search

        register_choice_search(
            Project, "projects.view_project", lambda user, text: search_projects(Project.objects.visible_to(user), text)
        )
        register_assignment(PROJECT_LEADS)
