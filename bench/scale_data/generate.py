"""Synthetic data for measuring the portal at scale (`manage.py generate_scale_data`, `make bench`).

N projects in the featured strategy, each with status reports, milestones, indicators with measurements, focus
areas and partners, some with allocations, expenditures and external funding, and organisations and persons in
proportion (one organisation per 5 projects, one person per 10). Everything is marked so that nobody mistakes it
for real data and `remove_scale_data` finds exactly it: titles and names begin with "[Synthetisch] ", project slugs
with "synthetisch-", descriptions, notes and purposes carry the marker too.

Deterministic: project number i draws its values from its own random generator seeded with (seed, i), so growing
from 100 to 10.000 projects yields the same data as generating 10.000 at once. Rows are written with bulk_create in
batches; bulk_create sends no signals, so django-simple-history records no history for synthetic rows (their pages
show an empty change list), which is what test data should do.

Allocations must not exceed what a budget line has available: each line that gets synthetic allocations also gets
one synthetic funding source ("other") covering exactly their sum.
"""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.db.models import Max, ProtectedError, Q, RestrictedError, Sum
from django.test.utils import override_settings
from django.utils.translation import gettext as _

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

# Stored data is German, as the seed's: these markers are what a user sees in lists.
PREFIX = "[Synthetisch] "
SLUG_PREFIX = "synthetisch-"
MARKER = "Synthetische Testdaten für Skalierungs- und Lasttests (manage.py generate_scale_data), kein echtes Projekt."
SOURCE_PURPOSE = PREFIX + "Deckung der synthetischen Zuweisungen (Testdaten)"

PROJECTS_PER_ORGANISATION = 5
PROJECTS_PER_PERSON = 10
BATCH = 1000
DEFAULT_SEED = 2025

THEMES = (
    "Fachkräftegewinnung", "Gründungsförderung", "Flächenmanagement", "Digitalisierung im Mittelstand",
    "Wasserstoff-Netzwerk", "Innovationsberatung", "Ausbildungsmesse", "Kreislaufwirtschaft", "Breitbandausbau",
    "Energieeffizienz", "Standortmarketing", "Technologietransfer", "Weiterbildungsverbund", "Gewerbeflächenpool",
)  # fmt: skip
MUNICIPALITIES = (
    "Ludwigsburg", "Bietigheim-Bissingen", "Kornwestheim", "Ditzingen", "Vaihingen an der Enz", "Remseck am Neckar",
    "Marbach am Neckar", "Besigheim", "Gerlingen", "Korntal-Münchingen", "Sachsenheim", "Freiberg am Neckar",
)  # fmt: skip
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


# Generating ---------------------------------------------------------------------------------------------------------


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


def organisation_count(projects):
    return -(-projects // PROJECTS_PER_ORGANISATION)


def person_count(projects):
    return -(-projects // PROJECTS_PER_PERSON)


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


# One synthetic project -----------------------------------------------------------------------------------------------

STATUS_WEIGHTS = {
    Project.Status.IDEA: 15,
    Project.Status.IN_QUALIFICATION: 20,
    Project.Status.PRIORITISED: 15,
    Project.Status.IN_IMPLEMENTATION: 30,
    Project.Status.COMPLETED: 8,
    Project.Status.ON_HOLD: 7,
    Project.Status.DROPPED: 5,
}
REPORTING_STATUSES = {
    Project.Status.PRIORITISED,
    Project.Status.IN_IMPLEMENTATION,
    Project.Status.COMPLETED,
    Project.Status.ON_HOLD,
}
QUARTER_ENDS = [datetime.date(2024, 3, 31) + datetime.timedelta(days=round(91.3 * n)) for n in range(8)]
MILESTONE_TITLES = ("Auftaktveranstaltung", "Konzept abgestimmt", "Partner gewonnen", "Pilotphase", "Evaluation")
INDICATORS = (("Teilnehmende Unternehmen", "Unternehmen"), ("Veranstaltungen", "Anzahl"), ("Beratungen", "Anzahl"))
START = datetime.date(2024, 1, 1)


@dataclass
class ProjectPlan:
    """A synthetic project and its rows, drawn before anything is saved; children point at the unsaved project and
    get its primary key when bulk_create has saved it."""

    project: Project
    focus_area_ids: list
    partners: list
    milestones: list
    reports: list
    indicators: list  # (indicator, [measurement values])
    allocations: list
    expenditures: list
    external_funding: list

    @classmethod
    def draw(cls, context, index):
        rng = rng_for(context.seed, "project", index)
        project = draw_project(context, index, rng)
        areas = [area.pk for area in project.action_field.focus_areas.all()]
        allocations, expenditures = draw_money(context, project, rng)
        return cls(
            project=project,
            focus_area_ids=rng.sample(areas, min(len(areas), rng.randint(0, 2))),
            partners=draw_partners(context, project, index, rng),
            milestones=draw_milestones(project, rng),
            reports=draw_reports(project, rng),
            indicators=draw_indicators(project, rng),
            allocations=allocations,
            expenditures=expenditures,
            external_funding=draw_external_funding(project, index, rng),
        )

    def measurements(self):
        """The indicators' measurements (after the indicators are saved)."""
        return [
            Measurement(indicator=indicator, measured_on=day, value=value)
            for indicator, values in self.indicators
            for day, value in values
        ]


def draw_project(context, index, rng):
    field_ = rng.choice(context.fields)
    start = START + datetime.timedelta(days=rng.randrange(900))
    theme = rng.choice(THEMES)
    lead = context.organisations[rng.randrange(organisation_count(index + 1))] if rng.random() < 0.7 else None
    person = context.persons[rng.randrange(person_count(index + 1))] if rng.random() < 0.5 else None
    number = context.next_number
    context.next_number += 1
    return Project(
        strategy=context.strategy,
        number=number,
        title=f"{name('Projekt', index)}: {theme}",
        slug=f"{SLUG_PREFIX}{index + 1:05d}",
        summary=f"{theme} im Landkreis Ludwigsburg (synthetisches Beispiel).",
        description=MARKER,
        action_field=field_,
        kind=rng.choice([*Project.Kind.values, ""]),
        status=rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0],
        lead_organisation_id=lead,
        responsible_person_id=person,
        planned_start=start,
        planned_end=start + datetime.timedelta(days=rng.randrange(180, 1100)),
        staff_days_per_year=rng.randrange(5, 120),
        required_amount=Decimal(rng.randrange(0, 500)) * 100,
        **draw_assessment(rng),
    )


def draw_assessment(rng):
    rated = rng.random() < 0.8
    return {
        "priority_subject": rng.randint(1, 5) if rated else None,
        "priority_resources": rng.randint(1, 5) if rated else None,
        "priority_partners": rng.randint(1, 5) if rated else None,
        "climate_impact": rng.choice(Project.ClimateImpact.values),
        "visibility": Project.Visibility.PUBLISHED if rng.random() < 0.6 else Project.Visibility.INTERNAL,
        "is_archived": rng.random() < 0.02,
    }


def draw_partners(context, project, index, rng):
    pool = organisation_count(index + 1)
    chosen = {context.organisations[rng.randrange(pool)] for _n in range(rng.randint(0, 3))}
    chosen.discard(project.lead_organisation_id)
    roles = ("Kooperationspartner", "Förderer", "Umsetzungspartner", "")
    return [ProjectPartner(project=project, organisation_id=pk, role=rng.choice(roles)) for pk in sorted(chosen)]


def draw_milestones(project, rng):
    count = rng.randint(1, 4)
    span = (project.planned_end - project.planned_start).days
    milestones = []
    for number in range(1, count + 1):
        due = project.planned_start + datetime.timedelta(days=span * number // count)
        done = due < datetime.date(2025, 6, 1) and rng.random() < 0.7
        milestones.append(
            Milestone(
                project=project,
                title=f"Meilenstein {number}: {rng.choice(MILESTONE_TITLES)}",
                due_date=due,
                done_on=due + datetime.timedelta(days=rng.randint(-10, 30)) if done else None,
            )
        )
    return milestones


def draw_reports(project, rng):
    if project.status not in REPORTING_STATUSES:
        return []
    days = sorted(rng.sample(QUARTER_ENDS, rng.randint(0, 4)))
    progress = sorted(rng.randint(0, 100) for _day in days)
    lights = list(StatusReport.TrafficLight.values)
    return [
        StatusReport(
            project=project,
            reported_on=day,
            traffic_light=rng.choices(lights, weights=(6, 3, 1))[0],
            progress=value,
            achieved=PREFIX + "Arbeitspaket abgeschlossen.",
            next_steps=PREFIX + "Nächstes Arbeitspaket beginnen.",
        )
        for day, value in zip(days, progress, strict=True)
    ]


def draw_indicators(project, rng):
    indicators = []
    for number, (label, unit) in enumerate(rng.sample(INDICATORS, rng.randint(0, 2)), start=1):
        baseline = Decimal(rng.randrange(0, 50))
        indicator = Indicator(
            project=project,
            name=f"Kennzahl {number}: {label}",
            unit=unit,
            baseline=baseline,
            target=baseline + rng.randrange(10, 200),
            target_date=datetime.date(2027, 12, 31),
        )
        days = sorted(rng.sample(QUARTER_ENDS, rng.randint(2, 5)))
        values = [(day, baseline + rng.randrange(0, 150)) for day in days]
        indicators.append((indicator, values))
    return indicators


def draw_money(context, project, rng):
    """An allocation for about a third of the projects, and for half of those one or two expenditures that stay
    within it."""
    if not context.lines or rng.random() >= 0.3:
        return [], []
    line = rng.choice(context.lines)
    amount = Decimal(rng.randrange(5, 200) * 100)
    allocation = Allocation(
        budget_line=line,
        project=project,
        amount=amount,
        decided_on=datetime.date(line.year, 1, 15) + datetime.timedelta(days=rng.randrange(60)),
        note=PREFIX + "Zuweisung",
    )
    expenditures = []
    if rng.random() < 0.5:
        for part in range(rng.randint(1, 2)):
            expenditures.append(
                Expenditure(
                    project=project,
                    budget_line=line,
                    spent_on=datetime.date(line.year, 3 + 4 * part, 1) + datetime.timedelta(days=rng.randrange(90)),
                    amount=(amount * rng.randint(10, 45) / 100).quantize(Decimal("0.01")),
                    purpose=PREFIX + "Sachkosten",
                )
            )
    return [allocation], expenditures


def draw_external_funding(project, index, rng):
    if rng.random() >= 0.1:
        return []
    applied = START + datetime.timedelta(days=rng.randrange(500))
    status = rng.choice(ExternalFunding.Status.values)
    decided = applied + datetime.timedelta(days=rng.randrange(30, 120))
    return [
        ExternalFunding(
            project=project,
            kind=rng.choice(ExternalFunding.Kind.values),
            funder=f"{PREFIX}Förderprogramm {index % 7 + 1}",
            amount=Decimal(rng.randrange(10, 500) * 100),
            status=status,
            applied_on=applied,
            decided_on=None if status == ExternalFunding.Status.APPLIED else decided,
            note=MARKER[:300],
        )
    ]


# Removing -------------------------------------------------------------------------------------------------------------


@transaction.atomic
def remove_scale_data():
    """Delete every synthetic row, and nothing else: refused as a whole (ScaleDataError) if a row that is not
    synthetic still refers to one. No history is written for the deletion. Returns a Summary."""
    summary = Summary()
    projects = synthetic_projects()
    querysets = (
        Expenditure.objects.filter(project__in=projects),
        Allocation.objects.filter(project__in=projects),
        ExternalFunding.objects.filter(project__in=projects),
        FundingSource.objects.filter(purpose=SOURCE_PURPOSE),
        projects,
        Person.objects.filter(name__startswith=PREFIX),
        Organisation.objects.filter(name__startswith=PREFIX),
    )
    try:
        # django-simple-history's documented switch: otherwise each deleted row would write a version, one by one.
        with override_settings(SIMPLE_HISTORY_ENABLED=False):
            for queryset in querysets:
                for label, count in queryset.delete()[1].items():
                    summary.add(queryset.model._meta.apps.get_model(label), count)
    except (ProtectedError, RestrictedError) as error:
        raise ScaleDataError(protected_message(error)) from None
    remove_marked_history()
    return summary


def protected_message(error):
    blocking = error.protected_objects if isinstance(error, ProtectedError) else error.restricted_objects
    example = next(iter(blocking))
    return _(
        "The synthetic data cannot be removed: %(count)s records that are not synthetic still refer to it, e.g. "
        "“%(example)s” (%(model)s). Nothing was removed."
    ) % {"count": len(blocking), "example": example, "model": example._meta.verbose_name}


def remove_marked_history():
    """Versions of synthetic rows that were edited on their pages after generating."""
    Project.history.filter(slug__startswith=SLUG_PREFIX).delete()
    Organisation.history.filter(name__startswith=PREFIX).delete()
    Person.history.filter(name__startswith=PREFIX).delete()
