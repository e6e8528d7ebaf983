"""What generating and removing the synthetic data share: the marks that tell synthetic rows from real ones, the
proportions, and the reproducible random generator of each synthetic object."""

import random
from dataclasses import dataclass, field

from django.db.models import Q

from projects.models import Project

# Stored data is German, as the seed's: these markers are what a user sees in lists.
PREFIX = "[Synthetisch] "
SLUG_PREFIX = "synthetisch-"
MARKER = "Synthetische Testdaten für Skalierungs- und Lasttests (manage.py generate_scale_data), kein echtes Projekt."
SOURCE_PURPOSE = PREFIX + "Deckung der synthetischen Zuweisungen (Testdaten)"

PROJECTS_PER_ORGANISATION = 5
PROJECTS_PER_PERSON = 10
BATCH = 1000
DEFAULT_SEED = 2025

SYNTHETIC_PROJECTS = Q(slug__startswith=SLUG_PREFIX)


class ScaleDataError(Exception):
    """Why the synthetic data cannot be generated or removed (a sentence for the user)."""


@dataclass
class Summary:
    """What a run created or removed: the number of rows per model (verbose name plural)."""

    counts: dict = field(default_factory=dict)

    def add(self, model, count):
        if model._meta.auto_created:  # the rows of a many-to-many relation are not worth a line of their own
            return
        label = str(model._meta.verbose_name_plural)
        self.counts[label] = self.counts.get(label, 0) + count


def synthetic_projects():
    return Project.objects.filter(SYNTHETIC_PROJECTS)


def rng_for(seed, kind, index):
    """The random generator of one synthetic object: the same object always gets the same values."""
    return random.Random(f"{seed}:{kind}:{index}")  # nosec B311 # synthetic data: reproducible, not secret


def name(kind, index):
    return f"{PREFIX}{kind} {index + 1:05d}"


def organisation_count(projects):
    return -(-projects // PROJECTS_PER_ORGANISATION)


def person_count(projects):
    return -(-projects // PROJECTS_PER_PERSON)
