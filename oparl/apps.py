from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OParlConfig(AppConfig):
    name = "oparl"
    verbose_name = _("OParl interface")
