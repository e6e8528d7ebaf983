"""Sections that an app adds to a page of a record of an app below it: the projects an organisation leads on the
organisation's workspace page, the money allocated to a project on its public page. The lower app knows no app above
it, so the upper one registers the section in its AppConfig.ready(), and the lower app's template leaves a slot for
it: `{% sections object %}` (the workspace detail page's slot, templates/workspace/detail.html) or
`{% sections object "public-project-facts" %}`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Model
from django.http import HttpRequest

M = TypeVar("M", bound=Model)
DETAIL = "detail"  # the slot after a workspace detail page's fields


@dataclass(frozen=True)
class Section:
    template_name: str
    # (the record, the request) → the template's context; reads a few queries, never one per row
    context: Callable[[Any, HttpRequest], dict]


_SECTIONS: dict[tuple[type[Model], str], list[Section]] = {}


def register_section(
    model: type[M],
    template_name: str,
    context: Callable[[M, HttpRequest], dict],
    *,
    slot: str = DETAIL,
) -> None:
    _SECTIONS.setdefault((model, slot), []).append(Section(template_name, context))


def sections_of(obj: Model, request: HttpRequest, slot: str = DETAIL) -> list[tuple[str, dict]]:
    """The template and context of each section registered for `obj`'s model in `slot`, in registration order."""
    return [(section.template_name, section.context(obj, request)) for section in _SECTIONS.get((type(obj), slot), [])]
