"""The demo accounts: one per role, for development only (`manage.py create_demo_accounts`).

They are recognised by their exact user names. With DEBUG off they cannot log in (accounts/backends.py) and the
start warns while they exist (accounts/checks.py)."""

from django.contrib.auth.base_user import AbstractBaseUser

from accounts.roles import ROLE_PERMISSIONS


def demo_username(role: str) -> str:
    return f"demo-{role.replace('_', '-')}"


DEMO_USERNAMES = frozenset(demo_username(role) for role in ROLE_PERMISSIONS)


def is_demo_account(user: AbstractBaseUser) -> bool:
    return user.get_username() in DEMO_USERNAMES
