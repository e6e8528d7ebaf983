"""An object's history (django-simple-history) as a change list a person can read."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django.db import models
from django.utils.translation import pgettext_lazy

from strategy_portal.display import readable_value

TYPES = {
    "+": pgettext_lazy("history", "created"),
    "~": pgettext_lazy("history", "changed"),
    "-": pgettext_lazy("history", "deleted"),
}
HIDDEN = {"modified", "version"}

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django_stubs_ext import StrOrPromise

    from strategy_portal.db import TimestampedModel


@dataclass
class Change:
    field: models.Field[Any, Any] | StrOrPromise  # the model field, until _resolve_related names it
    old: object
    new: object


@dataclass
class Entry:
    history_id: int
    date: datetime.datetime
    user: AbstractBaseUser | None
    kind: StrOrPromise
    reason: str
    changes: list[Change]
    is_current: bool


def history_entries(obj: TimestampedModel, limit: int = 50, hidden: Iterable[str] = ()) -> list[Entry]:
    """The newest `limit` versions of `obj`, each with what changed against the one before (two queries + one per
    kind of related object that changed); changes of the fields `hidden` are left out."""
    excluded = HIDDEN.union(hidden)
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = _changes(record, previous, excluded) if previous is not None and record.history_type == "~" else []
        entries.append(
            Entry(
                history_id=record.history_id,
                date=record.history_date,
                user=record.history_user,
                kind=TYPES.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
                is_current=index == 0,
            )
        )
    _resolve_related(obj._meta.model, entries)
    return entries


def _changes(record: Any, previous: Any, excluded: Iterable[str] = HIDDEN) -> list[Change]:
    opts = record.instance_type._meta
    delta = record.diff_against(previous, excluded_fields=list(excluded))
    return [Change(opts.get_field(change.field), change.old, change.new) for change in delta.changes]


def _resolve_related(model: type[models.Model], entries: list[Entry]) -> None:
    """Show related objects by name, not id: one query per related model that appears in the changes."""
    ids: dict[models.ForeignKey[Any, Any], set[Any]] = {}
    for entry in entries:
        for change in entry.changes:
            if isinstance(change.field, models.ForeignKey):
                ids.setdefault(change.field, set()).update(v for v in (change.old, change.new) if v is not None)
    names = {field: field.related_model._default_manager.in_bulk(values) for field, values in ids.items()}
    for entry in entries:
        for change in entry.changes:
            field = cast(models.Field, change.field)  # each change is resolved once, so still the model field
            if field in names:
                change.old, change.new = (
                    names[field].get(change.old, change.old),
                    names[field].get(change.new, change.new),
                )
            elif field.choices:
                labels = dict(field.flatchoices)
                change.old, change.new = labels.get(change.old, change.old), labels.get(change.new, change.new)
            # Formatted while the field is known: an amount in euros with its cents.
            change.old, change.new = (
                readable_value(change.old, field, cents=True),
                readable_value(change.new, field, cents=True),
            )
            change.field = field.verbose_name


def changes_since(obj: TimestampedModel, version: int) -> tuple[AbstractBaseUser | None, list[Change]]:
    """What changed in `obj` since it had `version`, and who changed it last (for a refused stale save)."""
    seen = obj.history.filter(version=version).order_by("-history_date", "-history_id").first()
    latest = obj.history.select_related("history_user").order_by("-history_date", "-history_id").first()
    if latest is None:
        return None, []
    if seen is None:  # a row written without its history (by a migration): who, but not what
        return latest.history_user, []
    entry = Entry(latest.history_id, latest.history_date, latest.history_user, "", "", _changes(latest, seen), True)
    _resolve_related(obj._meta.model, [entry])
    return latest.history_user, entry.changes
