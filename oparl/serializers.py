"""OParl 1.1 objects as JSON: the district's bodies, meetings and finalised committee papers, as council information
systems read them (https://oparl.org/spezifikation/).

System → Body (the district) → external lists of Organization, Person, Meeting and Paper. Membership is embedded in
Person and referenced from Organization; Consultation and File are embedded in Paper. Objects that are archived or
not public keep their URL and answer with the deleted form, never with a 404.
"""

import datetime
import hashlib

from django.core.cache import cache
from django.db.models import Max, Min
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from oparl.selectors import meetings_for
from reports.models import CommitteePaper, Consultation
from reports.render import DOCX_MIME_TYPE, PDF_MIME_TYPE, render_docx, render_pdf
from reports.views.downloads import paper_filename
from stakeholders.models import Body, Membership

SCHEMA = "https://schema.oparl.org/1.1/"
DISTRICT_NAME = "Landkreis Ludwigsburg"
DISTRICT_WEBSITE = "https://www.landkreis-ludwigsburg.de/"
OFFICE_NAME = "Kreiswirtschaftsförderung Landkreis Ludwigsburg"
FALLBACK_TIME = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)

CLASSIFICATION = {
    Body.Kind.ADVISORY_BOARD: "Beirat",
    Body.Kind.COUNCIL_COMMITTEE: "Ausschuss",
    Body.Kind.COUNCIL: "Kreistag",
    Body.Kind.STEERING_COMMITTEE: "Lenkungskreis",
}
ROLE = {
    Consultation.Competence.ACKNOWLEDGEMENT: "Kenntnisnahme",
    Consultation.Competence.PRELIMINARY: "Vorberatung",
    Consultation.Competence.DECISION: "Beschlussfassung",
}
MEMBERSHIP_ROLE = {
    Membership.Role.CHAIR: "Vorsitz",
    Membership.Role.MEMBER: "Mitglied",
    Membership.Role.DEPUTY: "Stellvertretung",
}
PAPER_TYPE = {
    CommitteePaper.Kind.STATUS_REPORT: "Sachstandsbericht",
    CommitteePaper.Kind.DECISION_PAPER: "Beschlussvorlage",
}


# --- helpers -------------------------------------------------------------------------------------------------------


def url(request, name, *args):
    return request.build_absolute_uri(reverse(f"oparl:{name}", args=args))


def stamp(value):
    return timezone.localtime(value).isoformat(timespec="seconds")


def compact(data):
    """Optional properties without data are left out: no null, no empty list, no empty string."""
    return {key: value for key, value in data.items() if value not in (None, [], "", {})}


def base(request, kind, object_url, obj):
    return {"id": object_url, "type": SCHEMA + kind, "created": stamp(obj.created), "modified": stamp(obj.modified)}


def deleted(object_url, kind, obj):
    return {
        "id": object_url,
        "type": SCHEMA + kind,
        "created": stamp(obj.created),
        "modified": stamp(obj.modified),
        "deleted": True,
    }


def page_web(request, name):
    return request.build_absolute_uri(reverse(name))


class Timestamps:
    """created/modified for the objects the portal has no model for (System, the district, the office)."""

    def __init__(self):
        values = Body.objects.aggregate(created=Min("created"), modified=Max("modified"))
        self.created = values["created"] or FALLBACK_TIME
        self.modified = values["modified"] or self.created


# --- serialisers ---------------------------------------------------------------------------------------------------


def body_org_url(request, body_pk):
    return url(request, "organization", f"gremium-{body_pk}")


def office_url(request):
    return url(request, "organization", "wirtschaftsfoerderung")


def district_url(request):
    return url(request, "body", "landkreis-ludwigsburg")


def system_data(request):
    times = Timestamps()
    return {
        "id": url(request, "system"),
        "type": SCHEMA + "System",
        "oparlVersion": SCHEMA,
        "body": url(request, "body-list"),
        "name": f"{OFFICE_NAME} – Strategieportal",
        "website": page_web(request, "projects:home"),
        "created": stamp(times.created),
        "modified": stamp(times.modified),
        "web": page_web(request, "projects:home"),
    }


def district_data(request):
    times = Timestamps()
    return {
        "id": district_url(request),
        "type": SCHEMA + "Body",
        "system": url(request, "system"),
        "name": DISTRICT_NAME,
        "shortName": "LB",
        "website": DISTRICT_WEBSITE,
        "classification": "Landkreis",
        "organization": url(request, "organization-list"),
        "person": url(request, "person-list"),
        "meeting": url(request, "meeting-list"),
        "paper": url(request, "paper-list"),
        "legislativeTerm": [],
        "created": stamp(times.created),
        "modified": stamp(times.modified),
        "web": page_web(request, "stakeholders:public-bodies"),
    }


def office_data(request, times):
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


def membership_data(request, membership, embedded_in_person=False):
    data = base(request, "Membership", url(request, "membership", membership.pk), membership)
    data.update(
        {
            "organization": body_org_url(request, membership.body_id),
            "role": membership.function or MEMBERSHIP_ROLE.get(membership.role, ""),
            "startDate": membership.start_date.isoformat() if membership.start_date else None,
            "endDate": membership.end_date.isoformat() if membership.end_date else None,
            "web": page_web(request, "stakeholders:public-bodies"),
        }
    )
    if not embedded_in_person:
        data["person"] = url(request, "person", membership.person_id)
    return compact(data)


def body_data(request, body, omit_internal=False):
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
            "web": page_web(request, "stakeholders:public-bodies"),
        }
    )
    return compact(data)


def person_data(request, person, omit_internal=False):
    data = base(request, "Person", url(request, "person", person.pk), person)
    data.update(
        {
            "body": district_url(request),
            "name": person.name,
            "web": page_web(request, "stakeholders:public-bodies"),
        }
    )
    if not omit_internal:
        data["membership"] = [membership_data(request, m, embedded_in_person=True) for m in person.memberships.all()]
    return compact(data)


def meeting_start(meeting):
    return timezone.make_aware(datetime.datetime.combine(meeting.date, datetime.time()))


def meeting_data(request, meeting, omit_internal=False):
    if not meeting.is_public:
        return deleted(url(request, "meeting", meeting.pk), "Meeting", meeting)
    data = base(request, "Meeting", url(request, "meeting", meeting.pk), meeting)
    data.update(
        {
            "name": meeting.title or f"Sitzung {meeting.body.name}",
            "start": stamp(meeting_start(meeting)),
            "organization": [body_org_url(request, meeting.body_id)],
            "web": page_web(request, "stakeholders:public-bodies"),
        }
    )
    if meeting.location:
        data["location"] = location_data(request, meeting)
    return compact(data)


def location_data(request, meeting):
    """The meeting's place: the portal keeps it as text, so the Location has a description only."""
    data = base(request, "Location", url(request, "location", meeting.pk), meeting)
    data.update(
        {
            "description": meeting.location,
            "meeting": [url(request, "meeting", meeting.pk)],
            "web": page_web(request, "stakeholders:public-bodies"),
        }
    )
    return compact(data)


# --- the paper's files ---------------------------------------------------------------------------------------------


def paper_file(paper, extension, request=None):
    """The finalised paper rendered from its stored snapshot; cached so that size, checksum and download agree."""
    key = f"oparl-paper-{paper.pk}-{paper.modified.timestamp()}-{extension}"
    body = cache.get(key)
    if body is None:
        if extension == "pdf":
            html = render_to_string("reports/paper_preview.html", {"content": paper.snapshot, "paper": paper})
            root = request.build_absolute_uri("/") if request else None
            body = render_pdf(html, base_url=root)
        else:
            body = render_docx(paper.snapshot)
        cache.set(key, body, None)
    return body


FILE_KINDS = {"pdf": PDF_MIME_TYPE, "docx": DOCX_MIME_TYPE}


def file_data(request, paper, extension):
    body = paper_file(paper, extension, request)
    download = url(request, f"paper-{extension}", paper.pk)
    data = base(request, "File", url(request, "file", paper.pk, extension), paper)
    data.update(
        {
            "name": f"{paper.number}: {paper.title}",
            "fileName": paper_filename(paper, extension),
            "mimeType": FILE_KINDS[extension],
            "date": paper.finalised_at and timezone.localdate(paper.finalised_at).isoformat(),
            "size": len(body),
            "sha1Checksum": hashlib.sha1(body, usedforsecurity=False).hexdigest(),  # OParl asks for SHA-1
            "accessUrl": download,
            "downloadUrl": download,
            "paper": [url(request, "paper", paper.pk)],
            "web": page_web(request, "projects:home"),
        }
    )
    return compact(data)


def consultation_data(request, consultation, meetings):
    data = base(request, "Consultation", url(request, "consultation", consultation.pk), consultation)
    meeting = meetings.get((consultation.body_id, consultation.meeting_date))
    data.update(
        {
            "paper": url(request, "paper", consultation.paper_id),
            "organization": [body_org_url(request, consultation.body_id)],
            "meeting": url(request, "meeting", meeting.pk) if meeting else None,
            "role": ROLE.get(consultation.competence, ""),
            "authoritative": consultation.competence == Consultation.Competence.DECISION,
            "web": page_web(request, "projects:home"),
        }
    )
    return compact(data)


def paper_data(request, paper, omit_internal=False, meetings=None):
    data = base(request, "Paper", url(request, "paper", paper.pk), paper)
    consultations = [c for c in paper.consultations.all() if c.is_public]
    if meetings is None:
        meetings = meetings_for(consultations)
    data.update(
        {
            "body": district_url(request),
            "name": paper.title,
            "reference": paper.number,
            "date": timezone.localdate(paper.finalised_at).isoformat() if paper.finalised_at else None,
            "paperType": PAPER_TYPE.get(paper.kind, ""),
            "originatorOrganization": [office_url(request)],
            "web": page_web(request, "projects:home"),
        }
    )
    if not omit_internal:
        data["consultation"] = [consultation_data(request, c, meetings) for c in consultations]
        data["mainFile"] = file_data(request, paper, "pdf")
        data["auxiliaryFile"] = [file_data(request, paper, "docx")]
    return compact(data)
