"""What the tests of the public project pages share: the featured strategy and its published projects."""

import pytest

from projects.models import Project, StatusReport
from tests import factories

LIST_URL = "/projekte/"
GREEN, AMBER, RED = StatusReport.TrafficLight.GREEN, StatusReport.TrafficLight.AMBER, StatusReport.TrafficLight.RED


@pytest.fixture
def featured(db):
    return factories.StrategyFactory(is_featured=True)


@pytest.fixture
def make_project(featured):
    """A published project of the featured strategy, in an action field of its own unless one is given."""

    def make(**kwargs):
        kwargs.setdefault("visibility", Project.Visibility.PUBLISHED)
        return factories.ProjectFactory(strategy=featured, **kwargs)

    return make
