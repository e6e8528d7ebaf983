"""Exports at /berichte/ and on every workspace list: the rows the page shows, as CSV for German Excel and XLSX."""

import csv
import datetime
import io
import json
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from exchange.document import export_document
from projects.models import Project
from reports.extra_downloads import EXTRA_DOWNLOADS
from strategy_portal.publication import Audience
from tests import factories

BOM = "\N{BYTE ORDER MARK}".encode()
EXPORTS_URL = reverse("reports:exports")
DOCUMENT_URL = reverse("exchange:strategy-document")
PROJECTS_URL = reverse("projects:project-list")
PERSONS_CSV = reverse("reports:persons-export", args=["csv"])
PERSONS_XLSX = reverse("reports:persons-export", args=["xlsx"])
HEADERS = ["Nummer", "Titel", "Handlungsfeld", "Status", "Projektart", "Sichtbarkeit"]


def csv_rows(response):
    content = b"".join(response.streaming_content)
    assert content.startswith(BOM)
    return list(csv.reader(io.StringIO(content[len(BOM) :].decode()), delimiter=";"))


def sheet_rows(response):
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return sheet, [[cell.value for cell in row] for row in sheet.iter_rows()]


def page_projects(client, query):
    """The projects the list page shows for `query`, page after page."""
    projects, page = [], 1
    while True:
        response = client.get(PROJECTS_URL, {**query, "page": page})
        projects += response.context["object_list"]
        if not response.context["page_obj"].has_next():
            return projects
        page += 1


@pytest.fixture
def projects(db):
    strategy = factories.StrategyFactory()
    field = factories.ActionFieldFactory(strategy=strategy)
    statuses = [Project.Status.IN_QUALIFICATION, Project.Status.IDEA, Project.Status.IN_IMPLEMENTATION]
    return [factories.ProjectFactory(strategy=strategy, action_field=field, status=statuses[n % 3]) for n in range(90)]


# Permissions: /berichte/ is not under /arbeitsbereich/, so the role table does not cover it --------------------------


@pytest.mark.parametrize("url", [EXPORTS_URL, DOCUMENT_URL, PERSONS_CSV])
def test_anonymous_users_are_sent_to_the_login_page(client, db, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("url", [EXPORTS_URL, DOCUMENT_URL, PERSONS_CSV])
def test_project_leads_may_not_use_the_exports(client, project_lead_user, url):
    client.force_login(project_lead_user)

    assert client.get(url).status_code == 403


def test_committee_members_see_the_lists_they_may_view_with_their_downloads(client, committee_user, seeded):
    client.force_login(committee_user)

    response = client.get(EXPORTS_URL)

    assert response.status_code == 200
    assert f'href="{PROJECTS_URL}?format=csv"' in response.content.decode()
    assert f'href="{PROJECTS_URL}?format=xlsx"' in response.content.decode()
    assert DOCUMENT_URL in response.content.decode()
    assert PERSONS_CSV not in response.content.decode()
    assert reverse("accounts:user-list") not in response.content.decode()


@pytest.fixture
def no_extra_downloads():
    """The exports page as it is without the apps above reports (exchange registers the strategy document)."""
    registered = EXTRA_DOWNLOADS[:]
    EXTRA_DOWNLOADS.clear()
    yield
    EXTRA_DOWNLOADS[:] = registered


def test_the_exports_page_offers_only_the_downloads_other_apps_register(client, committee_user, no_extra_downloads):
    client.force_login(committee_user)

    response = client.get(EXPORTS_URL)

    assert response.status_code == 200
    assert f'href="{PROJECTS_URL}?format=csv"' in response.content.decode()
    assert DOCUMENT_URL not in response.content.decode()
    assert "document-heading" not in response.content.decode()


@pytest.mark.parametrize("role_fixture", ["committee_user", "editor_user"])
def test_only_administrators_may_export_all_personal_data(client, request, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))

    assert client.get(PERSONS_CSV).status_code == 403
    assert not LogEntry.objects.exists()


def test_an_administrator_exports_all_persons_and_the_export_is_logged(client, admin_user_role):
    factories.PersonFactory(name="Anna Muster", email="anna@example.org", phone="07141 1234")
    factories.PersonFactory(name="Bernd Beispiel", consent_date=datetime.date(2025, 5, 26))
    client.force_login(admin_user_role)

    assert PERSONS_CSV in client.get(EXPORTS_URL).content.decode()
    response = client.get(PERSONS_CSV)

    headers, *rows = csv_rows(response)
    persons = [dict(zip(headers, row, strict=True)) for row in rows]
    assert response["Content-Disposition"] == 'attachment; filename="personen.csv"'
    assert [person["Name"] for person in persons] == ["Anna Muster", "Bernd Beispiel"]
    assert (persons[0]["E-Mail"], persons[0]["Telefon"]) == ("anna@example.org", "07141 1234")
    assert persons[1]["Einwilligung erteilt am"] == "26.05.2025"
    entry = LogEntry.objects.get()
    assert entry.user == admin_user_role
    assert entry.change_message == "Personal data of 2 persons exported as CSV"


def test_each_personal_data_export_is_logged_on_its_own(client, admin_user_role):
    factories.PersonFactory()
    client.force_login(admin_user_role)

    client.get(PERSONS_CSV)
    client.get(PERSONS_XLSX)

    assert [entry.change_message for entry in LogEntry.objects.order_by("pk")] == [
        "Personal data of 1 persons exported as CSV",
        "Personal data of 1 persons exported as XLSX",
    ]


def test_an_unknown_format_is_not_found_and_not_logged(client, admin_user_role):
    client.force_login(admin_user_role)

    assert client.get(reverse("reports:persons-export", args=["pdf"])).status_code == 404
    assert not LogEntry.objects.exists()


# The strategy document ----------------------------------------------------------------------------------------------


def test_the_strategy_document_download_is_the_exported_document(client, committee_user, seeded):
    client.force_login(committee_user)

    response = client.get(DOCUMENT_URL)

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{seeded.slug}.json"'
    assert json.loads(response.content) == export_document(seeded, audience=Audience.COMMITTEE)


# Lists --------------------------------------------------------------------------------------------------------------


def test_the_project_list_csv_holds_exactly_the_filtered_rows_of_all_pages(client, committee_user, projects):
    client.force_login(committee_user)
    query = {"status": Project.Status.IN_QUALIFICATION}
    shown = page_projects(client, query)

    response = client.get(PROJECTS_URL, {**query, "page": 2, "format": "csv"})

    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="projekte.csv"'
    assert len(shown) == 30
    assert csv_rows(response) == [HEADERS] + [
        [
            str(p.number),
            p.title,
            str(p.action_field),
            "in Qualifizierung",
            p.get_kind_display(),
            p.get_visibility_display(),
        ]
        for p in shown
    ]


def test_the_project_list_xlsx_holds_the_same_rows_with_typed_cells(client, committee_user, projects):
    client.force_login(committee_user)
    query = {"status": Project.Status.IN_QUALIFICATION}
    shown = page_projects(client, query)

    sheet, rows = sheet_rows(client.get(PROJECTS_URL, {**query, "format": "xlsx"}))

    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    assert rows[0] == HEADERS
    # An empty text cell reads back as None.
    assert rows[1:] == [
        [
            p.number,
            p.title,
            str(p.action_field),
            "in Qualifizierung",
            p.get_kind_display() or None,
            p.get_visibility_display(),
        ]
        for p in shown
    ]


def test_money_and_dates_stay_numbers_and_dates_in_the_xlsx(client, committee_user):
    factories.ExpenditureFactory(amount=Decimal("72577.00"), spent_on=datetime.date(2025, 5, 26))
    client.force_login(committee_user)

    sheet, rows = sheet_rows(client.get(reverse("budget:expenditure-list"), {"format": "xlsx"}))

    spent_on, amount = sheet["A2"], sheet["D2"]
    assert spent_on.is_date and spent_on.value.date() == datetime.date(2025, 5, 26)
    assert Decimal(str(amount.value)) == Decimal("72577")
    assert amount.number_format == '#,##0.00 "€"'


def test_a_list_export_needs_the_list_permission(client, project_lead_user):
    client.force_login(project_lead_user)

    assert client.get(reverse("accounts:user-list"), {"format": "csv"}).status_code == 403


def test_a_project_lead_exports_only_their_own_projects(client, project_lead_user, projects):
    own = projects[0]
    own.project_leads.add(project_lead_user)
    client.force_login(project_lead_user)

    rows = csv_rows(client.get(PROJECTS_URL, {"format": "csv"}))

    assert [row[0] for row in rows[1:]] == [str(own.number)]


def test_the_list_page_links_its_downloads_with_the_current_filters(client, committee_user, projects):
    client.force_login(committee_user)

    content = client.get(PROJECTS_URL, {"status": "idea", "page": 2}).content.decode()

    assert 'href="?status=idea&amp;format=csv"' in content
    assert 'href="?status=idea&amp;format=xlsx"' in content


def test_a_large_export_streams_with_queries_independent_of_the_rows(
    client, committee_user, django_assert_max_num_queries
):
    strategy = factories.StrategyFactory()
    field = factories.ActionFieldFactory(strategy=strategy)
    Project.objects.bulk_create(
        Project(strategy=strategy, action_field=field, number=n, title=f"Projekt {n}", slug=f"projekt-{n}")
        for n in range(1, 3001)
    )
    client.force_login(committee_user)

    # The session, the user and their permissions, then one query per chunk of 2000 rows at most.
    with django_assert_max_num_queries(10):
        response = client.get(PROJECTS_URL, {"format": "csv"})
        assert response.streaming
        lines = sum(1 for _ in response.streaming_content)

    assert lines == 3001
