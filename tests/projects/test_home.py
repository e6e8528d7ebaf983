from unittest import mock

from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ActionFieldFactory, ProjectFactory, StrategyFactory


def test_home_names_the_strategy_and_its_goals(client, seeded):
    page = client.get("/").content.decode()

    assert "Zukunftsstrategie für den Wirtschaftsstandort Landkreis Ludwigsburg" in page
    for goal in seeded.goals.all():
        assert goal.statement in page
    assert "Strategische Ziele" in page


def test_home_shows_the_process_with_german_dates_and_participant_counts(client, seeded):
    page = client.get("/").content.decode()

    assert "01.10.2024" in page
    assert "über 60 Teilnehmende" in page
    assert "25.02.2025</time>–<time" in page
    assert "rund 190 Teilnehmende" in page


def test_home_shows_plainly_that_an_action_field_has_no_project(client, seeded):
    page = client.get("/").content.decode()

    # Once in each picture of the Strategiehaus (wide and narrow) and once in its text version: Infrastruktur und Raum.
    assert page.count('class="sh-link sh-pillar sh-pillar-empty" href="/handlungsfelder/infrastruktur-raum/"') == 2
    assert page.count("sh-pillar-empty") == 2
    assert page.count("<strong>Noch kein Projekt</strong>") == 1


def test_home_without_a_strategy_says_so(client, db):
    response = client.get("/")

    assert response.status_code == 200
    assert "Noch keine Strategie veröffentlicht" in response.content.decode()


def test_home_queries_do_not_grow_with_projects(client, db, django_assert_num_queries):
    strategy = StrategyFactory(is_featured=True)
    ProjectFactory(strategy=strategy)
    with CaptureQueriesContext(connection) as one:
        client.get("/")

    for _ in range(5):
        ProjectFactory(strategy=strategy, action_field=ActionFieldFactory(strategy=strategy))
    with django_assert_num_queries(len(one)):
        assert client.get("/").status_code == 200


def test_healthz_answers_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_healthz_answers_503_when_the_database_is_down(client, db):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")

    assert response.status_code == 503
