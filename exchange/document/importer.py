"""The strategy document: one versioned JSON file that holds a whole strategy (docs/strategy-document.md).

`import_document` loads it atomically and idempotently: every object is found by its natural key, validated with
the model's own rules (`full_clean`, so the messages are the ones forms show) and saved only when it changed.
`export_document` writes the same shape, so export → import → export is a round trip.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from budget.models import Allocation, BudgetLine, Expenditure, FundingSource
from projects.models import (
    ActionField,
    ExternalInitiative,
    Finding,
    FocusArea,
    Indicator,
    Measurement,
    Milestone,
    Phase,
    Project,
    ProjectPartner,
    StatusReport,
    StrategicGoal,
    Strategy,
)
from reports.models import CommitteePaper, Consultation, PaperAttachment
from stakeholders.models import Body, Meeting, Membership, Organisation, ParticipationEvent, Person

FORMAT = "strategy-portal/strategy"
VERSION = 1


class DocumentError(Exception):
    """A bad value in a strategy document, with the path of the field it stands in."""

    def __init__(self, path, message):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass(frozen=True)
class Spec:
    """How one model appears in the document: its natural key and its plain fields (JSON key = field name)."""

    model: type
    key: tuple
    fields: tuple


STRATEGY = Spec(
    Strategy,
    ("slug",),
    (
        "title", "vision", "background", "process_objectives", "responsible_unit", "department",
        "council_decision_year", "started", "final_presentation", "first_budget_year", "last_budget_year",
        "annual_project_budget", "is_featured",
    ),
)  # fmt: skip
PHASE = Spec(Phase, ("number",), ("title", "description", "status", "start_date", "end_date"))
GOAL = Spec(StrategicGoal, ("number",), ("statement", "description"))
ACTION_FIELD = Spec(ActionField, ("slug",), ("number", "title", "short_title", "description"))
FOCUS_AREA = Spec(FocusArea, ("number",), ("title",))
PROJECT = Spec(
    Project,
    ("number",),
    (
        "slug", "title", "summary", "description", "kind", "status", "planned_start", "planned_end", "objectives",
        "staff_days_per_year", "required_amount", "priority_subject", "priority_resources", "priority_partners",
        "priority_note", "climate_impact", "climate_justification", "visibility", "is_archived",
    ),
)  # fmt: skip
PARTNER = Spec(ProjectPartner, (), ("role",))
MILESTONE = Spec(Milestone, ("title",), ("due_date", "done_on", "note"))
# The review state and comment travel with a backup; older documents without them hold published reports.
STATUS_REPORT = Spec(
    StatusReport,
    ("reported_on",),
    ("traffic_light", "progress", "achieved", "next_steps", "risks", "state", "review_comment"),
)
INDICATOR = Spec(Indicator, ("name",), ("unit", "baseline", "target", "target_date"))
MEASUREMENT = Spec(Measurement, ("measured_on",), ("value", "note"))
FINDING = Spec(Finding, ("number",), ("statement", "figure", "figure_qualifier", "figure_unit"))
INITIATIVE = Spec(ExternalInitiative, ("title",), ("level", "responsible", "description", "url"))
ORGANISATION = Spec(
    Organisation, ("name",), ("short_name", "category", "municipality", "website", "is_sponsor", "is_archived")
)
PERSON = Spec(
    Person,
    ("name",),
    ("public_function", "email", "phone", "public_figure", "consent_date", "consent_scope", "notes"),
)
BODY = Spec(Body, ("name",), ("short_name", "kind", "purpose"))
MEMBERSHIP = Spec(Membership, (), ("role", "function", "start_date", "end_date"))
MEETING = Spec(Meeting, ("date",), ("title", "is_public", "location"))
EVENT = Spec(
    ParticipationEvent,
    ("slug",),
    (
        "kind", "title", "start_date", "end_date", "participants_count", "participants_qualifier",
        "participant_groups", "description", "outcomes", "is_archived",
    ),
)  # fmt: skip
BUDGET_LINE = Spec(
    BudgetLine,
    ("year", "budget_part"),
    ("product_group", "department", "account_label", "required_amount", "remark", "coverage_proposal"),
)
SOURCE = Spec(FundingSource, ("kind", "origin_year", "purpose"), ("amount",))
ALLOCATION = Spec(Allocation, ("decided_on", "note"), ("amount", "override_reason"))
EXPENDITURE = Spec(Expenditure, ("spent_on", "purpose"), ("amount",))
PAPER = Spec(
    CommitteePaper,
    ("number",),
    (
        "kind", "title", "subtitle", "addressees", "decision_proposal", "climate_check_result",
        "climate_check_partial_results", "climate_check_reasoning", "introduction", "status", "finalised_at",
        "snapshot",
    ),
)  # fmt: skip
CONSULTATION = Spec(Consultation, ("position",), ("competence", "meeting_date", "is_public"))
ATTACHMENT = Spec(PaperAttachment, ("number",), ("title",))

TOP_LEVEL_LISTS = (
    "phases", "goals", "action_fields", "projects", "findings", "external_initiatives", "organisations", "persons",
    "bodies", "participation_events", "budget_lines", "committee_papers",
)  # fmt: skip


# --- import -------------------------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def changed(self):
        return self.created + self.updated


def import_document(document):
    """Load a parsed strategy document. Raises DocumentError (and changes nothing) on the first bad value."""
    with transaction.atomic():
        importer = _Importer()
        importer.load(document)
        return importer.result


class _Importer:
    def __init__(self):
        self.result = ImportResult()

    # Generic steps ---------------------------------------------------------------------------------------------

    def save(self, spec, path, data, *, parents=None, refs=None, children=(), key_refs=None):
        """Create or update one object from `data`; return it.

        parents: fields that tie the object to its parent (part of its identity, not in the JSON);
        key_refs: resolved references that are part of the natural key; refs: other resolved references;
        children: JSON keys that the caller loads itself (nested lists and many-to-many references).
        """
        data = _as_object(data, path)
        reference_keys = set(refs or {}) | set(key_refs or {})
        _refuse_unknown_keys(data, path, set(spec.key) | set(spec.fields) | reference_keys | set(children))
        identity = {**(parents or {}), **(key_refs or {})}
        for name in spec.key:
            value = data.get(name, _default(spec.model, name))
            identity[name] = _clean_value(spec.model, name, value, f"{path}.{name}")
        instance = spec.model.objects.filter(**identity).first() or spec.model(**identity)
        before = _field_values(instance)
        for name in spec.fields:
            setattr(instance, name, data.get(name, _default(spec.model, name)))
        for name, value in (refs or {}).items():
            setattr(instance, name, value)
        _full_clean(instance, path)
        self._store(instance, before)
        return instance

    def _store(self, instance, before):
        if instance.pk is None:
            instance.save()
            self.result.created += 1
        elif _field_values(instance) != before:
            if hasattr(instance, "version"):  # an edit form opened before the import must notice it
                instance.version += 1
            instance.save()
            self.result.updated += 1
        else:
            self.result.unchanged += 1

    def each(self, data, path, key):
        """Yield (path, item) for every entry of the list `data[key]`."""
        items = data.get(key, [])
        if not isinstance(items, list):
            raise DocumentError(f"{path}{key}", _("must be a list"))
        for index, item in enumerate(items):
            yield f"{path}{key}[{index}]", item

    def set_many(self, instance, field, objects):
        manager = getattr(instance, field)
        if set(manager.values_list("pk", flat=True)) != {obj.pk for obj in objects}:
            manager.set(objects)

    # The document ----------------------------------------------------------------------------------------------

    def load(self, document):
        document = _as_object(document, "$")
        _refuse_unknown_keys(document, "$", {"format", "version", "strategy", *TOP_LEVEL_LISTS})
        if document.get("format") != FORMAT:
            raise DocumentError("format", _("unknown format, expected “%(format)s”") % {"format": FORMAT})
        if document.get("version") != VERSION:
            raise DocumentError("version", _("unknown version, this portal reads version %(v)s") % {"v": VERSION})
        self.organisations = {o.name: o for o in self._organisations(document)}
        self.persons = {(p.name, p.organisation and p.organisation.name): p for p in self._persons(document)}
        self.events = {e.slug: e for e in self._events(document)}
        self.bodies = {b.name: b for b in self._bodies(document)}
        data = _as_object(document.get("strategy"), "strategy")
        objectives = "\n".join(self._strings(data, "strategy", "process_objectives"))
        self.strategy = self.save(STRATEGY, "strategy", {**data, "process_objectives": objectives})
        self._phases(document)
        self.goals = {g.number: g for g in self._goals(document)}
        self.action_fields = {}
        self._action_fields(document)
        self.projects = {p.number: p for p in self._projects(document)}
        self._findings(document)
        self._initiatives(document)
        self._budget_lines(document)
        self._papers(document)

    def _organisations(self, document):
        for path, data in self.each(document, "", "organisations"):
            yield self.save(ORGANISATION, path, data)

    def _persons(self, document):
        for path, data in self.each(document, "", "persons"):
            organisation = self.organisation(data, path, "organisation")
            yield self.save(PERSON, path, data, key_refs={"organisation": organisation})

    def _events(self, document):
        for path, data in self.each(document, "", "participation_events"):
            yield self.save(EVENT, path, data)

    def _bodies(self, document):
        for path, data in self.each(document, "", "bodies"):
            body = self.save(BODY, path, data, children={"memberships", "meetings"})
            for item_path, item in self.each(data, f"{path}.", "memberships"):
                item = _as_object(item, item_path)
                holder = {
                    "person": self.person(item, item_path, "person"),
                    "organisation": self.organisation(item, item_path, "organisation"),
                }
                self.save(MEMBERSHIP, item_path, item, parents={"body": body}, key_refs=holder)
            for item_path, item in self.each(data, f"{path}.", "meetings"):
                self.save(MEETING, item_path, item, parents={"body": body})
            yield body

    def _phases(self, document):
        for path, data in self.each(document, "", "phases"):
            phase = self.save(PHASE, path, data, parents={"strategy": self.strategy}, children={"participation_events"})
            self.set_many(phase, "participation_events", self.events_of(data, path))

    def _goals(self, document):
        for path, data in self.each(document, "", "goals"):
            yield self.save(GOAL, path, data, parents={"strategy": self.strategy})

    def _action_fields(self, document):
        children = {"goals", "participation_events", "focus_areas"}
        for path, data in self.each(document, "", "action_fields"):
            field = self.save(ACTION_FIELD, path, data, parents={"strategy": self.strategy}, children=children)
            goals = [self.lookup(self.goals, number, f"{path}.goals", _("goal")) for number in data.get("goals", [])]
            self.set_many(field, "goals", goals)
            self.set_many(field, "participation_events", self.events_of(data, path))
            self.action_fields[field.slug] = field
            for item_path, item in self.each(data, f"{path}.", "focus_areas"):
                self.save(FOCUS_AREA, item_path, item, parents={"action_field": field})

    def _projects(self, document):
        children = {"action_field", "focus_areas", "lead_organisation", "responsible_person", "partners"}
        children |= {"milestones", "status_reports", "indicators"}
        for path, data in self.each(document, "", "projects"):
            data = _as_object(data, path)
            refs = {
                "action_field": self.action_field(data.get("action_field"), f"{path}.action_field"),
                "lead_organisation": self.organisation(data, path, "lead_organisation"),
                "responsible_person": self.person(data, path, "responsible_person"),
            }
            project = self.save(PROJECT, path, data, parents={"strategy": self.strategy}, refs=refs, children=children)
            self.set_many(project, "focus_areas", self.focus_areas_of(data, path))
            self._project_children(project, data, path)
            yield project

    def _project_children(self, project, data, path):
        parent = {"project": project}
        for item_path, item in self.each(data, f"{path}.", "partners"):
            organisation = self.organisation(_as_object(item, item_path), item_path, "organisation", required=True)
            self.save(PARTNER, item_path, item, parents=parent, key_refs={"organisation": organisation})
        for item_path, item in self.each(data, f"{path}.", "milestones"):
            self.save(MILESTONE, item_path, item, parents=parent)
        for item_path, item in self.each(data, f"{path}.", "status_reports"):
            self.save(STATUS_REPORT, item_path, item, parents=parent)
        for item_path, item in self.each(data, f"{path}.", "indicators"):
            indicator = self.save(INDICATOR, item_path, item, parents=parent, children={"measurements"})
            for value_path, value in self.each(item, f"{item_path}.", "measurements"):
                self.save(MEASUREMENT, value_path, value, parents={"indicator": indicator})

    def _findings(self, document):
        for path, data in self.each(document, "", "findings"):
            data = _as_object(data, path)
            event = self.lookup(self.events, data["event"], f"{path}.event", _("event")) if data.get("event") else None
            finding = self.save(
                FINDING, path, data, parents={"strategy": self.strategy}, refs={"event": event},
                children={"action_fields"},
            )  # fmt: skip
            self.set_many(finding, "action_fields", self.action_fields_of(data, path))

    def _initiatives(self, document):
        for path, data in self.each(document, "", "external_initiatives"):
            parents = {"strategy": self.strategy}
            initiative = self.save(INITIATIVE, path, data, parents=parents, children={"action_fields"})
            self.set_many(initiative, "action_fields", self.action_fields_of(data, path))

    def _budget_lines(self, document):
        children = {"sources", "allocations", "expenditures"}
        for path, data in self.each(document, "", "budget_lines"):
            line = self.save(BUDGET_LINE, path, data, parents={"strategy": self.strategy}, children=children)
            for item_path, item in self.each(data, f"{path}.", "sources"):
                self.save(SOURCE, item_path, item, parents={"budget_line": line})
            for key, spec in (("allocations", ALLOCATION), ("expenditures", EXPENDITURE)):
                for item_path, item in self.each(data, f"{path}.", key):
                    project = self.project_of(_as_object(item, item_path), item_path)
                    self.save(spec, item_path, item, parents={"budget_line": line}, key_refs={"project": project})

    def _papers(self, document):
        for path, data in self.each(document, "", "committee_papers"):
            data = _as_object(data, path)
            refs = {"meeting": self.meeting(data.get("meeting"), f"{path}.meeting")}
            paper = self.save(
                PAPER, path, data, parents={"strategy": self.strategy}, refs=refs,
                children={"consultations", "attachments"},
            )  # fmt: skip
            for item_path, item in self.each(data, f"{path}.", "consultations"):
                item = _as_object(item, item_path)
                body = self.lookup(self.bodies, item.get("body"), f"{item_path}.body", _("body"))
                self.save(CONSULTATION, item_path, item, parents={"paper": paper}, refs={"body": body})
            for item_path, item in self.each(data, f"{path}.", "attachments"):
                self.save(ATTACHMENT, item_path, item, parents={"paper": paper})

    # References ------------------------------------------------------------------------------------------------

    def lookup(self, known, key, path, what):
        try:
            return known[key]
        except (KeyError, TypeError):
            message = _("unknown %(what)s “%(key)s”: it must be listed in this document") % {"what": what, "key": key}
            raise DocumentError(path, message) from None

    def organisation(self, data, path, key, required=False):
        name = data.get(key)
        if name is None and not required:
            return None
        return self.lookup(self.organisations, name, f"{path}.{key}", _("organisation"))

    def person(self, data, path, key):
        reference = data.get(key)
        if reference is None:
            return None
        reference = _as_object(reference, f"{path}.{key}")
        natural_key = (reference.get("name"), reference.get("organisation"))
        return self.lookup(self.persons, natural_key, f"{path}.{key}", _("person"))

    def meeting(self, reference, path):
        if reference is None:
            return None
        reference = _as_object(reference, path)
        body = self.lookup(self.bodies, reference.get("body"), f"{path}.body", _("body"))
        date = _clean_value(Meeting, "date", reference.get("date"), f"{path}.date")
        meeting = body.meetings.filter(date=date).first()
        if meeting is None:
            raise DocumentError(path, _("unknown meeting: list it under its body's meetings"))
        return meeting

    def action_field(self, slug, path):
        return self.lookup(self.action_fields, slug, path, _("action field"))

    def action_fields_of(self, data, path):
        return [self.action_field(slug, f"{path}.action_fields") for slug in data.get("action_fields", [])]

    def events_of(self, data, path):
        return [
            self.lookup(self.events, slug, f"{path}.participation_events", _("event"))
            for slug in data.get("participation_events", [])
        ]

    def focus_areas_of(self, data, path):
        areas = []
        for index, reference in enumerate(data.get("focus_areas", [])):
            item_path = f"{path}.focus_areas[{index}]"
            reference = _as_object(reference, item_path)
            field = self.action_field(reference.get("action_field"), f"{item_path}.action_field")
            area = field.focus_areas.filter(number=reference.get("number")).first()
            if area is None:
                raise DocumentError(item_path, _("unknown focus area"))
            areas.append(area)
        return areas

    def project_of(self, data, path):
        return self.lookup(self.projects, data.get("project"), f"{path}.project", _("project"))

    def _strings(self, data, path, key):
        values = data.get(key, [])
        if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
            raise DocumentError(f"{path}.{key}", _("must be a list of texts"))
        return values


def _as_object(data, path):
    if not isinstance(data, dict):
        raise DocumentError(path, _("must be an object"))
    return data


def _refuse_unknown_keys(data, path, allowed):
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise DocumentError(f"{path}.{unknown[0]}", _("unknown key"))


def _default(model, name):
    return model._meta.get_field(name).get_default()


def _field_values(instance):
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields}


def _clean_value(model, name, value, path):
    field = model._meta.get_field(name)
    try:
        return field.clean(value, None)
    except ValidationError as error:
        raise DocumentError(path, " ".join(error.messages)) from None


def _full_clean(instance, path):
    try:
        instance.full_clean()
    except ValidationError as error:
        name, messages = next(iter(error.message_dict.items()))
        where = path if name == NON_FIELD_ERRORS else f"{path}.{name}"
        raise DocumentError(where, " ".join(messages)) from None


# --- export -------------------------------------------------------------------------------------------------------


def export_document(strategy):
    """The whole strategy as a document (reads every table of the strategy once per list)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "strategy": _plain_strategy(strategy),
        "phases": [
            {**_plain(PHASE, phase), "participation_events": _slugs(phase.participation_events.all())}
            for phase in strategy.phases.prefetch_related("participation_events")
        ],
        "goals": [_plain(GOAL, goal) for goal in strategy.goals.all()],
        "action_fields": [_export_action_field(field) for field in _action_fields(strategy)],
        "projects": [_export_project(project) for project in _projects(strategy)],
        "findings": [
            {
                **_plain(FINDING, finding),
                "event": finding.event.slug if finding.event else None,
                "action_fields": _slugs(finding.action_fields.all()),
            }
            for finding in strategy.findings.select_related("event").prefetch_related("action_fields")
        ],
        "external_initiatives": [
            {**_plain(INITIATIVE, initiative), "action_fields": _slugs(initiative.action_fields.all())}
            for initiative in strategy.external_initiatives.prefetch_related("action_fields")
        ],
        "organisations": [_plain(ORGANISATION, organisation) for organisation in Organisation.objects.order_by("name")],
        "persons": [
            {**_plain(PERSON, person), "organisation": _name(person.organisation)}
            for person in Person.objects.select_related("organisation").order_by("name", "organisation__name")
        ],
        "bodies": [_export_body(body) for body in _bodies()],
        "participation_events": [
            _plain(EVENT, event) for event in ParticipationEvent.objects.order_by("start_date", "slug")
        ],
        "budget_lines": [_export_budget_line(line) for line in _budget_lines(strategy)],
        "committee_papers": [_export_paper(paper) for paper in _papers(strategy)],
    }


def _plain(spec, instance):
    return {name: _json_value(getattr(instance, name)) for name in spec.key + spec.fields}


def _plain_strategy(strategy):
    return {**_plain(STRATEGY, strategy), "process_objectives": strategy.process_objective_list}


def _json_value(value):
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


def _slugs(objects):
    return [obj.slug for obj in objects]


def _name(organisation):
    return organisation.name if organisation else None


def _person_reference(person):
    return {"name": person.name, "organisation": _name(person.organisation)} if person else None


def _action_fields(strategy):
    return strategy.action_fields.prefetch_related("goals", "participation_events", "focus_areas")


def _export_action_field(field):
    return {
        **_plain(ACTION_FIELD, field),
        "goals": [goal.number for goal in field.goals.all()],
        "participation_events": _slugs(field.participation_events.all()),
        "focus_areas": [_plain(FOCUS_AREA, area) for area in field.focus_areas.all()],
    }


def _projects(strategy):
    return strategy.projects.select_related(
        "action_field", "lead_organisation", "responsible_person__organisation"
    ).prefetch_related(
        "focus_areas__action_field", "project_partners__organisation", "milestones", "status_reports",
        "indicators__measurements",
    )  # fmt: skip


def _export_project(project):
    return {
        **_plain(PROJECT, project),
        "action_field": project.action_field.slug,
        "focus_areas": [
            {"action_field": area.action_field.slug, "number": area.number} for area in project.focus_areas.all()
        ],
        "lead_organisation": _name(project.lead_organisation),
        "responsible_person": _person_reference(project.responsible_person),
        "partners": [
            {"organisation": partner.organisation.name, **_plain(PARTNER, partner)}
            for partner in project.project_partners.all()
        ],
        "milestones": [_plain(MILESTONE, milestone) for milestone in project.milestones.all()],
        "status_reports": [_plain(STATUS_REPORT, report) for report in project.status_reports.all()],
        "indicators": [
            {
                **_plain(INDICATOR, indicator),
                "measurements": [_plain(MEASUREMENT, value) for value in indicator.measurements.all()],
            }
            for indicator in project.indicators.all()
        ],
    }


def _bodies():
    return Body.objects.order_by("name").prefetch_related(
        "memberships__person__organisation", "memberships__organisation", "meetings"
    )


def _export_body(body):
    return {
        **_plain(BODY, body),
        "memberships": [
            {
                "person": _person_reference(membership.person),
                "organisation": _name(membership.organisation),
                **_plain(MEMBERSHIP, membership),
            }
            for membership in body.memberships.all()
        ],
        "meetings": [_plain(MEETING, meeting) for meeting in body.meetings.order_by("date")],
    }


def _budget_lines(strategy):
    return strategy.budget_lines.prefetch_related("sources", "allocations__project", "expenditures__project")


def _export_budget_line(line):
    return {
        **_plain(BUDGET_LINE, line),
        "sources": [_plain(SOURCE, source) for source in line.sources.all()],
        "allocations": [
            {"project": item.project.number, **_plain(ALLOCATION, item)} for item in line.allocations.all()
        ],
        "expenditures": [
            {"project": item.project.number, **_plain(EXPENDITURE, item)} for item in line.expenditures.all()
        ],
    }


def _papers(strategy):
    return (
        strategy.committee_papers.order_by("number")
        .select_related("meeting__body")
        .prefetch_related("consultations__body", "attachments")
    )


def _export_paper(paper):
    meeting = paper.meeting
    return {
        **_plain(PAPER, paper),
        "meeting": {"body": meeting.body.name, "date": meeting.date.isoformat()} if meeting else None,
        "consultations": [{"body": item.body.name, **_plain(CONSULTATION, item)} for item in paper.consultations.all()],
        "attachments": [_plain(ATTACHMENT, item) for item in paper.attachments.all()],
    }
