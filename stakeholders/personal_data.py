"""What the apps above stakeholders hold about a person (the projects they are responsible for, the reminders sent to
them). Each registers its part in its AppConfig.ready(): the person's export (DSGVO Art. 15, services.py) then holds
it, the erasure (Art. 17) scrubs it, and the erasure's confirmation page says which of its links stay, without
stakeholders naming an app above it."""

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import CharField, JSONField, Model, Q, QuerySet, TextField, Value
from django.db.models.functions import Cast, Replace
from django.dispatch import Signal
from django.utils.translation import gettext, ngettext

from accounts.models import User
from stakeholders.models import Person

ANONYMISED_NAME = "Anonymisierte Person"
# The models that stakeholders itself exports and erases (services.py): the person and every earlier version of them,
# their seats in bodies and every earlier version of those (the seats stay, held by the anonymised person).
PERSON_MODELS = ("stakeholders.person", "stakeholders.historicalperson")
COVERED_BY_STAKEHOLDERS = (*PERSON_MODELS, "stakeholders.membership", "stakeholders.historicalmembership")


@dataclass(frozen=True)
class PersonalDataPart:
    key: str  # the part's key in the export, after the memberships
    export: Callable[[Person], Any]  # the part's data, ready for JSON (a query or two)
    kept_links: Callable[[Person], str]  # a sentence for the erasure page: what stays linked to the anonymised person
    erase: Callable[[Person], None] | None = None  # removes the person's data (called before the person is anonymised)
    models: tuple[str, ...] = ()  # the models ("app_label.model_name") with personal fields that the part covers


_PARTS: list[PersonalDataPart] = []


def register_personal_data(
    key: str,
    export: Callable[[Person], Any],
    kept_links: Callable[[Person], str],
    *,
    erase: Callable[[Person], None] | None = None,
    models: tuple[str, ...] = (),
) -> None:
    _PARTS.append(PersonalDataPart(key, export, kept_links, erase, models))


def personal_data_parts() -> list[PersonalDataPart]:
    """The registered parts, in the order of registration."""
    return list(_PARTS)


def covered_models() -> set[str]:
    """The models with personal fields that the export and the erasure cover."""
    return {*COVERED_BY_STAKEHOLDERS, *(label for part in _PARTS for label in part.models)}


# --- file names and titles that name the person (the documents' metadata of the apps above) ---------------------------


def anonymised_name(person: Person) -> str:
    """The name an erased person goes by from then on (a seat, a project link or a title still needs one)."""
    return f"{ANONYMISED_NAME} #{person.pk}"


NAME_SEPARATORS = (" ", "_", "-", "")  # "Erika Muster", "Erika_Muster.pdf", "Erika-Muster", "ErikaMuster"


def name_variants(person: Person) -> list[str]:
    """The person's name as it is written in titles and file names (at least two words, so that a short name alone
    never matches other text)."""
    words = person.name.split()
    if len(words) < 2:
        return []
    return list(dict.fromkeys(separator.join(words) for separator in NAME_SEPARATORS))


def naming(model: type[Model], fields: tuple[str, ...], person: Person) -> QuerySet[Any]:
    """The rows of `model` whose `fields` name the person."""
    query = Q(pk__in=[])
    for variant in name_variants(person):
        for name in fields:
            query |= Q(**{f"{name}__contains": variant})
    return model._default_manager.filter(query)


def forget_name(models: tuple[type[Model], ...], fields: tuple[str, ...], person: Person) -> None:
    """Replace the person's name by their anonymised one in `fields` of the rows of `models` (a model and its
    history) that name them."""
    replacement = anonymised_name(person)
    for model in models:
        for variant in name_variants(person):
            for name in fields:
                model._default_manager.filter(**{f"{name}__contains": variant}).update(
                    **{name: Replace(name, Value(variant), Value(replacement))}
                )


# --- the person's name and address anywhere else in the database (free text, the admin log, the history) -------------

# Reviewed: models whose texts the scan leaves alone, and why. Any other model's text that names the person or holds
# their e-mail address is in their export and loses it in their erasure.
NOT_SCANNED = {
    "stakeholders.person": "the persons' own records: a homonym or a shared address is the other person's data too",
    "stakeholders.historicalperson": "the persons' own records, as above (the person's own are anonymised)",
    "accounts.user": "the portal's user accounts: deactivated in the user management, not erased as a stakeholder",
}


# Sent by the erasure for each text it wrote anew (sender: the model; pk, field, before, after): an app above that
# keeps something derived from it elsewhere (OParl's rendered paper files, in the cache) lets that go.
text_rewritten = Signal()


@dataclass(frozen=True)
class Mention:
    model: type[Model]
    pk: Any
    field: str  # the field's attname
    text: Any  # a string, or a JSON value


def _written_forms(terms: list[str]) -> list[str]:
    """Each term as it is written in a text and as a JSON string escapes it (the admin log's change messages)."""
    return list(dict.fromkeys(form for term in terms for form in (term, json.dumps(term)[1:-1])))


# A name or an address stands on its own: "Anna Bell" is not in "Johanna Bellmann" (a file name's separators still
# part it: "Notiz_Anna_Bell.pdf"), "anna@example.org" is not in "johanna@example.org" or "anna@example.org.uk".
NAME_BOUNDS = (r"(?<![^\W_])", r"(?![^\W_])")  # no letter or digit next to it
ADDRESS_BOUNDS = (r"(?<![\w.+\-])", r"(?![\w\-]|\.\w)")  # no character of an address next to it


def _pattern(forms: list[str], bounds: tuple[str, str]) -> re.Pattern[str] | None:
    if not forms:
        return None
    alternatives = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    return re.compile(f"{bounds[0]}(?:{alternatives}){bounds[1]}", re.IGNORECASE)


def _patterns(forms: tuple[list[str], list[str]]) -> list[re.Pattern[str]]:
    patterns = [_pattern(forms[0], NAME_BOUNDS), _pattern(forms[1], ADDRESS_BOUNDS)]
    return [pattern for pattern in patterns if pattern is not None]


def mention_forms(person: Person) -> tuple[list[str], list[str]]:
    """The person's name (as written in titles and file names, at least two words) and their e-mail address."""
    address = person.email.strip()
    return _written_forms(name_variants(person)), _written_forms([address] if address else [])


def scanned_models() -> list[type[Model]]:
    """Every model stored in the database, with its history (django-simple-history registers it as a model)."""
    return [
        model
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and model._meta.label_lower not in NOT_SCANNED
    ]


def _text_fields(model: type[Model]) -> list[str]:
    """The fields of `model` that hold text: characters and JSON (a paper's snapshot)."""
    return [
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, CharField | TextField | JSONField) and not field.choices
    ]


def _strings(value: Any) -> Iterator[str]:
    """The strings in a text or a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def _rewritten(value: Any, rewrite: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return rewrite(value)
    if isinstance(value, list | tuple):
        return [_rewritten(item, rewrite) for item in value]
    if isinstance(value, dict):
        return {key: _rewritten(item, rewrite) for key, item in value.items()}
    return value


def mentions(person: Person) -> list[Mention]:
    """The texts outside the persons' records that name the person or hold their e-mail address (a query per model
    with texts)."""
    return _find(mention_forms(person))


def _find(person_forms: tuple[list[str], list[str]]) -> list[Mention]:
    forms = [*person_forms[0], *person_forms[1]]
    patterns = _patterns(person_forms)
    if not patterns:
        return []
    found = []
    for model in scanned_models():
        fields = _text_fields(model)
        if not fields:
            continue
        # A JSON value is searched as the database writes it as text (PostgreSQL: as jsonb, SQLite: as stored).
        texts = {f"_text_{name}": Cast(name, TextField()) for name in fields}
        query = Q(pk__in=[])
        for form in forms:
            for text in texts:
                query |= Q(**{f"{text}__icontains": form})
        for row in model._default_manager.annotate(**texts).filter(query).values("pk", *fields):
            found += [
                Mention(model, row["pk"], name, row[name])
                for name in fields
                if any(pattern.search(text) for text in _strings(row[name]) for pattern in patterns)
            ]
    return found


def export_mentions(person: Person) -> list[dict[str, Any]]:
    """For the person's export: where each text is and the text itself."""
    return [
        {"model": mention.model._meta.label_lower, "id": mention.pk, "field": mention.field, "text": mention.text}
        for mention in mentions(person)
    ]


def kept_mentions(person: Person) -> str:
    """The erasure page's sentence on the other texts that name the person or hold their address."""
    count = len(mentions(person))
    sentence = ngettext(
        "%(counter)s further text that names them or holds their e-mail address (in a record, an earlier version or "
        "the admin log) stays, with the anonymised name and without the address.",
        "%(counter)s further texts that name them or hold their e-mail address (in records, earlier versions or "
        "the admin log) stay, with the anonymised name and without the address.",
        count,
    )
    return sentence % {"counter": count}


def forget_mentions(forms: tuple[list[str], list[str]], person: Person) -> None:
    """Write anew every text that still names the erased person or holds their address (`forms`: mention_forms of
    the person before the erasure): the anonymised name for the name, a note for the address. The rows stay; each
    earlier version in a history is scrubbed the same way, since the history is a model of its own."""
    names, address = _pattern(forms[0], NAME_BOUNDS), _pattern(forms[1], ADDRESS_BOUNDS)
    anonymised = anonymised_name(person)
    removed = gettext("[e-mail address removed]")

    def rewrite(text: str) -> str:
        if address is not None:
            text = address.sub(removed, text)
        return names.sub(anonymised, text) if names is not None else text

    for mention in _find(forms):
        value = _rewritten(mention.text, rewrite)
        max_length = getattr(mention.model._meta.get_field(mention.field), "max_length", None)
        if isinstance(value, str) and max_length:
            value = value[:max_length]
        if value != mention.text:
            mention.model._default_manager.filter(pk=mention.pk).update(**{mention.field: value})
            text_rewritten.send(mention.model, pk=mention.pk, field=mention.field, before=mention.text, after=value)


# --- user accounts with the person's address ------------------------------------------------------------------------


def user_accounts(person: Person) -> QuerySet[User]:
    """The portal's user accounts with the person's e-mail address (matched case-insensitively): likely the same
    human, but an account is the user management's to deactivate, not the erasure's."""
    address = person.email.strip()
    if not address:
        return User.objects.none()
    return User.objects.filter(email__iexact=address).order_by("pk")


def export_user_accounts(person: Person) -> list[dict[str, Any]]:
    fields = ("id", "username", "first_name", "last_name", "email", "is_active", "date_joined", "last_login")
    return list(user_accounts(person).values(*fields))


def kept_user_accounts(person: Person) -> str:
    """The erasure page's sentence on the user accounts with the person's address, empty where there is none."""
    count = user_accounts(person).count()
    if not count:
        return ""
    sentence = ngettext(
        "%(counter)s user account has their e-mail address and stays unchanged: deactivate it in the user management "
        "if the request covers it.",
        "%(counter)s user accounts have their e-mail address and stay unchanged: deactivate them in the user "
        "management if the request covers them.",
        count,
    )
    return sentence % {"counter": count}
