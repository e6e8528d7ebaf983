"""The Strategiehaus, the picture on the start page: the strategic goals are the roof, the action fields its
pillars, the strategy the foundation. Coordinates and wrapped lines for the SVG templates
(projects/_strategiehaus.svg.html); it reads only the goals and focus areas the view prefetched.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from projects.models import ActionField, StrategicGoal, Strategy
from projects.selectors.rollup import Rollup

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

T = TypeVar("T")
# A box of the picture (a goal or a pillar) for the SVG template, filled in two steps: laid out in its row, then
# placed once the rows' heights are known.
Box = dict[str, Any]
Line = tuple[str, int, str]  # (css class, indent, text) of a pillar's text


class GoalProgress(TypedDict):
    progress: Rollup  # the goal's progress roll-up, which the view attaches


class FieldProgress(TypedDict):
    progress: Rollup
    public_project_count: int  # how many projects a visitor sees, which the view attaches


class ProgressBar(TypedDict):
    label: str
    text_y: float
    x: float
    y: float
    width: float
    filled: float
    percent: int


if TYPE_CHECKING:
    ShownGoal = WithAnnotations[StrategicGoal, GoalProgress]
    ShownField = WithAnnotations[ActionField, FieldProgress]


def project_count_label(count: int) -> str:
    if not count:
        return _("No project yet")
    return ngettext("%(counter)s project", "%(counter)s projects", count) % {"counter": count}


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


def wrap(text: str, chars: int) -> list[str]:
    return textwrap.wrap(text, chars, break_long_words=False, break_on_hyphens=False) or [""]


def grid(items: Iterable[T], columns: int, inner_width: float, x0: float) -> Iterator[tuple[int, float, float, T]]:
    """Place items in rows of `columns` boxes across `inner_width`; yields (row, x, width, item)."""
    width = (inner_width - (columns - 1) * GAP) / columns
    for index, item in enumerate(items):
        yield index // columns, x0 + (index % columns) * (width + GAP), width, item


def goal_boxes(goals: Iterable[ShownGoal], shape: HouseShape, top: float) -> tuple[list[Box], float]:
    """The roof's goal boxes, each with its wrapped statement; returns the boxes and the roof's height."""
    boxes: list[Box] = []
    row_heights: dict[int, float] = {}
    for row, x, width, goal in grid(goals, shape.goal_columns, shape.width - 2 * (MARGIN + PAD), MARGIN + PAD):
        lines = wrap(goal.statement, shape.goal_chars)
        row_heights[row] = max(
            row_heights.get(row, 0), PAD + GOAL_HEAD + len(lines) * GOAL_LINE + GOAL_PROGRESS_GAP + PROGRESS_BLOCK + PAD
        )
        boxes.append({"goal": goal, "row": row, "x": x, "width": width, "lines": lines})
    y = top + PAD
    row_tops: dict[int, float] = {}
    for row in sorted(row_heights):
        row_tops[row] = y
        y += row_heights[row] + GAP
    for box in boxes:
        place_goal(box, row_tops[box["row"]], row_heights[box["row"]])
    return boxes, (y - GAP + PAD - top) if boxes else 2 * PAD


def place_goal(box: Box, top: float, height: float) -> None:
    box.update(y=top, height=height, center=box["x"] + box["width"] / 2, head_y=top + PAD + 15)
    first = top + PAD + GOAL_HEAD + 14
    box["lines"] = [(first + i * GOAL_LINE, line) for i, line in enumerate(box["lines"])]
    box["url"] = reverse("projects:public-goal", args=[box["goal"].number])
    bar_y = top + height - PAD - PROGRESS_BAR
    box["progress"] = progress_bar(box["goal"].progress, box["x"] + PAD, box["width"] - 2 * PAD, bar_y)


def progress_bar(rollup: Rollup, x: float, width: float, y: float) -> ProgressBar | None:
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


def progress_label(percent: int) -> str:
    return _("Progress: %(percent)s %%") % {"percent": percent}


def field_text(field: ActionField, shape: HouseShape) -> list[Line]:
    """The lines of a pillar, top to bottom, as (css class, indent, text)."""
    lines: list[Line] = [("sh-field-number", 0, _("Action field %(number)s") % {"number": field.number})]
    lines += [("sh-field-title", 0, line) for line in wrap(field.short_title or field.title, shape.title_chars)]
    for area in field.focus_areas.all():
        for i, line in enumerate(wrap(area.title, shape.focus_chars - 2)):
            lines.append(("sh-focus", 0 if i == 0 else 1, ("• " if i == 0 else "") + line))
    return lines


def line_height(css_class: str) -> int:
    return {"sh-field-number": FIELD_HEAD, "sh-field-title": TITLE_LINE}.get(css_class, FOCUS_LINE)


def pillars(fields: Iterable[ShownField], shape: HouseShape, top: float) -> tuple[list[Box], float]:
    """The pillars with their texts and counts; returns them and the height of all pillar rows."""
    items: list[Box] = []
    row_heights: dict[int, float] = {}
    for row, x, width, field in grid(fields, shape.field_columns, shape.width - 2 * MARGIN, MARGIN):
        lines = field_text(field, shape)
        height = PAD + sum(line_height(css) for css, _indent, _text in lines) + 6 + PROGRESS_BLOCK + COUNT_BLOCK
        row_heights[row] = max(row_heights.get(row, 0), height)
        items.append({"field": field, "row": row, "x": x, "width": width, "lines": lines})
    y = top
    row_tops: dict[int, float] = {}
    for row in sorted(row_heights):
        row_tops[row] = y
        y += row_heights[row] + GAP
    for pillar in items:
        place_pillar(pillar, row_tops[pillar["row"]], row_heights[pillar["row"]])
    return items, (y - GAP - top) if items else 0


def place_pillar(pillar: Box, top: float, height: float) -> None:
    field = pillar["field"]
    y = top + PAD
    placed: list[dict[str, Any]] = []
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


def goals_label(numbers: Sequence[str]) -> str:
    """ "Ziel 1", "Ziele 1, 3" or nothing."""
    if not numbers:
        return ""
    return ngettext("Goal %(numbers)s", "Goals %(numbers)s", len(numbers)) % {"numbers": ", ".join(numbers)}


def strategiehaus(
    strategy: Strategy, goals: Iterable[ShownGoal], fields: Iterable[ShownField], shape: HouseShape
) -> dict[str, Any]:
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
