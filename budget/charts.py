"""The budget's charts as SVG geometry, computed with Decimal like the money they draw: the grouped bar chart of the
public finances page and the dashboard (budget/_bar_chart.svg.html) and a year's burn-down (budget/burndown.html).
Values come in, only geometry is made; the SVG scales to its container and keeps these proportions. No queries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from strategy_portal.formatting import format_euro

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from budget.selectors import Burndown

CHART_WIDTH = 560  # of both charts, in SVG user units

# The bar chart -----------------------------------------------------------------------------------------------------
# The public finances page and the dashboard: a horizontal grouped bar chart.

LABEL_WIDTH = 52  # the category (year) labels left of the bars
VALUE_WIDTH = 92  # room right of the longest bar for its value ("132.577 €")
BAR_HEIGHT = 20
BAR_GAP = 4
GROUP_GAP = 14
LEGEND_ROW_HEIGHT = 22
LEGEND_CHAR_WIDTH = 8.5  # a generous average glyph width at 14px, to space the legend entries


@dataclass(frozen=True)
class Series:
    label: str
    css_class: str
    legend_x: float = 0
    legend_y: float = 0  # top of the colour swatch

    @property
    def legend_text_x(self) -> float:
        return self.legend_x + 20

    @property
    def legend_text_y(self) -> float:
        return self.legend_y + 12


@dataclass(frozen=True)
class Bar:
    series: Series
    value: Decimal
    text: str
    y: float
    width: Decimal  # computed from the amounts in Decimal, to a tenth

    @property
    def text_x(self) -> Decimal:
        return round(LABEL_WIDTH + self.width + 6, 1)

    @property
    def text_y(self) -> float:
        return self.y + BAR_HEIGHT - 5


@dataclass(frozen=True)
class BarGroup:
    label: str
    y: float
    height: float
    bars: list[Bar]

    @property
    def label_y(self) -> float:
        return self.y + self.height / 2 + 5


@dataclass(frozen=True)
class BarChart:
    """A horizontal grouped bar chart, drawn by budget/_bar_chart.svg.html. Values come in; only geometry is made."""

    chart_id: str
    title: str
    description: str
    series: list[Series]
    groups: list[BarGroup]
    height: float
    plot_top: float
    plot_x: float = LABEL_WIDTH
    width: float = CHART_WIDTH
    bar_height: float = BAR_HEIGHT

    @property
    def label_x(self) -> float:
        return self.plot_x - 8

    @property
    def axis_top(self) -> float:
        return self.plot_top - 4

    @property
    def axis_bottom(self) -> float:
        return self.height - GROUP_GAP + 4


def bar_chart(
    chart_id: str,
    title: StrOrPromise,
    series: Iterable[tuple[StrOrPromise, str]],
    rows: Sequence[tuple[object, Sequence[Decimal]]],
) -> BarChart:
    """`series`: [(label, css_class)], `rows`: [(category label, [one value per series])] → a `BarChart`."""
    legend = _legend(series)
    plot_top = legend[-1].legend_y + LEGEND_ROW_HEIGHT + 8 if legend else 0
    plot_width = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    largest = max((value for _label, values in rows for value in values), default=0) or 1
    groups: list[BarGroup] = []
    y: float = plot_top
    for label, values in rows:
        bars = [
            Bar(
                entry,
                value,
                format_euro(value),
                y + index * (BAR_HEIGHT + BAR_GAP),
                (Decimal(value) / Decimal(largest) * plot_width).quantize(Decimal("0.1")),  # SVG width, no float
            )
            for index, (entry, value) in enumerate(zip(legend, values, strict=True))
        ]
        height = len(bars) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
        groups.append(BarGroup(str(label), y, height, bars))
        y += height + GROUP_GAP
    return BarChart(chart_id, str(title), _describe_bars(groups), legend, groups, height=y, plot_top=plot_top)


def _legend(series: Iterable[tuple[StrOrPromise, str]]) -> list[Series]:
    """Legend entries side by side above the bars, wrapping into another row where the chart is too narrow."""
    result: list[Series] = []
    x: float = LABEL_WIDTH
    y: float = 6
    for label, css_class in series:
        width = 24 + len(str(label)) * LEGEND_CHAR_WIDTH
        if x > LABEL_WIDTH and x + width > CHART_WIDTH:
            x, y = LABEL_WIDTH, y + LEGEND_ROW_HEIGHT
        result.append(Series(str(label), css_class, x, y))
        x += width
    return result


def _describe_bars(groups: list[BarGroup]) -> str:
    """The chart as one sentence per category, for screen readers: "2025: Verfügbares Budget 72.577 €, …"."""
    return "; ".join(
        f"{group.label}: " + ", ".join(f"{bar.series.label} {bar.text}" for bar in group.bars) for group in groups
    )


# The burn-down chart ------------------------------------------------------------------------------------------------
# The workspace's burn-down of a year: remaining and spent money per month as lines.

CHART_HEIGHT = 280
PLOT_LEFT = 92  # room for the amounts on the value axis ("72.577 €")
PLOT_RIGHT = 16
PLOT_TOP = 40  # room for the legend
PLOT_BOTTOM = 32  # room for the month labels
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class ChartLine:
    label: str
    colour: str
    points: str  # "x,y x,y …" for <polyline>
    legend_x: int
    dashed: bool = False


@dataclass(frozen=True)
class AxisLabel:
    text: str
    x: Decimal | int
    y: Decimal | int


@dataclass(frozen=True)
class LineChart:
    chart_id: str
    title: str
    description: str
    lines: list[ChartLine]
    x_labels: list[AxisLabel]
    y_labels: list[AxisLabel]
    grid: list[Decimal]  # y of each value label's grid line
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    plot_left: int = PLOT_LEFT
    plot_right: int = CHART_WIDTH - PLOT_RIGHT
    plot_bottom: int = CHART_HEIGHT - PLOT_BOTTOM


def burndown_chart(table: Burndown) -> LineChart:
    """Remaining and spent-to-date per month as two lines over the months, with the available amount as a level."""
    values = [month.remaining for month in table.months] + [month.spent_to_date for month in table.months]
    low = min([*values, Decimal(0)])
    high = max([*values, table.available, Decimal(0)])
    scale = _Scale(low, high if high > low else low + 1)
    months = table.months
    series = [
        (_("Remaining"), "#0d3b66", [month.remaining for month in months], False),
        (_("Spent to date"), "#6a3d9a", [month.spent_to_date for month in months], False),
        (_("Available budget"), "#6c757d", [table.available] * len(months), True),
    ]
    lines: list[ChartLine] = []
    legend_x = PLOT_LEFT
    for label, colour, amounts, dashed in series:
        points = " ".join(f"{scale.x(index)},{scale.y(amount)}" for index, amount in enumerate(amounts))
        lines.append(ChartLine(label, colour, points, legend_x, dashed))
        legend_x += 28 + len(label) * 8
    levels = _spaced(sorted({low, Decimal(0), table.available, high}), scale)
    return LineChart(
        chart_id=f"burndown-{table.year}",
        title=_("Remaining and spent money in %(year)s, per month") % {"year": table.year},
        description=_describe_burndown(table),
        lines=lines,
        x_labels=[
            AxisLabel(date_format(month.month, "M"), scale.x(i), CHART_HEIGHT - 10) for i, month in enumerate(months)
        ],
        y_labels=[AxisLabel(format_euro(level), PLOT_LEFT - 8, scale.y(level) + 5) for level in levels],
        grid=[scale.y(level) for level in levels],
    )


@dataclass(frozen=True)
class _Scale:
    low: Decimal
    high: Decimal

    def x(self, index: int) -> Decimal:
        width = CHART_WIDTH - PLOT_LEFT - PLOT_RIGHT
        return _tenth(PLOT_LEFT + Decimal(width) * (2 * index + 1) / 24)  # the middle of the month's twelfth

    def y(self, amount: Decimal) -> Decimal:
        height = CHART_HEIGHT - PLOT_TOP - PLOT_BOTTOM
        return _tenth(PLOT_TOP + Decimal(height) * (self.high - amount) / (self.high - self.low))


def _spaced(levels: list[Decimal], scale: _Scale, gap: int = 16) -> list[Decimal]:
    """The value axis' labels, leaving out one that would overlap the one below it."""
    kept: list[Decimal] = []
    for level in levels:
        if not kept or scale.y(kept[-1]) - scale.y(level) >= gap:
            kept.append(level)
    return kept


def _tenth(value: Decimal) -> Decimal:
    return value.quantize(TENTH, rounding=ROUND_HALF_UP)


def _describe_burndown(table: Burndown) -> str:
    """The chart in one sentence, for screen readers; the table next to it holds every month's figures."""
    return _(
        "Available %(available)s, spent by the end of the year %(spent)s, remaining %(remaining)s. The table "
        "“Spending per month” holds the figures of each month."
    ) % {
        "available": format_euro(table.available),
        "spent": format_euro(table.spent),
        "remaining": format_euro(table.remaining),
    }
