"""Demo accounts are for development: with DEBUG off they cannot log in, and the start warns while they exist."""

from io import StringIO

import pytest
from django.core import checks
from django.core.management import call_command
from django.db import OperationalError, connection
from django.http import HttpRequest
from django.urls import reverse

from tests.factories import UserFactory

DEMO_ADMIN = {"username": "demo-admin", "password": "demo-admin-passwort"}
DEMO_ACCOUNTS = ["demo-committee", "demo-editor", "demo-project-lead", "demo-admin"]
WRONG_LOGIN_MESSAGE = "Beide Felder berücksichtigen die Groß-/Kleinschreibung."


@pytest.fixture
def demo_accounts(db, settings):
    """The accounts `make run` creates, made by the command itself (it needs DEBUG on); DEBUG is off again after."""
    settings.DEBUG = True
    call_command("create_demo_accounts", stdout=StringIO())
    settings.DEBUG = False


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


@pytest.mark.parametrize("username", DEMO_ACCOUNTS)
def test_demo_account_is_refused_at_the_login_with_debug_off_like_a_wrong_password(client, demo_accounts, username):
    response = client.post(reverse("login"), {"username": username, "password": f"{username}-passwort"})

    assert response.status_code == 200
    assert WRONG_LOGIN_MESSAGE in response.content.decode()
    assert logged_in_user_id(client) is None


def test_demo_admin_logs_in_with_debug_on(client, demo_accounts, settings):
    settings.DEBUG = True

    response = client.post(reverse("login"), DEMO_ADMIN)

    assert response["Location"] == reverse("reports:workspace")
    assert logged_in_user_id(client) is not None


def test_demo_admin_is_refused_at_the_admin_login_with_debug_off(client, demo_accounts):
    response = client.post(reverse("admin:login"), {**DEMO_ADMIN, "next": reverse("admin:index")})

    assert response.status_code == 200
    assert 'class="errornote"' in response.content.decode()
    assert logged_in_user_id(client) is None
    assert client.get(reverse("admin:index"))["Location"].startswith(reverse("admin:login"))


def test_a_demo_session_from_debug_on_no_longer_counts_with_debug_off(client, demo_accounts, settings):
    settings.DEBUG = True
    assert client.login(request=HttpRequest(), **DEMO_ADMIN)
    assert client.get(reverse("accounts:user-list")).status_code == 200

    settings.DEBUG = False

    assert client.get(reverse("accounts:user-list"))["Location"].startswith(reverse("login"))
    assert client.get(reverse("admin:index"))["Location"].startswith(reverse("admin:login"))


def test_a_user_whose_name_only_starts_like_a_demo_account_logs_in(client, db):
    UserFactory(username="demo-fan")

    response = client.post(reverse("login"), {"username": "demo-fan", "password": "correct horse battery staple"})

    assert response.status_code == 302


def warning_ids(**kwargs):
    return [message.id for message in checks.run_checks(**kwargs) if message.id == "accounts.W001"]


def test_migrate_warns_while_demo_accounts_exist_with_debug_off(demo_accounts):
    errors = StringIO()

    call_command("migrate", skip_checks=False, verbosity=0, stdout=StringIO(), stderr=errors)

    assert "accounts.W001" in errors.getvalue()
    assert "demo-admin" in errors.getvalue()


@pytest.mark.parametrize("databases", [None, ["default"]])
def test_check_deploy_warns_once_while_demo_accounts_exist(demo_accounts, databases):
    assert warning_ids(include_deployment_checks=True, databases=databases) == ["accounts.W001"]


def test_no_warning_with_debug_on(demo_accounts, settings):
    settings.DEBUG = True

    assert warning_ids(include_deployment_checks=True, databases=["default"]) == []


def test_no_warning_without_demo_accounts(db, settings):
    UserFactory(username="demo-fan")

    assert warning_ids(include_deployment_checks=True, databases=["default"]) == []


def test_the_check_passes_on_a_database_not_migrated_yet(demo_accounts, monkeypatch):
    monkeypatch.setattr(connection.introspection, "table_names", lambda *args, **kwargs: [])

    assert warning_ids(databases=["default"]) == []


def test_the_check_passes_when_the_database_does_not_answer(demo_accounts, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection.introspection, "table_names", refuse)

    assert warning_ids(include_deployment_checks=True) == []
