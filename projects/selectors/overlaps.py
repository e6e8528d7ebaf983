"""The overlap check: which projects of a strategy and which external initiatives resemble a text (the title and
summary of a project being written), so that a project does not duplicate work done elsewhere (section 3 of the paper).

On PostgreSQL the database ranks by pg_trgm's trigram similarity. Elsewhere (SQLite in development and the default
test run) `trigram_similarity` re-implements pg_trgm's similarity() in Python over the same texts, so both rank the
seed the same way. The reason shown with a match is the words both texts share, found by a looser comparison of words.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models import TextField, Value
from django.db.models.functions import Concat

from projects.models import ExternalInitiative, Project
from strategy_portal.workspace import workspace_url

# Below this a match shares little more than a few letters; tuned on the seed: "Start-up-Netzwerk für den
# Mittelstand" keeps the start-up project (0.23) and the company networks (0.14) and drops the other five (≤ 0.09),
# "KI für kleine Unternehmen" still finds the project on access to new technologies (0.12).
THRESHOLD = 0.1
MAX_TEXT_LENGTH = 2000  # a longer text adds little to the ranking and only costs time
PROJECT = "project"
INITIATIVE = "initiative"

# pg_trgm's words: runs of letters and digits (umlauts and ß included in a UTF-8 database with a non-C ctype).
WORD = re.compile(r"[^\W_]+")
# A term of the reason: a word, hyphenated compounds kept whole ("Start-Ups", "Start-up-Netzwerk").
TERM = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
FOLDING = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "-": ""})
GERMAN_STOP_WORDS = (
    "aber alle als am an auch auf aus bei bis bzw da das dass dem den der des die durch ein eine einem einen einer "
    "eines es für gegen hat im in ins ist mit nach neben nicht noch oder ohne sich sind so sowie über um und uns "
    "unter vom von vor wie wird werden zu zum zur z b u a"
)
STOP_WORDS = frozenset(word.translate(FOLDING) for word in GERMAN_STOP_WORDS.split(" "))
MIN_STEM = 5  # "Mittelstand" ~ "Mittelständlern": a shared beginning of at least this many letters…
MAX_ENDING = 3  # …that leaves at most this many letters of the shorter word over (an inflection, "-ern", "-es")
MIN_COMPOUND_PART = 6  # "Netzwerk" in "Unternehmensnetzwerken": German compounds contain their parts
# "Start-up" ~ "Start-Ups" (0.73); not "wirtschaftlichen" ~ "wissenschaftlichen" (0.56).
WORD_SIMILARITY = 0.6


@dataclass(frozen=True)
class Overlap:
    """A project or external initiative that resembles the text, with its similarity (0–1) and the shared terms."""

    object: Project | ExternalInitiative
    kind: str
    score: float
    shared_terms: tuple[str, ...] = ()

    @property
    def is_project(self):
        return self.kind == PROJECT

    @property
    def percent(self):
        return round(self.score * 100)

    @property
    def url(self):
        return workspace_url(self.object, "detail")

    @property
    def link_parameter(self):
        """The query parameter that preselects this match on the page recording an overlap."""
        return f"projekt={self.object.pk}" if self.is_project else f"initiative={self.object.pk}"


def similar_to(strategy, text, *, exclude_project=None, limit=5):
    """The strategy's active projects and its external initiatives most similar to `text`, best first (two queries)."""
    if connection.vendor == "postgresql":
        return ranked_in_database(strategy, text, exclude_project=exclude_project, limit=limit)
    return ranked_in_python(strategy, text, exclude_project=exclude_project, limit=limit)


def ranked_in_database(strategy, text, *, exclude_project=None, limit=5):
    """pg_trgm's similarity between the text and each candidate, computed and cut to the best in PostgreSQL."""
    text = text.strip()[:MAX_TEXT_LENGTH]
    if strategy is None or not text:
        return []
    scored = []
    for kind, queryset, body in candidate_querysets(strategy, exclude_project):
        similarity = TrigramSimilarity(Concat("title", Value(" "), body, output_field=TextField()), Value(text))
        best = queryset.annotate(score=similarity).filter(score__gte=THRESHOLD).order_by("-score", "title")
        scored += [(kind, candidate, candidate.score) for candidate in best[:limit]]
    return with_reasons(best_of(scored, limit), text)


def ranked_in_python(strategy, text, *, exclude_project=None, limit=5):
    """The same ranking computed here: every candidate is read (one query per kind) and compared in Python."""
    text = text.strip()[:MAX_TEXT_LENGTH]
    if strategy is None or not text:
        return []
    query = trigrams(text)
    scored = [
        (kind, candidate, similarity_of_trigrams(query, trigrams(f"{candidate.title} {getattr(candidate, body)}")))
        for kind, queryset, body in candidate_querysets(strategy, exclude_project)
        for candidate in queryset
    ]
    return with_reasons(best_of(scored, limit), text)


def candidate_querysets(strategy, exclude_project):
    """(kind, queryset, name of the text field read with the title) for projects and initiatives."""
    projects = Project.objects.filter(strategy=strategy).active()
    if exclude_project is not None:
        projects = projects.exclude(pk=getattr(exclude_project, "pk", exclude_project))
    initiatives = ExternalInitiative.objects.filter(strategy=strategy)
    return [(PROJECT, projects, "summary"), (INITIATIVE, initiatives, "description")]


def best_of(scored, limit):
    kept = [item for item in scored if item[2] >= THRESHOLD]
    kept.sort(key=lambda item: (-item[2], item[1].title, item[0]))
    return kept[:limit]


def with_reasons(scored, text):
    return [
        Overlap(candidate, kind, float(score), shared_terms(text, candidate_text(candidate)))
        for kind, candidate, score in scored
    ]


def candidate_text(candidate):
    body = candidate.summary if isinstance(candidate, Project) else candidate.description
    return f"{candidate.title} {body}"


# pg_trgm's similarity() --------------------------------------------------------------------------------------------


def trigrams(text):
    """pg_trgm's trigram set: lower-case words, each padded with two blanks in front and one behind."""
    grams = set()
    for word in WORD.findall(text.lower()):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def similarity_of_trigrams(first, second):
    """Shared trigrams over all trigrams of both, as pg_trgm counts them."""
    if not first or not second:
        return 0.0
    shared = len(first & second)
    return shared / (len(first) + len(second) - shared)


def trigram_similarity(first, second):
    return similarity_of_trigrams(trigrams(first), trigrams(second))


# The reason: shared terms ------------------------------------------------------------------------------------------


def shared_terms(query, candidate):
    """The candidate's terms that match a term of the query, in the candidate's order and spelling; of several
    forms of one word ("Internationale", "internationalen") only the first."""
    query_keys = [keys for keys in map(term_keys, TERM.findall(query)) if keys]
    found = {}
    for term in TERM.findall(candidate):
        keys = term_keys(term)
        if not keys or any(same_word(keys[0], seen) for seen in found):
            continue
        if any(terms_match(keys, other) for other in query_keys):
            found[keys[0]] = term
    return tuple(found.values())


@lru_cache(maxsize=4096)
def term_keys(term):
    """The folded term ("Start-Ups" → "startups") and its hyphenated parts, without stop words; empty for one."""
    parts = [fold(part) for part in term.split("-")]
    whole = "".join(parts)
    if whole in STOP_WORDS:
        return ()
    return (whole, *[part for part in parts if part != whole and part not in STOP_WORDS])


def fold(word):
    return word.lower().translate(FOLDING)


def terms_match(first_keys, second_keys):
    return any(words_match(first, second) for first in first_keys for second in second_keys)


@lru_cache(maxsize=16384)
def words_match(first, second):
    """The same word, one a part of the other's compound, or spelled alike (word trigram similarity)."""
    if same_word(first, second):
        return True
    shorter, longer = sorted((first, second), key=len)
    if len(shorter) >= MIN_COMPOUND_PART and shorter in longer:
        return True
    return trigram_similarity(first, second) >= WORD_SIMILARITY


def same_word(first, second):
    """Equal folded words, or forms of one stem: a long enough shared beginning and at most an ending left over."""
    shorter, longer = sorted((first, second), key=len)
    stem = len(common_prefix(shorter, longer))
    return shorter == longer or (stem >= MIN_STEM and stem >= len(shorter) - MAX_ENDING)


def common_prefix(first, second):
    length = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        length += 1
    return first[:length]
