"""Filters for the committee paper's content dict: its amounts and dates are strings, written the German way here."""

import datetime
from decimal import Decimal

from django import template
from django.utils import translation

from strategy_portal.formatting import format_euro

register = template.Library()

# "zur öffentlichen Sitzung des Ausschusses für Umwelt und Technik": the genitive of the body's first word.
GENITIVE = {"Ausschuss": "Ausschusses", "Kreistag": "Kreistags", "Verwaltungsausschuss": "Verwaltungsausschusses"}


@register.filter
def paper_euro(amount):
    """ "72577.00" → "72.577 €"; empty for nothing."""
    if amount in (None, ""):
        return ""
    with translation.override("de"):
        return format_euro(Decimal(amount))


@register.filter
def paper_date(value):
    """ "2025-05-26" → "26.05.2025"; empty for nothing."""
    if not value:
        return ""
    return datetime.date.fromisoformat(value[:10]).strftime("%d.%m.%Y")


@register.filter
def genitive(body):
    first, _space, rest = (body or "").partition(" ")
    return " ".join(part for part in (GENITIVE.get(first, first), rest) if part)


@register.filter
def account_labels(lines):
    """The Bezeichnung column: "2025: label", consecutive years with the same label as "2026 ff.: label"."""
    groups = []
    for line in lines:
        if not line.get("account_label"):
            continue
        if groups and groups[-1][1] == line["account_label"]:
            groups[-1][2] = True
        else:
            groups.append([line["year"], line["account_label"], False])
    return [f"{year}{' ff.' if more else ''}: {label}" for year, label, more in groups]
