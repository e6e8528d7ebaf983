"""CSV and XLSX of the budget tables: German Excel opens them right, money stays exact."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budget.models import ExternalFunding
from strategy_portal.exports import table_response
from tests import factories

BOM = "\N{BYTE ORDER MARK}".encode()
PUBLIC_CSV = reverse("budget:public-finances-export", args=["csv"])
PUBLIC_XLSX = reverse("budget:public-finances-export", args=["xlsx"])


def csv_rows(response):
    assert response.content.startswith(BOM)
    return list(csv.reader(io.StringIO(response.content[len(BOM) :].decode()), delimiter=";"))


def workbook(response):
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def exact(cell):
    """An XLSX number as the Decimal it was written from (openpyxl reads numbers back as int or float)."""
    assert isinstance(cell.value, int | float), cell.value
    return Decimal(str(cell.value)).quantize(Decimal("0.01"))


# The shared helper --------------------------------------------------------------------------------------------------

HEADERS = ["Datum", "Betrag", "Zweck"]
ROWS = [
    [datetime.date(2025, 5, 26), Decimal("72577.00"), "Planansatz; Übertrag"],
    [datetime.date(2025, 12, 31), Decimal("1234.5"), '=HYPERLINK("http://example.org")'],
    [None, Decimal("-0.01"), None],
]


def test_csv_starts_with_a_byte_order_mark_and_writes_german_numbers_and_dates():
    response = table_response("ausgaben", HEADERS, ROWS, format="csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="ausgaben.csv"'
    assert response.content.startswith(BOM + b"Datum;Betrag;Zweck\r\n")
    assert csv_rows(response)[1:] == [
        ["26.05.2025", "72577,00", "Planansatz; Übertrag"],
        ["31.12.2025", "1234,50", '\'=HYPERLINK("http://example.org")'],
        ["", "-0,01", ""],
    ]


def test_xlsx_has_a_bold_frozen_header_and_typed_money_and_date_cells():
    response = table_response("ausgaben", HEADERS, ROWS, format="xlsx")

    assert response["Content-Disposition"] == 'attachment; filename="ausgaben.xlsx"'
    sheet = workbook(response)
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    date, money, text = sheet[2]
    assert date.is_date
    assert date.value.date() == datetime.date(2025, 5, 26)
    assert date.number_format == "DD.MM.YYYY"
    assert exact(money) == Decimal("72577.00")
    assert money.number_format == '#,##0.00 "€"'
    assert text.value == "Planansatz; Übertrag"
    assert exact(sheet["B3"]) == Decimal("1234.50")
    assert sheet["C3"].data_type == "s"  # a formula typed as text stays text
    assert exact(sheet["B4"]) == Decimal("-0.01")


def test_both_formats_round_money_to_cents_half_up():
    rows = [[Decimal("2.675"), Decimal("72577")]]

    assert csv_rows(table_response("t", ["a", "b"], rows, format="csv"))[1] == ["2,68", "72577,00"]
    sheet = workbook(table_response("t", ["a", "b"], rows, format="xlsx"))
    assert [exact(cell) for cell in sheet[2]] == [Decimal("2.68"), Decimal("72577.00")]


def test_an_unknown_format_is_not_found(client, seeded):
    assert client.get(reverse("budget:public-finances-export", args=["pdf"])).status_code == 404


# The financing table ------------------------------------------------------------------------------------------------


def test_anyone_downloads_the_seeded_financing_table_as_csv_with_the_papers_figures(client, seeded):
    response = client.get(PUBLIC_CSV)

    assert response.status_code == 200
    assert "attachment;" in response["Content-Disposition"]
    header, *lines, total = csv_rows(response)
    assert header[:4] == ["Jahr", "Verfügbares Budget", "Finanzierungsbedarf", "Mehrbedarf"]
    assert [line[:4] for line in lines] == [
        ["2025", "72577,00", "72577,00", "0,00"],
        ["2026", "0,00", "20000,00", "20000,00"],
        ["2027", "0,00", "20000,00", "20000,00"],
        ["2028", "0,00", "20000,00", "20000,00"],
    ]
    assert total[:4] == ["Summe", "72577,00", "132577,00", "60000,00"]
    assert [line[4:6] for line in lines] == [["0,00", "0,00"]] * 4  # carried in from the previous year, out
    assert lines[0][6:10] == [
        "Ergebnishaushalt",
        "1110",
        "L-01",
        "Aufwendungen für sonstige Sach- und Dienstleistungen",
    ]


def test_the_seeded_financing_table_as_xlsx_holds_exact_numbers(client, seeded):
    sheet = workbook(client.get(PUBLIC_XLSX))

    assert sheet.freeze_panes == "A2"
    total = sheet[sheet.max_row]
    assert total[0].value == "Summe"
    assert [exact(cell) for cell in total[1:4]] == [Decimal("72577"), Decimal("132577"), Decimal("60000")]
    assert [sheet.cell(row=row, column=1).value for row in range(2, 6)] == [2025, 2026, 2027, 2028]


def test_the_public_export_is_not_found_without_a_featured_strategy(client, db):
    factories.StrategyFactory()

    assert client.get(PUBLIC_CSV).status_code == 404


def test_the_workspace_exports_the_financing_table_of_the_chosen_strategy(client, committee_user, seeded):
    client.force_login(committee_user)
    other = factories.StrategyFactory()
    factories.BudgetLineFactory(strategy=other, year=2030, required_amount=Decimal("123.45"))

    response = client.get(reverse("budget:financing-export", args=["csv"]), {"strategy": other.pk})

    header, line, total = csv_rows(response)
    assert line[:4] == ["2030", "0,00", "123,45", "123,45"]
    assert other.slug in response["Content-Disposition"]


# Money per project and the burn-down --------------------------------------------------------------------------------


@pytest.fixture
def booked(seeded):
    """The seed with money on project 1: an allocation, approved and applied external funding, two expenditures."""
    line = seeded.budget_lines.get(year=2025)
    project = seeded.projects.get(number=1)
    factories.AllocationFactory(project=project, budget_line=line, amount=Decimal("20000.00"))
    factories.ExternalFundingFactory(project=project, amount=Decimal("5000.00"), status=ExternalFunding.Status.APPROVED)
    factories.ExternalFundingFactory(project=project, amount=Decimal("800.00"))
    for day, amount in ((datetime.date(2025, 3, 10), "1234.50"), (datetime.date(2025, 3, 20), "765.50")):
        factories.ExpenditureFactory(project=project, budget_line=line, spent_on=day, amount=Decimal(amount))
    return seeded


def test_project_money_export_holds_each_project_and_the_totals(client, committee_user, booked):
    client.force_login(committee_user)

    header, first, *others, total = csv_rows(client.get(reverse("budget:project-money-export", args=["csv"])))

    assert len(header) == 7
    assert first[0] == "1"
    assert first[2:] == ["20000,00", "5000,00", "800,00", "2000,00", "23000,00"]
    assert len(others) == booked.projects.count() - 1
    assert total[1:] == ["Summe", "20000,00", "5000,00", "800,00", "2000,00", "23000,00"]


def test_project_money_xlsx_holds_numbers(client, committee_user, booked):
    client.force_login(committee_user)

    sheet = workbook(client.get(reverse("budget:project-money-export", args=["xlsx"])))

    assert all(cell.font.bold for cell in sheet[1])
    assert [exact(cell) for cell in sheet[2][2:]] == [
        Decimal("20000"),
        Decimal("5000"),
        Decimal("800"),
        Decimal("2000"),
        Decimal("23000"),
    ]


def test_burndown_export_holds_the_months_cumulatively(client, committee_user, booked):
    client.force_login(committee_user)

    header, available, *months, total = csv_rows(client.get(reverse("budget:burndown-export", args=[2025, "csv"])))

    assert available[3] == "72577,00"
    assert len(months) == 12
    assert months[1][1:] == ["0,00", "0,00", "72577,00"]
    assert months[2][1:] == ["2000,00", "2000,00", "70577,00"]
    assert months[11][1:] == ["0,00", "2000,00", "70577,00"]
    assert total[1:] == ["2000,00", "2000,00", "70577,00"]


# Who may download ---------------------------------------------------------------------------------------------------


def workspace_exports():
    return [
        reverse("budget:financing-export", args=["csv"]),
        reverse("budget:project-money-export", args=["xlsx"]),
        reverse("budget:burndown-export", args=[2025, "csv"]),
    ]


def test_anonymous_visitors_are_sent_to_the_login_page_for_workspace_exports(client, seeded):
    for url in workspace_exports():
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login")), url


def test_committee_downloads_and_project_lead_does_not(client, committee_user, project_lead_user, seeded):
    client.force_login(committee_user)
    for url in workspace_exports():
        assert client.get(url).status_code == 200, url

    client.force_login(project_lead_user)
    for url in workspace_exports():
        assert client.get(url).status_code == 403, url


def test_project_money_export_queries_do_not_grow(client, committee_user, django_assert_num_queries):
    client.force_login(committee_user)
    strategy = factories.StrategyFactory(is_featured=True)
    line = factories.BudgetLineFactory(strategy=strategy)
    url = reverse("budget:project-money-export", args=["xlsx"])

    def add_projects(count):
        for _ in range(count):
            project = factories.ProjectFactory(strategy=strategy)
            factories.AllocationFactory(project=project, budget_line=line)
            factories.ExpenditureFactory(project=project, budget_line=line)
            factories.ExternalFundingFactory(project=project)

    add_projects(5)
    with CaptureQueriesContext(connection) as five:
        client.get(url)
    add_projects(45)
    with django_assert_num_queries(len(five)):
        response = client.get(url)
    assert workbook(response).max_row == 52  # header, 50 projects, total
