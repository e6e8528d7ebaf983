"""Filters for the committee paper's content dict (amounts and dates are written with {% load formatting %})."""

from django import template

from reports import paper

register = template.Library()
register.filter("genitive", paper.genitive)
register.filter("account_labels", paper.account_labels)
register.filter("financing_table", paper.financing_table)
register.filter("change_sections", paper.change_sections)
