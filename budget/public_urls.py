"""Public pages of the budget (issue 4)."""

from django.urls import path

from budget import export_views, public_views

urlpatterns = [
    path("finanzen/", public_views.PublicFinancesView.as_view(), name="public-finances"),
    path(
        "finanzen/export.<str:format>/",
        export_views.PublicFinancesExportView.as_view(),
        name="public-finances-export",
    ),
]
