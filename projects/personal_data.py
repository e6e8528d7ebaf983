"""The projects' part of a person's personal data (stakeholders/personal_data.py, registered in ProjectsConfig.ready):
the projects the person is the responsible staff member of, the reminders e-mailed to them and the documents named
after them."""

from django.db.models import Q, QuerySet
from django.utils.translation import ngettext

from projects.models import Document, Project, Reminder
from stakeholders.models import Person
from stakeholders.personal_data import forget_name, naming


def responsible_projects(person: Person) -> list[dict]:
    """The projects the person is or was (in an earlier version of the project) responsible for, with their strategy,
    for the person's export (two queries)."""
    former = Project.history.filter(responsible_person_id=person.pk).values("id")
    projects = Project.objects.filter(Q(responsible_person=person) | Q(pk__in=former)).select_related("strategy")
    return [
        {
            "id": project.pk,
            "number": project.number,
            "title": project.title,
            "strategy": project.strategy.title,
            "current": project.responsible_person_id == person.pk,
        }
        for project in projects.order_by("number")
    ]


def kept_project_links(person: Person) -> str:
    """The erasure page's sentence that the person's project links stay (one query)."""
    count = person.responsible_projects.count()
    sentence = ngettext("The link to %(counter)s project stays.", "The links to %(counter)s projects stay.", count)
    return sentence % {"counter": count}


def _sent_to(person: Person) -> QuerySet[Reminder]:
    """The reminders whose recipients hold the person's e-mail address (matched case-insensitively)."""
    address = person.email.strip()
    if not address:
        return Reminder.objects.none()
    return Reminder.objects.filter(recipients__icontains=address).select_related("project", "milestone")


def _addresses(recipients: str) -> list[str]:
    return [address.strip() for address in recipients.split(",") if address.strip()]


def reminders(person: Person) -> list[dict]:
    """The reminders e-mailed to the person, for their export (one query)."""
    address = person.email.strip().lower()
    return [
        {
            "kind": reminder.kind,
            "project": reminder.project.title,
            "milestone": reminder.milestone.title if reminder.milestone else None,
            "period_start": reminder.period_start,
            "sent_at": reminder.sent_at,
            "recipients": reminder.recipients,
        }
        for reminder in _sent_to(person)
        if address in (recipient.lower() for recipient in _addresses(reminder.recipients))
    ]


def erase_from_reminders(person: Person) -> None:
    """Remove the person's address from the recipients of the reminders sent to them; the reminders stay, the record
    that each was sent once per period."""
    address = person.email.strip().lower()
    changed = []
    for reminder in _sent_to(person):
        kept = [recipient for recipient in _addresses(reminder.recipients) if recipient.lower() != address]
        if len(kept) != len(_addresses(reminder.recipients)):
            reminder.recipients = ", ".join(kept)
            changed.append(reminder)
    Reminder.objects.bulk_update(changed, ["recipients"])


def kept_reminders(person: Person) -> str:
    """The erasure page's sentence that the reminders sent to the person stay, without their address (one query)."""
    count = len(reminders(person))
    sentence = ngettext(
        "%(counter)s reminder sent to them stays, without their e-mail address.",
        "%(counter)s reminders sent to them stay, without their e-mail address.",
        count,
    )
    return sentence % {"counter": count}


DOCUMENT_FIELDS = ("title", "original_name")


def documents(person: Person) -> list[dict]:
    """The project documents whose title or file name names the person, for their export (one query)."""
    return [
        {"id": document.pk, "project": document.project.title, "title": document.title, "file": document.original_name}
        for document in naming(Document, DOCUMENT_FIELDS, person).select_related("project")
    ]


def erase_from_documents(person: Person) -> None:
    """The documents stay (they are the project's); their titles and file names, now and in every earlier version,
    name the anonymised person instead."""
    forget_name((Document, Document.history.model), DOCUMENT_FIELDS, person)


def kept_documents(person: Person) -> str:
    count = naming(Document, DOCUMENT_FIELDS, person).count()
    sentence = ngettext(
        "%(counter)s document named after them stays, under the anonymised name.",
        "%(counter)s documents named after them stay, under the anonymised name.",
        count,
    )
    return sentence % {"counter": count}
