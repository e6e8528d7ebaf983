import io

import pytest
from django.contrib.auth.models import Group

from accounts import roles
from tests.factories import UserFactory


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
def admin_user_role(user_for_role):
    return user_for_role(roles.ADMIN)


@pytest.fixture
def seeded(db):
    """The database holding the shipped seed strategy; returns the strategy."""
    from django.conf import settings
    from django.core.management import call_command

    from projects.models import Strategy

    call_command("import_strategy", str(settings.SEED_DOCUMENT), stdout=io.StringIO())
    return Strategy.objects.get(is_featured=True)


@pytest.fixture(scope="session")
def production_static(tmp_path_factory):
    """STATIC_ROOT filled by collectstatic under the production settings (hashed, compressed), once per test run."""
    from tests.production import manage

    tmp_path = tmp_path_factory.mktemp("production-static")
    result = manage(tmp_path, "collectstatic", "--no-input")
    assert result.returncode == 0, result.stderr
    return tmp_path / "static"
