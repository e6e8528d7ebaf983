"""The portal's password login: Django's ModelBackend, except that demo accounts are refused when DEBUG is off."""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.base_user import AbstractBaseUser

from accounts.demo import is_demo_account


class PortalBackend(ModelBackend):
    """A refused demo account gets the login form's usual "wrong user name or password" (the admin's login too), and
    a session it opened while DEBUG was on no longer counts (ModelBackend.get_user asks the same question)."""

    def user_can_authenticate(self, user: AbstractBaseUser | None) -> bool:
        if user is not None and is_demo_account(user) and not settings.DEBUG:
            return False
        return super().user_can_authenticate(user)
