from django.urls import path

from budget import export_views, money_views, views
from budget.carry_over_views import CarryOverView
from budget.models import Allocation, BudgetLine, Expenditure, ExternalFunding
from budget.public_urls import urlpatterns as public_urlpatterns
from strategy_portal.workspace import object_urls

app_name = "budget"

urlpatterns = [
    *object_urls(
        "arbeitsbereich/haushalt",
        BudgetLine,
        list_view=views.BudgetLineListView,
        create_view=views.BudgetLineCreateView,
        detail_view=views.BudgetLineDetailView,
        update_view=views.BudgetLineUpdateView,
    ),
    *object_urls(
        "arbeitsbereich/zuweisungen",
        Allocation,
        list_view=views.AllocationListView,
        create_view=views.AllocationCreateView,
        detail_view=views.AllocationDetailView,
        update_view=views.AllocationUpdateView,
    ),
    *object_urls(
        "arbeitsbereich/ausgaben",
        Expenditure,
        list_view=views.ExpenditureListView,
        create_view=views.ExpenditureCreateView,
        detail_view=views.ExpenditureDetailView,
        update_view=views.ExpenditureUpdateView,
    ),
    *public_urlpatterns,
    path("arbeitsbereich/haushalt/<int:pk>/uebertragen/", CarryOverView.as_view(), name="budgetline-carry-over"),
    *object_urls(
        "arbeitsbereich/haushalt/fremdmittel",
        ExternalFunding,
        list_view=money_views.ExternalFundingListView,
        create_view=money_views.ExternalFundingCreateView,
        detail_view=money_views.ExternalFundingDetailView,
        update_view=money_views.ExternalFundingUpdateView,
    ),
    path("arbeitsbereich/haushalt/projekte/", money_views.ProjectMoneyView.as_view(), name="project-money"),
    path("arbeitsbereich/haushalt/verlauf/<int:year>/", money_views.BurndownView.as_view(), name="burndown"),
    path(
        "arbeitsbereich/haushalt/export.<str:format>/",
        export_views.FinancingExportView.as_view(),
        name="financing-export",
    ),
    path(
        "arbeitsbereich/haushalt/projekte/export.<str:format>/",
        export_views.ProjectMoneyExportView.as_view(),
        name="project-money-export",
    ),
    path(
        "arbeitsbereich/haushalt/verlauf/<int:year>/export.<str:format>/",
        export_views.BurndownExportView.as_view(),
        name="burndown-export",
    ),
]
