"""The progress roll-up (reads only): from projects to action fields and strategic goals, each project's newest
published report's progress weighted by its priority score (selectors/priorities.py) with the strategy's weights.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Self

from django.db.models import F, Sum, Value
from django.db.models.functions import Coalesce

from projects.models import ActionField, LatestReport, Project, ProjectQuerySet, Strategy
from projects.selectors.priorities import Score, Weights, with_score

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class ScoreAndReport(Score, LatestReport):
    """`with_score`'s annotations and `ProjectQuerySet.with_latest_report`'s."""


if TYPE_CHECKING:
    ScoredProject = WithAnnotations[Project, ScoreAndReport]


# Weights are summed in hundredths of a score point, integers: the sums are exact on every database.
NOT_ASSESSED_HUNDREDTHS = 100  # weight 1, the lowest possible score: an unassessed project still counts in the roll-up


@dataclass(frozen=True)
class WeightedProgress:
    """A project's part in a roll-up: its newest published report's progress, weighted by its priority score."""

    project: Project
    progress: int
    weight_hundredths: int
    assessed: bool
    reported: bool

    @property
    def weight(self) -> Decimal:
        return Decimal(self.weight_hundredths).scaleb(-2)


@dataclass(frozen=True)
class Rollup:
    """The progress of an action field or a goal: Σ(progressₚ·weightₚ)/Σweightₚ over its projects; `items` are the
    projects where a page lists them."""

    weighted: int = 0
    weights: int = 0
    items: tuple[WeightedProgress, ...] = ()

    @classmethod
    def of(cls, items: Iterable[WeightedProgress]) -> Self:
        rows = tuple(items)
        weighted = sum(item.progress * item.weight_hundredths for item in rows)
        return cls(weighted, sum(item.weight_hundredths for item in rows), rows)

    def __add__(self, other: Rollup) -> Rollup:
        return Rollup(self.weighted + other.weighted, self.weights + other.weights, self.items + other.items)

    @property
    def progress(self) -> Decimal | None:
        """In percent, one decimal; None without projects."""
        if not self.weights:
            return None
        return (Decimal(self.weighted) / self.weights).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def percent(self) -> int | None:
        """Whole percent for display; None without projects."""
        progress = self.progress
        return None if progress is None else int(progress.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class StrategyProgress:
    fields: dict[int, Rollup]  # by action field id
    goals: dict[int, Rollup]  # by strategic goal id

    def for_field(self, field_id: int) -> Rollup:
        return self.fields.get(field_id, Rollup())

    def for_goal(self, goal_id: int) -> Rollup:
        return self.goals.get(goal_id, Rollup())


def rollup_candidates(strategy: Strategy, projects: ProjectQuerySet) -> ProjectQuerySet[ScoredProject, ScoredProject]:
    """The active, not dropped ones of `projects` (on public pages: what the visitor may see), with their score with
    the strategy's saved weights and their newest published report's progress."""
    active = projects.filter(strategy=strategy, is_archived=False).exclude(status=Project.Status.DROPPED)
    return with_score(active, Weights.of(strategy)).with_latest_report()


def weighted_progress(project: ScoredProject) -> WeightedProgress:
    assessed = project.score_hundredths is not None
    return WeightedProgress(
        project=project,
        progress=project.latest_progress or 0,
        weight_hundredths=NOT_ASSESSED_HUNDREDTHS if project.score_hundredths is None else project.score_hundredths,
        assessed=assessed,
        reported=project.latest_progress is not None,
    )


def weighted_projects(strategy: Strategy, projects: ProjectQuerySet) -> list[WeightedProgress]:
    """Each candidate of `projects` with its progress and weight, by action field and number. One query."""
    rows = (
        rollup_candidates(strategy, projects)
        .select_related("action_field")
        .only("number", "title", "slug", "action_field__number", "action_field__title", "action_field__short_title")
        .order_by("action_field__number", "number")
    )
    return [weighted_progress(project) for project in rows]


def progress_rollup(strategy: Strategy, projects: ProjectQuerySet) -> StrategyProgress:
    """Progress per action field and per strategic goal (over the projects of the fields serving it), summed in the
    database: two queries, however many projects."""
    sums = (
        rollup_candidates(strategy, projects)
        .annotate(weight_hundredths=Coalesce(F("score_hundredths"), Value(NOT_ASSESSED_HUNDREDTHS)))
        .values("action_field")
        .annotate(
            weighted=Sum(Coalesce(F("latest_progress"), Value(0)) * F("weight_hundredths")),
            weights=Sum("weight_hundredths"),
        )
        .order_by()
    )
    by_field = {row["action_field"]: Rollup(row["weighted"], row["weights"]) for row in sums}
    by_goal: dict[int, Rollup] = {}
    links = ActionField.goals.through.objects.filter(actionfield__strategy=strategy)
    for goal_id, field_id in links.values_list("strategicgoal_id", "actionfield_id"):
        by_goal[goal_id] = by_goal.get(goal_id, Rollup()) + by_field.get(field_id, Rollup())
    return StrategyProgress(fields=by_field, goals=by_goal)
