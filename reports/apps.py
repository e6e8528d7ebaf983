from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports and committee papers")

    def ready(self) -> None:
        from reports import personal_data
        from stakeholders.personal_data import register_personal_data

        register_personal_data(
            "paper_attachments",
            personal_data.attachments,
            personal_data.kept_attachments,
            erase=personal_data.erase_from_attachments,
            models=("reports.paperattachment", "reports.historicalpaperattachment"),
        )
