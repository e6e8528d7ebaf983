"""Public pages of the budget, open to everyone without login; appended to budget/urls.py (the same "budget"
namespace)."""

from django.urls import path

from budget.views import public

urlpatterns = [
    path("finanzen/", public.PublicFinancesView.as_view(), name="public-finances"),
    path("finanzen/export.<str:format>/", public.PublicFinancesExportView.as_view(), name="public-finances-export"),
]
