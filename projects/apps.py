from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Strategy and projects")

    def ready(self) -> None:
        from accounts.assignments import register_assignment
        from projects import personal_data, sections
        from projects.filters import search_projects
        from projects.leads import PROJECT_LEADS
        from projects.models import Project
        from stakeholders.models import Meeting, Organisation, ParticipationEvent, Person
        from stakeholders.personal_data import register_personal_data
        from strategy_portal.choices import register_choice_search
        from strategy_portal.sections import register_section

        register_choice_search(
            Project, "projects.view_project", lambda user, text: search_projects(Project.objects.visible_to(user), text)
        )
        register_assignment(PROJECT_LEADS)
        register_section(Organisation, "projects/_organisation_projects_section.html", sections.organisation_projects)
        register_section(Person, "projects/_person_projects_section.html", sections.person_projects)
        register_section(ParticipationEvent, "projects/_event_strategy_section.html", sections.event_strategy)
        register_section(ParticipationEvent, "projects/document_list_include.html", sections.documents)
        register_section(Meeting, "projects/document_list_include.html", sections.documents)
        register_personal_data(
            "responsible_projects",
            personal_data.responsible_projects,
            personal_data.kept_project_links,
            models=("projects.project", "projects.historicalproject"),
        )
        register_personal_data(
            "reminders",
            personal_data.reminders,
            personal_data.kept_reminders,
            erase=personal_data.erase_from_reminders,
            models=("projects.reminder",),
        )
        register_personal_data(
            "documents",
            personal_data.documents,
            personal_data.kept_documents,
            erase=personal_data.erase_from_documents,
            models=("projects.document", "projects.historicaldocument"),
        )
