"""The public project page /projekte/<slug>/: its state, status reports, milestones, indicators and money."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from accounts import roles
from budget.models import BudgetLine
from projects.models import Project
from projects.timeline import MilestoneTimeline
from projects.views.public_projects import IndicatorRow
from tests import factories
from tests.projects import public_project_helpers
from tests.projects.public_project_helpers import AMBER, GREEN, LIST_URL

# Fixtures of public_project_helpers.py, named here for pytest to find; conftest.py says why they are not in it.
featured = public_project_helpers.featured
make_project = public_project_helpers.make_project

# The project page --------------------------------------------------------------------------------------------------


def test_the_seeded_project_page_shows_the_papers_text_status_and_action_field(client, seeded):
    project = seeded.projects.get(number=3)

    page = client.get(f"/projekte/{project.slug}/").content.decode()

    assert page.count("<h1") == 1
    assert escape(project.title) in page
    assert escape(project.summary) in page
    assert "in Qualifizierung" in page
    assert 'href="/handlungsfelder/vernetzung-wissenstransfer-gruendungsfoerderung/"' in page
    assert 'class="no-report' in page
    assert "Noch keine Meilensteine." in page
    assert "Noch keine Mittel zugewiesen." in page


@pytest.fixture
def reported_project(seeded):
    """Seeded project 7 with two status reports (the newer one amber at 40 %) and money from two budget years."""
    project = seeded.projects.get(number=7)
    factories.StatusReportFactory(
        project=project,
        reported_on=datetime.date(2025, 12, 1),
        traffic_light=GREEN,
        progress=20,
        achieved="Auftakt mit 25 Unternehmen",
        next_steps="Erstes Netzwerk gründen",
        risks="Zu wenig Zeit",
    )
    factories.StatusReportFactory(
        project=project,
        reported_on=datetime.date(2026, 3, 1),
        traffic_light=AMBER,
        progress=40,
        achieved="Netzwerk gegründet",
        next_steps="Zweites Netzwerk",
        risks="Geringe Beteiligung",
    )
    for year, amount in ((2025, "12500.00"), (2026, "7577.50")):
        line = BudgetLine.objects.get(strategy=seeded, year=year)
        factories.AllocationFactory(project=project, budget_line=line, amount=Decimal(amount))
    return project


def test_the_project_page_shows_the_newest_reports_traffic_light_progress_and_date(client, reported_project):
    page = client.get(f"/projekte/{reported_project.slug}/").content.decode()
    glance = page.split('id="glance-heading"', 1)[1].split("</section>", 1)[0]

    assert ">gelb</span>" in glance
    assert 'aria-valuenow="40"' in glance
    assert "40&nbsp;%" in glance
    assert "01.03.2026" in glance
    assert ">grün</span>" not in glance


def test_the_project_page_shows_the_allocated_budget_in_german_format(client, reported_project):
    page = client.get(f"/projekte/{reported_project.slug}/").content.decode()

    assert "20.077,50\xa0€" in page


def test_anonymous_visitors_see_no_status_report_text(client, reported_project):
    page = client.get(f"/projekte/{reported_project.slug}/").content.decode()

    for text in ("Auftakt mit 25 Unternehmen", "Netzwerk gegründet", "Zweites Netzwerk", "Geringe Beteiligung"):
        assert text not in page
    assert 'id="reports-heading"' not in page


@pytest.mark.parametrize("role", [roles.COMMITTEE, roles.EDITOR, roles.ADMIN])
def test_committee_and_staff_see_every_status_report(client, user_for_role, reported_project, role):
    client.force_login(user_for_role(role))

    page = client.get(f"/projekte/{reported_project.slug}/").content.decode()
    reports = page.split('id="reports-heading"', 1)[1].split("</section>", 1)[0]

    for text in (
        "01.12.2025",
        "Auftakt mit 25 Unternehmen",
        "Erstes Netzwerk gründen",
        "Zu wenig Zeit",
        "01.03.2026",
        "Netzwerk gegründet",
        "Zweites Netzwerk",
        "Geringe Beteiligung",
        ">grün</span>",
        ">gelb</span>",
        'aria-valuenow="20"',
    ):
        assert text in reports
    assert reports.index("01.03.2026") < reports.index("01.12.2025")  # newest first


def test_a_project_lead_sees_only_the_newest_state(client, project_lead_user, reported_project):
    client.force_login(project_lead_user)

    page = client.get(f"/projekte/{reported_project.slug}/").content.decode()

    assert "Auftakt mit 25 Unternehmen" not in page
    assert ">gelb</span>" in page


def test_only_users_who_may_edit_get_a_link_to_the_workspace(client, user_for_role, reported_project):
    workspace_link = f'href="/arbeitsbereich/projekte/{reported_project.pk}/"'
    url = f"/projekte/{reported_project.slug}/"

    assert workspace_link not in client.get(url).content.decode()
    client.force_login(user_for_role(roles.COMMITTEE))
    assert workspace_link not in client.get(url).content.decode()
    client.force_login(user_for_role(roles.EDITOR))
    assert workspace_link in client.get(url).content.decode()


def test_the_project_page_names_lead_and_partners_with_roles_but_no_person(client, user_for_role, make_project):
    lead = factories.OrganisationFactory(name="IHK Region Stuttgart")
    person = factories.PersonFactory(
        name="Erika Muster",
        email="erika.muster@example.org",
        phone="07141 555 0101",
        public_figure=True,
        notes="Privat",
    )
    project = make_project(slug="netz", lead_organisation=lead, responsible_person=person)
    factories.ProjectPartnerFactory(
        project=project, organisation=factories.OrganisationFactory(name="Bosch"), role="Moderation"
    )

    for user in (None, user_for_role(roles.COMMITTEE)):
        if user:
            client.force_login(user)
        page = client.get("/projekte/netz/").content.decode()
        assert "IHK Region Stuttgart" in page
        assert "Bosch" in page
        assert "Moderation" in page
        for secret in ("erika.muster@example.org", "07141 555 0101", "Privat", "mailto:", "tel:"):
            assert secret not in page
        assert "Erika Muster" not in client.get(LIST_URL).content.decode()


def test_milestones_show_done_open_and_overdue_with_text(client, make_project):
    project = make_project(slug="meilensteine")
    today = timezone.localdate()
    factories.MilestoneFactory(
        project=project,
        title="Erledigt",
        due_date=today - datetime.timedelta(days=40),
        done_on=datetime.date(2025, 5, 26),
    )
    factories.MilestoneFactory(project=project, title="Verpasst", due_date=today - datetime.timedelta(days=3))
    factories.MilestoneFactory(project=project, title="Kommt", due_date=today + datetime.timedelta(days=30))

    page = client.get("/projekte/meilensteine/").content.decode()

    assert 'role="img"' in page
    assert "erledigt am 26.05.2025" in page
    overdue = re.search(r'<li class="milestone milestone-overdue">.*?</li>', page, flags=re.S).group(0)
    assert "Verpasst" in overdue
    assert "milestone-state-overdue" in overdue
    assert re.search(r'<li class="milestone milestone-open">.*?Kommt.*?</li>', page, flags=re.S)
    assert (today - datetime.timedelta(days=3)).strftime("%d.%m.%Y") in overdue


def test_indicators_show_target_and_newest_measurement(client, make_project):
    project = make_project(slug="kennzahlen")
    indicator = factories.IndicatorFactory(
        project=project, name="Teilnehmende Betriebe", baseline=Decimal(0), target=Decimal(1500), unit="Betriebe"
    )
    factories.MeasurementFactory(indicator=indicator, measured_on=datetime.date(2026, 1, 1), value=Decimal(100))
    factories.MeasurementFactory(indicator=indicator, measured_on=datetime.date(2026, 4, 1), value=Decimal(600))

    page = client.get("/projekte/kennzahlen/").content.decode()
    table = page.split('id="indicators-heading"', 1)[1].split("</section>", 1)[0]

    assert "Teilnehmende Betriebe" in table
    assert "1.500 Betriebe" in table
    assert "600 Betriebe" in table
    assert "01.04.2026" in table
    assert "100 Betriebe" not in table
    assert 'aria-valuenow="40"' in table


def test_the_project_page_shows_kind_climate_impact_and_its_justification(client, make_project):
    make_project(
        slug="klima",
        kind=Project.Kind.KEY,
        climate_impact=Project.ClimateImpact.POSITIVE,
        climate_justification="Weniger Energie in den Betrieben.",
        objectives="30 Betriebe im Netzwerk",
    )

    page = client.get("/projekte/klima/").content.decode()

    assert "Schlüsselprojekt" in page
    assert "positiv (+)" in page
    assert "Weniger Energie in den Betrieben." in page
    assert "30 Betriebe im Netzwerk" in page


# Pictures ----------------------------------------------------------------------------------------------------------


def test_the_way_to_a_target_counts_from_the_baseline_also_when_the_target_is_lower():
    def row(baseline, target, actual):
        indicator = factories.IndicatorFactory.build(baseline=baseline, target=target)
        indicator.latest_value = actual  # as indicators_with_latest_measurement annotates it
        return IndicatorRow(indicator)

    assert row(Decimal(0), Decimal(50), Decimal(20)).share == 40
    assert row(Decimal(100), Decimal(50), Decimal(75)).share == 50  # a reduction halfway done
    over = row(Decimal(0), Decimal(10), Decimal(12))
    assert (over.share, over.bar_width) == (120, 100)
    assert row(Decimal(0), None, Decimal(3)).share is None
    assert row(Decimal(0), Decimal(10), None).share is None


def test_the_timeline_places_milestones_between_the_first_date_and_the_last():
    today = datetime.date(2026, 1, 1)
    early = factories.MilestoneFactory.build(due_date=datetime.date(2025, 1, 1))
    late = factories.MilestoneFactory.build(due_date=datetime.date(2027, 1, 1))

    timeline = MilestoneTimeline([early, late], today)

    assert [item["x"] for item in timeline.items] == [MilestoneTimeline.MARGIN, timeline.axis_end]
    assert timeline.today_x == 500
    assert (timeline.overdue_count, timeline.open_count, timeline.done_count) == (1, 1, 0)


def add_children(project, count):
    line = factories.BudgetLineFactory(strategy=project.strategy)
    for _ in range(count):
        factories.MilestoneFactory(project=project)
        factories.StatusReportFactory(project=project)
        factories.ProjectPartnerFactory(project=project)
        factories.MeasurementFactory(indicator=factories.IndicatorFactory(project=project))
        factories.AllocationFactory(project=project, budget_line=line)


@pytest.mark.parametrize("role", [None, roles.COMMITTEE, roles.EDITOR])
def test_detail_queries_do_not_grow_with_milestones_and_reports(
    client, user_for_role, make_project, django_assert_num_queries, role
):
    if role:
        client.force_login(user_for_role(role))
    small, large = make_project(slug="klein"), make_project(slug="gross")
    add_children(small, 5)
    add_children(large, 50)
    with CaptureQueriesContext(connection) as five:
        assert client.get("/projekte/klein/").status_code == 200

    with django_assert_num_queries(len(five)):
        assert client.get("/projekte/gross/").status_code == 200
