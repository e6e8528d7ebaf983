"""What the apps above accounts let an administrator assign to a user, such as a project lead's projects.

accounts knows no app above it: an app registers an `Assignment` in its AppConfig.ready(), and the user form, the
user's page and the account page show it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import Model, QuerySet

from accounts.models import User
from strategy_portal.db import ArchivableModel

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Assignment:
    name: str  # the form field's name
    label: StrOrPromise
    empty_text: StrOrPromise  # shown on the user's page when nothing is assigned
    field: Callable[[User], forms.Field]  # the form field for editing `user`'s assignment
    # The records are of the registering app's model.
    assigned: Callable[[User], QuerySet[Any]]  # what `user` is assigned to (archived records too)
    assign: Callable[[User, QuerySet[Any]], None]  # replaces `user`'s assignment with the chosen records


_ASSIGNMENTS: list[Assignment] = []


def register_assignment(assignment: Assignment) -> None:
    _ASSIGNMENTS.append(assignment)


def assignments() -> list[Assignment]:
    return list(_ASSIGNMENTS)


def assigned_to(user: User, *, include_archived: bool) -> list[tuple[Assignment, list[Model]]]:
    """Each assignment with the records `user` is assigned to (one query each)."""
    rows = []
    for assignment in _ASSIGNMENTS:
        records = assignment.assigned(user)
        if not include_archived:
            records = records.filter(is_archived=False) if issubclass(records.model, ArchivableModel) else records
        rows.append((assignment, list(records)))
    return rows
