"""What the apps above accounts let an administrator assign to a user, such as a project lead's projects.

accounts knows no app above it: an app registers an `Assignment` in its AppConfig.ready(), and the user form, the
user's page and the account page show it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.db.models import QuerySet

from accounts.models import User
from strategy_portal.db import ArchivableModel


@dataclass(frozen=True)
class Assignment:
    name: str  # the form field's name
    label: str
    empty_text: str  # shown on the user's page when nothing is assigned
    field: Callable[[User], forms.Field]  # the form field for editing `user`'s assignment
    assigned: Callable[[User], QuerySet]  # what `user` is assigned to (archived records too)
    assign: Callable[[User, QuerySet], None]  # replaces `user`'s assignment with the chosen records


_ASSIGNMENTS: list[Assignment] = []


def register_assignment(assignment: Assignment) -> None:
    _ASSIGNMENTS.append(assignment)


def assignments() -> list[Assignment]:
    return list(_ASSIGNMENTS)


def assigned_to(user: User, *, include_archived: bool) -> list[tuple[Assignment, list]]:
    """Each assignment with the records `user` is assigned to (one query each)."""
    rows = []
    for assignment in _ASSIGNMENTS:
        records = assignment.assigned(user)
        if not include_archived:
            records = records.filter(is_archived=False) if issubclass(records.model, ArchivableModel) else records
        rows.append((assignment, list(records)))
    return rows
