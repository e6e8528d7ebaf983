"""{% load formatting %}: the template side of strategy_portal/formatting.py."""

import datetime
from decimal import Decimal

from django import template

from strategy_portal import formatting

register = template.Library()


@register.filter
def euro(amount: Decimal | int | str | None) -> str:
    """{{ amount|euro }} → 72.577 €"""
    return formatting.format_euro(amount)


@register.filter
def number(value: Decimal | int | float | str | None, places: int | str | None = None) -> str:
    """{{ value|number }} → 1.234,5; {{ value|number:2 }} → 1.234,50"""
    return formatting.format_number(value, None if places is None else int(places))


@register.filter
def german_date(value: datetime.date | str | None) -> str:
    """{{ "2025-05-26"|german_date }} → 26.05.2025"""
    return formatting.format_date(value)
