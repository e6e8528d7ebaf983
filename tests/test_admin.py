"""The Django admin a clerk uses: every page opens, lists stay constant in queries, editors archive, never delete."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import roles
from budget.models import Allocation, CarryOver, Expenditure, FundingSource
from stakeholders.models import District
from tests.factories import ProjectFactory

MODEL_ADMINS = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


# Money is written only through budget.services, which lock the budget line: the admin shows it read-only.
READ_ONLY = {Allocation, CarryOver, Expenditure, FundingSource}
# One row, made by a migration: changed, never added (a second district would be a second OParl Body).
SINGLE_ROW = {District}


@pytest.mark.parametrize("model", [model for model, _ in MODEL_ADMINS], ids=lambda m: m._meta.label)
def test_every_admin_list_and_add_page_opens_for_the_administrator(seeded, admin_client_for_role, model):
    client = admin_client_for_role(roles.ADMIN)
    opts = model._meta

    assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")).status_code == 200
    add = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code
    assert add == (403 if model in READ_ONLY | SINGLE_ROW else 200)


def test_project_change_page_opens_with_its_inlines(seeded, admin_client_for_role):
    client = admin_client_for_role(roles.EDITOR)
    project = seeded.projects.get(number=1)

    response = client.get(reverse("admin:projects_project_change", args=[project.pk]))

    assert response.status_code == 200
    assert "Meilenstein" in response.content.decode()


def test_budget_line_list_shows_the_computed_available_amount(seeded, admin_client_for_role):
    client = admin_client_for_role(roles.COMMITTEE)

    page = client.get(reverse("admin:budget_budgetline_changelist")).content.decode()

    assert "72.577\xa0€" in page
    assert "20.000\xa0€" in page


def test_editor_may_archive_but_not_delete_projects(seeded, admin_client_for_role):
    client = admin_client_for_role(roles.EDITOR)
    project = seeded.projects.get(number=1)

    page = client.get(reverse("admin:projects_project_changelist")).content.decode()
    assert "archive_selected" in page
    assert "delete_selected" not in page
    assert client.get(reverse("admin:projects_project_delete", args=[project.pk])).status_code == 403

    client.post(
        reverse("admin:projects_project_changelist"),
        {"action": "archive_selected", "_selected_action": [project.pk]},
    )
    project.refresh_from_db()
    assert project.is_archived


def test_committee_member_cannot_change_a_project_in_the_admin(seeded, admin_client_for_role):
    client = admin_client_for_role(roles.COMMITTEE)
    project = seeded.projects.get(number=1)

    response = client.post(reverse("admin:projects_project_change", args=[project.pk]), {"title": "Geändert"})

    assert response.status_code == 403
    project.refresh_from_db()
    assert project.title != "Geändert"


def test_project_admin_list_queries_do_not_grow(db, admin_client_for_role, django_assert_num_queries):
    client = admin_client_for_role(roles.ADMIN)
    project = ProjectFactory()
    url = reverse("admin:projects_project_changelist")
    with CaptureQueriesContext(connection) as one:
        client.get(url)

    ProjectFactory.create_batch(10, strategy=project.strategy, action_field=project.action_field)
    with django_assert_num_queries(len(one)):
        assert client.get(url).status_code == 200
