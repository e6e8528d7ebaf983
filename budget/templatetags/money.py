from django import template

from budget.money import format_euro

register = template.Library()


@register.filter
def euro(amount):
    """{{ amount|euro }} → 72.577 €"""
    return format_euro(amount)
