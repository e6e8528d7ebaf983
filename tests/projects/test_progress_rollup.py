"""Steering: the progress roll-up to action fields and goals, weighted by priority, and the indicators'
sparklines."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from accounts import roles
from projects.models import Project, StatusReport
from projects.selectors import rollup
from projects.sparklines import sparkline
from tests import factories
from tests.projects import priority_helpers
from tests.projects.priority_helpers import add_ranked_projects, page, queries_for, section

# Fixtures of priority_helpers.py, named here for pytest to find; conftest.py says why they are not in it.
editor_client_for = priority_helpers.editor_client_for
field = priority_helpers.field
make_project = priority_helpers.make_project
strategy = priority_helpers.strategy

# Progress roll-up ----------------------------------------------------------------------------------------------------


def report(project, progress, state=StatusReport.State.PUBLISHED, day=1):
    return factories.StatusReportFactory(
        project=project, progress=progress, state=state, reported_on=datetime.date(2026, 1, day)
    )


@pytest.fixture
def rollup_data(strategy, field, make_project):
    """Field 1: a top project at 100 %, an unassessed one without report, a low one at 50 % (its newer report is only
    submitted). Field 2: an even project at 20 %. The goal is served by both fields."""
    goal = factories.StrategicGoalFactory(strategy=strategy, number=1)
    other_field = factories.ActionFieldFactory(strategy=strategy)
    field.goals.add(goal)
    other_field.goals.add(goal)
    report(make_project("Spitze", (5, 5, 5)), 100)
    make_project("Unbewertet")
    low = make_project("Niedrig", (1, 1, 1))
    report(low, 50, day=1)
    report(low, 90, state=StatusReport.State.SUBMITTED, day=2)
    report(make_project("Verworfen", (5, 5, 5), status=Project.Status.DROPPED), 0)
    report(make_project("Mittel", (3, 3, 3), action_field=other_field), 20)
    return {"goal": goal, "field": field, "other_field": other_field}


def test_an_action_fields_progress_is_weighted_by_priority(strategy, rollup_data):
    field = rollup_data["field"]
    listed = rollup.Rollup.of(rollup.weighted_projects(strategy, Project.objects.filter(action_field=field)))
    summed = rollup.progress_rollup(strategy, Project.objects.all()).for_field(field.pk)

    # (100·5 + 0·1 + 50·1) / 7 = 78.57…; unweighted it would be 50
    assert listed.progress == summed.progress == Decimal("78.6")
    assert summed.percent == 79
    assert [(item.project.title, item.progress, item.weight, item.assessed) for item in listed.items] == [
        ("Spitze", 100, Decimal("5.00"), True),
        ("Unbewertet", 0, Decimal("1.00"), False),
        ("Niedrig", 50, Decimal("1.00"), True),
    ]


def test_a_goals_progress_weighs_the_projects_of_every_field_serving_it(strategy, rollup_data):
    progress = rollup.progress_rollup(strategy, Project.objects.all())

    # (500 + 0 + 50 + 20·3) / (5 + 1 + 1 + 3) = 61
    assert progress.for_goal(rollup_data["goal"].pk).percent == 61


def test_the_roll_up_uses_the_saved_weights(strategy, make_project):
    field = factories.ActionFieldFactory(strategy=strategy)
    report(make_project("Fachlich stark", (5, 1, 1), action_field=field), 100)
    report(make_project("Partner stark", (1, 1, 5), action_field=field), 0)

    def percent(weights):
        strategy.weight_subject, strategy.weight_resources, strategy.weight_partners = weights
        strategy.save()
        return rollup.progress_rollup(strategy, Project.objects.all()).for_field(field.pk).percent

    assert percent((1, 0, 0)) == 83  # 100·5 / (5 + 1)
    assert percent((0, 0, 1)) == 17  # 100·1 / (1 + 5)


def test_a_field_or_goal_without_projects_has_no_progress(strategy, rollup_data):
    empty_goal = factories.StrategicGoalFactory(strategy=strategy, number=2)
    progress = rollup.progress_rollup(strategy, Project.objects.all())

    assert progress.for_goal(empty_goal.pk).progress is None
    assert progress.for_field(factories.ActionFieldFactory(strategy=strategy).pk).percent is None


def test_the_public_pages_show_the_weighted_progress_and_its_weighting(client, rollup_data):
    field_page = page(client, reverse("projects:public-actionfield", args=[rollup_data["field"].slug]))
    goal_page = page(client, reverse("projects:public-goal", args=[1]))
    home = page(client, "/")

    weighting = section(field_page, "progress-heading")
    assert "79\xa0%" in weighting and "gewichtet nach Priorität" in weighting
    rows = dict(re.findall(r"Projekt \d+: ([^<]+)</a></th>(.*?)</tr>", weighting, re.DOTALL))
    assert "100\xa0%" in rows["Spitze"] and "5,00" in rows["Spitze"]
    assert "noch kein Sachstand" in rows["Unbewertet"] and "noch nicht bewertet" in rows["Unbewertet"]
    assert "50\xa0%" in rows["Niedrig"] and "1,00" in rows["Niedrig"]
    assert "61\xa0%" in section(goal_page, "progress-heading")
    assert "Fortschritt: 79 % (gewichtet nach Priorität)" in goal_page  # the field's card
    assert 'class="sh-progress"' in home
    assert "Fortschritt: 61 % (gewichtet nach Priorität)" in home.split('class="strategiehaus-text"')[1]
    assert "Fortschritt: 79 % (gewichtet nach Priorität)" in home.split('class="strategiehaus-text"')[1]


def test_an_anonymous_visitor_gets_the_progress_of_published_projects_only(client, user_for_role, rollup_data):
    Project.objects.filter(title="Spitze").update(visibility=Project.Visibility.INTERNAL)
    url = reverse("projects:public-actionfield", args=[rollup_data["field"].slug])

    anonymous = section(page(client, url), "progress-heading")
    client.force_login(user_for_role(roles.COMMITTEE))
    committee = section(page(client, url), "progress-heading")

    assert "Spitze" not in anonymous and "25\xa0%" in anonymous  # (0·1 + 50·1) / 2
    assert "Spitze" in committee and "79\xa0%" in committee


# Sparklines ----------------------------------------------------------------------------------------------------------


@pytest.fixture
def indicator(make_project):
    project = make_project("Mit Kennzahl", (3, 3, 3))
    indicator = factories.IndicatorFactory(
        project=project, name="Teilnehmende", unit="", baseline=Decimal(0), target=Decimal(100)
    )
    factories.MeasurementFactory(indicator=indicator, measured_on=datetime.date(2026, 3, 15), value=Decimal("40.00"))
    factories.MeasurementFactory(indicator=indicator, measured_on=datetime.date(2025, 3, 15), value=Decimal("10.00"))
    return indicator


def test_a_sparkline_runs_from_the_oldest_to_the_newest_measurement_with_the_target_dashed(indicator):
    with translation.override("de"):
        line = sparkline(indicator, indicator.measurements.all())

    assert line.label == "Kennzahl Teilnehmende: zuletzt 40 von Ziel 100 (15.03.2026)"
    # 10 at the left and bottom, 40 at the right; the target 100 is the top.
    assert line.points == "4.0,28.0 116.0,20.0"
    assert line.last == ("116.0", "20.0")
    assert line.target_y == "4.0"


def test_a_sparkline_without_or_with_one_measurement_still_draws_sensibly(db):
    indicator = factories.IndicatorFactory(name="Anfragen", unit="Stück", target=Decimal("12.5"))
    with translation.override("de"):
        empty = sparkline(indicator, [])
        one = sparkline(
            indicator,
            [factories.MeasurementFactory.build(measured_on=datetime.date(2026, 1, 5), value=Decimal("12.50"))],
        )
        no_target = sparkline(factories.IndicatorFactory.build(name="Besuche", unit="", target=None), [])

    assert empty.points == "" and empty.last is None and empty.target_y == "16.0"
    assert empty.label == "Kennzahl Anfragen: noch kein Messwert, Ziel 12,5 Stück"
    assert one.last == ("60.0", "16.0")
    assert one.label == "Kennzahl Anfragen: zuletzt 12,5 von Ziel 12,5 Stück (05.01.2026)"
    assert no_target.label == "Kennzahl Besuche: noch kein Messwert" and no_target.target_y is None


def test_the_sparkline_appears_with_its_label_on_the_workspace_and_public_pages(client, editor_client_for, indicator):
    label = 'role="img" aria-label="Kennzahl Teilnehmende: zuletzt 40 von Ziel 100 (15.03.2026)"'
    urls = [
        reverse("projects:project-detail", args=[indicator.project.pk]),
        reverse("projects:indicator-detail", args=[indicator.pk]),
    ]
    for url in urls:
        assert label in page(editor_client_for, url)
    public = page(client, reverse("projects:public-project-detail", args=[indicator.project.slug]))
    assert label in public
    assert "<polyline" in public and 'class="sparkline-target"' in public


@pytest.mark.parametrize("role", [None, roles.COMMITTEE])
def test_the_public_pages_with_progress_run_the_same_queries_with_2_and_with_30_projects(
    client, user_for_role, strategy, field, django_assert_num_queries, role
):
    if role:
        client.force_login(user_for_role(role))
    field.goals.add(factories.StrategicGoalFactory(strategy=strategy, number=1))
    add_ranked_projects(strategy, field, 2)
    first = Project.objects.order_by("pk").first()
    urls = ["/", "/ziele/1/", f"/handlungsfelder/{field.slug}/", f"/projekte/{first.slug}/"]
    counts = {url: queries_for(client, url) for url in urls}

    add_ranked_projects(strategy, field, 28)
    factories.MeasurementFactory.create_batch(10, indicator=first.indicators.first())
    factories.IndicatorFactory.create_batch(3, project=first)
    for url, count in counts.items():
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200


def test_the_workspace_project_page_runs_the_same_queries_with_more_indicators(
    editor_client_for, strategy, field, django_assert_num_queries
):
    add_ranked_projects(strategy, field, 1)
    project = Project.objects.get()
    url = reverse("projects:project-detail", args=[project.pk])
    count = queries_for(editor_client_for, url)

    for indicator in factories.IndicatorFactory.create_batch(5, project=project):
        factories.MeasurementFactory.create_batch(4, indicator=indicator)
    with django_assert_num_queries(count):
        assert editor_client_for.get(url).status_code == 200
