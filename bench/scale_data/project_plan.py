"""One synthetic project and its rows (partners, milestones, status reports, indicators, money), drawn from the
project's own random generator before anything is saved."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from bench.scale_data.common import MARKER, PREFIX, SLUG_PREFIX, name, organisation_count, person_count, rng_for
from budget.models import Allocation, Expenditure, ExternalFunding
from projects.models import (
    Indicator,
    Measurement,
    Milestone,
    Project,
    ProjectPartner,
    StatusReport,
)

THEMES = (
    "Fachkräftegewinnung", "Gründungsförderung", "Flächenmanagement", "Digitalisierung im Mittelstand",
    "Wasserstoff-Netzwerk", "Innovationsberatung", "Ausbildungsmesse", "Kreislaufwirtschaft", "Breitbandausbau",
    "Energieeffizienz", "Standortmarketing", "Technologietransfer", "Weiterbildungsverbund", "Gewerbeflächenpool",
)  # fmt: skip
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
