"""The portal's password login: Django's ModelBackend, except that demo accounts are refused when DEBUG is off."""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser

from accounts.demo import is_demo_account
from accounts.models import User


class PortalBackend(ModelBackend):
    """A refused demo account gets the login form's usual "wrong user name or password" (the admin's login too), and
    a session it opened while DEBUG was on no longer counts (ModelBackend.get_user asks the same question)."""

    def user_can_authenticate(self, user: User | AnonymousUser | None) -> bool:
        if isinstance(user, User) and is_demo_account(user) and not settings.DEBUG:
            return False
        return super().user_can_authenticate(user)
