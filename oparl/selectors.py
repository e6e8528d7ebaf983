"""The reads of the OParl interface: what it publishes, loaded with what its serialisers need."""

from django.db.models import Prefetch, Q

from reports.models import CommitteePaper, Consultation
from stakeholders.models import Body, Meeting, Membership, Person


def public_person_q(prefix=""):
    return Q(**{f"{prefix}public_figure": True}) | Q(**{f"{prefix}consent_date__isnull": False})


def is_public_person(person):
    return bool(person and (person.public_figure or person.consent_date))


def meetings_for(consultations):
    """The public meetings the consultations were held in, by (body, date): one query for a whole page."""
    pairs = {(c.body_id, c.meeting_date) for c in consultations if c.meeting_date}
    if not pairs:
        return {}
    query = Q()
    for body_id, date in pairs:
        query |= Q(body_id=body_id, date=date)
    return {(m.body_id, m.date): m for m in Meeting.objects.filter(query, is_public=True)}


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
