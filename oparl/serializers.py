"""OParl 1.1 objects as JSON: the district's bodies, meetings and finalised committee papers, as council information
systems read them (https://oparl.org/spezifikation/).

System → Body (the district) → external lists of Organization, Person, Meeting and Paper. Membership is embedded in
Person and referenced from Organization; Consultation and File are embedded in Paper. Objects that are archived or
not public keep their URL and answer with the deleted form, never with a 404.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Max, Min
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from oparl.selectors import meetings_for, public_consultations
from reports.models import CommitteePaper, Consultation, PaperAttachment
from reports.render import DOCX_MIME_TYPE, PDF_MIME_TYPE, render_docx, render_pdf
from reports.views.downloads import attachment_filename, paper_filename
from stakeholders.models import Body, District, LegislativeTerm, Meeting, Membership, Person
from strategy_portal import publication
from strategy_portal.db import TimestampedModel
from strategy_portal.publication import Audience

if TYPE_CHECKING:
    from oparl.selectors import BodyWithMemberships
    from reports.paper import PaperContent

# An OParl object: a JSON object.
OParlObject = dict[str, Any]
# The public meetings of consultations, by (body id, date): oparl.selectors.meetings_for.
Meetings = dict[tuple[int, datetime.date | None], Meeting]

SCHEMA = "https://schema.oparl.org/1.1/"
DISTRICT_NAME = "Landkreis Ludwigsburg"
DISTRICT_WEBSITE = "https://www.landkreis-ludwigsburg.de/"
OFFICE_NAME = "Kreiswirtschaftsförderung Landkreis Ludwigsburg"
FALLBACK_TIME = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)

# By the choices' values (the models' fields hold them as plain strings).
CLASSIFICATION: dict[str, str] = {
    Body.Kind.ADVISORY_BOARD: "Beirat",
    Body.Kind.COUNCIL_COMMITTEE: "Ausschuss",
    Body.Kind.COUNCIL: "Kreistag",
    Body.Kind.STEERING_COMMITTEE: "Lenkungskreis",
}
ROLE: dict[str, str] = {
    Consultation.Competence.ACKNOWLEDGEMENT: "Kenntnisnahme",
    Consultation.Competence.PRELIMINARY: "Vorberatung",
    Consultation.Competence.DECISION: "Beschlussfassung",
}
MEMBERSHIP_ROLE: dict[str, str] = {
    Membership.Role.CHAIR: "Vorsitz",
    Membership.Role.MEMBER: "Mitglied",
    Membership.Role.DEPUTY: "Stellvertretung",
}
PAPER_TYPE: dict[str, str] = {
    CommitteePaper.Kind.STATUS_REPORT: "Sachstandsbericht",
    CommitteePaper.Kind.DECISION_PAPER: "Beschlussvorlage",
}


# --- helpers -------------------------------------------------------------------------------------------------------


def url(request: HttpRequest, name: str, *args: object) -> str:
    return request.build_absolute_uri(reverse(f"oparl:{name}", args=args))


def stamp(value: datetime.datetime) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


def compact(data: OParlObject) -> OParlObject:
    """Optional properties without data are left out: no null, no empty list, no empty string."""
    return {key: value for key, value in data.items() if value not in (None, [], "", {})}


def base(request: HttpRequest, kind: str, object_url: str, obj: TimestampedModel) -> OParlObject:
    return {"id": object_url, "type": SCHEMA + kind, "created": stamp(obj.created), "modified": stamp(obj.modified)}


def deleted(object_url: str, kind: str, obj: TimestampedModel) -> OParlObject:
    return {
        "id": object_url,
        "type": SCHEMA + kind,
        "created": stamp(obj.created),
        "modified": stamp(obj.modified),
        "deleted": True,
    }


def page_web(request: HttpRequest, name: str, *args: object, anchor: str = "") -> str:
    return request.build_absolute_uri(reverse(name, args=args)) + (f"#{anchor}" if anchor else "")


def body_web(request: HttpRequest, body_pk: int | None) -> str:
    """The body's section of the public bodies page (members and public meetings)."""
    return page_web(request, "stakeholders:public-bodies", anchor=f"body-{body_pk}" if body_pk else "")


def paper_web(request: HttpRequest, paper_pk: int) -> str:
    return page_web(request, "reports:public-paper", paper_pk)


class Timestamps:
    """created/modified for the objects the portal has no model for (System, the district, the office)."""

    def __init__(self) -> None:
        values = Body.objects.aggregate(created=Min("created"), modified=Max("modified"))
        self.created = values["created"] or FALLBACK_TIME
        self.modified = values["modified"] or self.created


# --- serialisers ---------------------------------------------------------------------------------------------------


def body_org_url(request: HttpRequest, body_pk: int) -> str:
    return url(request, "organization", f"gremium-{body_pk}")


def office_url(request: HttpRequest) -> str:
    return url(request, "organization", "wirtschaftsfoerderung")


def district_url(request: HttpRequest) -> str:
    return url(request, "body", "landkreis-ludwigsburg")


def system_data(request: HttpRequest) -> OParlObject:
    times = Timestamps()
    return {
        "id": url(request, "system"),
        "type": SCHEMA + "System",
        "oparlVersion": SCHEMA,
        "body": url(request, "body-list"),
        "name": f"{OFFICE_NAME} – Strategieportal",
        "website": page_web(request, "projects:home"),
        "license": settings.OPARL_LICENSE,
        "created": stamp(times.created),
        "modified": stamp(times.modified),
        "web": page_web(request, "projects:home"),
    }


def the_district() -> District:
    """The district's row (made by a migration); an unsaved one with its name if it is missing."""
    return District.objects.prefetch_related("terms").first() or District(name=DISTRICT_NAME, website=DISTRICT_WEBSITE)


def legislative_term_data(request: HttpRequest, term: LegislativeTerm) -> OParlObject:
    data = base(request, "LegislativeTerm", url(request, "legislativeterm", term.pk), term)
    data.update(
        {
            "body": district_url(request),
            "name": term.name,
            "startDate": term.start_date.isoformat(),
            "endDate": term.end_date.isoformat() if term.end_date else None,
            "web": page_web(request, "stakeholders:public-bodies"),
        }
    )
    return compact(data)


def district_data(request: HttpRequest) -> OParlObject:
    times = Timestamps()
    district = the_district()
    return {
        "id": district_url(request),
        "type": SCHEMA + "Body",
        "system": url(request, "system"),
        **compact(
            {
                "name": district.name,
                "shortName": district.short_name,
                "ags": district.ags,
                "rgs": district.rgs,
                "website": district.website,
            }
        ),
        "classification": "Landkreis",
        "organization": url(request, "organization-list"),
        "person": url(request, "person-list"),
        "meeting": url(request, "meeting-list"),
        "paper": url(request, "paper-list"),
        "legislativeTerm": [legislative_term_data(request, term) for term in district.terms.all()]
        if district.pk
        else [],
        "license": settings.OPARL_LICENSE,
        "created": stamp(times.created),
        "modified": stamp(times.modified),
        "web": page_web(request, "stakeholders:public-bodies"),
    }


def office_data(request: HttpRequest, times: Timestamps) -> OParlObject:
    return {
        "id": office_url(request),
        "type": SCHEMA + "Organization",
        "body": district_url(request),
        "name": OFFICE_NAME,
        "shortName": "WF",
        "organizationType": "Verwaltungsbereich",
        "classification": "Verwaltungsbereich",
        "created": stamp(times.created),
        "modified": stamp(times.modified),
        "web": page_web(request, "projects:home"),
    }


def membership_data(request: HttpRequest, membership: Membership, embedded_in_person: bool = False) -> OParlObject:
    data = base(request, "Membership", url(request, "membership", membership.pk), membership)
    data.update(
        {
            "organization": body_org_url(request, membership.body_id),
            "role": membership.function or MEMBERSHIP_ROLE.get(membership.role, ""),
            "startDate": membership.start_date.isoformat() if membership.start_date else None,
            "endDate": membership.end_date.isoformat() if membership.end_date else None,
            "web": body_web(request, membership.body_id),
        }
    )
    if not embedded_in_person:
        data["person"] = url(request, "person", membership.person_id)
    return compact(data)


def body_data(request: HttpRequest, body: BodyWithMemberships, omit_internal: bool = False) -> OParlObject:
    data = base(request, "Organization", body_org_url(request, body.pk), body)
    data.update(
        {
            "body": district_url(request),
            "name": body.name,
            "shortName": body.short_name,
            "organizationType": "Gremium",
            "classification": CLASSIFICATION.get(body.kind, ""),
            "subOrganizationOf": None,
            "membership": [url(request, "membership", m.pk) for m in body.public_memberships],
            "web": body_web(request, body.pk),
        }
    )
    return compact(data)


def person_data(request: HttpRequest, person: Person, omit_internal: bool = False) -> OParlObject:
    data = base(request, "Person", url(request, "person", person.pk), person)
    data.update(
        {
            "body": district_url(request),
            "name": person.name,
            "givenName": person.given_name,
            "familyName": person.family_name,
            "web": body_web(request, next((m.body_id for m in person.memberships.all()), None)),
        }
    )
    if not omit_internal:
        data["membership"] = [membership_data(request, m, embedded_in_person=True) for m in person.memberships.all()]
    return compact(data)


def meeting_start(meeting: Meeting) -> str | None:
    """The start as OParl's date-time, only where a time is recorded: a meeting with only a date has none (the
    specification allows leaving it out; a time of 00:00 would be invented)."""
    if meeting.start_time is None:
        return None
    return stamp(timezone.make_aware(datetime.datetime.combine(meeting.date, meeting.start_time)))


def meeting_data(request: HttpRequest, meeting: Meeting, omit_internal: bool = False) -> OParlObject:
    if not publication.may_show_meeting(meeting, Audience.PUBLIC):
        return deleted(url(request, "meeting", meeting.pk), "Meeting", meeting)
    data = base(request, "Meeting", url(request, "meeting", meeting.pk), meeting)
    data.update(
        {
            "name": meeting.title or f"Sitzung {meeting.body.name} am {meeting.date:%d.%m.%Y}",
            "start": meeting_start(meeting),
            "organization": [body_org_url(request, meeting.body_id)],
            "web": page_web(request, "stakeholders:public-bodies", anchor=f"meeting-{meeting.pk}"),
        }
    )
    if meeting.location:
        data["location"] = location_data(request, meeting)
    return compact(data)


def location_data(request: HttpRequest, meeting: Meeting) -> OParlObject:
    """The meeting's place: the portal keeps it as text, so the Location has a description only."""
    data = base(request, "Location", url(request, "location", meeting.pk), meeting)
    data.update(
        {
            "description": meeting.location,
            "meetings": [url(request, "meeting", meeting.pk)],
            "web": page_web(request, "stakeholders:public-bodies", anchor=f"meeting-{meeting.pk}"),
        }
    )
    return compact(data)


# --- the paper's files ---------------------------------------------------------------------------------------------


def paper_file_key(paper_pk: int, content: Any, extension: str) -> str:
    """The cache key of a paper's file rendered from the snapshot `content`."""
    digest = hashlib.sha256(json.dumps(content, sort_keys=True, cls=DjangoJSONEncoder).encode()).hexdigest()
    return f"oparl-paper-{paper_pk}-{digest}-{extension}"


def forget_paper_files(sender: type[CommitteePaper], *, pk: int, field: str, before: Any, **kwargs: Any) -> None:
    """A DSGVO erasure wrote a paper's public snapshot anew (personal_data.text_rewritten): the files rendered from
    the old one leave the cache, which is kept in the database."""
    if field == "snapshot":
        cache.delete_many([paper_file_key(pk, before, extension) for extension in FILE_KINDS])


def paper_file(paper: CommitteePaper, extension: str, request: HttpRequest | None = None) -> bytes:
    """The finalised paper rendered from its stored public snapshot (never the committee's version); cached so that
    size, checksum and download agree, by the snapshot's content: a snapshot made public later renders anew."""
    content = cast("PaperContent", paper.snapshot)  # OParl publishes finalised papers: finalise_paper set it
    key = paper_file_key(paper.pk, content, extension)
    body = cache.get(key)
    if body is None:
        if extension == "pdf":
            html = render_to_string("reports/paper_preview.html", {"content": content, "paper": paper})
            root = request.build_absolute_uri("/") if request else None
            body = render_pdf(html, base_url=root)
        else:
            body = render_docx(content)
        cache.set(key, body, None)
    return body


FILE_KINDS = {"pdf": PDF_MIME_TYPE, "docx": DOCX_MIME_TYPE}


def checksums(body: bytes) -> OParlObject:
    """Size and checksums of a file: SHA-512, and SHA-1 for clients of OParl 1.0 (1.1 deprecates it)."""
    return {
        "size": len(body),
        "sha512Checksum": hashlib.sha512(body).hexdigest(),
        "sha1Checksum": hashlib.sha1(body, usedforsecurity=False).hexdigest(),
    }


def file_data(request: HttpRequest, paper: CommitteePaper, extension: str) -> OParlObject:
    access = url(request, f"paper-{extension}", paper.pk)
    data = base(request, "File", url(request, "file", paper.pk, extension), paper)
    data.update(
        {
            "name": f"{paper.number}: {paper.title}",
            "fileName": paper_filename(paper, extension),
            "mimeType": FILE_KINDS[extension],
            "date": paper.finalised_at and timezone.localdate(paper.finalised_at).isoformat(),
            "accessUrl": access,  # shown in the browser
            "downloadUrl": f"{access}?download",  # saved as a file
            "paper": [url(request, "paper", paper.pk)],
            "web": paper_web(request, paper.pk),
        }
    )
    if getattr(request, "for_ledger", False):
        # The ledger compares what the file is rendered from instead of rendering it (oparl.ledger).
        data["sha512Checksum"] = paper_file_key(paper.pk, paper.snapshot, extension)
    else:
        data.update(checksums(paper_file(paper, extension, request)))
    return compact(data)


def attachment_file_data(request: HttpRequest, attachment: PaperAttachment) -> OParlObject:
    """An attachment of a finalised paper as a File (without size and checksum: they would read every file)."""
    access = url(request, "attachment-download", attachment.pk)
    data = base(request, "File", url(request, "attachment-file", attachment.pk), attachment)
    data.update(
        {
            "name": f"Anlage {attachment.number}: {attachment.title}",
            "fileName": attachment_filename(attachment),
            "mimeType": attachment.content_type,
            "accessUrl": access,
            "downloadUrl": f"{access}?download",
            "paper": [url(request, "paper", attachment.paper_id)],
            "web": paper_web(request, attachment.paper_id),
        }
    )
    return compact(data)


def consultation_data(request: HttpRequest, consultation: Consultation, meetings: Meetings) -> OParlObject:
    data = base(request, "Consultation", url(request, "consultation", consultation.pk), consultation)
    meeting = meetings.get((consultation.body_id, consultation.meeting_date))
    data.update(
        {
            "paper": url(request, "paper", consultation.paper_id),
            "organization": [body_org_url(request, consultation.body_id)],
            "meeting": url(request, "meeting", meeting.pk) if meeting else None,
            "role": ROLE.get(consultation.competence, ""),
            "authoritative": consultation.competence == Consultation.Competence.DECISION,
            "web": paper_web(request, consultation.paper_id),
        }
    )
    return compact(data)


def paper_data(
    request: HttpRequest, paper: CommitteePaper, omit_internal: bool = False, meetings: Meetings | None = None
) -> OParlObject:
    data = base(request, "Paper", url(request, "paper", paper.pk), paper)
    consultations = public_consultations(paper)
    if meetings is None:
        meetings = meetings_for(consultations)
    data.update(
        {
            "body": district_url(request),
            "name": paper.title,
            "reference": paper.number,
            "date": paper.date.isoformat() if paper.date else None,
            "paperType": PAPER_TYPE.get(paper.kind, ""),
            "originatorOrganization": [office_url(request)],
            "web": paper_web(request, paper.pk),
        }
    )
    # Embedded, but not internal: omit_internal leaves them (the specification names Person.membership).
    data["consultation"] = [consultation_data(request, c, meetings) for c in consultations]
    data["mainFile"] = file_data(request, paper, "pdf")
    data["auxiliaryFile"] = [file_data(request, paper, "docx")] + [
        attachment_file_data(request, attachment) for attachment in paper.attachments.all() if attachment.file
    ]
    return compact(data)
