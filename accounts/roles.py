"""The one role table: which auth group may do what.

Each role is a Django group; `sync_roles` (run after every `migrate`) makes the groups' permissions match this table,
so a fresh database and a long-running one end up the same. Object-level rules (a project lead reports only on their
own projects) live in the views; this table is the model-level ceiling.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any, Literal

from django.apps import AppConfig, apps
from django.contrib.auth.models import Group, Permission
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from accounts.models import User

COMMITTEE = "committee"
EDITOR = "editor"
PROJECT_LEAD = "project_lead"
ADMIN = "admin"

ROLE_LABELS = {
    COMMITTEE: _("Committee member"),
    EDITOR: _("Editor"),
    PROJECT_LEAD: _("Project lead"),
    ADMIN: _("Administrator"),
}

DOMAIN_APPS = ("accounts", "stakeholders", "projects", "budget", "reports")

# Models the office's staff keep current. Editors archive instead of deleting (nothing the office recorded is lost).
EDITED_BY_STAFF = {
    "projects": [
        "strategy",
        "phase",
        "strategicgoal",
        "actionfield",
        "focusarea",
        "project",
        "projectpartner",
        "milestone",
        "statusreport",
        "indicator",
        "measurement",
        "finding",
        "externalinitiative",
        "projectlink",
        "document",
    ],
    "stakeholders": ["organisation", "person", "body", "membership", "meeting", "participationevent"],
    "budget": ["budgetline", "fundingsource", "externalfunding", "allocation", "expenditure"],
    "reports": ["committeepaper", "consultation", "paperattachment"],
}
# Child rows that only exist inside their parent and that no other row references.
DELETABLE_BY_EDITOR = {
    "projects": ["projectpartner", "milestone", "measurement", "projectlink"],
    "stakeholders": ["membership"],
    "reports": ["consultation", "paperattachment"],
}


def _codenames(actions: Iterable[str], models_by_app: dict[str, list[str]]) -> list[str]:
    return [
        f"{app}.{action}_{model}" for app, models in models_by_app.items() for model in models for action in actions
    ]


ROLE_PERMISSIONS: dict[str, list[str] | Literal["__all__"]] = {
    COMMITTEE: _codenames(["view"], EDITED_BY_STAFF) + ["projects.view_all_projects"],
    EDITOR: _codenames(["view", "add", "change"], EDITED_BY_STAFF)
    + _codenames(["delete"], DELETABLE_BY_EDITOR)
    + ["projects.view_all_projects", "projects.review_statusreport"],
    # A partner's project lead submits status reports, with the milestones they completed, on their own projects;
    # the office reviews and publishes them.
    PROJECT_LEAD: [
        "projects.view_project",
        "projects.view_milestone",
        "projects.view_statusreport",
        "projects.add_statusreport",
        "projects.change_statusreport",
    ],
    # The administrator holds every permission of the portal's own apps, including the custom ones
    # (finalise a committee paper, export personal data, set the weights of the priority score) and users and groups.
    ADMIN: "__all__",
}


def permissions_for(role: str) -> QuerySet[Permission]:
    """Return the permission queryset the role's group must hold."""
    spec = ROLE_PERMISSIONS[role]
    if spec == "__all__":
        return Permission.objects.filter(
            Q(content_type__app_label__in=DOMAIN_APPS) | Q(content_type__app_label="auth", codename__endswith="group")
        )
    query = Q(pk__in=[])
    for dotted in spec:
        app_label, codename = dotted.split(".")
        query |= Q(content_type__app_label=app_label, codename=codename)
    return Permission.objects.filter(query)


def sync_roles() -> None:
    """Create the role groups and set their permissions to exactly what the table says."""
    for role in ROLE_PERMISSIONS:
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.set(permissions_for(role))


def sync_roles_after_migrate(sender: AppConfig, app_config: AppConfig | None = None, **kwargs: Any) -> None:
    # post_migrate fires once per installed app with models; every app's permissions exist only after the last one.
    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if app_config is not None and app_config is with_models[-1]:
        sync_roles()


# Editors and administrators also work in the Django admin (is_staff); the other roles never see it.
STAFF_ROLES = {EDITOR, ADMIN}


def roles_of(user: User) -> list[str]:
    """The user's role names, in the table's order (reads user.groups: prefetch it on list pages)."""
    names = {group.name for group in user.groups.all()}
    return [role for role in ROLE_LABELS if role in names]


def set_roles(user: User, roles: Collection[str]) -> None:
    """Give a user exactly these roles, keeping any other groups, and let the staff flag follow them; saves the user.

    A superuser keeps the staff flag whatever the roles, so the Django admin stays reachable."""
    user.is_staff = user.is_superuser or any(role in STAFF_ROLES for role in roles)
    user.save()
    role_groups = Group.objects.filter(name__in=ROLE_PERMISSIONS)
    user.groups.remove(*role_groups.exclude(name__in=roles))
    user.groups.add(*role_groups.filter(name__in=roles))
