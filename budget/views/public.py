"""Public pages of the budget: the financing table as the committee paper prints it, with its bar chart, and the
table as CSV and XLSX."""

from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from budget.charts import bar_chart
from budget.selectors import financing_table, financing_table_with_sources
from budget.tables import financing_rows
from budget.views.exports import export
from projects.models import Strategy


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


class PublicFinancesExportView(View):
    """Public, like /finanzen/: the featured strategy's financing table."""

    def get(self, request, format):
        strategy = Strategy.objects.filter(is_featured=True).first()
        if strategy is None:
            raise Http404("No strategy has been published yet.")
        return export(format, _("financing"), strategy, financing_rows(financing_table(strategy)))


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
