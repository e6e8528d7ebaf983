"""/uebersicht/: the overview dashboard for the committee and the office."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from projects.models import Project, StatusReport
from projects.periods import period_containing, previous_period
from tests.factories import (
    ActionFieldFactory,
    AllocationFactory,
    BudgetLineFactory,
    ExpenditureFactory,
    FundingSourceFactory,
    MilestoneFactory,
    ProjectFactory,
    StatusReportFactory,
    StrategyFactory,
)

URL = "/uebersicht/"
IMPLEMENTATION = Project.Status.IN_IMPLEMENTATION
LONG_AGO = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)  # projects that existed before the previous period


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def table_row(page, text):
    """The <tr> holding `text`."""
    return next(row for row in re.findall(r"<tr[^>]*>.*?</tr>", page, re.S) if text in row)


def section(page, heading_id):
    return re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', page, re.S).group(0)


def test_dashboard_has_its_contract_path(db):
    assert reverse("reports:dashboard") == URL


def test_anonymous_visitors_are_sent_to_the_login(client, seeded):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_project_lead_may_not_see_the_dashboard(client, seeded, project_lead_user):
    client.force_login(project_lead_user)

    assert client.get(URL).status_code == 403


@pytest.mark.parametrize("role", [roles.COMMITTEE, roles.EDITOR, roles.ADMIN])
def test_committee_editors_and_the_administrator_see_the_dashboard(client, seeded, user_for_role, role):
    client.force_login(user_for_role(role))

    assert client.get(URL).status_code == 200


def test_dashboard_counts_the_seeded_projects_per_action_field_and_status(client, seeded, committee_user):
    client.force_login(committee_user)

    response = client.get(URL)

    matrix = response.context["matrix"]
    in_qualification = [status for status, _label in matrix.statuses].index(Project.Status.IN_QUALIFICATION)
    assert [(row.action_field.short_title, row.counts[in_qualification], row.total) for row in matrix.rows] == [
        ("Identität des Wirtschaftsstandorts", 1, 1),
        ("Bildung & Fachkräfte", 2, 2),
        ("Vernetzung / Wissenstransfer / Gründungsförderung", 2, 2),
        ("Verwaltung & Wirtschaftsförderung als Lotse und Enabler", 1, 1),
        ("Ressourceneffizienz", 1, 1),
        ("Infrastruktur & Raum", 0, 0),
    ]
    assert matrix.total == 7


def test_dashboard_marks_the_action_field_without_a_project(client, seeded, committee_user):
    client.force_login(committee_user)

    page = client.get(URL).content.decode()

    row = table_row(page, "Infrastruktur &amp; Raum")
    assert "Noch kein Projekt" in row
    assert 'class="table-warning"' in row
    assert page.count("Noch kein Projekt") == 1


def test_dashboard_counts_internal_projects_but_not_archived_ones(client, seeded, committee_user):
    field = seeded.action_fields.get(slug="infrastruktur-raum")
    ProjectFactory(strategy=seeded, number=101, action_field=field, visibility=Project.Visibility.INTERNAL)
    ProjectFactory(strategy=seeded, number=102, action_field=field, is_archived=True)
    client.force_login(committee_user)

    matrix = client.get(URL).context["matrix"]

    assert matrix.rows[-1].total == 1
    assert matrix.total == 8


def test_dashboard_counts_traffic_lights_of_the_newest_report_only(client, seeded, committee_user):
    first, second = seeded.projects.get(number=1), seeded.projects.get(number=2)
    StatusReportFactory(project=first, reported_on=days_ago(40), traffic_light=StatusReport.TrafficLight.RED)
    StatusReportFactory(project=first, reported_on=days_ago(10), traffic_light=StatusReport.TrafficLight.GREEN)
    StatusReportFactory(project=second, reported_on=days_ago(5), traffic_light=StatusReport.TrafficLight.AMBER)
    client.force_login(committee_user)

    response = client.get(URL)

    counts = {light.value: light.count for light in response.context["traffic_lights"]}
    assert counts == {"green": 1, "amber": 1, "red": 0, "": 5}
    lights = section(response.content.decode(), "lights-heading")
    assert re.search(r"traffic-light-green\">.*?grün</span>\s*1 Projekt\b", lights)  # a colour always with its word
    assert re.search(r"traffic-light-red\">.*?rot</span>\s*0 Projekte", lights)
    assert re.search(r"noch kein Bericht</span>\s*5 Projekte", lights)


def test_dashboard_lists_an_overdue_milestone_with_its_project(client, seeded, committee_user):
    project = seeded.projects.get(number=2)
    MilestoneFactory(project=project, title="Machbarkeitsstudie vergeben", due_date=days_ago(3))
    MilestoneFactory(project=project, title="Erledigt", due_date=days_ago(30), done_on=days_ago(31))
    MilestoneFactory(project=project, title="Noch nicht fällig", due_date=days_ago(-10))
    client.force_login(committee_user)

    page = client.get(URL).content.decode()

    milestones = section(page, "milestones-heading")
    row = table_row(milestones, "Machbarkeitsstudie vergeben")
    assert days_ago(3).strftime("%d.%m.%Y") in row
    assert "Machbarkeitsstudie Internationale Schule" in row
    assert f'href="/arbeitsbereich/projekte/{project.pk}/"' in row
    assert "Erledigt" not in milestones
    assert "Noch nicht fällig" not in milestones


def previous_period_start(strategy):
    return previous_period(period_containing(timezone.localdate(), strategy.reporting_period_months)).start


def test_dashboard_lists_projects_in_implementation_without_a_report_for_the_previous_period(
    client, seeded, committee_user
):
    stale, missing, fresh, idle = (seeded.projects.get(number=number) for number in (1, 3, 4, 5))
    Project.objects.filter(pk__in=[stale.pk, missing.pk, fresh.pk]).update(status=IMPLEMENTATION, created=LONG_AGO)
    before_previous = previous_period_start(seeded) - datetime.timedelta(days=1)
    StatusReportFactory(project=stale, reported_on=before_previous)
    StatusReportFactory(project=fresh, reported_on=previous_period_start(seeded))
    StatusReportFactory(project=idle, reported_on=days_ago(400))  # old, but not in implementation
    client.force_login(committee_user)

    response = client.get(URL)

    assert [project.number for project in response.context["overdue_reports"]] == [3, 1]  # missing first
    reports = section(response.content.decode(), "reports-heading")
    assert before_previous.strftime("%d.%m.%Y") in table_row(reports, "Projekt 1:")
    assert "Projekt 4:" not in reports
    assert "Projekt 5:" not in reports


def test_dashboard_shows_the_budget_per_year_with_a_chart(client, seeded, committee_user):
    line = seeded.budget_lines.get(year=2025)
    project = seeded.projects.get(number=1)
    AllocationFactory(project=project, budget_line=line, amount=Decimal("12000.00"))
    AllocationFactory(project=project, budget_line=line, amount=Decimal("3000.00"))
    ExpenditureFactory(project=project, budget_line=line, amount=Decimal("4500.00"))
    client.force_login(committee_user)

    page = client.get(URL).content.decode()

    budget = section(page, "budget-heading")
    row = table_row(budget, '<th scope="row">2025</th>')
    assert [cell for cell in re.findall(r"<td[^>]*>([^<]*)</td>", row)] == [
        "72.577\xa0€",
        "72.577\xa0€",
        "15.000\xa0€",
        "4.500\xa0€",
    ]
    assert "132.577\xa0€" in budget
    assert 'role="img"' in budget
    assert '<title id="budget-chart-title">' in budget


def make_projects(strategy, count, line):
    """`count` projects in implementation, each with old reports (none for the previous period), an overdue milestone
    and bookings."""
    today = timezone.localdate()
    before_previous = previous_period_start(strategy)
    for _ in range(count):
        project = ProjectFactory(
            strategy=strategy, action_field=ActionFieldFactory(strategy=strategy), status=IMPLEMENTATION
        )
        Project.objects.filter(pk=project.pk).update(created=LONG_AGO)
        StatusReportFactory(project=project, reported_on=before_previous - datetime.timedelta(days=200))
        StatusReportFactory(project=project, reported_on=before_previous - datetime.timedelta(days=100))
        MilestoneFactory(project=project, due_date=today - datetime.timedelta(days=1))
        AllocationFactory(project=project, budget_line=line, amount=Decimal("10.00"))
        ExpenditureFactory(project=project, budget_line=line, amount=Decimal("1.00"))


def featured_strategy_with_budget():
    strategy = StrategyFactory(is_featured=True)
    line = BudgetLineFactory(strategy=strategy, year=2026)
    FundingSourceFactory(budget_line=line)
    return strategy, line


def test_dashboard_queries_are_the_same_with_5_and_with_50_projects(client, committee_user, django_assert_num_queries):
    client.force_login(committee_user)
    strategy, line = featured_strategy_with_budget()
    make_projects(strategy, 5, line)
    with CaptureQueriesContext(connection) as five:
        response = client.get(URL)
    assert len(response.context["overdue_milestones"]) == 5

    make_projects(strategy, 45, line)
    with django_assert_num_queries(len(five)):
        response = client.get(URL)
    # The lists show the 20 most urgent, the counts all 50.
    assert len(response.context["overdue_reports"]) == 20
    assert len(response.context["overdue_milestones"]) == 20
    assert response.context["overdue_report_count"] == 50
    assert response.context["overdue_milestone_count"] == 50
