"""The content of a committee paper (Vorlage), composed from the portal's data.

Every renderer (HTML preview, DOCX, PDF) reads only the dict built here, never the database: its shape is the
contract between composing and rendering. A finalised paper keeps the dict as its snapshot, so later edits do not
change it (and an old snapshot must still render: change the shape only compatibly).

A paper is composed for an audience (strategy_portal.publication): the public paper, the one OParl and every public
channel serve, holds only what may leave to the public (no internal project, no non-public consultation or meeting);
the committee's version holds the internal projects and non-public consultations too, and is marked as not public
("non_public": True). Finalising stores both (reports.services.finalise_paper).
"""

from __future__ import annotations

import copy
import datetime
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from budget.selectors import financing_table_with_sources
from projects.models import ActionField, StatusReport, Strategy
from reports.models import CommitteePaper
from stakeholders.models import Meeting, ParticipationEvent
from strategy_portal import publication
from strategy_portal.formatting import format_euro
from strategy_portal.publication import Audience

if TYPE_CHECKING:
    from budget.models import AmountedLine
    from projects.models import ReportedProject

# The paper's content: a JSON document (stored as the snapshot), its shape set by compose_paper.
PaperContent = dict[str, Any]

VERSION = 1
STRATEGY_HOUSE = "Strategiehaus"
# How every rendering of the committee's version is marked (the HTML preview and PDF: reports/paper_preview.html).
NON_PUBLIC_MARK = _("Not public – for the members of the committee only")


def compose_paper(paper: CommitteePaper, *, audience: Audience) -> PaperContent:
    """The paper's content for `audience` from the current data, labels in German; "changes" is left None (see
    paper_content). Only what the publication rule lets leave to `audience` is in it; a version for more than the
    public is marked "non_public". Nothing names a person, and no contact data, notes or consent are read.

    Reads the paper's strategy, meeting, consultations, attachments, budget lines and sources, phases and their
    events, all events, goals, action fields and projects: the same number of queries however many rows there are.
    """
    with translation.override("de"):
        strategy = paper.strategy
        content: PaperContent = {
            "version": VERSION,
            "non_public": audience > Audience.PUBLIC,
            **_header(paper, audience),
            "consultations": _consultations(paper, audience),
        }
        content.update(
            financing=_financing(strategy),
            climate={
                "result": paper.climate_check_result,
                "partial_results": paper.climate_check_partial_results,
                "reasoning": paper.climate_check_reasoning,
            },
            introduction=paper.introduction,
            background=strategy.background,
            process_objectives=strategy.process_objective_list,
            phases=_phases(strategy, audience),
            events=[_event(event) for event in ParticipationEvent.objects.filter(publication.event_q(audience))],
            goals=[{"number": goal.number, "statement": goal.statement} for goal in strategy.goals.all()],
            action_fields=_action_fields(strategy, audience),
            next_steps=_next_steps(strategy),
            attachments=_attachments(paper),
            changes=None,
            generated_at=timezone.localtime().isoformat(timespec="seconds"),
        )
        return content


def _header(paper: CommitteePaper, audience: Audience) -> dict[str, Any]:
    """The paper's number, title and session; a meeting that may not be shown to `audience` is left out (the
    renderers then name no session)."""
    meeting = Meeting.objects.select_related("body").get(pk=paper.meeting_id) if paper.meeting_id else None
    if not publication.may_show_meeting(meeting, audience):
        meeting = None
    return {
        "number": paper.number,
        "kind": paper.get_kind_display(),
        "title": paper.title,
        "subtitle": paper.subtitle,
        "addressees": paper.addressees,
        "body": meeting.body.name if meeting else "",
        "meeting_date": _iso(meeting.date) if meeting else None,
        "public": meeting.is_public if meeting else True,
        "decision_proposal": paper.decision_proposal,
    }


def _consultations(paper: CommitteePaper, audience: Audience) -> list[dict[str, Any]]:
    return [
        {
            "body": consultation.body.name,
            "competence": consultation.get_competence_display(),
            "date": _iso(consultation.meeting_date),
            "public": consultation.is_public,
        }
        for consultation in paper.consultations.filter(publication.meeting_q(audience)).select_related("body")
    ]


def _financing(strategy: Strategy) -> dict[str, Any]:
    table = financing_table_with_sources(strategy)
    return {
        "lines": [_financing_line(line) for line in table.lines],
        "available": _money(table.available),
        "required": _money(table.required),
        "shortfall": _money(table.shortfall),
    }


def _financing_line(line: AmountedLine) -> dict[str, Any]:
    return {
        "year": line.year,
        "available": _money(line.available_amount),
        "required": _money(line.required_amount),
        "shortfall": _money(line.shortfall_amount),
        "budget_part": line.get_budget_part_display(),
        "budget_part_key": line.budget_part,
        "product_group": line.product_group,
        "department": line.department,
        "account_label": line.account_label,
        "remark": line.remark,
        "carry_over_remark": _carry_over_remark(line),
        "coverage_proposal": line.coverage_proposal,
        "sources": [
            {
                "kind": source.get_kind_display(),
                "amount": _money(source.amount),
                "origin_year": source.origin_year,
                "purpose": source.purpose,
            }
            for source in line.sources.all()
        ],
    }


def _carry_over_remark(line: AmountedLine) -> str:
    """The Bemerkungen sentence of a year that carried authorisation out into the next: the table shows each year's
    budget after carry-overs, so that the Summe counts every euro once."""
    if not line.carried_out_amount:
        return ""
    authorised, amount = format_euro(line.authorised_amount), format_euro(line.carried_out_amount)
    available = format_euro(line.available_amount)
    return (
        f"Von den {authorised} des Jahres {line.year} wurden {amount} nicht verbrauchte Ermächtigung nach "
        f"{line.carried_out_year} übertragen (Ermächtigungsübertrag); das verfügbare Budget {line.year} beträgt "
        f"danach {available}."
    )


def _phases(strategy: Strategy, audience: Audience) -> list[dict[str, Any]]:
    events = Prefetch("participation_events", ParticipationEvent.objects.filter(publication.event_q(audience)))
    return [
        {
            "number": phase.number,
            "title": phase.title,
            "status": phase.get_status_display(),
            "description": phase.description,
            "events": [_event(event) for event in phase.participation_events.all()],
        }
        for phase in strategy.phases.prefetch_related(events)
    ]


def _event(event: ParticipationEvent) -> dict[str, Any]:
    return {
        "title": event.title,
        "kind": event.get_kind_display(),
        "start_date": _iso(event.start_date),
        "end_date": _iso(event.end_date),
        "participants": event.participants_label,
        "outcomes": event.outcomes,
    }


def _action_fields(strategy: Strategy, audience: Audience) -> list[dict[str, Any]]:
    fields = {field.pk: _action_field(field) for field in strategy.action_fields.all()}
    projects = strategy.projects.filter(publication.project_q(audience)).with_latest_report().order_by("number")
    for project in projects:
        fields[project.action_field_id]["projects"].append(_project(project))
    return list(fields.values())


def _action_field(field: ActionField) -> dict[str, Any]:
    return {"number": field.number, "title": field.title, "short_title": field.short_title, "projects": []}


def _project(project: ReportedProject) -> dict[str, Any]:
    traffic_light = project.latest_traffic_light
    return {
        "number": project.number,
        "title": project.title,
        "status": project.get_status_display(),
        "traffic_light": str(StatusReport.TrafficLight(traffic_light).label) if traffic_light else "",
        "progress": project.latest_progress,
    }


def _next_steps(strategy: Strategy) -> str:
    if not strategy.final_presentation:
        return ""
    return (
        f"Nach aktuellem Planungsstand ist davon auszugehen, dass die Zukunftsstrategie im "
        f"{strategy.final_presentation} final präsentiert werden kann."
    )


def _attachments(paper: CommitteePaper) -> list[dict[str, Any]]:
    """The paper's attachments; the Strategiehaus is always one of them (added last where it is missing)."""
    attachments: list[dict[str, Any]] = [
        {"number": item.number, "title": item.title} for item in paper.attachments.all()
    ]
    if not any(item["title"] == STRATEGY_HOUSE for item in attachments):
        number = max((item["number"] for item in attachments), default=0) + 1
        attachments.append({"number": number, "title": STRATEGY_HOUSE})
    return attachments


def _money(amount: Decimal) -> str:
    return f"{Decimal(amount):.2f}"


def _iso(date: datetime.date | None) -> str | None:
    return date.isoformat() if date else None


# Änderungen seit der letzten Vorlage --------------------------------------------------------------------------------


def changes_since(previous_snapshot: PaperContent | None, content: PaperContent) -> dict[str, Any] | None:
    """What changed since the previous paper's snapshot: new projects, projects no longer in it (removed, archived or
    no longer published), renamed projects, status and traffic-light changes, budget changes per year. None without
    a previous snapshot."""
    if not previous_snapshot:
        return None
    before, now = _projects_by_number(previous_snapshot), _projects_by_number(content)
    return {
        "since": previous_snapshot["number"],
        "new_projects": [_project_label(project) for number, project in now.items() if number not in before],
        "removed_projects": [_project_label(project) for number, project in before.items() if number not in now],
        "renamed_projects": [
            f"Projekt {number}: „{before[number]['title']}“ → „{project['title']}“"
            for number, project in now.items()
            if number in before and before[number]["title"] != project["title"]
        ],
        "status_changes": _project_changes(before, now, "status"),
        "traffic_light_changes": _project_changes(before, now, "traffic_light"),
        "budget_changes": _budget_changes(previous_snapshot, content),
    }


def _projects_by_number(content: PaperContent) -> dict[int, dict[str, Any]]:
    return {project["number"]: project for field in content["action_fields"] for project in field["projects"]}


def _project_label(project: dict[str, Any]) -> str:
    return f"Projekt {project['number']}: {project['title']}"


def _project_changes(before: dict[int, dict[str, Any]], now: dict[int, dict[str, Any]], key: str) -> list[str]:
    return [
        f"Projekt {number}: {before[number][key] or '–'} → {project[key] or '–'}"
        for number, project in now.items()
        if number in before and before[number][key] != project[key]
    ]


BUDGET_FIGURES = (("available", "Verfügbares Budget"), ("required", "Finanzierungsbedarf"))


def _budget_changes(previous: PaperContent, content: PaperContent) -> list[str]:
    before, now = _amounts_by_year(previous), _amounts_by_year(content)
    changes: list[str] = []
    for year in sorted(before.keys() | now.keys()):
        for key, label in BUDGET_FIGURES:
            old, new = before.get(year, {}).get(key, Decimal(0)), now.get(year, {}).get(key, Decimal(0))
            if old != new:
                changes.append(f"{year}: {label} {format_euro(old)} → {format_euro(new)}")
    return changes


def _amounts_by_year(content: PaperContent) -> dict[int, dict[str, Decimal]]:
    years: dict[int, dict[str, Decimal]] = {}
    for line in content["financing"]["lines"]:
        year = years.setdefault(line["year"], {"available": Decimal(0), "required": Decimal(0)})
        year["available"] += Decimal(line["available"])
        year["required"] += Decimal(line["required"])
    return years


# Papers finalised with one snapshot for everybody ------------------------------------------------------------------

# "Projekt 8: Gewerbeflächenpool", "Projekt 1: in Qualifizierung → in Umsetzung" (reports.paper.changes_since).
PROJECT_LINE = re.compile(r"^Projekt (\d+):")
PROJECT_CHANGES = ("new_projects", "removed_projects", "renamed_projects", "status_changes", "traffic_light_changes")
# The parts of "Änderungen seit der letzten Vorlage" in the order both files show them (reports.render, the preview).
CHANGE_SECTIONS = (
    ("new_projects", "Neue Projekte"),
    ("removed_projects", "Nicht mehr enthaltene Projekte"),
    ("renamed_projects", "Umbenannte Projekte"),
    ("status_changes", "Statusänderungen"),
    ("traffic_light_changes", "Ampeländerungen"),
    ("budget_changes", "Budgetänderungen"),
)


def change_sections(changes: dict[str, Any] | None) -> list[tuple[str, list[str]]]:
    """(heading, lines) of each part of the changes that has lines; papers finalised before a part existed lack it."""
    return [(heading, list(changes[key])) for key, heading in CHANGE_SECTIONS if changes and changes.get(key)]


def public_version(snapshot: PaperContent, public_projects: set[int]) -> PaperContent:
    """The public version of a snapshot stored as the one version for everybody (before there were two, or from a
    strategy document of that time): without the projects whose numbers are not in `public_projects` (the paper's
    strategy's projects that may leave to the public), without non-public consultations and without a non-public
    session, as compose_paper leaves them out for the public. Its figures stay those it was finalised with."""
    content = copy.deepcopy(snapshot)
    content["non_public"] = False
    if not content.get("public", True):
        content.update(body="", meeting_date=None, public=True)
    content["consultations"] = [row for row in content.get("consultations") or [] if row.get("public", True)]
    for field in content.get("action_fields") or []:
        field["projects"] = [
            project for project in field.get("projects") or [] if project.get("number") in public_projects
        ]
    changes = content.get("changes")
    if changes:
        for key in PROJECT_CHANGES:
            changes[key] = [line for line in changes.get(key) or [] if _line_is_public(line, public_projects)]
    return content


def _line_is_public(line: str, public_projects: set[int]) -> bool:
    match = PROJECT_LINE.match(line)
    return match is not None and int(match.group(1)) in public_projects


def previous_paper(paper: CommitteePaper) -> CommitteePaper | None:
    """The newest other finalised paper of the same strategy, or None (one query)."""
    others = CommitteePaper.objects.filter(strategy_id=paper.strategy_id, status=CommitteePaper.Status.FINALISED)
    return others.exclude(pk=paper.pk).order_by("-finalised_at", "-pk").first()


def stored_version(paper: CommitteePaper, audience: Audience) -> PaperContent | None:
    """The finalised paper's snapshot for `audience`: the public one (`snapshot`) or the committee's
    (`committee_snapshot`; a paper finalised or imported without one has only the public version)."""
    if audience > Audience.PUBLIC and paper.committee_snapshot:
        return cast(PaperContent, paper.committee_snapshot)
    return cast("PaperContent | None", paper.snapshot)


def paper_content(paper: CommitteePaper, audience: Audience) -> PaperContent:
    """A finalised paper's stored snapshot for `audience`; for a draft, a fresh composition for `audience` with the
    changes since the last paper's version for the same audience."""
    if paper.status == CommitteePaper.Status.FINALISED:
        return cast(PaperContent, stored_version(paper, audience))  # finalise_paper stores it with the status
    content = compose_paper(paper, audience=audience)
    previous = previous_paper(paper)
    content["changes"] = changes_since(stored_version(previous, audience) if previous else None, content)
    return content


# The genitive the paper's header needs: "zur öffentlichen Sitzung des Ausschusses für Umwelt und Technik".
GENITIVE = {"Ausschuss": "Ausschusses", "Kreistag": "Kreistags", "Verwaltungsausschuss": "Verwaltungsausschusses"}


def genitive(body: str | None) -> str:
    first, _space, rest = (body or "").partition(" ")
    return " ".join(part for part in (GENITIVE.get(first, first), rest) if part)


def account_labels(lines: list[dict[str, Any]]) -> list[str]:
    """The financing table's Bezeichnung: "2025: Aufwendungen …", consecutive years with one label as
    "2026 ff.: Geschäftsaufwendungen …"."""
    groups: list[list[Any]] = []  # [year, label, whether the next years share it]
    for line in lines:
        label = line.get("account_label") or ""
        if groups and groups[-1][1] == label:
            groups[-1][2] = True
        else:
            groups.append([line.get("year"), label, False])
    return [f"{year}{' ff.' if more else ''}: {label}" for year, label, more in groups if label]


class Cell(NamedTuple):
    """A cell of a table that the PDF and the DOCX render alike (financing_table)."""

    text: str
    amount: bool = False  # right-aligned
    bold: bool = False
    span: int = 1  # columns it spans
    label: str = ""  # written bold before the text


FINANCIAL, RESULTS = "finanzhaushalt", "ergebnishaushalt"  # budget.BudgetLine.BudgetPart


def financing_table(financing: dict[str, Any] | None) -> list[list[Cell]]:
    """The Finanzierung table as the Landkreis' form has it: Verfügbares Budget | Jahr | Finanzierungsbedarf |
    Finanzhaushalt / Ergebnishaushalt with the cross of the budget the money is in | Fachbereich; the Produktgruppe
    below, the rows "spätere" and "Summe", then Bemerkungen / Deckungsvorschlag and Bezeichnung. The header row
    first; empty without financing lines."""

    lines = (financing or {}).get("lines") or []  # a template passes "" for a paper without financing
    if not financing or not lines:
        return []
    first = lines[0]
    # Older snapshots hold the budget's name only.
    part = first.get("budget_part_key") or (FINANCIAL if "Finanz" in (first.get("budget_part") or "") else RESULTS)
    rows = [
        [
            Cell("Verfügbares Budget", amount=True, bold=True),
            Cell("Jahr", bold=True),
            Cell("Finanzierungsbedarf", amount=True, bold=True),
            Cell("Finanzhaushalt", bold=True),
            Cell("x" if part == FINANCIAL else "", bold=True),
            Cell("Fachbereich:", bold=True),
        ]
    ]
    side = [
        [Cell("Ergebnishaushalt"), Cell("x" if part == RESULTS else ""), Cell(first.get("department") or "")],
        [
            Cell(
                f"Produktgruppe/Investitionsauftrag: {first.get('product_group')}" if first.get("product_group") else ""
            )
        ],
    ]
    for index, line in enumerate(lines):
        extra = side[index] if index < len(side) else []
        extra = extra + [Cell("")] * (3 - len(extra))
        rows.append(
            [
                Cell(format_euro(line.get("available")), amount=True),
                Cell(str(line.get("year"))),
                Cell(format_euro(line.get("required")), amount=True),
                *extra,
            ]
        )
    rows.append([Cell(""), Cell("spätere"), Cell(""), Cell(""), Cell(""), Cell("")])
    rows.append(
        [
            Cell(format_euro(financing.get("available")), amount=True, bold=True),
            Cell("Summe", bold=True),
            Cell(format_euro(financing.get("required")), amount=True, bold=True),
            Cell(""),
            Cell(""),
            Cell(""),
        ]
    )
    remarks: list[str] = []
    for line in lines:
        for key in ("remark", "carry_over_remark", "coverage_proposal"):
            if line.get(key) and line[key] not in remarks:
                remarks.append(line[key])
    rows.append(
        [
            Cell(" ".join(remarks), span=3, label="Bemerkungen / Deckungsvorschlag:"),
            Cell(" ".join(account_labels(lines)), span=3, label="Bezeichnung:"),
        ]
    )
    return rows
