"""Public pages of the budget (issue 4)."""

from django.urls import path

from budget import public_views

urlpatterns = [
    path("finanzen/", public_views.PublicFinancesView.as_view(), name="public-finances"),
]
