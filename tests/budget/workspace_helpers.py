"""What the tests of the budget pages in the workspace share: their addresses, German messages and form data."""

from django.urls import reverse

from budget.models import BudgetLine

NEGATIVE = "Der Betrag darf nicht negativ sein."
THREE_DECIMALS = "Bitte sicherstellen, dass der Wert höchstens 2 Dezimalstellen enthält."

LINE_LIST = reverse("budget:budgetline-list")
LINE_CREATE = reverse("budget:budgetline-create")


def line_data(line=None, sources=(), **changes):
    """The POST of the budget line form as the browser sends it, with `sources` as new funding source rows."""
    data = {
        "strategy": line.strategy_id if line else "",
        "year": line.year if line else "",
        "budget_part": line.budget_part if line else BudgetLine.BudgetPart.RESULTS,
        "product_group": "1110",
        "department": "L-01",
        "account_label": "Aufwendungen für sonstige Sach- und Dienstleistungen",
        "required_amount": line.required_amount if line else "",
    }
    existing = list(line.sources.all()) if line else []
    rows = [{"id": s.pk, "kind": s.kind, "amount": s.amount, "origin_year": s.origin_year or ""} for s in existing]
    rows += list(sources)
    data |= {"fundingsource-TOTAL_FORMS": len(rows), "fundingsource-INITIAL_FORMS": len(existing)}
    for index, row in enumerate(rows):
        data |= {f"fundingsource-{index}-{key}": value for key, value in row.items()}
    return data | changes


def field_errors(response, name, formset=None):
    form = response.context["formsets"][0].forms[formset] if formset is not None else response.context["form"]
    return form.errors.get(name, [])
