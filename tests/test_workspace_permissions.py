"""Who may do what: every workspace URL, walked with every role.

The URLs are read from the URL configuration, so a new workspace view is in this table the moment it has a route;
a view whose permission cannot be read from it must be given its expectation in SPECIAL below, or this test fails.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts import roles
from tests import factories

ROLES = (None, roles.COMMITTEE, roles.EDITOR, roles.PROJECT_LEAD, roles.ADMIN)
POST_ONLY = {"archive", "revert", "delete"}
ALL_LOGGED_IN = {role: 200 for role in ROLES if role} | {None: 302}


def admin_only(status):
    return {None: 302, roles.COMMITTEE: 403, roles.EDITOR: 403, roles.PROJECT_LEAD: 403, roles.ADMIN: status}


# Views whose permission is not the model permission of a generic workspace action.
SPECIAL = {
    "reports:workspace": ALL_LOGGED_IN,
    # Personal data (DSGVO): only the administrator may export or erase everything stored about a person.
    "stakeholders:person-export": admin_only(200),
    "stakeholders:person-erase": admin_only(200),
    # The search of long select lists: projects, which everyone sees (a project lead only their own).
    "choices": ALL_LOGGED_IN,
}


def workspace_patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from workspace_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern) and str(pattern.pattern).startswith("arbeitsbereich/"):
            yield f"{namespace}{pattern.name}", pattern


PATTERNS = dict(workspace_patterns())


def view_permission(pattern):
    """The model permission a generic workspace view declares: its model and its action."""
    view_class = pattern.callback.view_class
    model = pattern.callback.view_initkwargs.get("model") or getattr(view_class, "model", None)
    action = getattr(view_class, "action", None)
    if model is None or action is None:
        return None, None
    return model, f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def expected_statuses(name, pattern):
    if name in SPECIAL:
        return SPECIAL[name]
    model, permission = view_permission(pattern)
    assert permission, f"{name}: not a generic workspace view; add its expectation to SPECIAL"
    granted = {role for role in ROLES[1:] if permission in role_permissions(role)}
    success = 302 if name.rsplit("-", 1)[-1] in POST_ONLY else 200
    return {None: 302} | {role: success if role in granted else 403 for role in ROLES[1:]}


def role_permissions(role):
    return {
        f"{p.content_type.app_label}.{p.codename}" for p in roles.permissions_for(role).select_related("content_type")
    }


@pytest.fixture
def sample(seeded, user_for_role, settings, tmp_path):
    """One object of every model a workspace URL can name, the seeded project assigned to the project lead."""
    settings.MEDIA_ROOT = tmp_path
    lead = user_for_role(roles.PROJECT_LEAD)
    project = seeded.projects.get(number=1)
    project.project_leads.add(lead)
    # Submitted by the lead: the lead may still edit it, the office may review it.
    report = factories.StatusReportFactory(project=project, author=lead, state="submitted")
    indicator = factories.IndicatorFactory(project=project)
    line = seeded.budget_lines.get(year=2025)
    objects = {
        "project": project,
        "statusreport": report,
        "indicator": indicator,
        "budgetline": line,
        "allocation": factories.AllocationFactory(project=project, budget_line=line),
        "expenditure": factories.ExpenditureFactory(project=project, budget_line=line),
        "document": factories.DocumentFactory(project=project),
    }
    return {"lead": lead, "project": project, "objects": objects}


def url_for(name, pattern, sample):
    model, _permission = view_permission(pattern)
    kwargs = {}
    for key in pattern.pattern.converters:
        if key == "project_pk":
            kwargs[key] = sample["project"].pk
        elif key == "pk":
            kwargs[key] = instance_of(model, sample).pk
        elif key == "year":
            kwargs[key] = sample["objects"]["budgetline"].year
        elif key == "format":
            kwargs[key] = "csv"
        elif key == "label":
            kwargs[key] = "projects.project"
        elif key == "history_id":
            kwargs[key] = instance_of(model, sample).history.earliest("history_date").history_id
    url = reverse(name, kwargs=kwargs)
    return f"{url}?projekt={sample['project'].pk}" if name == "projects:document-create" else url


def instance_of(model, sample):
    known = sample["objects"].get(model._meta.model_name)
    return known or model._default_manager.order_by("pk").first() or getattr(factories, f"{model.__name__}Factory")()


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_every_workspace_url_answers_each_role_as_the_role_table_says(name, sample, client, user_for_role):
    pattern = PATTERNS[name]
    expected = expected_statuses(name, pattern)
    method = "post" if name.rsplit("-", 1)[-1] in POST_ONLY else "get"
    actual = {}
    for role in ROLES:
        client.logout()
        if role == roles.PROJECT_LEAD:
            client.force_login(sample["lead"])
        elif role:
            client.force_login(user_for_role(role))
        url = url_for(name, pattern, sample)  # after a delete by an earlier role the next object is used
        actual[role] = getattr(client, method)(url).status_code
    assert actual == expected


def test_anonymous_is_sent_to_the_login_page(client, seeded):
    response = client.get(reverse("projects:project-list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_table_covers_the_workspace():
    assert {"reports:workspace", "projects:project-list", "projects:project-update"} <= set(PATTERNS)
