from django import template

from strategy_portal.workspace import display_value, readable_value, workspace_url

register = template.Library()


@register.simple_tag
def ws_url(model_or_object, action, *args):
    """{% ws_url project "update" %} → /arbeitsbereich/projekte/3/bearbeiten/"""
    return workspace_url(model_or_object, action, *args)


@register.filter
def cell(obj, name):
    """A field of a list row or detail page, formatted the German way."""
    return readable_value(display_value(obj, name), obj._meta.get_field(name))


@register.filter
def readable(value, field=None):
    return readable_value(value, field)
