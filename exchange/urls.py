from django.urls import path

from exchange.views import strategy_document

app_name = "exchange"

urlpatterns = [
    path("berichte/strategie.json", strategy_document.StrategyDocumentView.as_view(), name="strategy-document"),
]
