"""What the apps above stakeholders hold about a person (the projects they are responsible for). Each registers its
part in its AppConfig.ready(): the person's export (DSGVO Art. 15, services.py) then holds it, and the erasure's
confirmation page (Art. 17) says which of its links stay, without stakeholders naming an app above it."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from stakeholders.models import Person


@dataclass(frozen=True)
class PersonalDataPart:
    key: str  # the part's key in the export, after the memberships
    export: Callable[[Person], Any]  # the part's data, ready for JSON (a query or two)
    kept_links: Callable[[Person], str]  # a sentence for the erasure page: what stays linked to the anonymised person


_PARTS: list[PersonalDataPart] = []


def register_personal_data(key: str, export: Callable[[Person], Any], kept_links: Callable[[Person], str]) -> None:
    _PARTS.append(PersonalDataPart(key, export, kept_links))


def personal_data_parts() -> list[PersonalDataPart]:
    """The registered parts, in the order of registration."""
    return list(_PARTS)
