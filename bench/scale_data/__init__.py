"""Synthetic data for measuring the portal at scale (`manage.py generate_scale_data` with the benchmark's settings,
`make bench`).

N projects in the featured strategy, each with status reports, milestones, indicators with measurements, focus
areas and partners, some with allocations, expenditures and external funding, and organisations and persons in
proportion (one organisation per 5 projects, one person per 10). Everything is marked so that nobody mistakes it
for real data and `remove_scale_data` finds exactly it: titles and names begin with "[Synthetisch] ", project slugs
with "synthetisch-", descriptions, notes and purposes carry the marker too.

Deterministic: project number i draws its values from its own random generator seeded with (seed, i), so growing
from 100 to 10.000 projects yields the same data as generating 10.000 at once. Rows are written with bulk_create in
batches; bulk_create sends no signals, so django-simple-history records no history for synthetic rows (their pages
show an empty change list), which is what test data should do.

The synthetic money keeps the budget rules that budget.services enforces on every other write: allocations and
expenditures are dated in their line's year, a project's expenditures on a line stay within its allocation there,
and each line that gets synthetic allocations also gets one synthetic funding source ("other") covering exactly their
sum, so that no line allocates more than it has available (tests/bench/test_scale_data.py checks all three).

generate.py creates the data, project_plan.py draws one project, remove.py deletes it all, common.py holds the marks
and what the others share.
"""

from bench.scale_data.common import DEFAULT_SEED, MARKER, PREFIX, SLUG_PREFIX, ScaleDataError, synthetic_projects
from bench.scale_data.generate import generate_scale_data
from bench.scale_data.remove import remove_scale_data

__all__ = [
    "DEFAULT_SEED", "MARKER", "PREFIX", "SLUG_PREFIX", "ScaleDataError", "generate_scale_data", "remove_scale_data",
    "synthetic_projects",
]  # fmt: skip
