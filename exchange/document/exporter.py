"""Writing a strategy document: the same shape the importer reads, so that export → import → export is a round
trip. Only an audience that may export personal data gets the persons' contact data, notes and consent; everyone
else gets the document without them, marked `"personal_data": false`."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Model, Prefetch, QuerySet

from budget.models import BudgetLine, CarryOver
from exchange.document import specs
from exchange.document.specs import JSONObject, Spec
from projects.models import ActionField, Project, Strategy
from reports.models import CommitteePaper
from stakeholders.models import Body, Organisation, ParticipationEvent, Person
from strategy_portal import publication
from strategy_portal.publication import Audience


def export_document(strategy: Strategy, *, audience: Audience) -> JSONObject:
    """The whole strategy as a document for `audience` (reads every table of the strategy once per list)."""
    personal_data = publication.may_export_personal_data(audience)
    # The full document stays as it always was, so that every portal reading version 2 still reads it.
    marker = {} if personal_data else {specs.PERSONAL_DATA: False}
    person_spec = specs.PERSON if personal_data else specs.PERSON_WITHOUT_PERSONAL_DATA
    return {
        "format": specs.FORMAT,
        "version": specs.VERSION,
        **marker,
        "strategy": _plain_strategy(strategy),
        "phases": [
            {**_plain(specs.PHASE, phase), "participation_events": _slugs(phase.participation_events.all())}
            for phase in strategy.phases.prefetch_related("participation_events")
        ],
        "goals": [_plain(specs.GOAL, goal) for goal in strategy.goals.all()],
        "action_fields": [_export_action_field(field) for field in _action_fields(strategy)],
        "projects": [_export_project(project) for project in _projects(strategy)],
        "findings": [
            {
                **_plain(specs.FINDING, finding),
                "event": finding.event.slug if finding.event else None,
                "action_fields": _slugs(finding.action_fields.all()),
            }
            for finding in strategy.findings.select_related("event").prefetch_related("action_fields")
        ],
        "external_initiatives": [
            {**_plain(specs.INITIATIVE, initiative), "action_fields": _slugs(initiative.action_fields.all())}
            for initiative in strategy.external_initiatives.prefetch_related("action_fields")
        ],
        "organisations": [
            _plain(specs.ORGANISATION, organisation) for organisation in Organisation.objects.order_by("name")
        ],
        "persons": [
            {**_plain(person_spec, person), "organisation": _name(person.organisation)}
            for person in Person.objects.select_related("organisation").order_by("name", "organisation__name")
        ],
        "bodies": [_export_body(body) for body in _bodies()],
        "participation_events": [
            _plain(specs.EVENT, event) for event in ParticipationEvent.objects.order_by("start_date", "slug")
        ],
        "budget_lines": [_export_budget_line(line) for line in _budget_lines(strategy)],
        "committee_papers": [_export_paper(paper) for paper in _papers(strategy)],
    }


def _plain(spec: Spec[Any], instance: Model) -> JSONObject:
    return {name: _json_value(getattr(instance, name)) for name in spec.key + spec.fields}


def _plain_strategy(strategy: Strategy) -> JSONObject:
    return {**_plain(specs.STRATEGY, strategy), "process_objectives": strategy.process_objective_list}


def _json_value(value: object) -> object:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


def _slugs(objects: Iterable[ActionField | ParticipationEvent]) -> list[str]:
    return [obj.slug for obj in objects]


def _name(organisation: Organisation | None) -> str | None:
    return organisation.name if organisation else None


def _person_reference(person: Person | None) -> JSONObject | None:
    return {"name": person.name, "organisation": _name(person.organisation)} if person else None


def _action_fields(strategy: Strategy) -> QuerySet[ActionField]:
    return strategy.action_fields.prefetch_related("goals", "participation_events", "focus_areas")


def _export_action_field(field: ActionField) -> JSONObject:
    return {
        **_plain(specs.ACTION_FIELD, field),
        "goals": [goal.number for goal in field.goals.all()],
        "participation_events": _slugs(field.participation_events.all()),
        "focus_areas": [_plain(specs.FOCUS_AREA, area) for area in field.focus_areas.all()],
    }


def _projects(strategy: Strategy) -> QuerySet[Project]:
    return strategy.projects.select_related(
        "action_field", "lead_organisation", "responsible_person__organisation"
    ).prefetch_related(
        "focus_areas__action_field", "project_partners__organisation", "milestones", "status_reports",
        "indicators__measurements",
    )  # fmt: skip


def _export_project(project: Project) -> JSONObject:
    return {
        **_plain(specs.PROJECT, project),
        "action_field": project.action_field.slug,
        "focus_areas": [
            {"action_field": area.action_field.slug, "number": area.number} for area in project.focus_areas.all()
        ],
        "lead_organisation": _name(project.lead_organisation),
        "responsible_person": _person_reference(project.responsible_person),
        "partners": [
            {"organisation": partner.organisation.name, **_plain(specs.PARTNER, partner)}
            for partner in project.project_partners.all()
        ],
        "milestones": [_plain(specs.MILESTONE, milestone) for milestone in project.milestones.all()],
        "status_reports": [_plain(specs.STATUS_REPORT, report) for report in project.status_reports.all()],
        "indicators": [
            {
                **_plain(specs.INDICATOR, indicator),
                "measurements": [_plain(specs.MEASUREMENT, value) for value in indicator.measurements.all()],
            }
            for indicator in project.indicators.all()
        ],
    }


def _bodies() -> QuerySet[Body]:
    return Body.objects.order_by("name").prefetch_related(
        "memberships__person__organisation", "memberships__organisation", "meetings"
    )


def _export_body(body: Body) -> JSONObject:
    return {
        **_plain(specs.BODY, body),
        "memberships": [
            {
                "person": _person_reference(membership.person),
                "organisation": _name(membership.organisation),
                **_plain(specs.MEMBERSHIP, membership),
            }
            for membership in body.memberships.all()
        ],
        "meetings": [_plain(specs.MEETING, meeting) for meeting in body.meetings.order_by("date")],
    }


def _budget_lines(strategy: Strategy) -> QuerySet[BudgetLine]:
    carried_over = Prefetch(
        "carry_overs_out", CarryOver.objects.active().select_related("target"), to_attr="active_carry_overs_out"
    )
    return strategy.budget_lines.prefetch_related(
        "sources", "allocations__project", "expenditures__project", carried_over
    )


def _export_budget_line(line: BudgetLine) -> JSONObject:
    """The line with its sources and bookings, and where its year's unspent authorisation was carried (the active
    carry-over out of it; undone ones stay in the portal's history)."""
    data = {
        **_plain(specs.BUDGET_LINE, line),
        "sources": [_plain(specs.SOURCE, source) for source in line.sources.all()],
        "allocations": [
            {"project": item.project.number, **_plain(specs.ALLOCATION, item)} for item in line.allocations.all()
        ],
        "expenditures": [
            {"project": item.project.number, **_plain(specs.EXPENDITURE, item)} for item in line.expenditures.all()
        ],
    }
    for carry_over in getattr(line, "active_carry_overs_out", []):  # at most one
        data["carried_over"] = {"year": carry_over.target.year, "amount": _json_value(carry_over.amount)}
    return data


def _papers(strategy: Strategy) -> QuerySet[CommitteePaper]:
    return (
        strategy.committee_papers.order_by("number")
        .select_related("meeting__body")
        .prefetch_related("consultations__body", "attachments")
    )


def _export_paper(paper: CommitteePaper) -> JSONObject:
    meeting = paper.meeting
    return {
        **_plain(specs.PAPER, paper),
        "meeting": {"body": meeting.body.name, "date": meeting.date.isoformat()} if meeting else None,
        "consultations": [
            {"body": item.body.name, **_plain(specs.CONSULTATION, item)} for item in paper.consultations.all()
        ],
        "attachments": [_plain(specs.ATTACHMENT, item) for item in paper.attachments.all()],
    }
