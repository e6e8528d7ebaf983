import datetime
from decimal import Decimal

from django import template
from django.utils.formats import date_format

from budget.money import format_euro
from strategy_portal.db import MoneyField
from strategy_portal.workspace import display_value, workspace_url

register = template.Library()


@register.simple_tag
def ws_url(model_or_object, action, *args):
    """{% ws_url project "update" %} → /arbeitsbereich/projekte/3/bearbeiten/"""
    return workspace_url(model_or_object, action, *args)


@register.filter
def cell(obj, name):
    """A field of a list row or detail page, formatted the German way."""
    value = display_value(obj, name)
    return readable(value, obj._meta.get_field(name))


@register.filter
def readable(value, field=None):
    if value is None or value == "":
        return "–"
    if isinstance(field, MoneyField) and isinstance(value, Decimal):
        return format_euro(value)
    if isinstance(value, datetime.datetime):
        return date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return value
