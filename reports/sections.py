"""The workspace's lists by section, as the workspace home and the exports page show them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.urls import NoReverseMatch
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from strategy_portal.workspace import workspace_url

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# The lists of the workspace, in the order staff meet them; each shows only to users who may see it.
SECTIONS = (
    (_("Strategy"), ["projects.strategy", "projects.phase", "projects.strategicgoal", "projects.actionfield"]),
    (_("Projects"), ["projects.project", "projects.statusreport", "projects.finding", "projects.externalinitiative"]),
    (
        _("Stakeholders"),
        [
            "stakeholders.organisation",
            "stakeholders.person",
            "stakeholders.body",
            "stakeholders.meeting",
            "stakeholders.participationevent",
        ],
    ),  # fmt: skip
    (_("Budget"), ["budget.budgetline", "budget.allocation", "budget.expenditure", "budget.externalfunding"]),
    (_("Reports"), ["reports.committeepaper"]),
    (_("Administration"), ["accounts.user"]),
)


def visible_sections(user: User | AnonymousUser) -> list[tuple[StrOrPromise, list[tuple[StrOrPromise, str]]]]:
    """The sections with the lists the user may view, as (title, [(name, list URL)]); empty sections left out."""
    result: list[tuple[StrOrPromise, list[tuple[StrOrPromise, str]]]] = []
    for title, labels in SECTIONS:
        links: list[tuple[StrOrPromise, str]] = []
        for model in map(apps.get_model, labels):
            opts = model._meta
            if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
                continue
            try:
                links.append((opts.verbose_name_plural, workspace_url(model, "list")))
            except NoReverseMatch:  # a model listed only on its parent's page, or without workspace pages (yet)
                continue
        if links:
            result.append((title, links))
    return result
