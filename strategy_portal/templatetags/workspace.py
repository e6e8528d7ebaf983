from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.db.models import Field, ForeignObjectRel, Model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html_join

from strategy_portal.display import display_value, readable_value
from strategy_portal.sections import DETAIL, sections_of
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


@register.simple_tag(takes_context=True)
def sections(context: template.Context, obj: Model, slot: str = DETAIL) -> str:
    """{% sections object %}: the sections that apps above register for `obj`'s page (strategy_portal/sections.py)."""
    request = context["request"]
    rendered = (render_to_string(name, data, request=request) for name, data in sections_of(obj, request, slot))
    return format_html_join("", "{}", ((html,) for html in rendered))  # each is safe HTML, rendered by a template


@register.filter
def cell(obj: Model, name: str) -> object:
    """A field of a list row or detail page, formatted the German way."""
    return readable_value(display_value(obj, name), obj._meta.get_field(name))


@register.filter
def readable(value: object, field: Field[Any, Any] | ForeignObjectRel | None = None) -> object:
    return readable_value(value, field)
