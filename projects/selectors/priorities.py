"""Steering selectors (reads only): the priority ranking and the office's staff capacity per year. The progress
roll-up, weighted by the same score: selectors/rollup.py.

A project's priority score is the weighted mean of its three ratings (1–5), Σ(wᵢ·rᵢ)/Σwᵢ, with the weights of its
strategy (or, for the what-if preview, weights passed in). The ranking orders by the weighted sum Σ(wᵢ·rᵢ), an exact
integer: all projects share the denominator, so equal sums are true ties, and ties share a rank (1, 1, 3).
A project with a missing rating is not yet assessed: it has no score and no rank.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Self, TypedDict, cast

from django.db.models import (
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    Sum,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, Rank
from django.utils.translation import gettext_lazy as _

from projects.models import Project, ProjectQuerySet, Strategy

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise, WithAnnotations

CENT = Decimal("0.01")
RATING_FIELDS = ("priority_subject", "priority_resources", "priority_partners")
# Dropped and completed projects compete for nothing any more.
CLOSED = (Project.Status.DROPPED, Project.Status.COMPLETED)

STAFF_FLAG = _("Staff need exceeds the annual capacity")
MONEY_FLAG = _("Money need exceeds the annual budget")


class Score(TypedDict):
    """The annotations of `with_score`; None while a rating is missing."""

    priority_points: int | None
    score_hundredths: int | None
    score: Decimal | None


class Ranked(Score):
    rank: int


if TYPE_CHECKING:
    ScoredProject = WithAnnotations[Project, Score]
    RankedProject = WithAnnotations[Project, Ranked]


class Described(TypedDict, total=False):
    """What `describe` attaches to a project for the ranking page (`score` only rounded)."""

    score: Decimal
    parts: list[Decimal]
    flags: list[StrOrPromise]


@dataclass(frozen=True)
class Weights:
    subject: int
    resources: int
    partners: int

    def __post_init__(self) -> None:
        if self.total <= 0:  # the strategy's constraint and the form refuse this; a score would divide by zero
            raise ValueError("At least one weight must be greater than 0.")

    @classmethod
    def of(cls, strategy: Strategy) -> Self:
        return cls(strategy.weight_subject, strategy.weight_resources, strategy.weight_partners)

    @property
    def total(self) -> int:
        return self.subject + self.resources + self.partners

    def pairs(self) -> Iterator[tuple[str, int]]:
        """(rating field, weight) for each of the three ratings."""
        return zip(RATING_FIELDS, (self.subject, self.resources, self.partners), strict=True)

    def part(self, weight: int, rating: int) -> Decimal:
        """One rating's share of the score, wᵢ·rᵢ/Σwᵢ, in hundredths."""
        return (Decimal(weight * rating) / self.total).quantize(CENT, rounding=ROUND_HALF_UP)


def with_score(projects: ProjectQuerySet, weights: Weights) -> ProjectQuerySet[ScoredProject, ScoredProject]:
    """Annotate `priority_points` (Σwᵢ·rᵢ, an integer), `score_hundredths` and `score` (Σwᵢ·rᵢ/Σwᵢ rounded half up to
    hundredths, as an integer and as a Decimal); all are NULL when a rating is missing."""
    points = sum((F(name) * Value(weight) for name, weight in weights.pairs()), start=Value(0))
    total = weights.total
    # Rounded in integer arithmetic (half up: ⌊(200·S + T) / 2T⌋ = round(100·S/T)), then scaled to a Decimal: the
    # same result on every database, without a float or an integer division losing the fraction.
    hundredths = (F("priority_points") * Value(200) + Value(total)) / Value(2 * total)
    return (
        projects.annotate(priority_points=ExpressionWrapper(points, output_field=IntegerField()))
        .annotate(score_hundredths=ExpressionWrapper(hundredths, output_field=IntegerField()))
        .annotate(
            score=ExpressionWrapper(
                F("score_hundredths") * Value(CENT), output_field=DecimalField(max_digits=5, decimal_places=2)
            )
        )
    )


def candidates(strategy: Strategy, projects: ProjectQuerySet | None = None) -> ProjectQuerySet:
    """The projects that compete for the office's staff and money: active, neither dropped nor completed."""
    projects = Project.objects.all() if projects is None else projects
    return projects.filter(strategy=strategy, is_archived=False).exclude(status__in=CLOSED)


def assessed_filter() -> Q:
    return Q(**{f"{name}__isnull": False for name in RATING_FIELDS})


def ranking(
    strategy: Strategy, weights: Weights, projects: ProjectQuerySet | None = None
) -> ProjectQuerySet[RankedProject, RankedProject]:
    """The assessed candidates ranked by score with `weights` (the saved ones or a what-if), best first, the number
    breaking ties in the order (not in the rank). One query, whatever the page slice."""
    ranked = with_score(candidates(strategy, projects).filter(assessed_filter()), weights)
    return ranked.annotate(rank=Window(Rank(), order_by=F("priority_points").desc())).order_by(
        "-priority_points", "number"
    )


def not_yet_assessed(strategy: Strategy, projects: ProjectQuerySet | None = None) -> ProjectQuerySet:
    """The candidates with at least one rating missing, by number."""
    return candidates(strategy, projects).exclude(assessed_filter()).order_by("number")


def describe(project: Project, strategy: Strategy, weights: Weights) -> WithAnnotations[Project, Described]:
    """Attach what the ranking page shows of a project: its score's `parts` (for an assessed project) and its
    `flags`. Reads no relation."""
    shown = cast("WithAnnotations[Project, Described]", project)  # the same object, with what this attaches
    if getattr(project, "priority_points", None) is not None:
        shown.score = shown.score.quantize(CENT)  # SQLite returns the Decimal with float noise
        shown.parts = [weights.part(weight, getattr(project, name)) for name, weight in weights.pairs()]
    shown.flags = flags(project, strategy)
    return shown


def flags(project: Project, strategy: Strategy) -> list[StrOrPromise]:
    """Needs beyond what the office has in one year."""
    result: list[StrOrPromise] = []
    capacity, budget = strategy.staff_days_capacity, strategy.annual_project_budget
    if capacity is not None and (project.staff_days_per_year or 0) > capacity:
        result.append(STAFF_FLAG)
    if budget is not None and (project.required_amount or 0) > budget:
        result.append(MONEY_FLAG)
    return result


# Capacity ------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CapacityYear:
    year: int
    planned: int
    capacity: int | None

    @property
    def difference(self) -> int | None:
        """What is left (positive) or missing (negative); None without a capacity."""
        return None if self.capacity is None else self.capacity - self.planned

    @property
    def signed_difference(self) -> str | None:
        """ "+20", "−5" (a real minus sign) or "0"; None without a capacity."""
        difference = self.difference
        if difference is None:
            return None
        return f"+{difference}" if difference > 0 else f"\N{MINUS SIGN}{-difference}" if difference < 0 else "0"

    @property
    def over_capacity(self) -> bool:
        return self.capacity is not None and self.planned > self.capacity


def running_in(year: int) -> Q:
    """Projects whose planned period overlaps the year; a missing start or end is open on that side."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return (Q(planned_start__isnull=True) | Q(planned_start__lte=last)) & (
        Q(planned_end__isnull=True) | Q(planned_end__gte=first)
    )


def capacity_by_year(strategy: Strategy) -> list[CapacityYear]:
    """For each budget year, the staff days per year of the active, not dropped projects running that year, against
    the strategy's capacity. One query (a conditional sum per year)."""
    projects = Project.objects.filter(strategy=strategy, is_archived=False).exclude(status=Project.Status.DROPPED)
    sums = projects.aggregate(
        **{
            f"year_{year}": Coalesce(Sum("staff_days_per_year", filter=running_in(year)), 0)
            for year in strategy.budget_years
        }
    )
    return [CapacityYear(year, sums[f"year_{year}"], strategy.staff_days_capacity) for year in strategy.budget_years]
