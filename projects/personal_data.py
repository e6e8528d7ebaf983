"""The projects' part of a person's personal data (stakeholders/personal_data.py, registered in ProjectsConfig.ready):
the projects the person is the responsible staff member of."""

from django.utils.translation import ngettext

from stakeholders.models import Person


def responsible_projects(person: Person) -> list[dict]:
    """The projects with their strategy, for the person's export (one query)."""
    return [
        {"id": project.pk, "number": project.number, "title": project.title, "strategy": project.strategy.title}
        for project in person.responsible_projects.select_related("strategy")
    ]


def kept_project_links(person: Person) -> str:
    """The erasure page's sentence that the person's project links stay (one query)."""
    count = person.responsible_projects.count()
    sentence = ngettext("The link to %(counter)s project stays.", "The links to %(counter)s projects stay.", count)
    return sentence % {"counter": count}
