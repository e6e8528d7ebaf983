import os

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from accounts import roles
from tests import seed
from tests.factories import UserFactory


def fail_skips_in_ci(report, ci):
    """In CI a skipped test is a failure: there every test must run, the browser tests (.ci/run installs Chromium)
    as well as those that need PostgreSQL (.ci/run's database). An expected failure (xfail) is not a skip."""
    if ci and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"Skipped in CI, where every test must run. {reason}"
    return report


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    return fail_skips_in_ci(report, os.environ.get("CI"))


def reusing_the_database(config):
    return config.getvalue("reuse_db") and not config.getvalue("create_db")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request):
    """With --reuse-db (make test) a SQLite test database is a file under var/, one per xdist worker, kept between
    runs so that the migrations run only when there are new ones; otherwise it is in memory, made anew each run.
    Other databases (PostgreSQL in CI) are named by pytest-django as always: test_<name>, with the worker's suffix."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3" and request.config.getvalue("reuse_db"):
        worker = getattr(request.config, "workerinput", {}).get("workerid", "main")
        settings.VAR_DIR.mkdir(exist_ok=True)
        database.setdefault("TEST", {})["NAME"] = str(settings.VAR_DIR / f"test-{worker}.sqlite3")
    else:
        request.getfixturevalue("django_db_modify_db_settings_parallel_suffix")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """A test database kept from an earlier run starts as empty as a new one (an interrupted run may have left rows
    behind): flush runs the post-migrate steps again (permissions, the role groups), and the cache is cleared."""
    if reusing_the_database(request.config):
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)
            cache.clear()


@pytest.fixture(autouse=True)
def _fast_hashers(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def user_for_role(db):
    """Make a user in a role's group. The groups come from accounts.roles.sync_roles, run after migrate."""

    def make(role, **kwargs):
        user = UserFactory(**kwargs)
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def committee_user(user_for_role):
    return user_for_role(roles.COMMITTEE)


@pytest.fixture
def editor_user(user_for_role):
    return user_for_role(roles.EDITOR)


@pytest.fixture
def project_lead_user(user_for_role):
    return user_for_role(roles.PROJECT_LEAD)


@pytest.fixture
def admin_client_for_role(client, user_for_role):
    """Log the client in to the Django admin as a staff member with `role`."""

    def login(role):
        client.force_login(user_for_role(role, is_staff=True))
        return client

    return login


@pytest.fixture
def admin_user_role(user_for_role):
    return user_for_role(roles.ADMIN)


@pytest.fixture(scope="session")
def seed_rows(django_db_setup, django_db_blocker):
    """The rows the seed import writes, read once per test session (and per xdist worker).

    Importing the seed takes over a second; copying its rows into a test's database takes a fraction of that."""
    with django_db_blocker.unblock():
        return seed.seed_rows()


@pytest.fixture
def seeded(seed_rows, db):
    """The database holding the shipped seed strategy; returns the strategy.

    The seed's rows are copied in (tests/seed.py); where the test wrote to one of their tables before, the seed is
    imported instead, so that no id is taken twice."""
    from projects.models import Strategy

    if any(model._base_manager.exists() for model in seed_rows):
        seed.import_seed()
    else:
        seed.copy_rows(seed_rows)
    return Strategy.objects.get(is_featured=True)


@pytest.fixture
def sample(seeded, settings, tmp_path):
    """One object for every route (tests/sample.py) in the test's own database; the browser tests use it too."""
    from tests.sample import make_sample

    settings.MEDIA_ROOT = tmp_path
    return make_sample(seeded)


@pytest.fixture(scope="module")
def table_sample(seed_rows, django_db_blocker, tmp_path_factory):
    """The sample and the session keys of the permission table's users, made once per module in a transaction
    rolled back at its end; each test runs in a savepoint inside it, each request in one more (see
    tests/test_workspace_permissions.py, answers)."""
    from projects.models import Strategy
    from tests.sample import make_sample, sessions_of_the_table

    fast = {
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "MEDIA_ROOT": tmp_path_factory.mktemp("media"),
        # The OParl interface renders a finalised paper to tell its size: once per test, not once per request.
        "CACHES": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
    }
    with django_db_blocker.unblock(), override_settings(**fast), transaction.atomic():
        seed.copy_rows(seed_rows)
        objects = make_sample(Strategy.objects.get(is_featured=True))
        yield objects, sessions_of_the_table(objects)
        transaction.set_rollback(True)


@pytest.fixture(scope="session")
def production_static(tmp_path_factory):
    """STATIC_ROOT filled by collectstatic under the production settings (hashed, compressed), once per test run."""
    from tests.production import manage

    tmp_path = tmp_path_factory.mktemp("production-static")
    result = manage(tmp_path, "collectstatic", "--no-input")
    assert result.returncode == 0, result.stderr
    return tmp_path / "static"
