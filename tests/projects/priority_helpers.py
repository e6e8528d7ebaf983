"""What the steering tests share: the featured strategy with a capacity and a budget, its projects with their
ratings, and reading the pages."""

import html
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import roles
from projects.models import Project
from tests import factories

URL = reverse("projects:priorities")


@pytest.fixture
def strategy(db):
    return factories.StrategyFactory(
        is_featured=True,
        first_budget_year=2026,
        last_budget_year=2028,
        staff_days_capacity=100,
        annual_project_budget=Decimal("20000.00"),
    )


@pytest.fixture
def field(strategy):
    return factories.ActionFieldFactory(strategy=strategy)


@pytest.fixture
def make_project(strategy, field):
    def make(title, ratings=(None, None, None), **kwargs):
        subject, resources, partners = ratings
        return factories.ProjectFactory(
            strategy=strategy,
            action_field=kwargs.pop("action_field", field),
            title=title,
            priority_subject=subject,
            priority_resources=resources,
            priority_partners=partners,
            visibility=kwargs.pop("visibility", Project.Visibility.PUBLISHED),
            **kwargs,
        )

    return make


def page(client, url=URL, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def section(text, heading_id):
    return text.split(f'id="{heading_id}"')[1].split("</section>")[0]


def add_ranked_projects(strategy, field, count):
    for index in range(count):
        project = factories.ProjectFactory(
            strategy=strategy,
            action_field=field,
            visibility=Project.Visibility.PUBLISHED,
            priority_subject=1 + index % 5,
            priority_resources=1 + (index + 1) % 5,
            priority_partners=None if index % 4 == 0 else 1 + (index + 2) % 5,
            staff_days_per_year=10 * index,
            required_amount=Decimal(1000 * index),
        )
        factories.StatusReportFactory(project=project, progress=index % 101)
        indicator = factories.IndicatorFactory(project=project)
        factories.MeasurementFactory.create_batch(1 + index % 3, indicator=indicator)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.fixture
def editor_client_for(client, user_for_role):
    client.force_login(user_for_role(roles.EDITOR))
    return client
