from django.contrib.auth.models import AbstractUser
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A user of the portal; what they may do comes from their role groups (see accounts.roles)."""

    class Meta(AbstractUser.Meta):
        # django-stubs types AbstractUser.Meta's names as str; Django's own are lazy strings like these.
        verbose_name = _("user")  # type: ignore[assignment]
        verbose_name_plural = _("users")  # type: ignore[assignment]
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username
