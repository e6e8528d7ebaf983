"""The publication rule: what of the portal's data may leave it, and to whom.

Every channel that leaves the portal asks here instead of filtering by itself: the public pages, OParl, the CSV/XLSX
and JSON exports, the strategy document, the committee papers (their composition and their rendering), the search of
the workspace's select lists and the error pages. The rule has four audiences:

- PUBLIC: anyone without login (and a project lead outside their own projects): the public pages, OParl, the public
  exports, the published papers and their files.
- COMMITTEE: members of the council committee and the advisory bodies: internal projects too, persons by name, never
  contact data, notes or consent.
- STAFF: the office, who may change persons: contact data and notes as well.
- ADMIN: the administrator, who may export and erase personal data (and download the strategy document with it).

Persons are named publicly (name, public function, seat) only as public figures or with a consent that covers
publication on the portal and in its open data. Only published projects that are not archived leave to the public.

This module knows the models by their field names only, so that every app (the lowest included) can ask it.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from django.db.models import Q

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser, AnonymousUser


class Audience(IntEnum):
    """Who a channel's content is for; a higher audience may see everything a lower one may."""

    PUBLIC = 0
    COMMITTEE = 1
    STAFF = 2
    ADMIN = 3


def audience_of(user: AbstractUser | AnonymousUser | None) -> Audience:
    """The audience a request's user belongs to, by their permissions (accounts/roles.py)."""
    # A project lead reads only their own projects in the workspace; everywhere else they are the public.
    if user is None or not user.is_authenticated or not user.has_perm("projects.view_all_projects"):
        return Audience.PUBLIC
    if user.has_perm("stakeholders.export_personal_data"):
        return Audience.ADMIN
    if user.has_perm("stakeholders.change_person"):
        return Audience.STAFF
    return Audience.COMMITTEE


# --- projects ----------------------------------------------------------------------------------------------------

PUBLISHED = "published"  # projects.Project.Visibility.PUBLISHED


def project_q(audience: Audience, prefix: str = "") -> Q:
    """The projects that may leave to `audience`: never archived ones; internal ones not to the public."""
    query = Q(**{f"{prefix}is_archived": False})
    if audience < Audience.COMMITTEE:
        query &= Q(**{f"{prefix}visibility": PUBLISHED})
    return query


def may_show_project(project: Any, audience: Audience) -> bool:
    if project is None or project.is_archived:
        return False
    return audience >= Audience.COMMITTEE or project.visibility == PUBLISHED


# --- persons -----------------------------------------------------------------------------------------------------

# What is said of a person, by the lowest audience that may read it. The seat (membership) of a person who may not be
# named publicly still shows its organisation and the membership's own function, never the person's.
NAMING_FIELDS = ("name", "given_name", "family_name", "public_function")
CONTACT_FIELDS = ("email", "phone", "notes")
CONSENT_FIELDS = ("consent_date", "consent_scope", "consent_covers_publication")
PERSONAL_FIELDS = (*CONTACT_FIELDS, *CONSENT_FIELDS)  # staff only: never in a public or committee channel


def person_q(audience: Audience, prefix: str = "") -> Q:
    """The persons who may be named to `audience`: to the public only public figures and those whose consent covers
    publication; to the committee and staff everyone."""
    if audience >= Audience.COMMITTEE:
        return Q()
    consented = Q(**{f"{prefix}consent_date__isnull": False, f"{prefix}consent_covers_publication": True})
    return Q(**{f"{prefix}public_figure": True}) | consented


def may_name_person(person: Any, audience: Audience) -> bool:
    if person is None:
        return False
    if audience >= Audience.COMMITTEE:
        return True
    return bool(person.public_figure or (person.consent_date and person.consent_covers_publication))


# The fields only the office's staff may read, by model ("app_label.model_name"), wherever the model is shown.
STAFF_ONLY_FIELDS = {"stakeholders.person": PERSONAL_FIELDS}


def hidden_fields(model_label: str, audience: Audience) -> tuple[str, ...]:
    """The fields of the model that must not leave to `audience` (in lists, detail pages, histories, exports)."""
    return () if may_read_personal_data(audience) else STAFF_ONLY_FIELDS.get(model_label, ())


def readable(model_label: str, names: Iterable[str], audience: Audience) -> tuple[str, ...]:
    """`names` without the model's fields that `audience` may not read."""
    hidden = hidden_fields(model_label, audience)
    return tuple(name for name in names if name not in hidden)


def may_read_personal_data(audience: Audience) -> bool:
    """Contact data, notes and consent: for the office's staff only."""
    return audience >= Audience.STAFF


def may_export_personal_data(audience: Audience) -> bool:
    """Everything about everyone at once (the persons' export, the strategy document with personal data)."""
    return audience >= Audience.ADMIN


# --- meetings, consultations, papers --------------------------------------------------------------------------------

FINALISED = "finalised"  # reports.CommitteePaper.Status.FINALISED


def meeting_q(audience: Audience, prefix: str = "") -> Q:
    """Non-public meetings (and consultations in them) are for the committee and staff."""
    return Q() if audience >= Audience.COMMITTEE else Q(**{f"{prefix}is_public": True})


def may_show_meeting(meeting: Any, audience: Audience) -> bool:
    return meeting is not None and (audience >= Audience.COMMITTEE or bool(meeting.is_public))


def may_read_status_reports(audience: Audience) -> bool:
    """Every published status report of a project; the public sees only the newest one's traffic light and progress."""
    return audience >= Audience.COMMITTEE


def event_q(audience: Audience, prefix: str = "") -> Q:
    """Participation events, as projects and organisations, are archived instead of deleted: archived ones stay home."""
    return Q(**{f"{prefix}is_archived": False})


def paper_q(audience: Audience, prefix: str = "") -> Q:
    """Only finalised papers are published; drafts stay in the workspace."""
    return Q(**{f"{prefix}status": FINALISED})


def may_show_paper(paper: Any, audience: Audience) -> bool:
    """A finalised paper; what it may show to `audience` is composed into its version for them (reports.paper)."""
    return paper is not None and paper.status == FINALISED
