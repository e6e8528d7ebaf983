"""What the tests of the strategy's structure pages in the workspace share: the routes, factories and addresses."""

from django.urls import reverse

from tests import factories

LIST_ROUTES = (
    "strategy-list",
    "phase-list",
    "strategicgoal-list",
    "actionfield-list",
    "finding-list",
    "externalinitiative-list",
)
FACTORIES = {
    "strategy": factories.StrategyFactory,
    "phase": factories.PhaseFactory,
    "strategicgoal": factories.StrategicGoalFactory,
    "actionfield": factories.ActionFieldFactory,
    "finding": factories.FindingFactory,
    "externalinitiative": factories.ExternalInitiativeFactory,
}


def url(name, *args):
    return reverse(f"projects:{name}", args=args)
