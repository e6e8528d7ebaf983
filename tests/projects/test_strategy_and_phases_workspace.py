"""Who may open and change the strategy's structure in the workspace (the strategy, its phases, goals, action
fields, findings and external initiatives), the strategy and its phases, and the query counts of the lists and pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import Phase, Strategy
from tests import factories
from tests.projects.strategy_helpers import FACTORIES, LIST_ROUTES, url

# Who may do what -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("route", LIST_ROUTES)
def test_anonymous_visitors_are_sent_to_the_login_page(client, db, route):
    model_name = route.removesuffix("-list")
    obj = FACTORIES[model_name]()

    for address in (url(route), url(f"{model_name}-detail", obj.pk), url(f"{model_name}-create")):
        response = client.get(address)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("route", LIST_ROUTES)
def test_committee_members_read_the_structure_but_cannot_change_it(committee_client, route):
    model_name = route.removesuffix("-list")
    obj = FACTORIES[model_name]()
    before = obj.history.count()

    assert committee_client.get(url(route)).status_code == 200
    assert committee_client.get(url(f"{model_name}-detail", obj.pk)).status_code == 200
    assert committee_client.get(url(f"{model_name}-update", obj.pk)).status_code == 403
    assert committee_client.post(url(f"{model_name}-update", obj.pk), {"title": "Geändert"}).status_code == 403
    assert committee_client.post(url(f"{model_name}-create"), {"title": "Neu"}).status_code == 403
    assert obj.history.count() == before


def test_a_project_lead_cannot_open_the_strategy_pages(client, project_lead_user):
    client.force_login(project_lead_user)

    assert client.get(url("actionfield-list")).status_code == 403


@pytest.mark.parametrize("route", LIST_ROUTES)
def test_editors_open_every_list_create_and_edit_page(editor_client, route):
    model_name = route.removesuffix("-list")
    obj = FACTORIES[model_name]()

    for address in (url(route), url(f"{model_name}-create"), url(f"{model_name}-update", obj.pk)):
        assert editor_client.get(address).status_code == 200


# The strategy ----------------------------------------------------------------------------------------------------


def test_the_strategy_page_shows_its_phases_goals_and_action_fields(editor_client, seeded):
    page = editor_client.get(url("strategy-detail", seeded.pk)).content.decode()

    for phase in seeded.phases.all():
        assert phase.title in page
    for goal in seeded.goals.all():
        assert goal.statement in page
    for field in seeded.action_fields.all():
        assert field.title in page
    for objective in seeded.process_objective_list:
        assert f"<li>{objective}</li>" in page


def test_editor_updates_the_process_objectives_one_per_line(editor_client):
    strategy = factories.StrategyFactory(title="Klimaschutzkonzept", slug="klimaschutz")
    data = {
        "title": strategy.title,
        "slug": strategy.slug,
        "process_objectives": "  Ziele ableiten \r\n\r\nAkteure einbinden\r\n",
        "first_budget_year": 2026,
        "last_budget_year": 2030,
        "reporting_period_months": 3,
    }

    response = editor_client.post(url("strategy-update", strategy.pk), data)

    assert response.status_code == 302
    strategy.refresh_from_db()
    assert strategy.process_objectives == "Ziele ableiten\nAkteure einbinden"
    assert strategy.process_objective_list == ["Ziele ableiten", "Akteure einbinden"]


def test_editor_creates_a_strategy_and_its_slug_comes_from_the_title(editor_client, db):
    data = {
        "title": "Klimaschutzkonzept Landkreis",
        "first_budget_year": 2026,
        "last_budget_year": 2030,
        "reporting_period_months": 6,
    }

    response = editor_client.post(url("strategy-create"), data)

    strategy = Strategy.objects.get(title="Klimaschutzkonzept Landkreis")
    assert response.url == url("strategy-detail", strategy.pk)
    assert strategy.slug == "klimaschutzkonzept-landkreis"


# Phases ----------------------------------------------------------------------------------------------------------


def test_editor_creates_a_phase_with_its_participation_events(editor_client):
    strategy = factories.StrategyFactory()
    events = factories.ParticipationEventFactory.create_batch(2)
    data = {
        "strategy": strategy.pk,
        "number": 1,
        "title": "Analyse",
        "status": Phase.Status.COMPLETED,
        "start_date": "2024-10-01",
        "end_date": "2025-03-31",
        "participation_events": [event.pk for event in events],
    }

    response = editor_client.post(url("phase-create"), data)

    phase = Phase.objects.get(strategy=strategy, number=1)
    assert response.url == url("phase-detail", phase.pk)
    assert set(phase.participation_events.all()) == set(events)
    assert phase.status == Phase.Status.COMPLETED


def test_a_phase_ending_before_it_starts_is_refused(editor_client):
    phase = factories.PhaseFactory(title="Analyse", number=1)
    data = {
        "strategy": phase.strategy_id,
        "number": 1,
        "title": "Analyse",
        "status": Phase.Status.ACTIVE,
        "start_date": "2025-03-31",
        "end_date": "2024-10-01",
    }

    response = editor_client.post(url("phase-update", phase.pk), data)

    assert response.status_code == 200
    assert "Das Ende darf nicht vor dem Beginn liegen." in response.content.decode()
    phase.refresh_from_db()
    assert phase.status == Phase.Status.PLANNED
    assert phase.end_date is None


def test_archived_events_are_offered_only_where_they_are_already_chosen(editor_client):
    archived = factories.ParticipationEventFactory(is_archived=True)
    phase = factories.PhaseFactory()
    phase.participation_events.add(archived)

    new_form = editor_client.get(url("phase-create")).context["form"]
    edit_form = editor_client.get(url("phase-update", phase.pk)).context["form"]

    assert archived not in new_form.fields["participation_events"].queryset
    assert archived in edit_form.fields["participation_events"].queryset


def test_the_phase_list_can_be_narrowed_to_one_strategy(editor_client):
    mine = factories.PhaseFactory(title="Meine Phase")
    other = factories.PhaseFactory(title="Fremde Phase")

    page = editor_client.get(url("phase-list"), {"strategy": mine.strategy_id}).content.decode()

    assert mine.title in page
    assert other.title not in page


# Query counts ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("route", LIST_ROUTES)
def test_list_queries_do_not_grow_with_rows(committee_client, django_assert_max_num_queries, route):
    factory = FACTORIES[route.removesuffix("-list")]
    strategy = factories.StrategyFactory()
    make = factory if factory is factories.StrategyFactory else lambda **kw: factory(strategy=strategy, **kw)
    make()
    with CaptureQueriesContext(connection) as one:
        committee_client.get(url(route))
    for _index in range(10):
        make()

    with django_assert_max_num_queries(len(one)):
        assert committee_client.get(url(route)).status_code == 200


def _grow_strategy(strategy, count):
    for _index in range(count):
        field = factories.ActionFieldFactory(strategy=strategy)
        field.goals.add(factories.StrategicGoalFactory(strategy=strategy))
        factories.FocusAreaFactory(action_field=field)
        factories.ProjectFactory(strategy=strategy, action_field=field)
        phase = factories.PhaseFactory(strategy=strategy)
        phase.participation_events.add(factories.ParticipationEventFactory())


def test_strategy_page_queries_do_not_grow_with_its_structure(committee_client, django_assert_max_num_queries):
    strategy = factories.StrategyFactory()
    _grow_strategy(strategy, 1)
    with CaptureQueriesContext(connection) as one:
        committee_client.get(url("strategy-detail", strategy.pk))
    _grow_strategy(strategy, 10)

    with django_assert_max_num_queries(len(one)):
        assert committee_client.get(url("strategy-detail", strategy.pk)).status_code == 200


@pytest.mark.parametrize("model_name", ["phase", "strategicgoal", "finding", "externalinitiative"])
def test_detail_queries_do_not_grow_with_related_rows(committee_client, django_assert_max_num_queries, model_name):
    obj = FACTORIES[model_name]()
    related = {
        "phase": lambda: obj.participation_events.add(factories.ParticipationEventFactory()),
        "strategicgoal": lambda: obj.action_fields.add(factories.ActionFieldFactory(strategy=obj.strategy)),
        "finding": lambda: obj.action_fields.add(factories.ActionFieldFactory(strategy=obj.strategy)),
        "externalinitiative": lambda: obj.action_fields.add(factories.ActionFieldFactory(strategy=obj.strategy)),
    }[model_name]
    related()
    with CaptureQueriesContext(connection) as one:
        committee_client.get(url(f"{model_name}-detail", obj.pk))
    for _index in range(10):
        related()

    with django_assert_max_num_queries(len(one)):
        assert committee_client.get(url(f"{model_name}-detail", obj.pk)).status_code == 200
