"""The overlap check: which projects of a strategy and which external initiatives resemble a text (the title and
summary of a project being written), so that a project does not duplicate work done elsewhere (section 3 of the paper).

On PostgreSQL the database ranks by pg_trgm's trigram similarity. Elsewhere (SQLite in development and the default
test run) `trigram_similarity` re-implements pg_trgm's similarity() in Python over the same texts, so both rank the
seed the same way (projects/similarity.py). The reason shown with a match is the words both texts share, found by a
looser comparison of words. Also the overlaps already recorded (synergies, duplicates), read from both sides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict, cast

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models import Q, QuerySet, TextField, Value
from django.db.models.functions import Concat

from projects.models import ExternalInitiative, Project, ProjectLink, Strategy
from projects.similarity import shared_terms, similarity_of_trigrams, trigrams
from strategy_portal.workspace import workspace_url

# Below this a match shares little more than a few letters; tuned on the seed: "Start-up-Netzwerk für den
# Mittelstand" keeps the start-up project (0.23) and the company networks (0.14) and drops the other five (≤ 0.09),
# "KI für kleine Unternehmen" still finds the project on access to new technologies (0.12).
THRESHOLD = 0.1
MAX_TEXT_LENGTH = 2000  # a longer text adds little to the ranking and only costs time
PROJECT = "project"
INITIATIVE = "initiative"

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    Candidate = Project | ExternalInitiative
    Scored = tuple[str, Candidate, float]  # (kind, candidate, similarity)


class OtherSide(TypedDict):
    """What `recorded_overlaps` attaches to a link: its side that is not the project asked about."""

    other: Project | ExternalInitiative


@dataclass(frozen=True)
class Overlap:
    """A project or external initiative that resembles the text, with its similarity (0–1) and the shared terms."""

    object: Project | ExternalInitiative
    kind: str
    score: float
    shared_terms: tuple[str, ...] = ()

    @property
    def is_project(self) -> bool:
        return self.kind == PROJECT

    @property
    def percent(self) -> int:
        return round(self.score * 100)

    @property
    def url(self) -> str:
        return workspace_url(self.object, "detail")

    @property
    def link_parameter(self) -> str:
        """The query parameter that preselects this match on the page recording an overlap."""
        return f"projekt={self.object.pk}" if self.is_project else f"initiative={self.object.pk}"


def similar_to(
    strategy: Strategy | None, text: str, *, exclude_project: Project | int | None = None, limit: int = 5
) -> list[Overlap]:
    """The strategy's active projects and its external initiatives most similar to `text`, best first (two queries)."""
    if connection.vendor == "postgresql":
        return ranked_in_database(strategy, text, exclude_project=exclude_project, limit=limit)
    return ranked_in_python(strategy, text, exclude_project=exclude_project, limit=limit)


def ranked_in_database(
    strategy: Strategy | None, text: str, *, exclude_project: Project | int | None = None, limit: int = 5
) -> list[Overlap]:
    """pg_trgm's similarity between the text and each candidate, computed and cut to the best in PostgreSQL."""
    text = text.strip()[:MAX_TEXT_LENGTH]
    if strategy is None or not text:
        return []
    scored: list[Scored] = []
    for kind, queryset, body in candidate_querysets(strategy, exclude_project):
        similarity = TrigramSimilarity(Concat("title", Value(" "), body, output_field=TextField()), text)
        best = queryset.annotate(score=similarity).filter(score__gte=THRESHOLD).order_by("-score", "title")
        scored += [(kind, candidate, candidate.score) for candidate in best[:limit]]
    return with_reasons(best_of(scored, limit), text)


def ranked_in_python(
    strategy: Strategy | None, text: str, *, exclude_project: Project | int | None = None, limit: int = 5
) -> list[Overlap]:
    """The same ranking computed here: every candidate is read (one query per kind) and compared in Python."""
    text = text.strip()[:MAX_TEXT_LENGTH]
    if strategy is None or not text:
        return []
    query = trigrams(text)
    scored: list[Scored] = [
        (kind, candidate, similarity_of_trigrams(query, trigrams(f"{candidate.title} {getattr(candidate, body)}")))
        for kind, queryset, body in candidate_querysets(strategy, exclude_project)
        for candidate in queryset
    ]
    return with_reasons(best_of(scored, limit), text)


def candidate_querysets(
    strategy: Strategy, exclude_project: Project | int | None
) -> list[tuple[str, QuerySet[Project] | QuerySet[ExternalInitiative], str]]:
    """(kind, queryset, name of the text field read with the title) for projects and initiatives."""
    projects = Project.objects.filter(strategy=strategy).active()
    if exclude_project is not None:
        projects = projects.exclude(pk=getattr(exclude_project, "pk", exclude_project))
    initiatives = ExternalInitiative.objects.filter(strategy=strategy)
    return [(PROJECT, projects, "summary"), (INITIATIVE, initiatives, "description")]


def best_of(scored: list[Scored], limit: int) -> list[Scored]:
    kept = [item for item in scored if item[2] >= THRESHOLD]
    kept.sort(key=lambda item: (-item[2], item[1].title, item[0]))
    return kept[:limit]


def with_reasons(scored: list[Scored], text: str) -> list[Overlap]:
    return [
        Overlap(candidate, kind, float(score), shared_terms(text, candidate_text(candidate)))
        for kind, candidate, score in scored
    ]


def candidate_text(candidate: Candidate) -> str:
    body = candidate.summary if isinstance(candidate, Project) else candidate.description
    return f"{candidate.title} {body}"


# Recorded overlaps ---------------------------------------------------------------------------------------------------


def recorded_parameters(project_pk: int) -> set[str]:
    """The other sides of the project's recorded overlaps as "projekt=3" or "initiative=5" (one query)."""
    links = ProjectLink.objects.filter(Q(project=project_pk) | Q(linked_project=project_pk))
    recorded: set[str] = set()
    for source, target, initiative in links.values_list("project", "linked_project", "external_initiative"):
        if initiative is not None:
            recorded.add(f"initiative={initiative}")
        else:
            recorded.add(f"projekt={target if source == project_pk else source}")
    return recorded


def recorded_overlaps(project: Project) -> list[WithAnnotations[ProjectLink, OtherSide]]:
    """The project's recorded overlaps from both sides (one query), each with its other side as `other`."""
    links = ProjectLink.objects.filter(Q(project=project) | Q(linked_project=project)).select_related(
        "project", "linked_project", "external_initiative"
    )
    shown = cast("QuerySet[WithAnnotations[ProjectLink, OtherSide]]", links)  # the same links, with `other` set
    for link in shown:
        other = link.external_initiative or (link.linked_project if link.project_id == project.pk else link.project)
        link.other = cast("Candidate", other)  # never None: a link has exactly one target (its check constraint)
    return sorted(shown, key=lambda link: (link.kind, link.other.title))
