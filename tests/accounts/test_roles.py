import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts import roles


def test_every_role_exists_as_a_group_after_migrate(db):
    assert set(Group.objects.values_list("name", flat=True)) >= {"committee", "editor", "project_lead", "admin"}


@pytest.mark.parametrize(
    ("role", "permission", "granted"),
    [
        (roles.COMMITTEE, "projects.view_project", True),
        (roles.COMMITTEE, "projects.change_project", False),
        (roles.COMMITTEE, "budget.view_budgetline", True),
        (roles.EDITOR, "projects.change_project", True),
        (roles.EDITOR, "budget.add_fundingsource", True),
        (roles.EDITOR, "projects.delete_project", False),
        (roles.EDITOR, "stakeholders.delete_organisation", False),
        (roles.EDITOR, "reports.finalise_committeepaper", False),
        (roles.EDITOR, "stakeholders.export_personal_data", False),
        (roles.PROJECT_LEAD, "projects.add_statusreport", True),
        (roles.PROJECT_LEAD, "projects.change_project", False),
        (roles.PROJECT_LEAD, "budget.view_budgetline", False),
        (roles.ADMIN, "reports.finalise_committeepaper", True),
        (roles.ADMIN, "stakeholders.export_personal_data", True),
        (roles.ADMIN, "accounts.change_user", True),
        (roles.ADMIN, "projects.delete_project", True),
    ],
)
def test_role_table_decides_what_each_role_may_do(user_for_role, role, permission, granted):
    user = user_for_role(role)

    assert user.has_perm(permission) is granted


def test_sync_roles_restores_a_permission_removed_by_hand(db):
    editor = Group.objects.get(name=roles.EDITOR)
    editor.permissions.clear()

    roles.sync_roles()

    assert editor.permissions.filter(codename="change_project").exists()


def test_demo_accounts_one_per_role_and_a_second_run_creates_no_duplicates(db, settings):
    settings.DEBUG = True
    call_command("create_demo_accounts", stdout=io.StringIO())
    call_command("create_demo_accounts", stdout=io.StringIO())

    users = get_user_model().objects.filter(username__startswith="demo-")
    assert users.count() == 4
    assert {user.groups.get().name for user in users} == set(roles.ROLE_PERMISSIONS)


def test_demo_accounts_are_refused_when_debug_is_off(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError):
        call_command("create_demo_accounts", stdout=io.StringIO())

    assert not get_user_model().objects.filter(username__startswith="demo-").exists()
