"""Personal data on request (DSGVO): export everything stored about a person, or erase it.

Both are recorded in the admin log (who, what, when), so the office can show how it answered a request.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Field, Model, QuerySet, Value
from django.db.models.functions import Replace
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from accounts.models import User
from stakeholders.models import Membership, Organisation, Person
from stakeholders.personal_data import (
    anonymised_name,
    export_mentions,
    export_user_accounts,
    forget_mentions,
    mention_forms,
    personal_data_parts,
)
from strategy_portal.db import model_field

# The log keeps these in English, as Django's own log messages; the history shows them translated.
EXPORTED = gettext_noop("Personal data exported")
ERASED = gettext_noop("Personal data erased")
HISTORY_TYPES = {"+": "created", "~": "changed", "-": "deleted"}
MEMBERSHIP_FIELDS = ("id", "role", "function", "start_date", "end_date", "created", "modified")


@transaction.atomic
def export_personal_data(*, person: Person, user: User) -> dict[str, Any]:
    """Everything stored about `person`, ready for JSON, and a log entry of the export (reads the person's
    memberships and history, the parts the apps above register in personal_data.py (their projects, reminders and
    documents) and every other text in the database that names them or holds their e-mail address)."""
    data = {
        "exported_at": timezone.now(),
        "person": _values(person, Person._meta.concrete_fields),
        "organisation": _organisation(person.organisation),
        "memberships": [_membership(membership) for membership in person.memberships.select_related("body")],
        "membership_history": [_membership_version(record) for record in membership_history(person)],
        **{part.key: part.export(person) for part in personal_data_parts()},
        "mentions": export_mentions(person),
        "user_accounts": export_user_accounts(person),
        "history": [_history_row(record) for record in person_history(person).select_related("history_user")],
    }
    _log(user=user, person=person, message=EXPORTED)
    return data


@transaction.atomic
def erase_person(*, person: Person, user: User) -> Person:
    """Anonymise `person` and every earlier version of them, and let the apps above scrub their parts (the reminders'
    recipients); memberships and the links of the apps above (projects) stay and now point to the anonymised person.
    The admin log keeps the events, but no longer the name; any other text in the database that names them or holds
    their address (personal_data.mentions: free text, the admin log, the histories) is written anew without it."""
    forms = mention_forms(person)
    for part in personal_data_parts():
        if part.erase is not None:
            part.erase(person)
    memberships = list(person.memberships.select_related("body", "organisation"))
    named_before = [str(person), *(str(membership) for membership in memberships)]
    values = anonymised_values(person)
    for name, value in values.items():
        setattr(person, name, value)
    person._change_reason = gettext(ERASED)
    person.save()
    person_history(person).update(**values)
    for membership in memberships:
        membership.person = person
    _forget_in_log([person, *memberships], dict(zip(named_before, [str(person), *map(str, memberships)], strict=True)))
    forget_mentions(forms, person)
    _log(user=user, person=person, message=ERASED)
    return person


def _forget_in_log(objects: list[Model], renamed: dict[str, str]) -> None:
    """The admin log names the person and their seats (object_repr, and the change messages of the objects whose
    inlines changed a seat, stored as JSON): it keeps the events under the anonymised names."""
    for obj in objects:
        LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)).update(
            object_repr=str(obj)[:200]
        )
    for old, new in renamed.items():
        quoted = json.dumps(old)  # a whole JSON string, as Django's admin stores the object of an inline's change
        LogEntry.objects.filter(change_message__contains=quoted).update(
            change_message=Replace("change_message", Value(quoted), Value(json.dumps(new)))
        )


def anonymised_values(person: Person) -> dict[str, str | bool | None]:
    return {
        "name": anonymised_name(person),
        "given_name": "",
        "family_name": "",
        "public_function": "",
        "email": "",
        "phone": "",
        "notes": "",
        "consent_scope": "",
        "consent_date": None,
        "consent_covers_publication": False,
        "public_figure": False,
    }


def person_history(person: Person) -> QuerySet[Any]:  # of the historical model (django-simple-history)
    return Person.history.filter(id=person.pk).order_by("history_date", "history_id")


def _log(*, user: User, person: Person, message: str) -> None:
    LogEntry.objects.log_actions(user.pk, [person], CHANGE, change_message=message, single_object=True)


def _values(obj: Model, fields: Iterable[Field[Any, Any]]) -> dict[str, Any]:
    return {field.name: getattr(obj, field.attname) for field in fields}


def _organisation(organisation: Organisation | None) -> dict[str, Any] | None:
    if organisation is None:
        return None
    names = ("id", "name", "short_name", "category", "municipality")
    return _values(organisation, [model_field(organisation, name) for name in names])


def _membership(membership: Membership) -> dict[str, Any]:
    return {
        **_values(membership, [model_field(membership, name) for name in MEMBERSHIP_FIELDS]),
        "body": membership.body.name,
        "organisation_id": membership.organisation_id,
    }


def membership_history(person: Person) -> QuerySet[Any]:  # of the historical model: also the seats since deleted
    return Membership.history.filter(person_id=person.pk).order_by("history_date", "history_id")


def _membership_version(record: Any) -> dict[str, Any]:  # a historical Membership (django-simple-history)
    return {
        "history_id": record.history_id,
        "date": record.history_date,
        "type": HISTORY_TYPES.get(record.history_type, record.history_type),
        **_values(record, [model_field(record, name) for name in MEMBERSHIP_FIELDS]),
        "body_id": record.body_id,
        "organisation_id": record.organisation_id,
    }


def _history_row(record: Any) -> dict[str, Any]:  # a historical Person (django-simple-history)
    user = record.history_user
    return {
        "history_id": record.history_id,
        "date": record.history_date,
        "user": user.get_username() if user else None,
        "type": HISTORY_TYPES.get(record.history_type, record.history_type),
        "change_reason": record.history_change_reason or "",
        "fields": _values(record, Person._meta.concrete_fields),
    }
