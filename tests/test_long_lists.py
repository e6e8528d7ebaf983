"""Pages whose lists grow with the strategy show them a page at a time (or the most urgent rows with a count and a
link to all), sum their money in the database and run as many queries with many rows as with few."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from projects.models import Project
from tests import factories

IMPLEMENTATION = Project.Status.IN_IMPLEMENTATION
LONG_AGO = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def section(page, heading_id):
    return re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', page, re.S).group(0)


@pytest.fixture
def strategy(db):
    return factories.StrategyFactory(is_featured=True)


@pytest.fixture
def field(strategy):
    return factories.ActionFieldFactory(strategy=strategy, short_title="Flächen")


def projects(strategy, field, count, **kwargs):
    return [factories.ProjectFactory(strategy=strategy, action_field=field, **kwargs) for _ in range(count)]


# Money per project --------------------------------------------------------------------------------------------------


def test_money_per_project_shows_50_projects_a_page_and_totals_over_all(client, committee_user, strategy, field):
    client.force_login(committee_user)
    line = factories.BudgetLineFactory(strategy=strategy)
    for project in projects(strategy, field, 55):
        factories.AllocationFactory(project=project, budget_line=line, amount=Decimal("100.10"))
    url = reverse("budget:project-money")

    first = client.get(url)
    second = client.get(url + "?page=2")

    assert len(first.context["table"].rows) == 50
    assert len(second.context["table"].rows) == 5
    assert first.context["table"].total.allocated == second.context["table"].total.allocated == Decimal("5505.50")
    assert "Projekte 51 bis 55 von 55; die Summen zählen alle." in second.content.decode()
    assert 'aria-label="Seiten der Projekte"' in first.content.decode()


def test_money_per_project_runs_the_same_queries_with_1_and_with_60_projects(client, committee_user, strategy, field):
    client.force_login(committee_user)
    line = factories.BudgetLineFactory(strategy=strategy)
    factories.AllocationFactory(project=projects(strategy, field, 1)[0], budget_line=line)
    url = reverse("budget:project-money")
    few = queries(client, url)

    for project in projects(strategy, field, 59):
        factories.ExpenditureFactory(project=project, budget_line=line)

    assert queries(client, url) == queries(client, url + "?page=2") == few


# A budget line ------------------------------------------------------------------------------------------------------


def test_a_budget_lines_allocations_are_paged_and_summed_over_all(client, committee_user, strategy, field):
    client.force_login(committee_user)
    line = factories.BudgetLineFactory(strategy=strategy)
    for project in projects(strategy, field, 30):
        factories.AllocationFactory(project=project, budget_line=line, amount=Decimal("10.01"))
    url = reverse("budget:budgetline-detail", args=[line.pk])

    first = client.get(url)
    second = client.get(url + "?zuweisungen=2")

    assert len(first.context["allocations"].rows) == 25
    assert len(second.context["allocations"].rows) == 5
    assert first.context["allocated"] == second.context["allocated"] == Decimal("300.30")
    allocations = section(second.content.decode(), "allocations-heading")
    assert "Zuweisungen 26 bis 30 von 30; die Summe zählt alle." in allocations
    assert "zuweisungen=1#allocations-heading" in allocations


def test_a_budget_line_page_runs_the_same_queries_with_1_and_with_40_bookings(client, committee_user, strategy, field):
    client.force_login(committee_user)
    line = factories.BudgetLineFactory(strategy=strategy)
    project = projects(strategy, field, 1)[0]
    factories.AllocationFactory(project=project, budget_line=line)
    factories.ExpenditureFactory(project=project, budget_line=line)
    url = reverse("budget:budgetline-detail", args=[line.pk])
    few = queries(client, url)

    for other in projects(strategy, field, 40):
        factories.AllocationFactory(project=other, budget_line=line)
        factories.ExpenditureFactory(project=other, budget_line=line)

    assert queries(client, url) == queries(client, url + "?zuweisungen=2&ausgaben=2") == few


# Dashboard and workspace home ---------------------------------------------------------------------------------------


def test_the_dashboard_lists_the_20_most_urgent_overdue_milestones_and_links_all(
    client, committee_user, strategy, field
):
    client.force_login(committee_user)
    today = timezone.localdate()
    for days, project in enumerate(projects(strategy, field, 25), start=1):
        factories.MilestoneFactory(project=project, due_date=today - datetime.timedelta(days=days))

    page = client.get("/uebersicht/").content.decode()

    milestones = section(page, "milestones-heading")
    assert milestones.count("<tr>") == 1 + 20  # the head and the 20 longest overdue
    assert (today - datetime.timedelta(days=25)).isoformat() in milestones
    assert (today - datetime.timedelta(days=5)).isoformat() not in milestones
    assert "Die 20 dringendsten sind aufgeführt." in milestones
    assert (
        'href="/arbeitsbereich/fortschritt/#overdue-milestones-heading">Alle 25 überfälligen Meilensteine' in milestones
    )


def test_the_workspace_home_lists_the_most_urgent_due_reports_with_their_count(client, editor_user, strategy, field):
    client.force_login(editor_user)
    owing = projects(strategy, field, 3, status=IMPLEMENTATION)
    Project.objects.filter(pk__in=[project.pk for project in owing]).update(created=LONG_AGO)
    with CaptureQueriesContext(connection) as few:
        client.get("/arbeitsbereich/")

    more = projects(strategy, field, 12, status=IMPLEMENTATION)
    Project.objects.filter(pk__in=[project.pk for project in more]).update(created=LONG_AGO)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/arbeitsbereich/")

    assert len(many) == len(few)
    assert len(response.context["reports_due"]) == 20  # 10 overdue, 10 due of 15 each
    assert "20 von 30 fälligen oder überfälligen Sachstandsberichten sind aufgeführt" in response.content.decode()


# Progress control ---------------------------------------------------------------------------------------------------


def test_the_progress_page_pages_each_list_on_its_own(client, editor_user, strategy, field):
    client.force_login(editor_user)
    today = timezone.localdate()
    for days, project in enumerate(projects(strategy, field, 30, status=IMPLEMENTATION), start=1):
        factories.MilestoneFactory(
            project=project, title=f"Verspätet {days:02}", due_date=today - datetime.timedelta(days=days)
        )

    first = client.get("/arbeitsbereich/fortschritt/").content.decode()
    second = client.get("/arbeitsbereich/fortschritt/?ueberfaellige-meilensteine=2").content.decode()

    overdue = section(first, "overdue-milestones-heading")
    assert '<span class="badge text-bg-secondary align-middle">30</span>' in overdue
    assert overdue.count("Verspätet") == 25 and "Verspätet 30" in overdue and "Verspätet 05" not in overdue
    later = section(second, "overdue-milestones-heading")
    assert later.count("Verspätet") == 5 and "Verspätet 05" in later
    assert "?ueberfaellige-meilensteine=1#overdue-milestones-heading" in later
    assert "Verspätet" not in section(second, "due-milestones-heading")


def test_the_progress_page_runs_the_same_queries_on_every_page(client, editor_user, strategy, field):
    client.force_login(editor_user)
    today = timezone.localdate()

    def owing(count):
        made = projects(strategy, field, count, status=IMPLEMENTATION)
        Project.objects.filter(pk__in=[project.pk for project in made]).update(created=LONG_AGO)  # owes both periods
        for project in made:
            factories.MilestoneFactory(project=project, due_date=today - datetime.timedelta(days=3))
            factories.MilestoneFactory(project=project, due_date=today + datetime.timedelta(days=3))

    owing(1)  # one row in each of the four lists
    url = "/arbeitsbereich/fortschritt/"
    few = queries(client, url)

    owing(60)

    assert queries(client, url) == queries(client, url + "?ueberfaellige-meilensteine=last&faellige-berichte=2") == few


# Public strategy pages and the workspace action field ---------------------------------------------------------------


def test_a_public_action_field_page_shows_25_projects_a_page_and_the_progress_of_all(client, strategy, field):
    for project in projects(strategy, field, 30, visibility=Project.Visibility.PUBLISHED):
        factories.StatusReportFactory(project=project, progress=40, state="published")
    url = reverse("projects:public-actionfield", args=[field.slug])

    first = client.get(url)
    second = client.get(url + "?page=2")

    assert len(first.context["projects"]) == 25 and len(second.context["projects"]) == 5
    assert len(second.context["progress"].items) == 5  # the weighting table: this page's projects
    assert first.context["progress"].percent == second.context["progress"].percent == 40
    page = second.content.decode()
    assert '<span class="badge text-bg-secondary align-middle fs-6">30</span>' in page
    assert "Projekte 26 bis 30 von 30" in page
    assert 'href="?page=1#projects-heading"' in page


def test_a_goal_page_lists_the_first_10_projects_of_a_field_and_links_all(client, strategy, field):
    field.goals.add(factories.StrategicGoalFactory(strategy=strategy, number=1))
    made = projects(strategy, field, 12, visibility=Project.Visibility.PUBLISHED)

    page = client.get(reverse("projects:public-goal", args=[1])).content.decode()

    listed = [project for project in made if f">Projekt {project.number}: {project.title}</a>" in page]
    assert listed == sorted(made, key=lambda project: project.number)[:10]
    assert f'href="/handlungsfelder/{field.slug}/#projects-heading">Alle 12 Projekte von „Flächen“ anzeigen' in page


def test_the_workspace_action_field_page_pages_its_projects(client, committee_user, strategy, field):
    client.force_login(committee_user)
    projects(strategy, field, 27)
    url = reverse("projects:actionfield-detail", args=[field.pk])

    first = client.get(url)
    second = client.get(url + "?page=2")

    assert len(first.context["projects"]) == 25 and len(second.context["projects"]) == 2
    assert '<span class="badge text-bg-secondary">27</span>' in second.content.decode()
    assert queries(client, url) == queries(client, url + "?page=2")
