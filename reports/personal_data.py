"""The committee papers' part of a person's personal data (stakeholders/personal_data.py, registered in
ReportsConfig.ready): the papers' attachments whose title or file name names the person."""

from django.utils.translation import ngettext

from reports.models import PaperAttachment
from stakeholders.models import Person
from stakeholders.personal_data import forget_name, naming

ATTACHMENT_FIELDS = ("title", "original_name")


def attachments(person: Person) -> list[dict]:
    """For the person's export (one query)."""
    return [
        {
            "id": attachment.pk,
            "paper": attachment.paper.number,
            "title": attachment.title,
            "file": attachment.original_name,
        }
        for attachment in naming(PaperAttachment, ATTACHMENT_FIELDS, person).select_related("paper")
    ]


def erase_from_attachments(person: Person) -> None:
    """The attachments stay (they are the paper's record); their titles and file names, now and in every earlier
    version, name the anonymised person instead."""
    forget_name((PaperAttachment, PaperAttachment.history.model), ATTACHMENT_FIELDS, person)


def kept_attachments(person: Person) -> str:
    count = naming(PaperAttachment, ATTACHMENT_FIELDS, person).count()
    sentence = ngettext(
        "%(counter)s attachment of a paper named after them stays, under the anonymised name.",
        "%(counter)s attachments of papers named after them stay, under the anonymised name.",
        count,
    )
    return sentence % {"counter": count}
