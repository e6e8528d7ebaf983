from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "exchange"
    verbose_name = _("Strategy document, backup and restore")

    def ready(self) -> None:
        from exchange.views.strategy_document import download_context
        from reports.extra_downloads import ExtraDownload, register

        # The exports page of reports offers the strategy document; reports must not import this app.
        register(ExtraDownload("exchange/strategy_document_download.html", download_context))
