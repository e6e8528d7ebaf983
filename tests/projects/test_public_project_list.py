"""The public project list /projekte/ (filters, sorting, pages), and who sees which project on the public
pages."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from accounts import roles
from projects.models import Project
from tests import factories
from tests.projects import public_project_helpers
from tests.projects.public_project_helpers import AMBER, GREEN, LIST_URL, RED

# Fixtures of public_project_helpers.py, named here for pytest to find; conftest.py says why they are not in it.
featured = public_project_helpers.featured
make_project = public_project_helpers.make_project


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
