"""The production start warns while demo accounts exist: they cannot log in with DEBUG off, but they should not be
there at all (a database copied from a development or test installation)."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from accounts.demo import DEMO_USERNAMES
from accounts.models import User


def demo_accounts_in(alias: str) -> set[str]:
    """Reads the user table; a database that does not answer or is not migrated yet (a first start) has none."""
    try:
        if User._meta.db_table not in connections[alias].introspection.table_names():
            return set()
        return set(User.objects.using(alias).filter(username__in=DEMO_USERNAMES).values_list("username", flat=True))
    except DatabaseError:
        return set()


def demo_account_warnings(databases: Iterable[str]) -> list[CheckMessage]:
    if settings.DEBUG:
        return []
    found = set().union(*(demo_accounts_in(alias) for alias in databases))
    if not found:
        return []
    return [
        Warning(
            f"Demo accounts exist while DEBUG is off: {', '.join(sorted(found))}. They cannot log in, but belong to "
            "development only.",
            hint="Delete them in the Django admin (/admin/, Users); create_demo_accounts made them for development.",
            obj=User,
            id="accounts.W001",
        )
    ]


# Two registrations, so that the warning comes exactly once both where Django names the databases to check
# (migrate, which the production start runs; check --database default) and at a plain `check --deploy`.
@register(Tags.security, Tags.database)
def check_demo_accounts(databases: Sequence[str] | None = None, **kwargs: Any) -> list[CheckMessage]:
    return demo_account_warnings(databases or [])


@register(Tags.security, deploy=True)
def check_demo_accounts_at_deploy(databases: Sequence[str] | None = None, **kwargs: Any) -> list[CheckMessage]:
    return [] if databases else demo_account_warnings([DEFAULT_DB_ALIAS])
