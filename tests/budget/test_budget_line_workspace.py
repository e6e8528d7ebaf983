"""The office keeps the budget lines and their funding sources current in the workspace."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budget.models import BudgetLine, FundingSource
from tests import factories
from tests.budget.workspace_helpers import LINE_CREATE, LINE_LIST, NEGATIVE, THREE_DECIMALS, field_errors, line_data

DUPLICATE_LINE = "Für diese Strategie besteht in diesem Haushaltsjahr bereits eine Haushaltsposition"

PLAN = {"kind": "plan", "amount": "20000.00", "purpose": "Umsetzung von Projekten"}
CARRY_OVER = {"kind": "carry_over", "amount": "52577", "origin_year": 2024, "purpose": "Strategieprozess"}


def totals_row(response):
    return re.search(r'<tr[^>]*id="budget-totals".*?</tr>', response.content.decode(), re.DOTALL).group()


# Budget lines -------------------------------------------------------------------------------------------------------


def test_editor_creates_a_budget_line_with_two_funding_sources_in_one_post(editor_client, db):
    strategy = factories.StrategyFactory(is_featured=True)

    response = editor_client.post(
        LINE_CREATE, line_data(strategy=strategy.pk, year=2026, required_amount="72577", sources=[PLAN, CARRY_OVER])
    )

    line = BudgetLine.objects.get(strategy=strategy, year=2026)
    assert response.status_code == 302
    assert response.url == reverse("budget:budgetline-detail", args=[line.pk])
    assert [(s.kind, s.amount, s.origin_year) for s in line.sources.all()] == [
        ("plan", Decimal("20000.00"), None),
        ("carry_over", Decimal("52577.00"), 2024),
    ]
    page = editor_client.get(response.url).content.decode()
    assert "72.577\xa0€" in page
    assert "52.577\xa0€" in page
    assert "Strategieprozess" in page


def test_the_create_form_proposes_the_featured_strategy(editor_client, db):
    factories.StrategyFactory()
    featured = factories.StrategyFactory(is_featured=True)

    response = editor_client.get(LINE_CREATE)

    assert response.context["form"]["strategy"].value() == featured.pk


def test_editor_changes_a_source_and_adds_one(editor_client, db):
    line = factories.BudgetLineFactory(required_amount=Decimal("30000.00"))
    source = factories.FundingSourceFactory(budget_line=line, amount=Decimal("10000.00"))
    data = line_data(line, sources=[{"kind": "grant", "amount": "5000.50", "purpose": "Landesförderung"}])
    data["fundingsource-0-amount"] = "12000"

    response = editor_client.post(reverse("budget:budgetline-update", args=[line.pk]), data)

    assert response.status_code == 302
    source.refresh_from_db()
    assert source.amount == Decimal("12000.00")
    line = BudgetLine.objects.with_amounts().get(pk=line.pk)
    assert line.available_amount == Decimal("17000.50")
    assert line.shortfall_amount == Decimal("12999.50")


@pytest.mark.parametrize(
    ("amount", "message"),
    [("-1.00", NEGATIVE), ("100,005", THREE_DECIMALS)],
    ids=["negative", "three decimals"],
)
def test_a_bad_required_amount_is_refused_at_the_field_and_nothing_is_saved(editor_client, db, amount, message):
    strategy = factories.StrategyFactory()

    response = editor_client.post(
        LINE_CREATE, line_data(strategy=strategy.pk, year=2026, required_amount=amount, sources=[PLAN])
    )

    assert response.status_code == 200
    assert field_errors(response, "required_amount") == [message]
    assert message in response.content.decode()
    assert not BudgetLine.objects.exists()
    assert not FundingSource.objects.exists()


@pytest.mark.parametrize(
    ("amount", "message"),
    [("-20000", NEGATIVE), ("20000.001", THREE_DECIMALS)],
    ids=["negative", "three decimals"],
)
def test_a_bad_source_amount_is_refused_at_the_field_and_the_line_is_unchanged(editor_client, db, amount, message):
    line = factories.BudgetLineFactory(required_amount=Decimal("30000.00"))
    source = factories.FundingSourceFactory(budget_line=line, amount=Decimal("10000.00"))
    data = line_data(line, required_amount="99999", sources=[PLAN | {"amount": amount}])

    response = editor_client.post(reverse("budget:budgetline-update", args=[line.pk]), data)

    assert response.status_code == 200
    assert field_errors(response, "amount", formset=1) == [message]
    assert message in response.content.decode()
    line.refresh_from_db()
    assert line.required_amount == Decimal("30000.00")
    assert list(line.sources.all()) == [source]


def test_a_second_line_for_the_same_year_and_budget_part_is_refused(editor_client, seeded):
    response = editor_client.post(
        LINE_CREATE, line_data(strategy=seeded.pk, year=2026, required_amount="1000", sources=[PLAN])
    )

    assert response.status_code == 200
    assert DUPLICATE_LINE in response.content.decode()
    assert BudgetLine.objects.count() == 4
    assert FundingSource.objects.count() == 2


def test_the_same_year_and_budget_part_is_fine_for_another_strategy(editor_client, seeded):
    other = factories.StrategyFactory()

    response = editor_client.post(LINE_CREATE, line_data(strategy=other.pk, year=2026, required_amount="1000"))

    assert response.status_code == 302
    assert BudgetLine.objects.filter(year=2026).count() == 2


def test_only_who_may_delete_sources_can_remove_one(client, editor_user, admin_user_role):
    line = factories.FundingSourceFactory().budget_line
    url = reverse("budget:budgetline-update", args=[line.pk])

    client.force_login(editor_user)
    assert "DELETE" not in client.get(url).context["formsets"][0].forms[0].fields
    data = line_data(line) | {"fundingsource-0-DELETE": "on"}
    assert client.post(url, data).status_code == 302
    assert line.sources.count() == 1

    client.force_login(admin_user_role)
    assert client.post(url, data).status_code == 302
    assert line.sources.count() == 0


def test_the_seeded_list_shows_each_year_and_the_paper_s_sums(client, committee_user, seeded):
    client.force_login(committee_user)

    response = client.get(LINE_LIST)

    page = response.content.decode()
    assert "Aufwendungen für sonstige Sach- und Dienstleistungen" in page
    assert page.count("20.000\xa0€") >= 6  # 2026–2028: required and shortfall
    totals = totals_row(response)
    assert "72.577\xa0€" in totals
    assert "132.577\xa0€" in totals
    assert "60.000\xa0€" in totals


def test_the_list_is_ordered_by_year_and_budget_part(client, committee_user, db):
    client.force_login(committee_user)
    strategy = factories.StrategyFactory()
    for year, part in [(2030, "finanzhaushalt"), (2029, "ergebnishaushalt"), (2030, "ergebnishaushalt")]:
        factories.BudgetLineFactory(strategy=strategy, year=year, budget_part=part)

    response = client.get(LINE_LIST)

    assert response.context["object_list"].ordered
    assert [(line.year, line.budget_part) for line in response.context["object_list"]] == [
        (2029, "ergebnishaushalt"),
        (2030, "ergebnishaushalt"),
        (2030, "finanzhaushalt"),
    ]


def test_the_sum_row_follows_the_strategy_chosen_in_the_filter(client, committee_user, seeded):
    client.force_login(committee_user)
    other = factories.StrategyFactory()
    factories.FundingSourceFactory(
        budget_line=factories.BudgetLineFactory(strategy=other, year=2030, required_amount=Decimal("500.00")),
        amount=Decimal("123.45"),
    )

    response = client.get(LINE_LIST, {"strategy": other.pk})

    assert [line.year for line in response.context["object_list"]] == [2030]
    totals = totals_row(response)
    assert "123,45\xa0€" in totals
    assert "376,55\xa0€" in totals


def test_the_budget_line_page_shows_sources_allocations_and_expenditures(client, committee_user, seeded):
    client.force_login(committee_user)
    line = seeded.budget_lines.get(year=2025)
    project = seeded.projects.get(number=1)
    factories.AllocationFactory(project=project, budget_line=line, amount=Decimal("15000.00"), note="Auftakt")
    factories.ExpenditureFactory(project=project, budget_line=line, amount=Decimal("1234.50"), purpose="Moderation")

    response = client.get(reverse("budget:budgetline-detail", args=[line.pk]))

    page = response.content.decode()
    assert "Ermächtigungsübertrag" in page
    assert "52.577\xa0€" in page
    assert "72.577\xa0€" in page  # required and available
    assert "Auftakt" in page
    assert "15.000\xa0€" in page
    assert "Moderation" in page
    assert "1.234,50\xa0€" in page
    assert str(project) in page


def test_the_budget_line_page_shows_the_shortfall(client, committee_user, seeded):
    client.force_login(committee_user)
    line = seeded.budget_lines.get(year=2026)

    response = client.get(reverse("budget:budgetline-detail", args=[line.pk]))

    rows = dict(response.context["rows"])
    assert rows["Verfügbares Budget"] == "0,00\xa0€"
    assert rows["Mehrbedarf"] == "20.000,00\xa0€"


def test_budget_line_list_queries_do_not_grow(client, committee_user, django_assert_max_num_queries):
    client.force_login(committee_user)
    strategy = factories.StrategyFactory(is_featured=True)
    factories.FundingSourceFactory(budget_line=factories.BudgetLineFactory(strategy=strategy))
    with CaptureQueriesContext(connection) as one:
        client.get(LINE_LIST)

    for _ in range(10):
        line = factories.BudgetLineFactory(strategy=strategy)
        factories.FundingSourceFactory.create_batch(3, budget_line=line)
    factories.BudgetLineFactory()  # another strategy's line
    with django_assert_max_num_queries(len(one)):
        assert client.get(LINE_LIST).status_code == 200


def test_budget_line_page_queries_do_not_grow(client, committee_user, django_assert_max_num_queries):
    client.force_login(committee_user)
    line = factories.BudgetLineFactory()
    factories.FundingSourceFactory(budget_line=line)
    factories.AllocationFactory(budget_line=line, project__strategy=line.strategy)
    factories.ExpenditureFactory(budget_line=line, project__strategy=line.strategy)
    url = reverse("budget:budgetline-detail", args=[line.pk])
    with CaptureQueriesContext(connection) as one:
        client.get(url)

    factories.FundingSourceFactory.create_batch(5, budget_line=line)
    for _ in range(5):
        factories.AllocationFactory(budget_line=line, project__strategy=line.strategy)
        factories.ExpenditureFactory(budget_line=line, project__strategy=line.strategy)
    with django_assert_max_num_queries(len(one)):
        assert client.get(url).status_code == 200
