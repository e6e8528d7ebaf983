"""The public strategy pages: the start page with the Strategiehaus, a strategic goal, an action field.

Everything is read from the featured strategy. Projects come through `Project.objects.for_public(user)`: anonymous
visitors see published, non-archived projects; committee members and staff internal ones too; nobody archived ones.
Each page runs a fixed number of queries however many projects there are.
"""

import textwrap
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from projects.models import Project, Strategy
from projects.priorities import Rollup, progress_rollup, weighted_projects
from projects.strategy_views import figure_label
from stakeholders.models import ParticipationEvent
from strategy_portal.pagination import paginate


def featured_strategy_or_404():
    return get_object_or_404(Strategy, is_featured=True)


def public_events():
    return ParticipationEvent.objects.filter(is_archived=False).order_by("start_date", "pk")


def project_count_label(count):
    if not count:
        return _("No project yet")
    return ngettext("%(counter)s project", "%(counter)s projects", count) % {"counter": count}


def projects_query(user, annotate=None, **filters):
    """The projects a visitor may see, with the newest status report's state annotated."""
    return (
        Project.objects.for_public(user)
        .annotate(**(annotate or {}))
        .filter(**filters)
        .select_related("action_field")
        .with_latest_report()
        .order_by("action_field__number", "number")
    )


def projects_for_page(user, annotate=None, **filters):
    """`projects_query` as a list (one query)."""
    return list(projects_query(user, annotate, **filters))


# The Strategiehaus ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HouseShape:
    """How the Strategiehaus is laid out: one wide picture for large screens, one narrow for phones.

    The picture scales with its viewBox; widths are in viewBox units, line lengths in characters that fit a box at
    the picture's font sizes (text in SVG does not wrap by itself, so it is wrapped here)."""

    name: str
    width: int
    goal_columns: int
    field_columns: int
    goal_chars: int
    title_chars: int
    focus_chars: int


WIDE = HouseShape("wide", width=1260, goal_columns=4, field_columns=6, goal_chars=34, title_chars=19, focus_chars=21)
NARROW = HouseShape("narrow", width=420, goal_columns=1, field_columns=2, goal_chars=44, title_chars=19, focus_chars=21)

MARGIN, GAP, PAD = 10, 10, 10
GABLE, BAND, FOUNDATION_LINE = 84, 34, 20
GOAL_HEAD, GOAL_LINE = 22, 19
FIELD_HEAD, TITLE_LINE, FOCUS_LINE, COUNT_BLOCK = 20, 20, 18, 54
# A progress line ("Fortschritt: 35 %") with a bar under it, at the foot of each goal box and pillar.
PROGRESS_BLOCK, PROGRESS_BAR, GOAL_PROGRESS_GAP = 34, 8, 6


def wrap(text, chars):
    return textwrap.wrap(text, chars, break_long_words=False, break_on_hyphens=False) or [""]


def grid(items, columns, inner_width, x0):
    """Place items in rows of `columns` boxes across `inner_width`; yields (row, x, width, item)."""
    width = (inner_width - (columns - 1) * GAP) / columns
    for index, item in enumerate(items):
        yield index // columns, x0 + (index % columns) * (width + GAP), width, item


def goal_boxes(goals, shape, top):
    """The roof's goal boxes, each with its wrapped statement; returns the boxes and the roof's height."""
    boxes, row_heights = [], {}
    for row, x, width, goal in grid(goals, shape.goal_columns, shape.width - 2 * (MARGIN + PAD), MARGIN + PAD):
        lines = wrap(goal.statement, shape.goal_chars)
        row_heights[row] = max(
            row_heights.get(row, 0), PAD + GOAL_HEAD + len(lines) * GOAL_LINE + GOAL_PROGRESS_GAP + PROGRESS_BLOCK + PAD
        )
        boxes.append({"goal": goal, "row": row, "x": x, "width": width, "lines": lines})
    y = top + PAD
    row_tops = {}
    for row in sorted(row_heights):
        row_tops[row] = y
        y += row_heights[row] + GAP
    for box in boxes:
        place_goal(box, row_tops[box["row"]], row_heights[box["row"]])
    return boxes, (y - GAP + PAD - top) if boxes else 2 * PAD


def place_goal(box, top, height):
    box.update(y=top, height=height, center=box["x"] + box["width"] / 2, head_y=top + PAD + 15)
    first = top + PAD + GOAL_HEAD + 14
    box["lines"] = [(first + i * GOAL_LINE, line) for i, line in enumerate(box["lines"])]
    box["url"] = reverse("projects:public-goal", args=[box["goal"].number])
    bar_y = top + height - PAD - PROGRESS_BAR
    box["progress"] = progress_bar(box["goal"].progress, box["x"] + PAD, box["width"] - 2 * PAD, bar_y)


def progress_bar(rollup, x, width, y):
    """The progress line and bar of a goal or pillar; None without projects. Reads the rollup only."""
    percent = rollup.percent
    if percent is None:
        return None
    return {
        "label": progress_label(percent),
        "text_y": y - 7,
        "x": x,
        "y": y,
        "width": width,
        "filled": width * percent / 100,
        "percent": percent,
    }


def progress_label(percent):
    return _("Progress: %(percent)s %%") % {"percent": percent}


def field_text(field, shape):
    """The lines of a pillar, top to bottom, as (css class, indent, text)."""
    lines = [("sh-field-number", 0, _("Action field %(number)s") % {"number": field.number})]
    lines += [("sh-field-title", 0, line) for line in wrap(field.short_title or field.title, shape.title_chars)]
    for area in field.focus_areas.all():
        for i, line in enumerate(wrap(area.title, shape.focus_chars - 2)):
            lines.append(("sh-focus", 0 if i == 0 else 1, ("• " if i == 0 else "") + line))
    return lines


def line_height(css_class):
    return {"sh-field-number": FIELD_HEAD, "sh-field-title": TITLE_LINE}.get(css_class, FOCUS_LINE)


def pillars(fields, shape, top):
    """The pillars with their texts and counts; returns them and the height of all pillar rows."""
    items, row_heights = [], {}
    for row, x, width, field in grid(fields, shape.field_columns, shape.width - 2 * MARGIN, MARGIN):
        lines = field_text(field, shape)
        height = PAD + sum(line_height(css) for css, _indent, _text in lines) + 6 + PROGRESS_BLOCK + COUNT_BLOCK
        row_heights[row] = max(row_heights.get(row, 0), height)
        items.append({"field": field, "row": row, "x": x, "width": width, "lines": lines})
    y, row_tops = top, {}
    for row in sorted(row_heights):
        row_tops[row] = y
        y += row_heights[row] + GAP
    for pillar in items:
        place_pillar(pillar, row_tops[pillar["row"]], row_heights[pillar["row"]])
    return items, (y - GAP - top) if items else 0


def place_pillar(pillar, top, height):
    field = pillar["field"]
    y, placed = top + PAD, []
    for css, indent, text in pillar["lines"]:
        y += line_height(css)
        placed.append({"css": css, "x": pillar["x"] + PAD + indent * 12, "y": y - 5, "text": text})
    numbers = [str(goal.number) for goal in field.goals.all()]
    pillar.update(
        y=top,
        height=height,
        lines=placed,
        url=reverse("projects:public-actionfield", args=[field.slug]),
        count_label=project_count_label(field.public_project_count),
        count_y=top + height - PAD - 4,
        goals_label=goals_label(numbers),
        goals_y=top + height - PAD - 24,
        progress=progress_bar(field.progress, pillar["x"] + PAD, pillar["width"] - 2 * PAD, top + height - PAD - 52),
    )


def goals_label(numbers):
    """ "Ziel 1", "Ziele 1, 3" or nothing."""
    if not numbers:
        return ""
    return ngettext("Goal %(numbers)s", "Goals %(numbers)s", len(numbers)) % {"numbers": ", ".join(numbers)}


def strategiehaus(strategy, goals, fields, shape):
    """Coordinates for the Strategiehaus picture: the goals are the roof, the action fields its pillars, the strategy
    the foundation. Reads the fields' prefetched goals and focus areas."""
    width = shape.width
    roof_top = MARGIN + GABLE
    goals_laid, roof_height = goal_boxes(goals, shape, roof_top)
    band_top = roof_top + roof_height + GAP
    pillars_top = band_top + BAND + GAP
    pillars_laid, pillars_height = pillars(fields, shape, pillars_top)
    foundation_top = pillars_top + pillars_height + GAP
    foundation_lines = wrap(strategy.title, int((width - 2 * (MARGIN + PAD)) / 8.5))
    foundation_height = 2 * PAD + len(foundation_lines) * FOUNDATION_LINE
    return {
        "shape": shape.name,
        "width": width,
        "height": foundation_top + foundation_height + MARGIN,
        "center": width / 2,
        "gable_points": f"{MARGIN},{roof_top} {width / 2},{MARGIN} {width - MARGIN},{roof_top}",
        "gable_label_y": roof_top - 20,
        "roof": {"x": MARGIN, "y": roof_top, "width": width - 2 * MARGIN, "height": roof_height},
        "goals": goals_laid,
        "band": {"x": MARGIN, "y": band_top, "width": width - 2 * MARGIN, "label_y": band_top + BAND / 2 + 6},
        "pillars": pillars_laid,
        "foundation": {
            "x": MARGIN,
            "y": foundation_top,
            "width": width - 2 * MARGIN,
            "height": foundation_height,
            "lines": [
                (foundation_top + PAD + 15 + i * FOUNDATION_LINE, line) for i, line in enumerate(foundation_lines)
            ],
        },
    }


# Pages ---------------------------------------------------------------------------------------------------------------


def status_figures(counts):
    """Projects per status in lifecycle order, only the statuses that occur."""
    return [
        {"status": status, "label": status.label, "count": counts[status]}
        for status in Project.Status
        if counts.get(status)
    ]


class HomeView(TemplateView):
    """Public: the featured strategy at a glance — the Strategiehaus, key figures and the process with its events."""

    template_name = "projects/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        strategy = Strategy.objects.filter(is_featured=True).first()
        if strategy is not None:
            context.update(self.strategy_context(strategy))
        return context

    def strategy_context(self, strategy):
        by_field, by_status = self.project_counts(strategy)
        goals = list(strategy.goals.all())
        fields = list(strategy.action_fields.prefetch_related("focus_areas", "goals"))
        progress = progress_rollup(strategy, Project.objects.for_public(self.request.user))
        for field in fields:
            field.public_project_count = by_field[field.pk]
            field.progress = progress.for_field(field.pk)
        for goal in goals:
            goal.progress = progress.for_goal(goal.pk)
        phases = list(strategy.phases.prefetch_related(Prefetch("participation_events", queryset=public_events())))
        events = sorted(
            {event.pk: event for phase in phases for event in phase.participation_events.all()}.values(),
            key=lambda event: (event.start_date, event.pk),
        )
        return {
            "strategy": strategy,
            "goals": goals,
            "action_fields": fields,
            "houses": [strategiehaus(strategy, goals, fields, shape) for shape in (WIDE, NARROW)],
            "project_total": sum(by_status.values()),
            "status_figures": status_figures(by_status),
            "phases": phases,
            "events": events,
        }

    def project_counts(self, strategy):
        """Visible projects per action field and per status, from one grouped query."""
        rows = (
            Project.objects.for_public(self.request.user)
            .filter(strategy=strategy)
            .values("action_field", "status")
            .annotate(count=Count("pk"))
            .order_by()
        )
        by_field, by_status = Counter(), Counter()
        for row in rows:
            by_field[row["action_field"]] += row["count"]
            by_status[row["status"]] += row["count"]
        return by_field, by_status


# A goal page lists the first projects of each action field serving it; the field's own page pages through all.
GOAL_PROJECTS_PER_FIELD = 10


def first_projects_per_field(user, strategy, fields):
    """One query: up to GOAL_PROJECTS_PER_FIELD projects of each of `fields`, by number, as `projects_for_page`."""
    return projects_for_page(
        user,
        strategy=strategy,
        action_field__in=fields,
        field_rank__lte=GOAL_PROJECTS_PER_FIELD,
        annotate={"field_rank": Window(RowNumber(), partition_by=F("action_field"), order_by=[F("number"), F("pk")])},
    )


def project_counts_per_field(user, strategy, fields):
    """One query: how many projects the visitor may see in each of `fields`."""
    rows = (
        Project.objects.for_public(user)
        .filter(strategy=strategy, action_field__in=fields)
        .values("action_field")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return Counter({row["action_field"]: row["count"] for row in rows})


class PublicGoalView(TemplateView):
    """Public: a strategic goal of the featured strategy, the action fields that serve it and their first projects
    (each field's page lists them all). The progress is summed in the database."""

    template_name = "projects/public_goal.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        strategy = featured_strategy_or_404()
        goals = list(strategy.goals.all())
        goal = next((goal for goal in goals if goal.number == self.kwargs["number"]), None)
        if goal is None:
            raise Http404(_("No such strategic goal."))
        user = self.request.user
        fields = list(goal.action_fields.prefetch_related("focus_areas"))
        by_field = defaultdict(list)
        for project in first_projects_per_field(user, strategy, fields):
            by_field[project.action_field_id].append(project)
        counts = project_counts_per_field(user, strategy, fields)
        progress = progress_rollup(strategy, Project.objects.for_public(user))
        for field in fields:
            field.public_projects = by_field[field.pk]
            field.public_project_count = counts[field.pk]
            field.progress = progress.for_field(field.pk)
        context.update(
            strategy=strategy, goal=goal, goals=goals, action_fields=fields, progress=progress.for_goal(goal.pk)
        )
        return context


class PublicActionFieldView(TemplateView):
    """Public: an action field of the featured strategy with the goals it serves, its focus areas, the findings that
    support it and its projects, 25 a page; the weighting table shows the page's projects, the progress all."""

    template_name = "projects/public_actionfield.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        strategy = featured_strategy_or_404()
        fields = list(strategy.action_fields.all())
        field = next((field for field in fields if field.slug == self.kwargs["slug"]), None)
        if field is None:
            raise Http404(_("No such action field."))
        findings = list(field.findings.select_related("event").order_by("number"))
        for finding in findings:
            finding.figure_label = figure_label(finding)
        context.update(
            strategy=strategy,
            field=field,
            action_fields=fields,
            goals=list(field.goals.all()),
            focus_areas=list(field.focus_areas.all()),
            findings=findings,
            events=list(public_events().filter(action_fields=field)),
            **self.projects_context(strategy, field),
        )
        return context

    def projects_context(self, strategy, field):
        user = self.request.user
        visible = Project.objects.for_public(user).filter(action_field=field)
        pages = paginate(
            self.request,
            projects_query(user, strategy=strategy, action_field=field).order_by("number", "pk"),
            anchor="projects-heading",
        )
        projects = list(pages.rows)
        total = progress_rollup(strategy, visible).for_field(field.pk)
        items = weighted_projects(strategy, visible.filter(pk__in=[project.pk for project in projects]))
        return {
            "pages": pages,
            "projects": projects,
            "progress": Rollup(total.weighted, total.weights, tuple(items)),
        }
