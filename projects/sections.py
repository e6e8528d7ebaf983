"""What the projects app adds to the workspace pages of the stakeholders app, which sits below it and so reads no
project: an organisation's projects, a person's, a participation event's place in the strategy, the documents of an
event or meeting. Registered in ProjectsConfig.ready(), rendered by `{% sections object %}` on those pages
(strategy_portal/sections.py)."""

from django.http import HttpRequest

from projects.uploads import upload_url
from stakeholders.models import Meeting, Organisation, ParticipationEvent, Person


def organisation_projects(organisation: Organisation, request: HttpRequest) -> dict:
    """The projects the organisation leads and those it is a partner in (two queries)."""
    return {
        "led_projects": organisation.led_projects.all(),
        "partner_roles": organisation.project_roles.select_related("project"),
    }


def person_projects(person: Person, request: HttpRequest) -> dict:
    """The projects the person is the responsible staff member of (one query)."""
    return {"responsible_projects": person.responsible_projects.all()}


def event_strategy(event: ParticipationEvent, request: HttpRequest) -> dict:
    """The phases, topics (action fields) and findings of the event (three queries)."""
    return {"phases": event.phases.all(), "action_fields": event.action_fields.all(), "findings": event.findings.all()}


def documents(parent: ParticipationEvent | Meeting, request: HttpRequest) -> dict:
    """The documents of an event or meeting and the page to upload one more (one query), for
    projects/document_list_include.html."""
    return {"documents": parent.documents.for_list(), "upload_url": upload_url(parent)}
