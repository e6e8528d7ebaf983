"""Loading a strategy document: atomic and idempotent. Every object is found by its natural key, validated with the
model's own rules (`full_clean`, so the messages are the ones forms show) and saved only when it changed."""

from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from exchange.document import specs
from exchange.document.specs import DocumentError
from stakeholders.models import Meeting


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
        _refuse_unknown_keys(document, "$", {"format", "version", "strategy", *specs.TOP_LEVEL_LISTS})
        if document.get("format") != specs.FORMAT:
            raise DocumentError("format", _("unknown format, expected “%(format)s”") % {"format": specs.FORMAT})
        if document.get("version") != specs.VERSION:
            raise DocumentError("version", _("unknown version, this portal reads version %(v)s") % {"v": specs.VERSION})
        self.organisations = {o.name: o for o in self._organisations(document)}
        self.persons = {(p.name, p.organisation and p.organisation.name): p for p in self._persons(document)}
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

    def _organisations(self, document):
        for path, data in self.each(document, "", "organisations"):
            yield self.save(specs.ORGANISATION, path, data)

    def _persons(self, document):
        for path, data in self.each(document, "", "persons"):
            organisation = self.organisation(data, path, "organisation")
            yield self.save(specs.PERSON, path, data, key_refs={"organisation": organisation})

    def _events(self, document):
        for path, data in self.each(document, "", "participation_events"):
            yield self.save(specs.EVENT, path, data)

    def _bodies(self, document):
        for path, data in self.each(document, "", "bodies"):
            body = self.save(specs.BODY, path, data, children={"memberships", "meetings"})
            for item_path, item in self.each(data, f"{path}.", "memberships"):
                item = _as_object(item, item_path)
                holder = {
                    "person": self.person(item, item_path, "person"),
                    "organisation": self.organisation(item, item_path, "organisation"),
                }
                self.save(specs.MEMBERSHIP, item_path, item, parents={"body": body}, key_refs=holder)
            for item_path, item in self.each(data, f"{path}.", "meetings"):
                self.save(specs.MEETING, item_path, item, parents={"body": body})
            yield body

    def _phases(self, document):
        for path, data in self.each(document, "", "phases"):
            phase = self.save(
                specs.PHASE, path, data, parents={"strategy": self.strategy}, children={"participation_events"}
            )
            self.set_many(phase, "participation_events", self.events_of(data, path))

    def _goals(self, document):
        for path, data in self.each(document, "", "goals"):
            yield self.save(specs.GOAL, path, data, parents={"strategy": self.strategy})

    def _action_fields(self, document):
        children = {"goals", "participation_events", "focus_areas"}
        for path, data in self.each(document, "", "action_fields"):
            field = self.save(specs.ACTION_FIELD, path, data, parents={"strategy": self.strategy}, children=children)
            goals = [self.lookup(self.goals, number, f"{path}.goals", _("goal")) for number in data.get("goals", [])]
            self.set_many(field, "goals", goals)
            self.set_many(field, "participation_events", self.events_of(data, path))
            self.action_fields[field.slug] = field
            for item_path, item in self.each(data, f"{path}.", "focus_areas"):
                self.save(specs.FOCUS_AREA, item_path, item, parents={"action_field": field})

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
            project = self.save(
                specs.PROJECT, path, data, parents={"strategy": self.strategy}, refs=refs, children=children
            )
            self.set_many(project, "focus_areas", self.focus_areas_of(data, path))
            self._project_children(project, data, path)
            yield project

    def _project_children(self, project, data, path):
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
            for value_path, value in self.each(item, f"{item_path}.", "measurements"):
                self.save(specs.MEASUREMENT, value_path, value, parents={"indicator": indicator})

    def _findings(self, document):
        for path, data in self.each(document, "", "findings"):
            data = _as_object(data, path)
            event = self.lookup(self.events, data["event"], f"{path}.event", _("event")) if data.get("event") else None
            finding = self.save(
                specs.FINDING, path, data, parents={"strategy": self.strategy}, refs={"event": event},
                children={"action_fields"},
            )  # fmt: skip
            self.set_many(finding, "action_fields", self.action_fields_of(data, path))

    def _initiatives(self, document):
        for path, data in self.each(document, "", "external_initiatives"):
            parents = {"strategy": self.strategy}
            initiative = self.save(specs.INITIATIVE, path, data, parents=parents, children={"action_fields"})
            self.set_many(initiative, "action_fields", self.action_fields_of(data, path))

    def _budget_lines(self, document):
        children = {"sources", "allocations", "expenditures"}
        for path, data in self.each(document, "", "budget_lines"):
            line = self.save(specs.BUDGET_LINE, path, data, parents={"strategy": self.strategy}, children=children)
            for item_path, item in self.each(data, f"{path}.", "sources"):
                self.save(specs.SOURCE, item_path, item, parents={"budget_line": line})
            for key, spec in (("allocations", specs.ALLOCATION), ("expenditures", specs.EXPENDITURE)):
                for item_path, item in self.each(data, f"{path}.", key):
                    project = self.project_of(_as_object(item, item_path), item_path)
                    self.save(spec, item_path, item, parents={"budget_line": line}, key_refs={"project": project})

    def _papers(self, document):
        for path, data in self.each(document, "", "committee_papers"):
            data = _as_object(data, path)
            refs = {"meeting": self.meeting(data.get("meeting"), f"{path}.meeting")}
            paper = self.save(
                specs.PAPER, path, data, parents={"strategy": self.strategy}, refs=refs,
                children={"consultations", "attachments"},
            )  # fmt: skip
            for item_path, item in self.each(data, f"{path}.", "consultations"):
                item = _as_object(item, item_path)
                body = self.lookup(self.bodies, item.get("body"), f"{item_path}.body", _("body"))
                self.save(specs.CONSULTATION, item_path, item, parents={"paper": paper}, refs={"body": body})
            for item_path, item in self.each(data, f"{path}.", "attachments"):
                self.save(specs.ATTACHMENT, item_path, item, parents={"paper": paper})

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
