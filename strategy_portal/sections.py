"""Sections that an app adds to the workspace page of a record of an app below it: the projects an organisation
leads on the organisation's page, the documents of a meeting. The lower app knows no app above it, so the upper one
registers the section in its AppConfig.ready(), and ObjectDetailView renders it (templates/workspace/detail.html).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model
from django.http import HttpRequest


@dataclass(frozen=True)
class Section:
    template_name: str
    context: Callable[[Model, HttpRequest], dict]  # reads what the section shows: a few queries, never one per row


_SECTIONS: dict[type[Model], list[Section]] = {}


def register_section(model: type[Model], template_name: str, context: Callable[[Model, HttpRequest], dict]) -> None:
    _SECTIONS.setdefault(model, []).append(Section(template_name, context))


def sections_of(obj: Model, request: HttpRequest) -> list[tuple[str, dict]]:
    """The template and context of each section registered for `obj`'s model, in the order of registration."""
    return [(section.template_name, section.context(obj, request)) for section in _SECTIONS.get(type(obj), [])]
