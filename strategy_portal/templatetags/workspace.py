from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.db.models import Field, ForeignObjectRel, Model
from django.urls import reverse

from strategy_portal.display import display_value, readable_value
from strategy_portal.workspace import workspace_url

register = template.Library()


@register.simple_tag
def ws_url(model_or_object: Model | type[Model], action: str, *args: object) -> str:
    """{% ws_url project "update" %} → /arbeitsbereich/projekte/3/bearbeiten/"""
    return workspace_url(model_or_object, action, *args)


@register.simple_tag
def workspace_home_url() -> str:
    """{% workspace_home_url %} → /arbeitsbereich/ (the start page named in settings.WORKSPACE_HOME)"""
    return reverse(settings.WORKSPACE_HOME)


@register.filter
def cell(obj: Model, name: str) -> object:
    """A field of a list row or detail page, formatted the German way."""
    return readable_value(display_value(obj, name), obj._meta.get_field(name))


@register.filter
def readable(value: object, field: Field[Any, Any] | ForeignObjectRel | None = None) -> object:
    return readable_value(value, field)
