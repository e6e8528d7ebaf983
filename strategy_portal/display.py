"""A model field's value as a person reads it on workspace pages, in lists and in exports."""

import datetime
from decimal import Decimal

from django.db.models import Field, ForeignObjectRel, Model
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy

from strategy_portal.db import MoneyField
from strategy_portal.formatting import format_euro, format_number


def display_value(obj: Model, name: str) -> object:
    """A field's value as a person reads it: choice labels, related objects' names, Ja/Nein (the many-to-many
    names read the relation: prefetch it for a list)."""
    field = obj._meta.get_field(name)
    if field.many_to_many:
        return ", ".join(str(item) for item in getattr(obj, name).all())
    if isinstance(field, Field) and field.choices:  # a reverse relation has no choices
        return getattr(obj, f"get_{name}_display")()
    value = getattr(obj, name)
    if isinstance(value, bool):
        return gettext_lazy("yes") if value else gettext_lazy("no")
    return value


def readable_value(value: object, field: Field | ForeignObjectRel | None = None, *, cents: bool = False) -> object:
    """German formatting: short dates in Berlin time, euros for MoneyField (with `cents` always with cents, as one
    record's page shows its amounts: format_euro), German decimals ("1.234,5"), a dash for nothing.

    A whole number is written as typed: the fields holding one are years ("2025", never "2.025"), numbers that name
    something (project 1234) and small counts (staff days, participants), where 1200 is as German as 1.200."""
    if value is None or value == "":
        return "–"
    if isinstance(value, Decimal):
        return format_euro(value, cents=cents) if isinstance(field, MoneyField) else format_number(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # not the int, which the template would group
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return value
