"""Generating the synthetic data: organisations and persons in proportion, then the projects in batches of BATCH
with bulk_create, the funding that covers their allocations and a few links between them."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.db.models import Max, Sum
from django.utils.translation import gettext as _

from bench.scale_data.common import (
    BATCH,
    DEFAULT_SEED,
    MARKER,
    PREFIX,
    PROJECTS_PER_PERSON,
    SLUG_PREFIX,
    SOURCE_PURPOSE,
    ScaleDataError,
    Summary,
    name,
    organisation_count,
    person_count,
    rng_for,
    synthetic_projects,
)
from bench.scale_data.project_plan import ProjectPlan
from budget.models import Allocation, Expenditure, ExternalFunding, FundingSource
from projects.models import (
    Indicator,
    Measurement,
    Milestone,
    Project,
    ProjectLink,
    ProjectPartner,
    StatusReport,
    Strategy,
)
from stakeholders.models import Organisation, Person

MUNICIPALITIES = (
    "Ludwigsburg", "Bietigheim-Bissingen", "Kornwestheim", "Ditzingen", "Vaihingen an der Enz", "Remseck am Neckar",
    "Marbach am Neckar", "Besigheim", "Gerlingen", "Korntal-Münchingen", "Sachsenheim", "Freiberg am Neckar",
)  # fmt: skip


@transaction.atomic
def generate_scale_data(*, projects, seed=DEFAULT_SEED):
    """Make the featured strategy hold `projects` synthetic projects (importing the seed strategy first where there
    is no featured strategy). A second run with the same number changes nothing; a larger number adds the missing
    ones; a smaller one is refused (remove first). Returns a Summary of what was created."""
    strategy = featured_strategy()
    existing = synthetic_projects().count()
    if projects < existing:
        raise ScaleDataError(
            _(
                "There are already %(existing)s synthetic projects, more than the %(projects)s requested. Remove them "
                "first with --remove."
            )
            % {"existing": existing, "projects": projects}
        )
    summary = Summary()
    if projects == existing:
        return summary
    context = Context.load(strategy, seed)
    summary.add(Organisation, ensure_organisations(projects, seed))
    summary.add(Person, ensure_persons(projects, seed))
    context.load_stakeholders()
    for start in range(existing, projects, BATCH):
        create_batch(context, range(start, min(start + BATCH, projects)), summary)
    summary.add(FundingSource, cover_allocations(strategy))
    summary.add(ProjectLink, link_neighbours())
    return summary


LINK_EVERY = 20


def link_neighbours():
    """Every 20th synthetic project is recorded as a synergy with the one before it (the overlap pages need some);
    by slug, so that growing step by step gives the same links as one run."""
    slugs = synthetic_projects().values_list("slug", "pk")
    by_slug = dict(slugs)
    linked = set(ProjectLink.objects.filter(project__in=by_slug.values()).values_list("project_id", flat=True))
    new = []
    for index in range(LINK_EVERY, len(by_slug), LINK_EVERY):
        source, target = by_slug.get(f"{SLUG_PREFIX}{index + 1:05d}"), by_slug.get(f"{SLUG_PREFIX}{index:05d}")
        if source and target and source not in linked:
            new.append(ProjectLink(project_id=source, linked_project_id=target, kind=ProjectLink.Kind.SYNERGY))
    ProjectLink.objects.bulk_create(new)
    return len(new)


def featured_strategy():
    strategy = Strategy.objects.filter(is_featured=True).first()
    if strategy is None:
        call_command("import_strategy", str(settings.SEED_DOCUMENT), verbosity=0, stdout=_Silent())
        strategy = Strategy.objects.get(is_featured=True)
    return strategy


class _Silent:
    def write(self, text):
        pass

    def flush(self):
        pass


@dataclass
class Context:
    """What every synthetic project is built from: the strategy, its action fields and budget lines, the synthetic
    organisations and persons by their index, and the next free project number."""

    strategy: Strategy
    seed: int
    fields: list
    lines: list
    next_number: int
    organisations: dict = field(default_factory=dict)
    persons: dict = field(default_factory=dict)

    @classmethod
    def load(cls, strategy, seed):
        fields = list(strategy.action_fields.prefetch_related("focus_areas").order_by("number"))
        if not fields:
            raise ScaleDataError(_("The featured strategy has no action fields to put projects in."))
        lines = list(strategy.budget_lines.order_by("year", "budget_part"))
        highest = strategy.projects.aggregate(highest=Max("number"))["highest"] or 0
        return cls(strategy, seed, fields, lines, highest + 1)

    def load_stakeholders(self):
        self.organisations = index_by_name(Organisation.objects.filter(name__startswith=PREFIX))
        self.persons = index_by_name(Person.objects.filter(name__startswith=PREFIX))


def index_by_name(queryset):
    """{index: pk} of synthetic rows, the index read back from the number in the name ("… 00042" is index 41)."""
    return {int(row_name.rsplit(" ", 1)[1]) - 1: pk for pk, row_name in queryset.values_list("pk", "name")}


def ensure_organisations(projects, seed):
    existing = Organisation.objects.filter(name__startswith=PREFIX).count()
    categories = [c for c in Organisation.Category.values if c != Organisation.Category.DISTRICT_ADMINISTRATION]
    new = []
    for index in range(existing, organisation_count(projects)):
        rng = rng_for(seed, "organisation", index)
        new.append(
            Organisation(
                name=name("Organisation", index),
                short_name=f"Synth-{index + 1:05d}",
                category=rng.choice(categories),
                municipality=rng.choice(MUNICIPALITIES),
                is_sponsor=rng.random() < 0.05,
            )
        )
    Organisation.objects.bulk_create(new, batch_size=BATCH)
    return len(new)


def ensure_persons(projects, seed):
    """Persons, each at a synthetic organisation that exists whenever the person does (no matter how the data grew)."""
    organisations = index_by_name(Organisation.objects.filter(name__startswith=PREFIX))
    existing = Person.objects.filter(name__startswith=PREFIX).count()
    new = []
    for index in range(existing, person_count(projects)):
        rng = rng_for(seed, "person", index)
        organisation_index = rng.randrange(min(organisation_count(index * PROJECTS_PER_PERSON + 1), len(organisations)))
        new.append(
            Person(
                name=name("Person", index),
                public_function=rng.choice(("", "", "Geschäftsführung", "Projektleitung", "Referent/in")),
                organisation_id=organisations[organisation_index],
                email=f"synthetisch-{index + 1:05d}@example.invalid",
                notes=MARKER,
            )
        )
    Person.objects.bulk_create(new, batch_size=BATCH)
    return len(new)


def create_batch(context, indexes, summary):
    """One batch of projects and everything that hangs on them."""
    plans = [ProjectPlan.draw(context, index) for index in indexes]
    created = Project.objects.bulk_create([plan.project for plan in plans])
    summary.add(Project, len(created))
    through = Project.focus_areas.through
    children = [
        (through, [through(project_id=p.project.pk, focusarea_id=pk) for p in plans for pk in p.focus_area_ids]),
        (ProjectPartner, [row for plan in plans for row in plan.partners]),
        (Milestone, [row for plan in plans for row in plan.milestones]),
        (StatusReport, [row for plan in plans for row in plan.reports]),
        (Indicator, [row for plan in plans for row, _values in plan.indicators]),
        (Allocation, [row for plan in plans for row in plan.allocations]),
        (Expenditure, [row for plan in plans for row in plan.expenditures]),
        (ExternalFunding, [row for plan in plans for row in plan.external_funding]),
    ]
    for model, rows in children:
        model.objects.bulk_create(rows, batch_size=BATCH)
        summary.add(model, len(rows))
    measurements = [row for plan in plans for row in plan.measurements()]
    Measurement.objects.bulk_create(measurements, batch_size=BATCH)
    summary.add(Measurement, len(measurements))


def cover_allocations(strategy):
    """One synthetic funding source per budget line with synthetic allocations, equal to their sum, so that no
    line allocates more than it has available. Returns how many sources were created (the others were updated)."""
    totals = (
        Allocation.objects.filter(project__in=synthetic_projects(), budget_line__strategy=strategy)
        .values("budget_line")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    new = []
    for row in totals:
        sources = FundingSource.objects.filter(budget_line_id=row["budget_line"], purpose=SOURCE_PURPOSE)
        if not sources.update(amount=row["total"]):
            new.append(
                FundingSource(
                    budget_line_id=row["budget_line"],
                    kind=FundingSource.Kind.OTHER,
                    amount=row["total"],
                    purpose=SOURCE_PURPOSE,
                )
            )
    FundingSource.objects.bulk_create(new)
    return len(new)
