from budget import views
from budget.models import Allocation, BudgetLine, Expenditure
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
]
