from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.demo import demo_username
from accounts.roles import ROLE_LABELS, ROLE_PERMISSIONS, set_roles


class Command(BaseCommand):
    help = "Create one demo account per role (development only; refused when DEBUG is off)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(_("Demo accounts are for development only and are refused when DEBUG is off."))
        with transaction.atomic():
            for role in ROLE_PERMISSIONS:
                self._create(role)

    def _create(self, role: str) -> None:
        username = demo_username(role)
        password = f"{username}-passwort"
        user, _created = get_user_model().objects.update_or_create(
            username=username, defaults={"first_name": "Demo", "last_name": str(ROLE_LABELS[role])}
        )
        user.set_password(password)
        set_roles(user, [role])
        self.stdout.write(f"  {ROLE_LABELS[role]:<20} {username:<20} {password}")
