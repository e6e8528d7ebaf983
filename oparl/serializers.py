"""The read-only OParl 1.1 interface: the district's bodies, meetings and finalised committee papers, as council
information systems read them (https://oparl.org/spezifikation/).

System → Body (the district) → external lists of Organization, Person, Meeting and Paper. Membership is embedded in
Person and referenced from Organization; Consultation and File are embedded in Paper. Objects that are archived or
not public keep their URL and answer with the deleted form, never with a 404.
"""

import datetime
import hashlib
import math
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import Max, Min, Prefetch, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.generic import View

from reports.download_views import attachment, paper_filename
from reports.models import CommitteePaper, Consultation
from reports.render import DOCX_MIME_TYPE, PDF_MIME_TYPE, render_docx, render_pdf
from stakeholders.models import Body, Meeting, Membership, Organisation, Person

SCHEMA = "https://schema.oparl.org/1.1/"
PAGE_SIZE = 100
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


def public_person_q(prefix=""):
    return Q(**{f"{prefix}public_figure": True}) | Q(**{f"{prefix}consent_date__isnull": False})


def is_public_person(person):
    return bool(person and (person.public_figure or person.consent_date))


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


class OParlResponse(JsonResponse):
    def __init__(self, data, **kwargs):
        super().__init__(
            data, json_dumps_params={"ensure_ascii": False}, content_type="application/json; charset=utf-8", **kwargs
        )
        self["Access-Control-Allow-Origin"] = "*"


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


def meetings_for(consultations):
    """The public meetings the consultations were held in, by (body, date): one query for a whole page."""
    pairs = {(c.body_id, c.meeting_date) for c in consultations if c.meeting_date}
    if not pairs:
        return {}
    query = Q()
    for body_id, date in pairs:
        query |= Q(body_id=body_id, date=date)
    return {(m.body_id, m.date): m for m in Meeting.objects.filter(query, is_public=True)}


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


# --- querysets -----------------------------------------------------------------------------------------------------


def public_memberships():
    return Membership.objects.filter(person__isnull=False).filter(public_person_q("person__")).order_by("pk")


def bodies():
    return Body.objects.prefetch_related(
        Prefetch("memberships", queryset=public_memberships(), to_attr="public_memberships")
    )


def persons():
    return (
        Person.objects.filter(public_person_q())
        .prefetch_related(Prefetch("memberships", queryset=Membership.objects.order_by("pk")))
        .order_by("pk")
    )


def finalised_papers():
    return (
        CommitteePaper.objects.filter(status=CommitteePaper.Status.FINALISED)
        .prefetch_related(Prefetch("consultations", queryset=Consultation.objects.order_by("position")))
        .order_by("pk")
    )


# --- views ---------------------------------------------------------------------------------------------------------


class OParlView(View):
    http_method_names = ["get", "head", "options"]

    def options(self, request, *args, **kwargs):
        response = super().options(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response


class SystemView(OParlView):
    def get(self, request):
        return OParlResponse(system_data(request))


class BodyListView(OParlView):
    def get(self, request):
        try:
            filters = list_filters(request)
        except ValueError as error:
            return OParlResponse({"error": str(error)}, status=400)
        times = Timestamps()
        body = type("District", (), {"created": times.created, "modified": times.modified})
        items = [district_data(request)] if matches(body, filters) else []
        return OParlResponse(paginated(request, items, len(items), 1))


class BodyView(OParlView):
    def get(self, request, slug):
        if slug != "landkreis-ludwigsburg":
            raise Http404
        return OParlResponse(district_data(request))


def list_filters(request):
    filters = {}
    for name in ("created_since", "created_until", "modified_since", "modified_until"):
        raw = request.GET.get(name)
        if raw:
            value = parse_datetime(raw.replace(" ", "+"))
            if value is None:
                raise ValueError(f"{name}: not an ISO 8601 date-time")
            if timezone.is_naive(value):
                value = timezone.make_aware(value)
            filters[name] = value
    return filters


def filter_queryset(queryset, filters):
    lookups = {
        "created_since": "created__gte",
        "created_until": "created__lte",
        "modified_since": "modified__gte",
        "modified_until": "modified__lte",
    }
    return queryset.filter(**{lookups[name]: value for name, value in filters.items()})


def matches(obj, filters):
    checks = {
        "created_since": lambda v: obj.created >= v,
        "created_until": lambda v: obj.created <= v,
        "modified_since": lambda v: obj.modified >= v,
        "modified_until": lambda v: obj.modified <= v,
    }
    return all(checks[name](value) for name, value in filters.items())


def current_page(request):
    try:
        return max(1, int(request.GET.get("page", 1)))
    except ValueError:
        return 1


def page_link(request, page):
    params = request.GET.copy()
    params["page"] = page
    return request.build_absolute_uri(request.path) + "?" + urlencode(sorted(params.items()))


def paginated(request, data, total, page):
    pages = max(1, math.ceil(total / PAGE_SIZE))
    links = {"first": page_link(request, 1), "last": page_link(request, pages), "self": page_link(request, page)}
    if page < pages:
        links["next"] = page_link(request, page + 1)
    if page > 1:
        links["prev"] = page_link(request, page - 1)
    return {
        "data": data,
        "pagination": {"totalElements": total, "elementsPerPage": PAGE_SIZE, "currentPage": page, "totalPages": pages},
        "links": links,
    }


class ListView(OParlView):
    """An external list: 100 objects a page in the order of their primary key, filtered by time."""

    def get(self, request):
        try:
            filters = list_filters(request)
        except ValueError as error:
            return OParlResponse({"error": str(error)}, status=400)
        page = current_page(request)
        omit_internal = "omit_internal" in request.GET and request.GET["omit_internal"].lower() not in ("0", "false")
        data, total = self.page(request, filters, page, omit_internal)
        return OParlResponse(paginated(request, data, total, page))

    def page(self, request, filters, page, omit_internal):
        queryset = filter_queryset(self.queryset(), filters).order_by("pk")
        total = queryset.count()
        objects = list(queryset[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])
        return self.serialise(request, objects, omit_internal), total

    def serialise(self, request, objects, omit_internal):
        return [self.serialiser(request, obj, omit_internal) for obj in objects]


class OrganizationListView(ListView):
    """The office first, then the bodies."""

    def page(self, request, filters, page, omit_internal):
        times = Timestamps()
        office = type("Office", (), {"created": times.created, "modified": times.modified})
        with_office = matches(office, filters)
        queryset = filter_queryset(bodies(), filters).order_by("pk")
        total = queryset.count() + int(with_office)
        start, end = (page - 1) * PAGE_SIZE, page * PAGE_SIZE
        data = []
        if with_office:
            if start == 0:
                data.append(office_data(request, times))
            start, end = max(0, start - 1), end - 1
        data += [body_data(request, body, omit_internal) for body in queryset[start:end]]
        return data, total


class PersonListView(ListView):
    serialiser = staticmethod(person_data)

    def queryset(self):
        return persons()


class MeetingListView(ListView):
    serialiser = staticmethod(meeting_data)

    def queryset(self):
        return Meeting.objects.filter(is_public=True).select_related("body")


class PaperListView(ListView):
    def queryset(self):
        return finalised_papers()

    def serialise(self, request, objects, omit_internal):
        consultations = [c for paper in objects for c in paper.consultations.all() if c.is_public]
        meetings = meetings_for(consultations) if not omit_internal else {}
        return [paper_data(request, paper, omit_internal, meetings) for paper in objects]


class OrganizationView(OParlView):
    def get(self, request, key):
        if key == "wirtschaftsfoerderung":
            return OParlResponse(office_data(request, Timestamps()))
        if key.startswith("gremium-") and key.removeprefix("gremium-").isdigit():
            body = get_object_or_404(bodies(), pk=int(key.removeprefix("gremium-")))
            return OParlResponse(body_data(request, body))
        if key.startswith("organisation-") and key.removeprefix("organisation-").isdigit():
            # Organisations hold seats in the bodies; they are kept as deleted once archived, otherwise not published.
            organisation = get_object_or_404(Organisation, pk=int(key.removeprefix("organisation-")))
            return OParlResponse(deleted(url(request, "organization", key), "Organization", organisation))
        raise Http404


class PersonView(OParlView):
    def get(self, request, pk):
        person = get_object_or_404(Person.objects.prefetch_related("memberships"), pk=pk)
        if not is_public_person(person):
            return OParlResponse(deleted(url(request, "person", pk), "Person", person))
        return OParlResponse(person_data(request, person))


class MembershipView(OParlView):
    def get(self, request, pk):
        membership = get_object_or_404(Membership.objects.select_related("person"), pk=pk)
        if not is_public_person(membership.person):
            return OParlResponse(deleted(url(request, "membership", pk), "Membership", membership))
        return OParlResponse(membership_data(request, membership))


class MeetingView(OParlView):
    def get(self, request, pk):
        meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
        return OParlResponse(meeting_data(request, meeting))


class LocationView(OParlView):
    def get(self, request, pk):
        meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
        if not meeting.is_public or not meeting.location:
            return OParlResponse(deleted(url(request, "location", pk), "Location", meeting))
        return OParlResponse(location_data(request, meeting))


class PaperView(OParlView):
    def get(self, request, pk):
        paper = get_object_or_404(CommitteePaper.objects.prefetch_related("consultations"), pk=pk)
        if paper.status != CommitteePaper.Status.FINALISED:
            return OParlResponse(deleted(url(request, "paper", pk), "Paper", paper))
        return OParlResponse(paper_data(request, paper))


class ConsultationView(OParlView):
    def get(self, request, pk):
        consultation = get_object_or_404(Consultation.objects.select_related("paper"), pk=pk)
        if consultation.paper.status != CommitteePaper.Status.FINALISED or not consultation.is_public:
            return OParlResponse(deleted(url(request, "consultation", pk), "Consultation", consultation))
        return OParlResponse(consultation_data(request, consultation, meetings_for([consultation])))


class FileView(OParlView):
    def get(self, request, pk, extension):
        paper = get_object_or_404(CommitteePaper, pk=pk)
        if extension not in FILE_KINDS:
            raise Http404
        if paper.status != CommitteePaper.Status.FINALISED:
            return OParlResponse(deleted(url(request, "file", pk, extension), "File", paper))
        return OParlResponse(file_data(request, paper, extension))


class PaperDownloadView(OParlView):
    """The finalised paper as a file, public as OParl's accessUrl/downloadUrl; drafts are not published."""

    extension = "pdf"

    def get(self, request, pk):
        paper = get_object_or_404(CommitteePaper, pk=pk, status=CommitteePaper.Status.FINALISED)
        response = attachment(
            paper_file(paper, self.extension, request),
            FILE_KINDS[self.extension],
            paper_filename(paper, self.extension),
        )
        response["Access-Control-Allow-Origin"] = "*"
        return response


class PaperDocxDownloadView(PaperDownloadView):
    extension = "docx"
