"""The public project pages: /projekte/ (filters, sorting, pages) and /projekte/<slug>/ (state, milestones, money)."""

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
from projects.models import Project, StatusReport
from projects.timeline import MilestoneTimeline
from projects.views.public_projects import IndicatorRow
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


def rows(response):
    """The table rows of the project list, in order, as HTML snippets."""
    body = response.content.decode().split("<tbody>", 1)[-1].split("</tbody>", 1)[0]
    return re.findall(r"<tr>.*?</tr>", body, flags=re.S)


def listed_titles(response):
    return [re.search(r'class="fw-semibold" href="[^"]+">([^<]+)</a>', row).group(1) for row in rows(response)]


# The list ---------------------------------------------------------------------------------------------------------


# Section 2.3 of the paper: project number → action field (short title as the seed spells it).
PAPER_ACTION_FIELDS = {
    1: "Bildung & Fachkräfte",
    2: "Bildung & Fachkräfte",
    3: "Vernetzung / Wissenstransfer / Gründungsförderung",
    4: "Vernetzung / Wissenstransfer / Gründungsförderung",
    5: "Verwaltung & Wirtschaftsförderung als Lotse und Enabler",
    6: "Identität des Wirtschaftsstandorts",
    7: "Ressourceneffizienz",
}


def test_anonymous_visitors_see_the_seven_seeded_projects_with_their_action_fields(client, seeded):
    response = client.get(LIST_URL)

    assert response.status_code == 200
    table_rows = rows(response)
    assert len(table_rows) == 7
    for row, project in zip(table_rows, seeded.projects.order_by("number"), strict=True):
        assert escape(project.title) in row
        assert f'href="/projekte/{project.slug}/"' in row
        assert f">{escape(PAPER_ACTION_FIELDS[project.number])}</a>" in row
        assert "in Qualifizierung" in row
    assert "Infrastruktur" not in "".join(table_rows)  # the one action field without a project yet


def test_a_project_without_a_status_report_says_so_instead_of_showing_a_traffic_light(client, make_project):
    make_project()

    row = rows(client.get(LIST_URL))[0]

    assert 'class="no-report' in row
    assert "traffic-light" not in row
    assert "progressbar" not in row


def test_the_list_shows_the_newest_reports_traffic_light_and_progress_as_text(client, make_project):
    project = make_project()
    factories.StatusReportFactory(
        project=project, reported_on=datetime.date(2026, 1, 5), traffic_light=RED, progress=10
    )
    factories.StatusReportFactory(
        project=project, reported_on=datetime.date(2026, 3, 1), traffic_light=AMBER, progress=40
    )

    row = rows(client.get(LIST_URL))[0]

    assert ">gelb</span>" in row
    assert ">rot</span>" not in row
    assert 'role="progressbar"' in row
    assert 'aria-valuenow="40"' in row
    assert "40&nbsp;%" in row
    assert "01.03.2026" in row


def test_the_search_finds_text_in_title_and_summary(client, make_project):
    make_project(title="Internationale Schule")
    make_project(title="Netzwerk", summary="Start-ups treffen den MITTELSTAND")
    make_project(title="Verwaltung digital")

    assert listed_titles(client.get(LIST_URL, {"suche": "schule"})) == ["Internationale Schule"]
    assert listed_titles(client.get(LIST_URL, {"suche": "Mittelstand"})) == ["Netzwerk"]


def test_the_action_field_filter_takes_the_slug(client, featured, make_project):
    field = factories.ActionFieldFactory(strategy=featured, slug="bildung-fachkraefte")
    make_project(title="Schule", action_field=field)
    make_project(title="Anderes")

    assert listed_titles(client.get(LIST_URL, {"handlungsfeld": "bildung-fachkraefte"})) == ["Schule"]


def test_the_status_filter_keeps_only_that_status(client, make_project):
    make_project(title="Idee", status=Project.Status.IDEA)
    make_project(title="Läuft", status=Project.Status.IN_IMPLEMENTATION)

    assert listed_titles(client.get(LIST_URL, {"status": "in_implementation"})) == ["Läuft"]


def test_the_kind_filter_is_called_art(client, make_project):
    make_project(title="Schlüssel", kind=Project.Kind.KEY)
    make_project(title="Beobachtet", kind=Project.Kind.MONITORED)

    assert listed_titles(client.get(LIST_URL, {"art": "monitored"})) == ["Beobachtet"]


def test_the_traffic_light_filter_uses_only_the_newest_report(client, make_project):
    now_green = make_project(title="Jetzt grün")
    factories.StatusReportFactory(project=now_green, reported_on=datetime.date(2026, 1, 1), traffic_light=RED)
    factories.StatusReportFactory(project=now_green, reported_on=datetime.date(2026, 2, 1), traffic_light=GREEN)
    still_red = make_project(title="Rot")
    factories.StatusReportFactory(project=still_red, reported_on=datetime.date(2026, 2, 1), traffic_light=RED)
    make_project(title="Ohne Bericht")

    assert listed_titles(client.get(LIST_URL, {"ampel": "green"})) == ["Jetzt grün"]
    assert listed_titles(client.get(LIST_URL, {"ampel": "red"})) == ["Rot"]
    assert listed_titles(client.get(LIST_URL, {"ampel": "amber"})) == []
    assert listed_titles(client.get(LIST_URL, {"ampel": "none"})) == ["Ohne Bericht"]


def test_filters_combine(client, make_project):
    make_project(title="Schule A", status=Project.Status.IDEA)
    make_project(title="Schule B", status=Project.Status.COMPLETED)
    make_project(title="Netzwerk", status=Project.Status.IDEA)

    assert listed_titles(client.get(LIST_URL, {"suche": "schule", "status": "idea"})) == ["Schule A"]


def test_the_filter_form_is_a_labelled_get_form_with_the_contract_parameter_names(client, seeded):
    page = client.get(LIST_URL).content.decode()

    form = re.search(r"<form method=\"get\".*?</form>", page, flags=re.S).group(0)
    for name in ("suche", "handlungsfeld", "status", "art", "ampel", "sortierung"):
        assert f'name="{name}"' in form
        assert re.search(rf'<label\s+for="id_{name}"', form)
    assert 'value="bildung-fachkraefte"' in form


def test_the_list_is_in_number_order_by_default_and_sorts_by_title(client, make_project):
    make_project(number=2, title="Beta")
    make_project(number=1, title="Gamma")
    make_project(number=3, title="Alpha")

    assert listed_titles(client.get(LIST_URL)) == ["Gamma", "Beta", "Alpha"]
    assert listed_titles(client.get(LIST_URL, {"sortierung": "titel"})) == ["Alpha", "Beta", "Gamma"]
    assert listed_titles(client.get(LIST_URL, {"sortierung": "-titel"})) == ["Gamma", "Beta", "Alpha"]
    assert listed_titles(client.get(LIST_URL, {"sortierung": "-nummer"})) == ["Alpha", "Beta", "Gamma"]


def test_sorting_by_status_follows_the_lifecycle_not_the_alphabet(client, make_project):
    make_project(title="Umsetzung", status=Project.Status.IN_IMPLEMENTATION)
    make_project(title="Idee", status=Project.Status.IDEA)
    make_project(title="Qualifizierung", status=Project.Status.IN_QUALIFICATION)

    assert listed_titles(client.get(LIST_URL, {"sortierung": "status"})) == ["Idee", "Qualifizierung", "Umsetzung"]


def test_sorting_by_newest_report_puts_projects_without_a_report_last(client, make_project):
    make_project(title="Ohne Bericht")
    for title, day in (("Alt", datetime.date(2025, 6, 1)), ("Neu", datetime.date(2026, 6, 1))):
        factories.StatusReportFactory(project=make_project(title=title), reported_on=day)

    assert listed_titles(client.get(LIST_URL, {"sortierung": "-sachstand"})) == ["Neu", "Alt", "Ohne Bericht"]
    assert listed_titles(client.get(LIST_URL, {"sortierung": "sachstand"})) == ["Alt", "Neu", "Ohne Bericht"]


def test_the_list_shows_25_projects_a_page(client, make_project):
    for number in range(1, 31):
        make_project(number=number)

    first, second = client.get(LIST_URL), client.get(LIST_URL, {"page": 2})

    assert len(rows(first)) == 25
    assert len(rows(second)) == 5
    assert first.context["paginator"].count == 30


def test_page_links_keep_the_filters_and_the_sorting(client, make_project):
    for number in range(1, 31):
        make_project(number=number, status=Project.Status.IDEA)

    page = client.get(LIST_URL, {"status": "idea", "sortierung": "-nummer"}).content.decode()

    assert 'href="?status=idea&amp;sortierung=-nummer&amp;page=2"' in page


def test_only_the_featured_strategys_projects_are_listed(client, make_project):
    make_project(title="Vorgestellt")
    factories.ProjectFactory(title="Klimaschutzkonzept", visibility=Project.Visibility.PUBLISHED)

    assert listed_titles(client.get(LIST_URL)) == ["Vorgestellt"]


# Who sees what ---------------------------------------------------------------------------------------------------


@pytest.fixture
def internal_project(make_project):
    return make_project(title="Internes Projekt", slug="intern", visibility=Project.Visibility.INTERNAL)


def test_an_internal_project_is_hidden_from_anonymous_visitors(client, internal_project):
    assert "Internes Projekt" not in client.get(LIST_URL).content.decode()
    assert client.get("/projekte/intern/").status_code == 404


@pytest.mark.parametrize("role", [roles.COMMITTEE, roles.EDITOR, roles.ADMIN])
def test_committee_and_staff_see_an_internal_project(client, user_for_role, internal_project, role):
    client.force_login(user_for_role(role))

    assert listed_titles(client.get(LIST_URL)) == ["Internes Projekt"]
    response = client.get("/projekte/intern/")
    assert response.status_code == 200
    assert "Internes Projekt" in response.content.decode()


def test_a_project_lead_sees_the_public_pages_as_everyone_does(client, project_lead_user, internal_project):
    client.force_login(project_lead_user)

    assert client.get("/projekte/intern/").status_code == 404


@pytest.mark.parametrize("role", [None, roles.COMMITTEE, roles.ADMIN])
def test_an_archived_project_is_shown_to_nobody(client, user_for_role, make_project, role):
    make_project(title="Archiviert", slug="archiviert", is_archived=True)
    if role:
        client.force_login(user_for_role(role))

    assert "Archiviert" not in client.get(LIST_URL).content.decode()
    assert client.get("/projekte/archiviert/").status_code == 404


def test_a_project_of_another_strategy_is_not_found(client, featured):
    factories.ProjectFactory(slug="anderes", visibility=Project.Visibility.PUBLISHED)

    assert client.get("/projekte/anderes/").status_code == 404


def test_an_unknown_project_is_not_found(client, featured):
    assert client.get("/projekte/gibt-es-nicht/").status_code == 404


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


# Queries -----------------------------------------------------------------------------------------------------------


def add_projects(make_project, count):
    for _ in range(count):
        project = make_project()
        factories.StatusReportFactory(project=project)
        factories.ProjectPartnerFactory(project=project)


@pytest.mark.parametrize("role", [None, roles.COMMITTEE])
def test_list_queries_do_not_grow_with_projects(client, user_for_role, make_project, django_assert_num_queries, role):
    if role:
        client.force_login(user_for_role(role))
    add_projects(make_project, 5)
    with CaptureQueriesContext(connection) as five:
        assert client.get(LIST_URL).status_code == 200

    add_projects(make_project, 45)
    with django_assert_num_queries(len(five)):
        assert len(rows(client.get(LIST_URL))) == 25


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
