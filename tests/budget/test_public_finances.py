"""/finanzen/: the committee paper's financing table and its chart; the budget-per-year selector of the dashboard."""

import re
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budget.charts import bar_chart
from budget.models import BudgetLine, FundingSource
from budget.selectors import budget_per_year
from budget.views.public import account_label_ranges
from tests.factories import (
    AllocationFactory,
    BudgetLineFactory,
    ExpenditureFactory,
    FundingSourceFactory,
    ProjectFactory,
    StrategyFactory,
)

URL = "/finanzen/"


def euro(text):
    return text.replace(" €", "\xa0€")


def tfoot(page):
    return re.search(r"<tfoot>(.*?)</tfoot>", page, re.S).group(1)


def test_finances_page_is_public_under_its_contract_path(client, seeded):
    assert reverse("budget:public-finances") == URL
    assert client.get(URL).status_code == 200


def test_finances_page_shows_the_papers_figures_per_year_and_the_sum_row(client, seeded):
    page = client.get(URL).content.decode()

    rows = re.findall(r'<th scope="row">(\d{4})</th>', page)
    assert rows[:4] == ["2025", "2026", "2027", "2028"]
    total = tfoot(page)
    assert "Summe" in total
    for figure in ("72.577 €", "132.577 €", "60.000 €"):
        assert euro(figure) in total


def test_finances_page_shows_budget_part_product_group_department_and_account_labels(client, seeded):
    page = client.get(URL).content.decode()

    assert "Ergebnishaushalt" in page
    assert "<dd>1110</dd>" in page
    assert "<dd>L-01</dd>" in page
    assert "Aufwendungen für sonstige Sach- und Dienstleistungen" in page
    # The paper's "2026 ff.": one label for the consecutive years with the same account.
    assert page.count("Geschäftsaufwendungen (anteilig am Budget Wirtschaftsförderung)") == 1
    assert "2026–2028" in page


def test_finances_page_shows_the_funding_sources_and_the_remarks_of_the_paper(client, seeded):
    page = client.get(URL).content.decode()

    assert re.search(r"Planansatz</td>\s*<td>Umsetzung von Projekten</td>\s*<td[^>]*>20.000\xa0€", page)
    assert re.search(
        r"Ermächtigungsübertrag \w+ 2024</td>\s*<td>Durchführung des Strategieprozesses</td>\s*<td[^>]*>52.577\xa0€",
        page,
    )
    assert (
        "Das verfügbare Budget 2025 setzt sich zusammen aus dem Planansatz von 20.000 € (Umsetzung von Projekten) "
        "und einem Ermächtigungsübertrag aus 2024 in Höhe von 52.577 € (Durchführung des Strategieprozesses)."
    ) in page
    assert "Der Mehrbedarf wird in den Haushaltsentwurf 2026 aufgenommen." in page
    assert "Bemerkungen / Deckungsvorschlag" in page


def test_finances_page_takes_its_figures_from_the_financing_table(client, seeded):
    table = client.get(URL).context["table"]

    assert [line.year for line in table.lines] == [2025, 2026, 2027, 2028]
    assert (table.available, table.required, table.shortfall) == (
        Decimal("72577.00"),
        Decimal("132577.00"),
        Decimal("60000.00"),
    )


def test_finances_page_draws_the_chart_as_an_accessible_svg_with_the_figures_as_text(client, seeded):
    page = client.get(URL).content.decode()

    svg = re.search(r"<svg[^>]*>.*?</svg>", page, re.S).group(0)
    assert 'role="img"' in svg
    assert 'aria-labelledby="financing-chart-title financing-chart-desc"' in svg
    assert '<title id="financing-chart-title">' in svg
    desc = re.search(r'<desc id="financing-chart-desc">(.*?)</desc>', svg, re.S).group(1)
    assert desc.startswith("2025: Verfügbares Budget 72.577\xa0€, Finanzierungsbedarf 72.577\xa0€; 2026:")
    values = re.findall(r'class="bar-chart-value"[^>]*>([^<]+)</text>', svg)
    assert values == [
        euro(v) for v in ("72.577 €", "72.577 €", "0 €", "20.000 €", "0 €", "20.000 €", "0 €", "20.000 €")
    ]
    assert "Verfügbares Budget</text>" in svg  # the legend


def test_chart_coordinates_are_plain_numbers_whatever_the_language(client, seeded):
    svg = re.search(r"<svg.*?</svg>", client.get(URL).content.decode(), re.S).group(0)

    for value in re.findall(r'\b(?:x|y|width|height|x1|x2|y1|y2)="([^"]*)"', svg):
        assert re.fullmatch(r"\d+(\.\d+)?", value), value


def test_bar_lengths_are_proportional_and_a_zero_draws_no_bar(db):
    chart = bar_chart(
        "c", "Titel", [("A", "bar-available"), ("B", "bar-required")], [(2025, [Decimal("100"), Decimal("50")])]
    )

    full, half = chart.groups[0].bars
    assert full.width == 2 * half.width
    assert bar_chart("c", "Titel", [("A", "x")], [(2025, [Decimal("0")])]).groups[0].bars[0].width == 0


def test_account_labels_of_consecutive_years_become_one_range(db):
    strategy = StrategyFactory()
    lines = [
        BudgetLineFactory(strategy=strategy, year=2026, account_label="Sachaufwand"),
        BudgetLineFactory(strategy=strategy, year=2027, account_label="Geschäftsaufwand"),
        BudgetLineFactory(strategy=strategy, year=2028, account_label="Geschäftsaufwand"),
        BudgetLineFactory(strategy=strategy, year=2030, account_label="Geschäftsaufwand"),
    ]

    ranges = [(r.first_year, r.last_year, r.label) for r in account_label_ranges(lines)]

    assert ranges == [
        (2026, 2026, "Sachaufwand"),
        (2027, 2028, "Geschäftsaufwand"),
        (2030, 2030, "Geschäftsaufwand"),
    ]


def test_finances_page_without_a_strategy_says_so(client, db):
    response = client.get(URL)

    assert response.status_code == 200
    assert "Noch keine Strategie veröffentlicht" in response.content.decode()


def test_finances_page_shows_no_personal_data(client, seeded):
    from stakeholders.models import Person

    page = client.get(URL).content.decode()

    for person in Person.objects.exclude(email="").exclude(phone=""):
        assert person.email not in page
        assert person.phone not in page


def make_budget(strategy, projects):
    """`projects` projects of the strategy, each with an allocation and an expenditure; lines with two sources."""
    lines = [BudgetLineFactory(strategy=strategy, year=2026 + offset) for offset in range(3)]
    for line in lines:
        FundingSourceFactory(budget_line=line)
        FundingSourceFactory(budget_line=line, kind=FundingSource.Kind.CARRY_OVER, origin_year=2025)
    for number in range(projects):
        project = ProjectFactory(strategy=strategy)
        AllocationFactory(project=project, budget_line=lines[number % 3], amount=Decimal("10.00"))
        ExpenditureFactory(project=project, budget_line=lines[number % 3], amount=Decimal("1.00"))
    return lines


def test_finances_page_queries_are_the_same_with_5_and_with_50_projects(client, db, django_assert_num_queries):
    small = StrategyFactory(is_featured=True)
    make_budget(small, 5)
    with CaptureQueriesContext(connection) as five:
        assert client.get(URL).status_code == 200

    small.is_featured = False
    small.save()
    make_budget(StrategyFactory(is_featured=True), 50)
    with django_assert_num_queries(len(five)):
        assert client.get(URL).status_code == 200


# The budget per year (the dashboard's selector) ------------------------------------------------------------------


def test_budget_per_year_sums_allocations_and_expenditures_without_multiplying_rows(db):
    strategy = StrategyFactory()
    line = BudgetLineFactory(strategy=strategy, year=2026, required_amount=Decimal("90000.00"))
    FundingSourceFactory(budget_line=line, amount=Decimal("30000.00"))
    FundingSourceFactory(
        budget_line=line, kind=FundingSource.Kind.CARRY_OVER, origin_year=2025, amount=Decimal("20000.00")
    )
    project = ProjectFactory(strategy=strategy)
    for amount in ("1000.00", "2000.00", "4000.00"):
        AllocationFactory(project=project, budget_line=line, amount=Decimal(amount))
    for amount in ("100.00", "250.50"):
        ExpenditureFactory(project=project, budget_line=line, amount=Decimal(amount))
    BudgetLineFactory(strategy=strategy, year=2027, required_amount=Decimal("5000.00"))

    first, second = budget_per_year(strategy).years

    assert (first.year, first.available, first.required, first.shortfall) == (
        2026,
        Decimal("50000.00"),
        Decimal("90000.00"),
        Decimal("40000.00"),
    )
    assert first.allocated == Decimal("7000.00")  # not 14.000 or 28.000: 3 allocations x 2 expenditures x 2 sources
    assert first.spent == Decimal("350.50")
    assert (second.year, second.available, second.allocated, second.spent) == (2027, 0, 0, 0)


def test_budget_per_year_adds_up_the_budget_parts_of_a_year_and_all_years(db):
    strategy = StrategyFactory()
    results = BudgetLineFactory(strategy=strategy, year=2026, required_amount=Decimal("100.00"))
    financial = BudgetLineFactory(
        strategy=strategy, year=2026, budget_part=BudgetLine.BudgetPart.FINANCIAL, required_amount=Decimal("50.00")
    )
    later = BudgetLineFactory(strategy=strategy, year=2027, required_amount=Decimal("10.00"))
    AllocationFactory(project__strategy=strategy, budget_line=results, amount=Decimal("30.00"))
    AllocationFactory(project__strategy=strategy, budget_line=financial, amount=Decimal("5.00"))
    ExpenditureFactory(project__strategy=strategy, budget_line=later, amount=Decimal("2.00"))

    overview = budget_per_year(strategy)

    assert [(year.year, year.required, year.allocated, year.spent) for year in overview.years] == [
        (2026, Decimal("150.00"), Decimal("35.00"), Decimal("0.00")),
        (2027, Decimal("10.00"), Decimal("0.00"), Decimal("2.00")),
    ]
    assert (overview.total.required, overview.total.allocated, overview.total.spent) == (
        Decimal("160.00"),
        Decimal("35.00"),
        Decimal("2.00"),
    )


def test_budget_per_year_takes_one_query_however_many_bookings(db, django_assert_num_queries):
    strategy = StrategyFactory()
    make_budget(strategy, 12)

    with django_assert_num_queries(1):
        budget_per_year(strategy)
