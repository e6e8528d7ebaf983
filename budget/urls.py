"""The workspace routes of the budget app; the public pages (public_urls.py) are appended, in the same namespace."""

from django.urls import path

from budget.models import Allocation, BudgetLine, Expenditure, ExternalFunding
from budget.public_urls import urlpatterns as public_urlpatterns
from budget.views import bookings, budget_lines, carry_over, exports, external_funding, history, money
from strategy_portal.workspace import object_urls

app_name = "budget"

urlpatterns = [
    *object_urls(
        "arbeitsbereich/haushalt",
        BudgetLine,
        list_view=budget_lines.BudgetLineListView,
        create_view=budget_lines.BudgetLineFormView,
        detail_view=budget_lines.BudgetLineDetailView,
        update_view=budget_lines.BudgetLineFormView,
        revert_view=history.MoneyRevertView,
        delete_view=history.MoneyDeleteView,
    ),
    *object_urls(
        "arbeitsbereich/zuweisungen",
        Allocation,
        list_view=bookings.AllocationListView,
        create_view=bookings.AllocationFormView,
        detail_view=bookings.AllocationDetailView,
        update_view=bookings.AllocationFormView,
        revert_view=history.MoneyRevertView,
        delete_view=history.MoneyDeleteView,
    ),
    *object_urls(
        "arbeitsbereich/ausgaben",
        Expenditure,
        list_view=bookings.ExpenditureListView,
        create_view=bookings.ExpenditureFormView,
        detail_view=bookings.ExpenditureDetailView,
        update_view=bookings.ExpenditureFormView,
        revert_view=history.MoneyRevertView,
        delete_view=history.MoneyDeleteView,
    ),
    path(
        "arbeitsbereich/haushalt/<int:pk>/uebertragen/",
        carry_over.CarryOverView.as_view(),
        name="budgetline-carry-over",
    ),
    path(
        "arbeitsbereich/haushalt/uebertraege/<int:pk>/rueckgaengig/",
        carry_over.UndoCarryOverView.as_view(),
        name="carryover-undo",
    ),
    *object_urls(
        "arbeitsbereich/haushalt/fremdmittel",
        ExternalFunding,
        list_view=external_funding.ExternalFundingListView,
        create_view=external_funding.ExternalFundingFormView,
        detail_view=external_funding.ExternalFundingDetailView,
        update_view=external_funding.ExternalFundingFormView,
    ),
    path("arbeitsbereich/haushalt/projekte/", money.ProjectMoneyView.as_view(), name="project-money"),
    path("arbeitsbereich/haushalt/verlauf/<int:year>/", money.BurndownView.as_view(), name="burndown"),
    path(
        "arbeitsbereich/haushalt/export.<str:format>/",
        exports.FinancingExportView.as_view(),
        name="financing-export",
    ),
    path(
        "arbeitsbereich/haushalt/projekte/export.<str:format>/",
        exports.ProjectMoneyExportView.as_view(),
        name="project-money-export",
    ),
    path(
        "arbeitsbereich/haushalt/verlauf/<int:year>/export.<str:format>/",
        exports.BurndownExportView.as_view(),
        name="burndown-export",
    ),
    *public_urlpatterns,
]
