"""The strategy document's format: its name and version, and how each model appears in it (its natural key and its
plain fields). The importer and the exporter both read these specs, so that they agree."""

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db.models import Model

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
from strategy_portal.publication import PERSONAL_FIELDS

M = TypeVar("M", bound=Model)

# The document and its parts, as json.load gives them and json.dump takes them (docs/strategy-document.md).
JSONObject = dict[str, Any]

FORMAT = "strategy-portal/strategy"
# The version written; the versions read (docs/strategy-document.md, "Versions"). Version 1 documents have no
# `carried_over`: they are read unchanged.
VERSION = 2
READABLE_VERSIONS = (1, 2)
# The top-level key of a document without personal data (`false`); left out, the document holds them.
PERSONAL_DATA = "personal_data"


class DocumentError(Exception):
    """A bad value in a strategy document, with the path of the field it stands in."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass(frozen=True)
class Spec(Generic[M]):
    """How one model appears in the document: its natural key and its plain fields (JSON key = field name)."""

    model: type[M]
    key: tuple[str, ...]
    fields: tuple[str, ...]


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
    (
        "public_function", "email", "phone", "public_figure", "consent_date", "consent_scope",
        "consent_covers_publication", "notes",
    ),
)  # fmt: skip
# A person in a document without personal data (`"personal_data": false`): name, function and organisation only.
PERSON_WITHOUT_PERSONAL_DATA = Spec(
    Person, PERSON.key, tuple(name for name in PERSON.fields if name not in PERSONAL_FIELDS)
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
        "snapshot", "committee_snapshot",
    ),
)  # fmt: skip
CONSULTATION = Spec(Consultation, ("position",), ("competence", "meeting_date", "is_public"))
ATTACHMENT = Spec(PaperAttachment, ("number",), ("title",))

TOP_LEVEL_LISTS = (
    "phases", "goals", "action_fields", "projects", "findings", "external_initiatives", "organisations", "persons",
    "bodies", "participation_events", "budget_lines", "committee_papers",
)  # fmt: skip
