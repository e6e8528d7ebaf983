"""What the apps above stakeholders hold about a person (the projects they are responsible for, the reminders sent to
them). Each registers its part in its AppConfig.ready(): the person's export (DSGVO Art. 15, services.py) then holds
it, the erasure (Art. 17) scrubs it, and the erasure's confirmation page says which of its links stay, without
stakeholders naming an app above it."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, Q, QuerySet, Value
from django.db.models.functions import Replace

from stakeholders.models import Person

ANONYMISED_NAME = "Anonymisierte Person"
# The models that stakeholders itself exports and erases (services.py): the person and every earlier version of them.
PERSON_MODELS = ("stakeholders.person", "stakeholders.historicalperson")


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
    return {*PERSON_MODELS, *(label for part in _PARTS for label in part.models)}


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
