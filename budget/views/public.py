"""Public pages of the budget: the financing table as the committee paper prints it, and its bar chart."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from strategy_portal.formatting import format_euro
from budget.selectors import financing_table_with_sources
from projects.models import Strategy

# Chart geometry in SVG user units; the SVG scales to its container and keeps these proportions.
CHART_WIDTH = 560
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
    def legend_text_x(self):
        return self.legend_x + 20

    @property
    def legend_text_y(self):
        return self.legend_y + 12


@dataclass(frozen=True)
class Bar:
    series: Series
    value: Decimal
    text: str
    y: float
    width: float

    @property
    def text_x(self):
        return round(LABEL_WIDTH + self.width + 6, 1)

    @property
    def text_y(self):
        return self.y + BAR_HEIGHT - 5


@dataclass(frozen=True)
class BarGroup:
    label: str
    y: float
    height: float
    bars: list

    @property
    def label_y(self):
        return self.y + self.height / 2 + 5


@dataclass(frozen=True)
class BarChart:
    """A horizontal grouped bar chart, drawn by budget/_bar_chart.svg.html. Values come in; only geometry is made."""

    chart_id: str
    title: str
    description: str
    series: list
    groups: list
    height: float
    plot_top: float
    plot_x: float = LABEL_WIDTH
    width: float = CHART_WIDTH
    bar_height: float = BAR_HEIGHT

    @property
    def label_x(self):
        return self.plot_x - 8

    @property
    def axis_top(self):
        return self.plot_top - 4

    @property
    def axis_bottom(self):
        return self.height - GROUP_GAP + 4


def bar_chart(chart_id, title, series, rows):
    """`series`: [(label, css_class)], `rows`: [(category label, [one value per series])] → a `BarChart`."""
    series = _legend(series)
    plot_top = series[-1].legend_y + LEGEND_ROW_HEIGHT + 8 if series else 0
    plot_width = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    largest = max((value for _label, values in rows for value in values), default=0) or 1
    groups, y = [], plot_top
    for label, values in rows:
        bars = [
            Bar(
                entry,
                value,
                format_euro(value),
                y + index * (BAR_HEIGHT + BAR_GAP),
                (Decimal(value) / Decimal(largest) * plot_width).quantize(Decimal("0.1")),  # SVG width, no float
            )
            for index, (entry, value) in enumerate(zip(series, values, strict=True))
        ]
        height = len(bars) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
        groups.append(BarGroup(str(label), y, height, bars))
        y += height + GROUP_GAP
    return BarChart(chart_id, str(title), _describe(groups), series, groups, height=y, plot_top=plot_top)


def _legend(series):
    """Legend entries side by side above the bars, wrapping into another row where the chart is too narrow."""
    result, x, y = [], LABEL_WIDTH, 6
    for label, css_class in series:
        width = 24 + len(str(label)) * LEGEND_CHAR_WIDTH
        if x > LABEL_WIDTH and x + width > CHART_WIDTH:
            x, y = LABEL_WIDTH, y + LEGEND_ROW_HEIGHT
        result.append(Series(str(label), css_class, x, y))
        x += width
    return result


def _describe(groups):
    """The chart as one sentence per category, for screen readers: "2025: Verfügbares Budget 72.577 €, …"."""
    return "; ".join(
        f"{group.label}: " + ", ".join(f"{bar.series.label} {bar.text}" for bar in group.bars) for group in groups
    )


class PublicFinancesView(TemplateView):
    """Public: the featured strategy's financing table as in the committee paper, its funding sources and a chart."""

    template_name = "budget/public_finances.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        strategy = Strategy.objects.filter(is_featured=True).first()
        if strategy is None:
            return context
        table = financing_table_with_sources(strategy)
        return context | {
            "strategy": strategy,
            "table": table,
            "budget_parts": _distinct(line.get_budget_part_display() for line in table.lines),
            "product_groups": _distinct(line.product_group for line in table.lines),
            "departments": _distinct(line.department for line in table.lines),
            "labels": account_label_ranges(table.lines),
            "notes": [line for line in table.lines if line.remark or line.coverage_proposal],
            "chart": financing_chart(table),
        }


def financing_chart(table):
    return bar_chart(
        "financing-chart",
        _("Available budget and required amount per year"),
        [(_("Available budget"), "bar-available"), (_("Required"), "bar-required")],
        [(line.year, [line.available_amount, line.required_amount]) for line in table.lines],
    )


def _distinct(values):
    """The different non-empty values, in order of appearance ("Ergebnishaushalt", or "1110")."""
    return list(dict.fromkeys(value for value in values if value))


@dataclass(frozen=True)
class LabelRange:
    first_year: int
    last_year: int
    label: str


def account_label_ranges(lines):
    """Consecutive years with the same account label as one range, as the paper writes "2026 ff.: …"."""
    ranges = []
    for line in lines:
        if not line.account_label:
            continue
        last = ranges[-1] if ranges else None
        if last and last.label == line.account_label and line.year in (last.last_year, last.last_year + 1):
            ranges[-1] = LabelRange(last.first_year, line.year, last.label)
        else:
            ranges.append(LabelRange(line.year, line.year, line.account_label))
    return ranges
