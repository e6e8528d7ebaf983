"""The reads of the OParl interface: what it publishes, loaded with what its serialisers need."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from reports.models import CommitteePaper, Consultation, PaperAttachment
from stakeholders.models import Body, Meeting, Membership, Person
from strategy_portal import publication
from strategy_portal.publication import Audience

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class PublicMemberships(TypedDict):
    """What `bodies` prefetches into each body."""

    public_memberships: list[Membership]


if TYPE_CHECKING:
    BodyWithMemberships = WithAnnotations[Body, PublicMemberships]


def is_public_person(person: Person | None) -> bool:
    return publication.may_name_person(person, Audience.PUBLIC)


def is_published_paper(paper: CommitteePaper | None) -> bool:
    return publication.may_show_paper(paper, Audience.PUBLIC)


def is_public_consultation(consultation: Consultation) -> bool:
    """A consultation in a public session of a published paper (the rule of meetings holds for consultations)."""
    return publication.may_show_meeting(consultation, Audience.PUBLIC)


def public_consultations(paper: CommitteePaper) -> list[Consultation]:
    """The paper's prefetched consultations that may be published."""
    return [consultation for consultation in paper.consultations.all() if is_public_consultation(consultation)]


def published_paper(pk: int) -> CommitteePaper:
    """A finalised paper; Http404 for a draft, which is not published."""
    return get_object_or_404(CommitteePaper.objects.filter(publication.paper_q(Audience.PUBLIC)), pk=pk)


def meetings_for(consultations: Iterable[Consultation]) -> dict[tuple[int, datetime.date | None], Meeting]:
    """The public meetings the consultations were held in, by (body, date): one query for a whole page."""
    pairs = {(c.body_id, c.meeting_date) for c in consultations if c.meeting_date}
    if not pairs:
        return {}
    query = Q()
    for body_id, date in pairs:
        query |= Q(body_id=body_id, date=date)
    return {(m.body_id, m.date): m for m in Meeting.objects.filter(query, publication.meeting_q(Audience.PUBLIC))}


def public_meetings() -> QuerySet[Meeting]:
    return Meeting.objects.filter(publication.meeting_q(Audience.PUBLIC)).select_related("body").order_by("pk")


def public_memberships() -> QuerySet[Membership]:
    return (
        Membership.objects.filter(person__isnull=False)
        .filter(publication.person_q(Audience.PUBLIC, "person__"))
        .order_by("pk")
    )


def bodies() -> QuerySet[BodyWithMemberships]:
    return Body.objects.prefetch_related(
        Prefetch("memberships", queryset=public_memberships(), to_attr="public_memberships")
    )


def persons() -> QuerySet[Person]:
    return (
        Person.objects.filter(publication.person_q(Audience.PUBLIC))
        .prefetch_related(Prefetch("memberships", queryset=Membership.objects.order_by("pk")))
        .order_by("pk")
    )


def published_attachment(pk: int) -> PaperAttachment:
    """An attachment with a file of a finalised paper; Http404 for one of a draft, which is not published."""
    return get_object_or_404(
        PaperAttachment.objects.select_related("paper")
        .exclude(file="")
        .filter(publication.paper_q(Audience.PUBLIC, "paper__")),
        pk=pk,
    )


def finalised_papers() -> QuerySet[CommitteePaper]:
    return (
        CommitteePaper.objects.filter(publication.paper_q(Audience.PUBLIC))
        .prefetch_related(
            Prefetch("consultations", queryset=Consultation.objects.order_by("position")),
            Prefetch("attachments", queryset=PaperAttachment.objects.exclude(file="").order_by("number")),
        )
        .order_by("pk")
    )
