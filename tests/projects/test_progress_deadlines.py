"""Progress control: reporting periods, what is due and overdue, the progress page and the workspace home's
list of what is due."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from projects.models import Project, Reminder, ReportingPeriod, StatusReport
from projects.periods import Period, period_containing, previous_period
from projects.selectors import progress
from tests.factories import MilestoneFactory, ProjectFactory, StatusReportFactory, UserFactory
from tests.projects.progress_helpers import D, project_in_implementation

URL = "/arbeitsbereich/fortschritt/"


def section(page, heading_id):
    return re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', page, re.S).group(0)


# Periods ------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "start", "end", "label"),
    [
        (D(2026, 5, 15), 3, D(2026, 4, 1), D(2026, 6, 30), "2. Quartal 2026"),
        (D(2026, 1, 1), 3, D(2026, 1, 1), D(2026, 3, 31), "1. Quartal 2026"),
        (D(2026, 12, 31), 3, D(2026, 10, 1), D(2026, 12, 31), "4. Quartal 2026"),
        (D(2026, 1, 31), 1, D(2026, 1, 1), D(2026, 1, 31), "Januar 2026"),
        (D(2026, 2, 10), 1, D(2026, 2, 1), D(2026, 2, 28), "Februar 2026"),
        (D(2028, 2, 10), 1, D(2028, 2, 1), D(2028, 2, 29), "Februar 2028"),
        (D(2026, 12, 1), 1, D(2026, 12, 1), D(2026, 12, 31), "Dezember 2026"),
        (D(2026, 6, 30), 6, D(2026, 1, 1), D(2026, 6, 30), "1. Halbjahr 2026"),
        (D(2026, 7, 1), 6, D(2026, 7, 1), D(2026, 12, 31), "2. Halbjahr 2026"),
        (D(2026, 8, 8), 12, D(2026, 1, 1), D(2026, 12, 31), "2026"),
    ],
)
def test_a_day_lies_in_its_calendar_aligned_period(day, months, start, end, label):
    period = period_containing(day, months)

    assert (period.start, period.end, str(period)) == (start, end, label)
    assert day in period


@pytest.mark.parametrize(
    ("months", "previous_start", "previous_end"),
    [
        (1, D(2025, 12, 1), D(2025, 12, 31)),
        (3, D(2025, 10, 1), D(2025, 12, 31)),
        (6, D(2025, 7, 1), D(2025, 12, 31)),
        (12, D(2025, 1, 1), D(2025, 12, 31)),
    ],
)
def test_the_previous_period_of_the_first_one_of_a_year_lies_in_the_year_before(months, previous_start, previous_end):
    previous = previous_period(period_containing(D(2026, 1, 15), months))

    assert (previous.start, previous.end) == (previous_start, previous_end)


def test_the_previous_quarter_within_a_year():
    assert previous_period(Period(D(2026, 7, 1), 3)) == Period(D(2026, 4, 1), 3)


def test_a_period_has_1_3_6_or_12_months():
    with pytest.raises(ValueError):
        period_containing(D(2026, 5, 1), 5)


# Due and overdue ----------------------------------------------------------------------------------------------------

TODAY = D(2030, 5, 20)  # 2nd quarter 2030; the previous one is the 1st


def test_a_project_without_reports_owes_the_current_and_the_previous_period(db):
    project = project_in_implementation()

    due = progress.due_reports(Project.objects.all(), TODAY)
    overdue = progress.overdue_reports(Project.objects.all(), TODAY)

    assert [(row.project, str(row.period), row.due_date) for row in due] == [
        (project, "2. Quartal 2030", D(2030, 6, 30))
    ]
    assert [(row.project, str(row.period), row.due_date) for row in overdue] == [
        (project, "1. Quartal 2030", D(2030, 3, 31))
    ]


def test_a_submitted_or_published_report_counts_for_its_period_a_returned_one_does_not(db):
    returned, submitted, published = (project_in_implementation() for _ in range(3))
    StatusReportFactory(project=returned, reported_on=D(2030, 2, 1), state=StatusReport.State.RETURNED)
    StatusReportFactory(project=submitted, reported_on=D(2030, 3, 31), state=StatusReport.State.SUBMITTED)
    StatusReportFactory(project=published, reported_on=D(2030, 1, 1), state=StatusReport.State.PUBLISHED)
    StatusReportFactory(project=published, reported_on=D(2030, 4, 1), state=StatusReport.State.PUBLISHED)

    overdue = [row.project for row in progress.overdue_reports(Project.objects.all(), TODAY)]
    due = [row.project for row in progress.due_reports(Project.objects.all(), TODAY)]

    assert overdue == [returned]
    assert due == [returned, submitted]


def test_only_projects_in_implementation_and_not_archived_owe_reports(db):
    owing = project_in_implementation()
    project_in_implementation(is_archived=True)
    for status in (Project.Status.PRIORITISED, Project.Status.COMPLETED, Project.Status.ON_HOLD):
        project_in_implementation(status=status)

    assert [row.project for row in progress.due_reports(Project.objects.all(), TODAY)] == [owing]
    assert [row.project for row in progress.overdue_reports(Project.objects.all(), TODAY)] == [owing]


def test_a_project_created_after_the_previous_period_owes_nothing_for_it(db):
    project = project_in_implementation()
    Project.objects.filter(pk=project.pk).update(created=datetime.datetime(2030, 4, 2, 9, tzinfo=datetime.UTC))

    assert progress.overdue_reports(Project.objects.all(), TODAY) == []
    assert [row.project for row in progress.due_reports(Project.objects.all(), TODAY)] == [project]


def test_each_project_follows_the_reporting_period_of_its_strategy(db):
    monthly = project_in_implementation()
    monthly.strategy.reporting_period_months = ReportingPeriod.MONTHLY
    monthly.strategy.save()
    yearly = project_in_implementation()
    yearly.strategy.reporting_period_months = ReportingPeriod.YEARLY
    yearly.strategy.save()
    StatusReportFactory(project=monthly, reported_on=D(2030, 4, 30))  # counts for April, not for the quarter

    due = {row.project: (str(row.period), row.due_date) for row in progress.due_reports(Project.objects.all(), TODAY)}
    overdue = {row.project: str(row.period) for row in progress.overdue_reports(Project.objects.all(), TODAY)}

    assert due == {monthly: ("Mai 2030", D(2030, 5, 31)), yearly: ("2030", D(2030, 12, 31))}
    assert overdue == {yearly: "2029"}


def test_open_milestones_are_overdue_after_their_date_and_due_within_14_days(db):
    project = project_in_implementation()
    MilestoneFactory(project=project, title="Überfällig", due_date=D(2030, 5, 19))
    MilestoneFactory(project=project, title="Erledigt", due_date=D(2030, 5, 1), done_on=D(2030, 5, 2))
    MilestoneFactory(project=project, title="Heute", due_date=TODAY)
    MilestoneFactory(project=project, title="In 14 Tagen", due_date=D(2030, 6, 3))
    MilestoneFactory(project=project, title="In 15 Tagen", due_date=D(2030, 6, 4))
    for status in (Project.Status.COMPLETED, Project.Status.DROPPED):
        MilestoneFactory(project=project_in_implementation(status=status), due_date=D(2030, 5, 1))
    MilestoneFactory(project=project_in_implementation(is_archived=True), due_date=D(2030, 5, 1))
    idea = ProjectFactory(status=Project.Status.IDEA)
    MilestoneFactory(project=idea, title="Auch vor der Umsetzung", due_date=D(2030, 5, 1))

    overdue = [row.milestone.title for row in progress.overdue_milestones(Project.objects.all(), TODAY)]
    due = [row.milestone.title for row in progress.due_milestones(Project.objects.all(), TODAY)]

    assert overdue == ["Auch vor der Umsetzung", "Überfällig"]
    assert due == ["Heute", "In 14 Tagen"]


# The progress page --------------------------------------------------------------------------------------------------


def this_period():
    return period_containing(timezone.localdate(), ReportingPeriod.QUARTERLY)


@pytest.fixture
def lead_project(project_lead_user):
    """A project of the project lead, in implementation, with an overdue and a due milestone."""
    project = project_in_implementation(title="Projekt der Projektleitung", leads=[project_lead_user])
    today = timezone.localdate()
    MilestoneFactory(project=project, title="Überfälliger Meilenstein", due_date=today - datetime.timedelta(days=3))
    MilestoneFactory(project=project, title="Bald fälliger Meilenstein", due_date=today + datetime.timedelta(days=5))
    return project


def test_the_progress_page_has_its_contract_path(db):
    assert reverse("projects:progress") == URL


def test_the_editor_sees_what_is_due_and_overdue_with_a_link_to_the_report_form(client, editor_user, lead_project):
    other = project_in_implementation(title="Anderes Projekt")
    Reminder.objects.create(
        kind=Reminder.Kind.REPORT_DUE, project=other, period_start=this_period().start, recipients="a@example.org"
    )
    client.force_login(editor_user)

    page = client.get(URL).content.decode()

    overdue = section(page, "overdue-reports-heading")
    assert "Überfällige Sachstände" in overdue
    assert str(previous_period(this_period())) in overdue
    assert f"{previous_period(this_period()).end:%d.%m.%Y}" in overdue
    assert "Projekt der Projektleitung" in overdue and "Anderes Projekt" in overdue
    due = section(page, "due-reports-heading")
    assert str(this_period()) in due and f"{this_period().end:%d.%m.%Y}" in due
    assert lead_project.responsible_person.name in due
    assert "noch keine" in due  # no reminder sent yet for the lead's project
    assert f"{timezone.localdate():%d.%m.%Y}" in due  # the other project's reminder went out today
    assert f'href="/arbeitsbereich/projekte/{lead_project.pk}/sachstaende/neu/"' in due
    assert "Sachstand erfassen" in due
    assert "Überfälliger Meilenstein" in section(page, "overdue-milestones-heading")
    assert "Bald fälliger Meilenstein" in section(page, "due-milestones-heading")


def test_a_project_lead_sees_only_their_own_project(client, project_lead_user, lead_project):
    project_in_implementation(title="Fremdes Projekt")
    client.force_login(project_lead_user)

    page = client.get(URL).content.decode()

    assert "Projekt der Projektleitung" in page
    assert "Fremdes Projekt" not in page
    assert "Sachstand erfassen" in page


def test_the_committee_sees_the_deadlines_but_no_report_form(client, committee_user, lead_project):
    client.force_login(committee_user)

    page = client.get(URL).content.decode()

    assert "Projekt der Projektleitung" in section(page, "due-reports-heading")
    assert "Sachstand erfassen" not in page


def test_the_progress_page_says_when_nothing_is_due(client, editor_user):
    client.force_login(editor_user)

    page = client.get(URL).content.decode()

    assert "Kein Sachstandsbericht ist überfällig." in page
    assert "Kein Sachstandsbericht fällig." in page
    assert "Kein Meilenstein ist überfällig." in page
    assert "In den nächsten 14 Tagen ist kein Meilenstein fällig." in page


def test_the_progress_page_queries_do_not_grow_with_the_projects(client, editor_user, django_assert_num_queries):
    client.force_login(editor_user)
    today = timezone.localdate()

    def add_projects(count):
        for _ in range(count):
            project = project_in_implementation(leads=[UserFactory()])
            MilestoneFactory(project=project, due_date=today - datetime.timedelta(days=1))
            MilestoneFactory(project=project, due_date=today + datetime.timedelta(days=1))
            Reminder.objects.create(kind=Reminder.Kind.REPORT_DUE, project=project, period_start=this_period().start)

    add_projects(1)
    with CaptureQueriesContext(connection) as one:
        client.get(URL)
    add_projects(10)
    with django_assert_num_queries(len(one)):
        response = client.get(URL)
    assert len(response.context["due_reports"]) == 11
    assert len(response.context["overdue_milestones"]) == 11


# The workspace home -------------------------------------------------------------------------------------------------


def test_the_workspace_home_lists_due_and_overdue_reports_and_links_the_progress_page(
    client, user_for_role, django_assert_num_queries
):
    editor = user_for_role(roles.EDITOR)
    project = project_in_implementation(title="Fällig im Arbeitsbereich")
    client.force_login(editor)

    with CaptureQueriesContext(connection) as one:
        page = client.get(reverse("reports:workspace")).content.decode()

    due = section(page, "due-heading")
    assert (
        f"{previous_period(this_period())}, <strong>überfällig seit {previous_period(this_period()).end:%d.%m.%Y}"
        in due
    )
    assert f"{this_period()}, fällig am {this_period().end:%d.%m.%Y}" in due
    assert "Fällig im Arbeitsbereich" in due
    assert f'href="{URL}"' in page
    assert "Steuerung" in page
    StatusReportFactory(project=project, reported_on=this_period().start)
    for _ in range(5):
        project_in_implementation()
    with django_assert_num_queries(len(one)):
        client.get(reverse("reports:workspace"))
