"""Loading a strategy document: atomic and idempotent. Every object is found by its natural key, validated with the
model's own rules (`full_clean`, so the messages are the ones forms show) and saved only when it changed. The money
(budget lines, their sources, carry-overs, allocations and expenditures) is saved through budget.services, as an
administrator's work: their refusals stop the import like any other bad value. A document without personal data
(`"personal_data": false`) leaves the persons' contact data, notes and consent in the portal as they are."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budget import services
from budget.models import BudgetLine, CarryOver
from exchange.document import specs
from exchange.document.specs import DocumentError, JSONObject, M, Spec
from projects.models import ActionField, FocusArea, Project, StrategicGoal, Strategy
from reports.paper import public_version
from stakeholders.models import Body, Meeting, Organisation, ParticipationEvent, Person
from strategy_portal import publication
from strategy_portal.db import CONTROL_CHARACTER_MESSAGE, CONTROL_CHARACTERS, model_field
from strategy_portal.publication import PERSONAL_FIELDS, Audience

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

V = TypeVar("V")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> int:
        return self.created + self.updated


def import_document(document: object) -> ImportResult:
    """Load a parsed strategy document. Raises DocumentError (and changes nothing) on the first bad value."""
    with transaction.atomic():
        importer = _Importer()
        importer.load(document)
        return importer.result


class _Importer:
    personal_data: bool  # whether the document holds the persons' personal data
    organisations: dict[str, Organisation]  # what the document has loaded so far, by the keys references use
    persons: dict[tuple[str, str | None], Person]  # by name and organisation name
    events: dict[str, ParticipationEvent]
    bodies: dict[str, Body]
    strategy: Strategy
    goals: dict[int, StrategicGoal]
    action_fields: dict[str, ActionField]
    projects: dict[int, Project]

    def __init__(self) -> None:
        self.result = ImportResult()
        self.seen: dict[tuple[type[Model], tuple[object, ...]], str] = {}  # natural key -> its path

    # Generic steps ---------------------------------------------------------------------------------------------

    def save(
        self,
        spec: Spec[M],
        path: str,
        data: object,
        *,
        parents: Mapping[str, Model] | None = None,
        refs: Mapping[str, Model | None] | None = None,
        children: Iterable[str] = (),
        key_refs: Mapping[str, Model | None] | None = None,
        store: Callable[[M], object] | None = None,
    ) -> M:
        """Create or update one object from `data`; return it.

        parents: fields that tie the object to its parent (part of its identity, not in the JSON);
        key_refs: resolved references that are part of the natural key; refs: other resolved references;
        children: JSON keys that the caller loads itself (nested lists and many-to-many references);
        store: what saves a new or changed object (a service), instead of its `save()`.
        """
        item = _as_object(data, path)
        reference_keys = set(refs or {}) | set(key_refs or {})
        _refuse_unknown_keys(item, path, set(spec.key) | set(spec.fields) | reference_keys | set(children))
        identity: dict[str, object] = {**(parents or {}), **(key_refs or {})}
        for name in spec.key:
            value = item.get(name, _default(spec.model, name))
            _check_type(spec.model, name, value, f"{path}.{name}")
            identity[name] = _clean_value(spec.model, name, value, f"{path}.{name}")
        self._refuse_second(spec.model, identity, path)
        instance = spec.model._default_manager.filter(**identity).first() or spec.model(**identity)
        before = _field_values(instance)
        for name in spec.fields:
            value = item.get(name, _default(spec.model, name))
            _check_type(spec.model, name, value, f"{path}.{name}")
            setattr(instance, name, value)
        for name, value in (refs or {}).items():
            setattr(instance, name, value)
        _full_clean(instance, path)
        self._store(instance, before, path, store)
        return instance

    def _refuse_second(self, model: type[Model], identity: Mapping[str, object], path: str) -> None:
        """The same object twice in one document (its natural key again): the second would silently win."""
        key = (model, tuple(sorted((name, getattr(value, "pk", value)) for name, value in identity.items())))
        if key in self.seen:
            raise DocumentError(path, _("appears twice in the document (first at %(path)s)") % {"path": self.seen[key]})
        self.seen[key] = path

    def _store(self, instance: M, before: dict[str, object], path: str, store: Callable[[M], object] | None) -> None:
        if instance.pk is None:
            _write(instance, path, store)
            self.result.created += 1
        elif _field_values(instance) != before:
            _write(instance, path, store)
            self.result.updated += 1
        else:
            self.result.unchanged += 1

    def each(self, data: JSONObject, path: str, key: str) -> Iterator[tuple[str, object]]:
        """Yield (path, item) for every entry of the list `data[key]`."""
        items = data.get(key, [])
        if not isinstance(items, list):
            raise DocumentError(f"{path}{key}", _("must be a list"))
        for index, item in enumerate(items):
            yield f"{path}{key}[{index}]", item

    def set_many(self, instance: Model, field: str, objects: Sequence[Model]) -> None:
        manager = getattr(instance, field)
        if set(manager.values_list("pk", flat=True)) != {obj.pk for obj in objects}:
            manager.set(objects)

    # The document ----------------------------------------------------------------------------------------------

    def load(self, source: object) -> None:
        document = _as_object(source, "$")
        top_level = {"format", "version", specs.PERSONAL_DATA, "strategy", *specs.TOP_LEVEL_LISTS}
        _refuse_unknown_keys(document, "$", top_level)
        if document.get("format") != specs.FORMAT:
            raise DocumentError("format", _("unknown format, expected “%(format)s”") % {"format": specs.FORMAT})
        if document.get("version") not in specs.READABLE_VERSIONS:
            readable = ", ".join(str(version) for version in specs.READABLE_VERSIONS)
            raise DocumentError("version", _("unknown version, this portal reads version %(v)s") % {"v": readable})
        self.personal_data = document.get(specs.PERSONAL_DATA, True)
        if not isinstance(self.personal_data, bool):
            raise DocumentError(specs.PERSONAL_DATA, _("must be true or false"))
        self.organisations = {o.name: o for o in self._organisations(document)}
        self.persons = {(p.name, p.organisation.name if p.organisation else None): p for p in self._persons(document)}
        self.events = {e.slug: e for e in self._events(document)}
        self.bodies = {b.name: b for b in self._bodies(document)}
        data = _as_object(document.get("strategy"), "strategy")
        objectives = "\n".join(self._strings(data, "strategy", "process_objectives"))
        self.strategy = self.save(specs.STRATEGY, "strategy", {**data, "process_objectives": objectives})
        self._phases(document)
        self.goals = {g.number: g for g in self._goals(document)}
        self.action_fields = {}
        self._action_fields(document)
        self.projects = {p.number: p for p in self._projects(document)}
        self._findings(document)
        self._initiatives(document)
        self._budget_lines(document)
        self._papers(document)

    def _organisations(self, document: JSONObject) -> Iterator[Organisation]:
        for path, data in self.each(document, "", "organisations"):
            yield self.save(specs.ORGANISATION, path, data)

    def _persons(self, document: JSONObject) -> Iterator[Person]:
        # Left out of the spec, the personal fields keep what the portal holds instead of taking their default.
        spec = specs.PERSON if self.personal_data else specs.PERSON_WITHOUT_PERSONAL_DATA
        for path, entry in self.each(document, "", "persons"):
            data = _as_object(entry, path)
            if not self.personal_data:
                _refuse_personal_data(data, path)
            organisation = self.organisation(data, path, "organisation")
            yield self.save(spec, path, data, key_refs={"organisation": organisation})

    def _events(self, document: JSONObject) -> Iterator[ParticipationEvent]:
        for path, data in self.each(document, "", "participation_events"):
            yield self.save(specs.EVENT, path, data)

    def _bodies(self, document: JSONObject) -> Iterator[Body]:
        for path, data in self.each(document, "", "bodies"):
            body = self.save(specs.BODY, path, data, children={"memberships", "meetings"})
            for item_path, entry in self.each(_as_object(data, path), f"{path}.", "memberships"):
                item = _as_object(entry, item_path)
                holder = {
                    "person": self.person(item, item_path, "person"),
                    "organisation": self.organisation(item, item_path, "organisation"),
                }
                self.save(specs.MEMBERSHIP, item_path, item, parents={"body": body}, key_refs=holder)
            for item_path, entry in self.each(_as_object(data, path), f"{path}.", "meetings"):
                self.save(specs.MEETING, item_path, entry, parents={"body": body})
            yield body

    def _phases(self, document: JSONObject) -> None:
        for path, data in self.each(document, "", "phases"):
            phase = self.save(
                specs.PHASE, path, data, parents={"strategy": self.strategy}, children={"participation_events"}
            )
            self.set_many(phase, "participation_events", self.events_of(_as_object(data, path), path))

    def _goals(self, document: JSONObject) -> Iterator[StrategicGoal]:
        for path, data in self.each(document, "", "goals"):
            yield self.save(specs.GOAL, path, data, parents={"strategy": self.strategy})

    def _action_fields(self, document: JSONObject) -> None:
        children = {"goals", "participation_events", "focus_areas"}
        for path, entry in self.each(document, "", "action_fields"):
            field = self.save(specs.ACTION_FIELD, path, entry, parents={"strategy": self.strategy}, children=children)
            data = _as_object(entry, path)
            goals = [self.lookup(self.goals, number, f"{path}.goals", _("goal")) for number in data.get("goals", [])]
            self.set_many(field, "goals", goals)
            self.set_many(field, "participation_events", self.events_of(data, path))
            self.action_fields[field.slug] = field
            for item_path, item in self.each(data, f"{path}.", "focus_areas"):
                self.save(specs.FOCUS_AREA, item_path, item, parents={"action_field": field})

    def _projects(self, document: JSONObject) -> Iterator[Project]:
        children = {"action_field", "focus_areas", "lead_organisation", "responsible_person", "partners"}
        children |= {"milestones", "status_reports", "indicators"}
        for path, entry in self.each(document, "", "projects"):
            data = _as_object(entry, path)
            refs = {
                "action_field": self.action_field(data.get("action_field"), f"{path}.action_field"),
                "lead_organisation": self.organisation(data, path, "lead_organisation"),
                "responsible_person": self.person(data, path, "responsible_person"),
            }
            project = self.save(
                specs.PROJECT, path, data, parents={"strategy": self.strategy}, refs=refs, children=children
            )
            self.set_many(project, "focus_areas", self.focus_areas_of(data, path))
            self._project_children(project, data, path)
            yield project

    def _project_children(self, project: Project, data: JSONObject, path: str) -> None:
        parent = {"project": project}
        for item_path, item in self.each(data, f"{path}.", "partners"):
            organisation = self.organisation(_as_object(item, item_path), item_path, "organisation", required=True)
            self.save(specs.PARTNER, item_path, item, parents=parent, key_refs={"organisation": organisation})
        for item_path, item in self.each(data, f"{path}.", "milestones"):
            self.save(specs.MILESTONE, item_path, item, parents=parent)
        for item_path, item in self.each(data, f"{path}.", "status_reports"):
            self.save(specs.STATUS_REPORT, item_path, item, parents=parent)
        for item_path, item in self.each(data, f"{path}.", "indicators"):
            indicator = self.save(specs.INDICATOR, item_path, item, parents=parent, children={"measurements"})
            for value_path, value in self.each(_as_object(item, item_path), f"{item_path}.", "measurements"):
                self.save(specs.MEASUREMENT, value_path, value, parents={"indicator": indicator})

    def _findings(self, document: JSONObject) -> None:
        for path, entry in self.each(document, "", "findings"):
            data = _as_object(entry, path)
            event = self.lookup(self.events, data["event"], f"{path}.event", _("event")) if data.get("event") else None
            finding = self.save(
                specs.FINDING, path, data, parents={"strategy": self.strategy}, refs={"event": event},
                children={"action_fields"},
            )  # fmt: skip
            self.set_many(finding, "action_fields", self.action_fields_of(data, path))

    def _initiatives(self, document: JSONObject) -> None:
        for path, data in self.each(document, "", "external_initiatives"):
            parents = {"strategy": self.strategy}
            initiative = self.save(specs.INITIATIVE, path, data, parents=parents, children={"action_fields"})
            self.set_many(initiative, "action_fields", self.action_fields_of(_as_object(data, path), path))

    def _budget_lines(self, document: JSONObject) -> None:
        """In year order, so that a carry-over's origin is loaded before its target; each line with its sources, the
        carry-overs into it, then its allocations and expenditures (which may rely on what was carried in)."""
        carry_overs = _CarryOvers()
        for path, data in sorted(self.each(document, "", "budget_lines"), key=lambda entry: _line_year(*entry)):
            item = _as_object(data, path)
            line = self.save(
                specs.BUDGET_LINE, path, item, parents={"strategy": self.strategy},
                children={"sources", "carried_over", "allocations", "expenditures"}, store=services.save_budget_line,
            )  # fmt: skip
            for item_path, source in self.each(item, f"{path}.", "sources"):
                parent = {"budget_line": line}
                self.save(specs.SOURCE, item_path, source, parents=parent, store=services.save_funding_source)
            for carry_over in carry_overs.into(line):
                self._carry_over(carry_over, line)
            self._bookings(line, item, path)
            carry_overs.note(line, item, path)
        for carry_over in carry_overs.left_over():
            self._carry_over(carry_over, self._target_in_database(carry_over))

    def _bookings(self, line: BudgetLine, data: JSONObject, path: str) -> None:
        for item_path, entry in self.each(data, f"{path}.", "allocations"):
            item = _as_object(entry, item_path)
            self.save(
                specs.ALLOCATION, item_path, item, parents={"budget_line": line},
                key_refs={"project": self.project_of(item, item_path)},
                store=lambda allocation: services.save_allocation(allocation, may_exceed=True),
            )  # fmt: skip
        for item_path, entry in self.each(data, f"{path}.", "expenditures"):
            item = _as_object(entry, item_path)
            self.save(
                specs.EXPENDITURE, item_path, item, parents={"budget_line": line},
                key_refs={"project": self.project_of(item, item_path)},
                store=services.save_expenditure,
            )  # fmt: skip

    def _carry_over(self, carry_over: _CarryOver, target: BudgetLine) -> None:
        try:
            _record, created = services.record_carry_over(
                origin=carry_over.origin, target=target, amount=carry_over.amount
            )
        except ValidationError as refusal:
            raise _document_error(refusal, carry_over.path, {"target": "year"}) from None
        if created:
            self.result.created += 1
        else:
            self.result.unchanged += 1

    def _target_in_database(self, carry_over: _CarryOver) -> BudgetLine:
        """The line a carry-over names that was not loaded after its origin: one the document leaves out (and the
        import leaves alone), or an earlier one (which record_carry_over refuses)."""
        origin = carry_over.origin
        target = self.strategy.budget_lines.filter(year=carry_over.year, budget_part=origin.budget_part).first()
        if target is None:
            message = _("The strategy has no %(part)s budget line for %(year)s.") % {
                "part": origin.get_budget_part_display(),
                "year": carry_over.year,
            }
            raise DocumentError(f"{carry_over.path}.year", message)
        return target

    def _papers(self, document: JSONObject) -> None:
        for path, entry in self.each(document, "", "committee_papers"):
            data = self._with_public_snapshot(_as_object(entry, path))
            refs = {"meeting": self.meeting(data.get("meeting"), f"{path}.meeting")}
            paper = self.save(
                specs.PAPER, path, data, parents={"strategy": self.strategy}, refs=refs,
                children={"consultations", "attachments"},
            )  # fmt: skip
            for item_path, entry in self.each(data, f"{path}.", "consultations"):
                item = _as_object(entry, item_path)
                body = self.lookup(self.bodies, item.get("body"), f"{item_path}.body", _("body"))
                self.save(specs.CONSULTATION, item_path, item, parents={"paper": paper}, refs={"body": body})
            for item_path, entry in self.each(data, f"{path}.", "attachments"):
                self.save(specs.ATTACHMENT, item_path, entry, parents={"paper": paper})

    def _with_public_snapshot(self, data: JSONObject) -> JSONObject:
        """A paper of a document written before papers had two versions has one snapshot, composed for everybody:
        it becomes the committee's version, and its public version leaves out what the publication rule keeps from
        the public (as the migration reports/0006 did for the papers in the database)."""
        snapshot = data.get("snapshot")
        if not isinstance(snapshot, dict) or data.get("committee_snapshot") is not None:
            return data
        projects = self.strategy.projects.filter(publication.project_q(Audience.PUBLIC))
        public_projects = set(projects.values_list("number", flat=True))
        committee = {**snapshot, "non_public": True}
        return {**data, "snapshot": public_version(snapshot, public_projects), "committee_snapshot": committee}

    # References ------------------------------------------------------------------------------------------------

    def lookup(self, known: Mapping[Any, V], key: Any, path: str, what: str) -> V:  # `key`: as the document has it
        try:
            return known[key]
        except (KeyError, TypeError):
            message = _("unknown %(what)s “%(key)s”: it must be listed in this document") % {"what": what, "key": key}
            raise DocumentError(path, message) from None

    def organisation(self, data: JSONObject, path: str, key: str, required: bool = False) -> Organisation | None:
        name = data.get(key)
        if name is None and not required:
            return None
        return self.lookup(self.organisations, name, f"{path}.{key}", _("organisation"))

    def person(self, data: JSONObject, path: str, key: str) -> Person | None:
        if data.get(key) is None:
            return None
        reference = _as_object(data.get(key), f"{path}.{key}")
        natural_key = (reference.get("name"), reference.get("organisation"))
        return self.lookup(self.persons, natural_key, f"{path}.{key}", _("person"))

    def meeting(self, data: object, path: str) -> Meeting | None:
        if data is None:
            return None
        reference = _as_object(data, path)
        body = self.lookup(self.bodies, reference.get("body"), f"{path}.body", _("body"))
        date = _clean_value(Meeting, "date", reference.get("date"), f"{path}.date")
        meeting = body.meetings.filter(date=date).first()
        if meeting is None:
            raise DocumentError(path, _("unknown meeting: list it under its body's meetings"))
        return meeting

    def action_field(self, slug: Any, path: str) -> ActionField:
        return self.lookup(self.action_fields, slug, path, _("action field"))

    def action_fields_of(self, data: JSONObject, path: str) -> list[ActionField]:
        return [self.action_field(slug, f"{path}.action_fields") for slug in data.get("action_fields", [])]

    def events_of(self, data: JSONObject, path: str) -> list[ParticipationEvent]:
        return [
            self.lookup(self.events, slug, f"{path}.participation_events", _("event"))
            for slug in data.get("participation_events", [])
        ]

    def focus_areas_of(self, data: JSONObject, path: str) -> list[FocusArea]:
        areas: list[FocusArea] = []
        for index, entry in enumerate(data.get("focus_areas", [])):
            item_path = f"{path}.focus_areas[{index}]"
            reference = _as_object(entry, item_path)
            field = self.action_field(reference.get("action_field"), f"{item_path}.action_field")
            number: Any = reference.get("number")  # as the document has it
            area = field.focus_areas.filter(number=number).first()
            if area is None:
                raise DocumentError(item_path, _("unknown focus area"))
            areas.append(area)
        return areas

    def project_of(self, data: JSONObject, path: str) -> Project:
        return self.lookup(self.projects, data.get("project"), f"{path}.project", _("project"))

    def _strings(self, data: JSONObject, path: str, key: str) -> list[str]:
        values = data.get(key, [])
        if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
            raise DocumentError(f"{path}.{key}", _("must be a list of texts"))
        return values


@dataclass(frozen=True)
class _CarryOver:
    """A line's `carried_over` as the document has it: `amount` of `origin` into its line of `year`."""

    origin: BudgetLine
    year: int
    amount: Decimal
    path: str


@dataclass
class _CarryOvers:
    """The carry-overs of the lines loaded so far, waiting for the line of their target year."""

    waiting: list[_CarryOver] = field(default_factory=list)

    def note(self, line: BudgetLine, data: JSONObject, path: str) -> None:
        if data.get("carried_over") is None:
            return
        where = f"{path}.carried_over"
        item = _as_object(data["carried_over"], where)
        _refuse_unknown_keys(item, where, {"year", "amount"})
        year = _clean_value(BudgetLine, "year", item.get("year"), f"{where}.year")
        amount = _clean_value(CarryOver, "amount", item.get("amount"), f"{where}.amount")
        self.waiting.append(_CarryOver(line, year, amount, where))

    def into(self, line: BudgetLine) -> list[_CarryOver]:
        """The waiting carry-overs into `line`, no longer waiting."""
        found: list[_CarryOver] = []
        waiting: list[_CarryOver] = []
        for carry_over in self.waiting:
            into_line = (carry_over.year, carry_over.origin.budget_part) == (line.year, line.budget_part)
            (found if into_line else waiting).append(carry_over)
        self.waiting = waiting
        return found

    def left_over(self) -> list[_CarryOver]:
        return self.waiting


def _line_year(path: str, data: object) -> int:
    year: int = _clean_value(BudgetLine, "year", _as_object(data, path).get("year"), f"{path}.year")
    return year


def _as_object(data: object, path: str) -> JSONObject:
    if not isinstance(data, dict):
        raise DocumentError(path, _("must be an object"))
    return data


def _refuse_unknown_keys(data: JSONObject, path: str, allowed: Iterable[str]) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise DocumentError(f"{path}.{unknown[0]}", _("unknown key"))


def _refuse_personal_data(person: JSONObject, path: str) -> None:
    found = [name for name in person if name in PERSONAL_FIELDS]
    if found:
        message = _("personal data in a document without personal data (“personal_data”: false)")
        raise DocumentError(f"{path}.{found[0]}", message)


def _default(model: type[Model], name: str) -> Any:  # a field's default is any value it can hold
    return model_field(model, name).get_default()


def _field_values(instance: Model) -> dict[str, object]:
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields}


# What JSON gives each kind of field; a value of another type is refused, not converted ("title": 5 is no title).
JSON_TYPES: dict[str, tuple[tuple[type, ...], StrOrPromise]] = {
    **dict.fromkeys(["CharField", "TextField", "SlugField", "EmailField", "URLField"], ((str,), gettext_lazy("text"))),
    **dict.fromkeys(
        ["IntegerField", "PositiveIntegerField", "PositiveSmallIntegerField", "SmallIntegerField"],
        ((int,), gettext_lazy("a whole number")),
    ),
    "DecimalField": ((str, int, float), gettext_lazy("a number")),
    "BooleanField": ((bool,), gettext_lazy("true or false")),
    "DateField": ((str,), gettext_lazy("a date (YYYY-MM-DD)")),
    "DateTimeField": ((str,), gettext_lazy("a date and time")),
}


def _check_type(model: type[Model], name: str, value: Any, path: str) -> None:
    if value is None:
        return  # whether the field may be empty, full_clean says
    field = model_field(model, name)
    expected = JSON_TYPES.get(field.get_internal_type())
    if expected and (not isinstance(value, expected[0]) or (isinstance(value, bool) and bool not in expected[0])):
        raise DocumentError(path, _("must be %(type)s") % {"type": expected[1]})
    if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
        raise DocumentError(path, str(CONTROL_CHARACTER_MESSAGE))


def _clean_value(model: type[Model], name: str, value: Any, path: str) -> Any:
    field = model_field(model, name)
    try:
        return field.clean(value, None)
    except ValidationError as error:
        raise DocumentError(path, " ".join(error.messages)) from None


def _full_clean(instance: Model, path: str) -> None:
    try:
        instance.full_clean()
    except ValidationError as error:
        raise _document_error(error, path) from None


def _write(instance: M, path: str, store: Callable[[M], object] | None) -> None:
    """Save `instance` with `store` (a service, which may refuse) or its own `save()`; either refuses a save over
    a version someone saved while the import ran (StaleEdit)."""
    try:
        instance.save() if store is None else store(instance)
    except ValidationError as refusal:
        raise _document_error(refusal, path) from None


def _document_error(error: ValidationError, path: str, keys: Mapping[str, str] | None = None) -> DocumentError:
    """The DocumentError at `path`, or at its key that the error's (first) field stands in: the field's name, or
    what `keys` maps it to."""
    if not hasattr(error, "error_dict"):
        return DocumentError(path, " ".join(error.messages))
    name, messages = next(iter(error.message_dict.items()))
    where = path if name == NON_FIELD_ERRORS else f"{path}.{(keys or {}).get(name, name)}"
    return DocumentError(where, " ".join(messages))
