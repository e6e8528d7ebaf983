"""At year-end the administrator carries 2025's unspent 68.076,50 € into 2026: the financing page, the dashboard, the
XLSX of the financing table and a new committee paper all still show 72.577 € available against 132.577 € required,
the 2025 row says what was carried out, and undoing the carry-over gives back exactly what they showed before."""

import datetime
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from docx import Document

from budget.services import carry_over, undo_carry_over
from reports.paper import compose_paper
from reports.render import render_docx
from strategy_portal.publication import Audience
from tests import factories

NBSP = "\N{NO-BREAK SPACE}"
SPENT = Decimal("4500.50")


@pytest.fixture
def year_end(seeded):
    """The seed with 4.500,50 € of 2025 allocated to project 1 and spent: 68.076,50 € are left to carry over."""
    line = seeded.budget_lines.get(year=2025)
    project = seeded.projects.get(number=1)
    factories.AllocationFactory(project=project, budget_line=line, amount=SPENT)
    factories.ExpenditureFactory(project=project, budget_line=line, amount=SPENT, spent_on=datetime.date(2025, 9, 30))
    return line


def text(client, name, *args):
    """The page's text, without its per-response CSRF token."""
    page = client.get(reverse(name, args=args)).text.replace(NBSP, " ")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


def financing_sheet(client, strategy):
    url = reverse("budget:financing-export", args=["xlsx"])
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(url, {"strategy": strategy.pk}).content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def paper_financing(strategy):
    content = compose_paper(factories.CommitteePaperFactory(strategy=strategy), audience=Audience.PUBLIC)
    document = Document(io.BytesIO(render_docx(content)))
    # A merged cell (Bemerkungen spans three columns) is one cell; python-docx lists it once per column.
    merged = {cell._tc: cell for table in document.tables for row in table.rows for cell in row.cells}
    cells = [cell.text.replace(NBSP, " ") for cell in merged.values()]
    return content["financing"], cells


def everything(client, strategy):
    return {
        "finances": text(client, "budget:public-finances"),
        "dashboard": text(client, "reports:dashboard"),
        "xlsx": financing_sheet(client, strategy),
        "paper": paper_financing(strategy),
    }


def test_the_carried_euro_is_counted_once_everywhere_and_undo_restores_every_figure(
    client, committee_user, seeded, year_end
):
    client.force_login(committee_user)
    before = everything(client, seeded)

    record = carry_over(line=year_end)
    after = everything(client, seeded)

    assert record.amount == Decimal("68076.50")
    # The public financing page: the Summe is the strategy's money, counted once; 2025 says where the rest went.
    assert "72.577 €" in after["finances"] and "132.577 €" in after["finances"]
    assert "140.653,50 €" not in after["finances"]
    assert "von 72.577 €; davon 68.076,50 € übertragen nach 2026" in after["finances"]
    assert "darin 68.076,50 € Übertrag aus dem Vorjahr" in after["finances"]
    # The dashboard.
    assert "72.577 €" in after["dashboard"] and "140.653,50 €" not in after["dashboard"]
    assert "davon 68.076,50 € übertragen ins Folgejahr" in after["dashboard"]
    # The XLSX of the financing table: 2025 keeps 4.500,50 €, 2026 has 68.076,50 €, the sum row 72.577 € / 132.577 €.
    header, *rows, total = after["xlsx"]
    assert header[:6] == [
        "Jahr", "Verfügbares Budget", "Finanzierungsbedarf", "Mehrbedarf", "Übertrag aus dem Vorjahr",
        "Übertragen ins Folgejahr",
    ]  # fmt: skip
    assert [row[:2] for row in rows[:2]] == [[2025, 4500.5], [2026, 68076.5]]
    assert (rows[0][5], rows[1][4]) == (68076.5, 68076.5)
    assert total[:4] == ["Summe", 72577, 132577, 60000]
    # A new committee paper keeps its layout: per year available and required, the Summe, and the Bemerkungen say it.
    financing, cells = after["paper"]
    assert (financing["available"], financing["required"]) == ("72577.00", "132577.00")
    assert [line["available"] for line in financing["lines"]] == ["4500.50", "68076.50", "0.00", "0.00"]
    assert "72.577 €" in cells and "4.500,50 €" in cells and "68.076,50 €" in cells
    [remarks] = [cell for cell in cells if cell.startswith("Bemerkungen / Deckungsvorschlag:")]
    assert "68.076,50 € nicht verbrauchte Ermächtigung nach 2026 übertragen" in remarks

    undo_carry_over(record)

    restored = everything(client, seeded)
    assert restored["xlsx"] == before["xlsx"]
    assert restored["paper"][0] == before["paper"][0]
    assert restored["paper"][1] == before["paper"][1]
    assert restored["finances"] == before["finances"]
    assert restored["dashboard"] == before["dashboard"]
