"""Money per project, a year's burn-down and external funding in the workspace."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budget.models import ExternalFunding
from budget.selectors import burndown, project_money
from tests import factories

PROJECT_MONEY = reverse("budget:project-money")
EXTERNAL_LIST = reverse("budget:externalfunding-list")
EXTERNAL_CREATE = reverse("budget:externalfunding-create")
NEGATIVE = "Der Betrag darf nicht negativ sein."
THREE_DECIMALS = "Bitte sicherstellen, dass der Wert höchstens 2 Dezimalstellen enthält."


def burndown_url(year):
    return reverse("budget:burndown", args=[year])


def funding(project, amount, status, **kwargs):
    return factories.ExternalFundingFactory(project=project, amount=Decimal(amount), status=status, **kwargs)


@pytest.fixture
def money(db):
    """One project with two allocations, external funding of each status and three expenditures; a second project
    without money; an archived one with money."""
    strategy = factories.StrategyFactory(is_featured=True)
    first, second = (factories.BudgetLineFactory(strategy=strategy, year=year) for year in (2026, 2027))
    project = factories.ProjectFactory(strategy=strategy, number=1)
    factories.ProjectFactory(strategy=strategy, number=2)
    archived = factories.ProjectFactory(strategy=strategy, number=3, is_archived=True)
    factories.AllocationFactory(project=project, budget_line=first, amount=Decimal("12000.00"))
    factories.AllocationFactory(project=project, budget_line=second, amount=Decimal("3000.50"))
    funding(project, "5000.00", ExternalFunding.Status.APPROVED)
    funding(project, "2500.25", ExternalFunding.Status.APPROVED, kind=ExternalFunding.Kind.PARTNER)
    funding(project, "7000.00", ExternalFunding.Status.APPLIED)
    funding(project, "9000.00", ExternalFunding.Status.REJECTED)
    for amount in ("1000.00", "234.50", "99.99"):
        factories.ExpenditureFactory(project=project, budget_line=first, amount=Decimal(amount))
    factories.AllocationFactory(project=archived, budget_line=first, amount=Decimal("777.00"))
    return strategy


# The selector ------------------------------------------------------------------------------------------------------


def test_project_money_sums_each_kind_of_money_once(money):
    table = project_money(money)

    first, second = table.rows
    assert first.project.number == 1
    assert first.allocated == Decimal("15000.50")
    assert first.external_approved == Decimal("7500.25")
    assert first.external_applied == Decimal("7000.00")
    assert first.spent == Decimal("1334.49")
    assert first.left == Decimal("21166.26")  # 15000.50 + 7500.25 − 1334.49
    assert (second.allocated, second.external_approved, second.external_applied, second.spent, second.left) == (
        Decimal("0.00"),
    ) * 5


def test_project_money_leaves_out_archived_projects_and_sums_the_rows(money):
    table = project_money(money)

    assert [row.project.number for row in table.rows] == [1, 2]
    assert table.total.project is None
    assert table.total.allocated == Decimal("15000.50")
    assert table.total.left == Decimal("21166.26")


def test_project_money_shows_an_overspent_project_as_negative(db):
    project = factories.ProjectFactory()
    factories.AllocationFactory(project=project, amount=Decimal("100.00"))
    factories.ExpenditureFactory(project=project, amount=Decimal("150.10"), budget_line__strategy=project.strategy)

    assert project_money(project.strategy).rows[0].left == Decimal("-50.10")


def test_project_money_takes_one_query_however_many_projects(db, django_assert_num_queries):
    strategy = factories.StrategyFactory()
    line = factories.BudgetLineFactory(strategy=strategy)
    for _ in range(20):
        project = factories.ProjectFactory(strategy=strategy)
        factories.AllocationFactory(project=project, budget_line=line)
        factories.ExpenditureFactory(project=project, budget_line=line)
        factories.ExternalFundingFactory(project=project)

    with django_assert_num_queries(1):
        assert len(project_money(strategy).rows) == 20


def test_burndown_sums_the_months_cumulatively(db):
    strategy = factories.StrategyFactory()
    line = factories.BudgetLineFactory(strategy=strategy, year=2026)
    factories.FundingSourceFactory(budget_line=line, amount=Decimal("20000.00"))
    factories.AllocationFactory(project__strategy=strategy, budget_line=line, amount=Decimal("15000.00"))
    spend = {
        datetime.date(2026, 1, 31): "1000.00",
        datetime.date(2026, 3, 1): "250.50",
        datetime.date(2026, 3, 31): "249.50",
        datetime.date(2026, 12, 15): "0.01",
    }
    for day, amount in spend.items():
        factories.ExpenditureFactory(project__strategy=strategy, budget_line=line, spent_on=day, amount=Decimal(amount))
    factories.ExpenditureFactory(project__strategy=strategy, budget_line__strategy=strategy, budget_line__year=2027)
    factories.ExpenditureFactory(spent_on=datetime.date(2026, 2, 1))  # another strategy's money

    table = burndown(strategy, 2026)

    assert (table.available, table.allocated, table.unallocated) == (
        Decimal("20000.00"),
        Decimal("15000.00"),
        Decimal("5000.00"),
    )
    assert [month.spent for month in table.months] == [
        Decimal(amount) for amount in ("1000.00", "0", "500.00", *["0"] * 8, "0.01")
    ]
    assert [month.spent_to_date for month in table.months][:4] == [
        Decimal("1000.00"),
        Decimal("1000.00"),
        Decimal("1500.00"),
        Decimal("1500.00"),
    ]
    assert table.months[-1].spent_to_date == table.spent == Decimal("1500.01")
    assert table.months[-1].remaining == table.remaining == Decimal("18499.99")
    assert table.months[0].month == datetime.date(2026, 1, 1)


def test_burndown_counts_money_booked_on_the_year_but_dated_outside_it(db):
    line = factories.BudgetLineFactory(year=2026)
    factories.FundingSourceFactory(budget_line=line, amount=Decimal("1000.00"))
    for day, amount in ((datetime.date(2025, 12, 20), "100.00"), (datetime.date(2027, 1, 10), "50.00")):
        factories.ExpenditureFactory(
            project__strategy=line.strategy, budget_line=line, spent_on=day, amount=Decimal(amount)
        )

    table = burndown(line.strategy, 2026)

    assert table.spent_before == Decimal("100.00")
    assert table.months[0].remaining == Decimal("900.00")
    assert table.spent_after == Decimal("50.00")
    assert table.remaining == Decimal("850.00")


def test_burndown_takes_two_queries_however_many_expenditures(db, django_assert_num_queries):
    line = factories.BudgetLineFactory(year=2026)
    for month in range(1, 13):
        factories.ExpenditureFactory.create_batch(
            3, project__strategy=line.strategy, budget_line=line, spent_on=datetime.date(2026, month, 2)
        )

    with django_assert_num_queries(2):
        table = burndown(line.strategy, 2026)
    assert table.spent == Decimal("54000.00")


# The pages ---------------------------------------------------------------------------------------------------------


def pages(year=2026):
    return [PROJECT_MONEY, burndown_url(year), EXTERNAL_LIST, EXTERNAL_CREATE]


def test_anonymous_visitors_are_sent_to_the_login_page(client, money):
    for url in pages():
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login")), url


def test_committee_member_reads_the_money_pages_but_cannot_add_funding(client, committee_user, money):
    client.force_login(committee_user)

    for url in pages()[:3]:
        assert client.get(url).status_code == 200, url
    assert client.get(EXTERNAL_CREATE).status_code == 403
    assert client.post(EXTERNAL_CREATE, funding_data(money.projects.first())).status_code == 403


def test_project_lead_does_not_see_the_money_pages(client, project_lead_user, money):
    client.force_login(project_lead_user)

    for url in pages():
        assert client.get(url).status_code == 403, url


def test_project_money_page_shows_each_project_and_the_totals(client, committee_user, money):
    client.force_login(committee_user)

    page = client.get(PROJECT_MONEY).content.decode()

    totals = re.search(r'<tr[^>]*id="project-money-totals".*?</tr>', page, re.DOTALL).group()
    for figure in ("15.000,50\xa0€", "7.500,25\xa0€", "7.000\xa0€", "1.334,49\xa0€", "21.166,26\xa0€"):
        assert figure in totals
    assert "Projekt" in page
    assert reverse("budget:burndown", args=[2026]) in page
    assert reverse("budget:project-money-export", args=["xlsx"]) in page


def test_project_money_page_follows_the_chosen_strategy(client, committee_user, money):
    client.force_login(committee_user)
    other = factories.ProjectFactory(title="Anderes Projekt")

    response = client.get(PROJECT_MONEY, {"strategy": other.strategy_id})

    assert [row.project for row in response.context["table"].rows] == [other]
    assert client.get(PROJECT_MONEY, {"strategy": 999999}).status_code == 404


def test_project_money_page_queries_do_not_grow(client, committee_user, django_assert_num_queries):
    client.force_login(committee_user)
    strategy = factories.StrategyFactory(is_featured=True)
    line = factories.BudgetLineFactory(strategy=strategy)

    def add_projects(count):
        for _ in range(count):
            project = factories.ProjectFactory(strategy=strategy)
            factories.AllocationFactory(project=project, budget_line=line)
            factories.ExpenditureFactory(project=project, budget_line=line)
            factories.ExternalFundingFactory(project=project, status=ExternalFunding.Status.APPROVED)

    add_projects(5)
    with CaptureQueriesContext(connection) as five:
        client.get(PROJECT_MONEY)
    add_projects(45)
    with django_assert_num_queries(len(five)):
        response = client.get(PROJECT_MONEY)
    assert len(response.context["table"].rows) == 50


def test_burndown_page_shows_the_months_and_a_chart(client, committee_user, seeded):
    client.force_login(committee_user)
    line = seeded.budget_lines.get(year=2025)
    project = seeded.projects.get(number=1)
    factories.ExpenditureFactory(
        project=project, budget_line=line, spent_on=datetime.date(2025, 6, 3), amount=Decimal("2577.00")
    )

    response = client.get(burndown_url(2025))

    page = response.content.decode()
    months = re.search(r'<table[^>]*id="burndown-months".*?</table>', page, re.DOTALL).group()
    assert "Juni 2025" in months
    assert "70.000\xa0€" in months  # 72.577 € − 2.577 €
    assert '<svg class="bar-chart"' in page
    assert 'role="img"' in page
    assert '<title id="burndown-2025-title">' in page
    assert "72.577\xa0€" in response.context["chart"].description


def test_burndown_page_of_a_year_without_lines_says_so(client, committee_user, seeded):
    client.force_login(committee_user)

    response = client.get(burndown_url(2030))

    assert response.status_code == 200
    assert not response.context["table"].lines


def test_burndown_page_queries_do_not_grow(client, committee_user, django_assert_num_queries):
    client.force_login(committee_user)
    strategy = factories.StrategyFactory(is_featured=True)
    line = factories.BudgetLineFactory(strategy=strategy, year=2026)
    factories.ExpenditureFactory(project__strategy=strategy, budget_line=line)
    with CaptureQueriesContext(connection) as one:
        client.get(burndown_url(2026))

    factories.BudgetLineFactory(strategy=strategy, year=2026, budget_part="finanzhaushalt")
    for month in range(1, 13):
        factories.ExpenditureFactory(
            project__strategy=strategy, budget_line=line, spent_on=datetime.date(2026, month, 1)
        )
    with django_assert_num_queries(len(one)):
        assert client.get(burndown_url(2026)).status_code == 200


# External funding ---------------------------------------------------------------------------------------------------


def funding_data(project, **changes):
    return {
        "project": project.pk,
        "kind": "grant",
        "funder": "Invest BW",
        "amount": "25000.00",
        "status": "applied",
        "applied_on": "2025-07-01",
        "decided_on": "",
        "note": "",
    } | changes


def test_editor_records_external_funding(client, editor_user, seeded):
    client.force_login(editor_user)
    project = seeded.projects.get(number=1)

    response = client.post(EXTERNAL_CREATE, funding_data(project, status="approved", decided_on="2025-09-15"))

    funding = ExternalFunding.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("budget:externalfunding-detail", args=[funding.pk])
    assert (funding.project, funding.amount, funding.status) == (project, Decimal("25000.00"), "approved")
    assert funding.decided_on == datetime.date(2025, 9, 15)
    assert "25.000,00\xa0€" in client.get(response.url).content.decode()  # the amount entered, with cents


def test_the_create_form_takes_the_project_from_the_address_and_searches_projects(client, editor_user, seeded):
    client.force_login(editor_user)
    project = seeded.projects.get(number=2)

    response = client.get(EXTERNAL_CREATE, {"project": project.pk})

    assert response.context["form"]["project"].value() == project.pk
    assert 'data-searchable="true"' in str(response.context["form"]["project"])


@pytest.mark.parametrize(
    ("amount", "message"), [("-1.00", NEGATIVE), ("10,001", THREE_DECIMALS)], ids=["negative", "three decimals"]
)
def test_a_bad_amount_is_refused_at_the_field(client, editor_user, seeded, amount, message):
    client.force_login(editor_user)

    response = client.post(EXTERNAL_CREATE, funding_data(seeded.projects.first(), amount=amount))

    assert response.status_code == 200
    assert response.context["form"].errors["amount"] == [message]
    assert message in response.content.decode()
    assert not ExternalFunding.objects.exists()


def test_a_decision_before_the_application_is_refused_at_the_decision_date(client, editor_user, seeded):
    client.force_login(editor_user)
    funding = factories.ExternalFundingFactory(project=seeded.projects.first(), applied_on=datetime.date(2025, 7, 1))
    constraint = next(
        c for c in ExternalFunding._meta.constraints if c.name == "externalfunding_decided_on_not_before_applied_on"
    )

    response = client.post(
        reverse("budget:externalfunding-update", args=[funding.pk]),
        funding_data(funding.project, status="approved", decided_on="2025-06-30"),
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {"decided_on": [str(constraint.violation_error_message)]}
    funding.refresh_from_db()
    assert funding.status == ExternalFunding.Status.APPLIED


def test_the_list_filters_by_status_kind_and_project(client, committee_user, money):
    client.force_login(committee_user)
    project = money.projects.get(number=1)
    other = factories.ExternalFundingFactory(status=ExternalFunding.Status.APPROVED)

    approved = client.get(EXTERNAL_LIST, {"status": "approved"}).context["object_list"]
    partner = client.get(EXTERNAL_LIST, {"kind": "partner"}).context["object_list"]
    of_project = client.get(EXTERNAL_LIST, {"project_id": project.pk, "status": "applied"}).context["object_list"]

    assert len(approved) == 3
    assert other in approved
    assert [funding.amount for funding in partner] == [Decimal("2500.25")]
    assert [funding.amount for funding in of_project] == [Decimal("7000.00")]


def test_external_funding_list_queries_do_not_grow(client, committee_user, django_assert_num_queries):
    client.force_login(committee_user)
    factories.ExternalFundingFactory()
    with CaptureQueriesContext(connection) as one:
        client.get(EXTERNAL_LIST)

    factories.ExternalFundingFactory.create_batch(10)
    with django_assert_num_queries(len(one)):
        assert client.get(EXTERNAL_LIST).status_code == 200


@pytest.mark.parametrize("url", [reverse("budget:project-money"), reverse("budget:burndown", args=[2026])])
def test_budget_pages_let_the_reader_pick_another_strategy(url, client, committee_user):
    featured = factories.StrategyFactory(is_featured=True, title="Zukunftsstrategie")
    other = factories.StrategyFactory(title="Klimaschutzkonzept")
    client.force_login(committee_user)

    page = client.get(url).content.decode()
    chosen = client.get(f"{url}?strategy={other.pk}").content.decode()

    assert '<select class="form-select" name="strategy" id="id_strategy">' in page
    assert f'<option value="{featured.pk}" selected>' in page
    assert f'<option value="{other.pk}" selected>' in chosen
