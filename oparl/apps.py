from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OParlConfig(AppConfig):
    name = "oparl"
    verbose_name = _("OParl interface")

    def ready(self) -> None:
        from oparl.serializers import forget_paper_files
        from reports.models import CommitteePaper
        from stakeholders.personal_data import text_rewritten

        text_rewritten.connect(forget_paper_files, sender=CommitteePaper, dispatch_uid="oparl-forget-paper-files")
