"""Workspace routes for the strategy's structure (phases, goals, action fields, findings, external initiatives)."""

from projects import strategy_views as views
from projects.models import ActionField, ExternalInitiative, Finding, Phase, StrategicGoal, Strategy
from strategy_portal.workspace import object_urls

urlpatterns = [
    *object_urls(
        "arbeitsbereich/strategien",
        Strategy,
        list_view=views.StrategyListView,
        create_view=views.StrategyCreateView,
        detail_view=views.StrategyDetailView,
        update_view=views.StrategyUpdateView,
    ),
    *object_urls(
        "arbeitsbereich/phasen",
        Phase,
        list_view=views.PhaseListView,
        create_view=views.PhaseCreateView,
        detail_view=views.PhaseDetailView,
        update_view=views.PhaseUpdateView,
    ),
    *object_urls(
        "arbeitsbereich/ziele",
        StrategicGoal,
        list_view=views.StrategicGoalListView,
        create_view=views.StrategicGoalCreateView,
        detail_view=views.StrategicGoalDetailView,
        update_view=views.StrategicGoalUpdateView,
    ),
    *object_urls(
        "arbeitsbereich/handlungsfelder",
        ActionField,
        list_view=views.ActionFieldListView,
        create_view=views.ActionFieldCreateView,
        detail_view=views.ActionFieldDetailView,
        update_view=views.ActionFieldUpdateView,
    ),
    *object_urls(
        "arbeitsbereich/analyseergebnisse",
        Finding,
        list_view=views.FindingListView,
        create_view=views.FindingCreateView,
        detail_view=views.FindingDetailView,
        update_view=views.FindingUpdateView,
    ),
    *object_urls(
        "arbeitsbereich/externe-initiativen",
        ExternalInitiative,
        list_view=views.ExternalInitiativeListView,
        create_view=views.ExternalInitiativeCreateView,
        detail_view=views.ExternalInitiativeDetailView,
        update_view=views.ExternalInitiativeUpdateView,
    ),
]
