"""Reads of the public pages: the projects and participation events a visitor may see, as the pages list them.

Projects come through `Project.objects.for_public(user)`: anonymous visitors see published, non-archived projects;
committee members and staff internal ones too; nobody archived ones.
"""

from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, Count, F, IntegerField, OuterRef, QuerySet, Subquery, Value, When, Window
from django.db.models.functions import RowNumber

from accounts.models import User
from projects.models import ActionField, Indicator, Measurement, Project, ProjectQuerySet, Strategy
from stakeholders.models import ParticipationEvent
from strategy_portal import publication
from strategy_portal.publication import Audience

# A goal page lists the first projects of each action field serving it; the field's own page pages through all.
GOAL_PROJECTS_PER_FIELD = 10


def public_events() -> QuerySet[ParticipationEvent]:
    return ParticipationEvent.objects.filter(publication.event_q(Audience.PUBLIC)).order_by("start_date", "pk")


def projects_query(
    user: User | AnonymousUser, annotate: dict[str, Any] | None = None, **filters: Any
) -> ProjectQuerySet:
    """The projects a visitor may see, with the newest status report's state annotated."""
    return (
        Project.objects.for_public(user)
        .annotate(**(annotate or {}))
        .filter(**filters)
        .select_related("action_field")
        .with_latest_report()
        .order_by("action_field__number", "number")
    )


def projects_for_page(
    user: User | AnonymousUser, annotate: dict[str, Any] | None = None, **filters: Any
) -> list[Project]:
    """`projects_query` as a list (one query)."""
    return list(projects_query(user, annotate, **filters))


def first_projects_per_field(
    user: User | AnonymousUser, strategy: Strategy, fields: Iterable[ActionField]
) -> list[Project]:
    """One query: up to GOAL_PROJECTS_PER_FIELD projects of each of `fields`, by number, as `projects_for_page`."""
    return projects_for_page(
        user,
        strategy=strategy,
        action_field__in=fields,
        field_rank__lte=GOAL_PROJECTS_PER_FIELD,
        annotate={"field_rank": Window(RowNumber(), partition_by=F("action_field"), order_by=[F("number"), F("pk")])},
    )


def project_counts_per_field(
    user: User | AnonymousUser, strategy: Strategy, fields: Iterable[ActionField]
) -> Counter[int]:
    """One query: how many projects the visitor may see in each of `fields`."""
    rows = (
        Project.objects.for_public(user)
        .filter(strategy=strategy, action_field__in=fields)
        .values("action_field")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return Counter({row["action_field"]: row["count"] for row in rows})


def public_projects(user: User | AnonymousUser) -> ProjectQuerySet:
    """The featured strategy's projects the user may see on public pages, with their newest report's state."""
    return Project.objects.for_public(user).filter(strategy__is_featured=True).with_latest_report()


def status_rank() -> Case:
    """The status in lifecycle order (idea first): sorting by status follows the process, not the alphabet."""
    whens = [When(status=status, then=Value(rank)) for rank, status in enumerate(Project.Status.values)]
    return Case(*whens, output_field=IntegerField())


def indicators_with_latest_measurement(project: Project) -> QuerySet[Indicator]:
    """The project's indicators, each annotated with its newest measurement's value and date, with all measurements
    for the sparkline (two queries)."""
    newest = Measurement.objects.filter(indicator=OuterRef("pk")).order_by("-measured_on", "-pk")
    return project.indicators.annotate(
        latest_value=Subquery(newest.values("value")[:1]),
        latest_measured_on=Subquery(newest.values("measured_on")[:1]),
    ).prefetch_related("measurements")
