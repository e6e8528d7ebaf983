"""What the partner reporting tests share: the partner's project lead, the office's editor, their projects, and
submitting, reviewing and reading reports."""

import datetime

import pytest
from django.urls import reverse

from accounts import roles
from projects.models import Project, StatusReport
from tests import factories

SUBMITTED, PUBLISHED, RETURNED = StatusReport.State.SUBMITTED, StatusReport.State.PUBLISHED, StatusReport.State.RETURNED
REVIEW_LIST = reverse("projects:statusreport-review-list")


@pytest.fixture
def strategy(db):
    return factories.StrategyFactory(is_featured=True)


@pytest.fixture
def lead(user_for_role):
    return user_for_role(roles.PROJECT_LEAD, first_name="Petra", last_name="Partner", email="petra@example.org")


@pytest.fixture
def editor(user_for_role):
    return user_for_role(roles.EDITOR, first_name="Erik", last_name="Editor")


@pytest.fixture
def mine(strategy, lead):
    """A published, monitored project of the featured strategy, led by the partner's project lead."""
    return factories.ProjectFactory(
        strategy=strategy,
        title="Fachkräftenetzwerk",
        kind=Project.Kind.MONITORED,
        visibility=Project.Visibility.PUBLISHED,
        project_leads=[lead],
    )


@pytest.fixture
def other(strategy):
    return factories.ProjectFactory(strategy=strategy, title="Gründerzentrum", visibility=Project.Visibility.PUBLISHED)


@pytest.fixture
def milestone(mine):
    return factories.MilestoneFactory(project=mine, title="Netzwerk gegründet", due_date=datetime.date(2026, 6, 30))


def submitted(project, author, **kwargs):
    return factories.StatusReportFactory(project=project, author=author, state=SUBMITTED, **kwargs)


def latest(project):
    return Project.objects.with_latest_report().get(pk=project.pk)


def review(client, report, **data):
    return client.post(reverse("projects:statusreport-review", args=[report.pk]), data)
