"""The Django admin shows the strategy's money and writes none of it: funding sources, allocations, expenditures and
carry-overs are written only through budget.services, which lock the budget line and check what it has left. The
budget line itself is edited in the admin (through the same service), its sources shown read-only."""

import re
from decimal import Decimal

import lxml.html
import pytest
from django.urls import reverse

from accounts import roles
from budget.models import Allocation, BudgetLine, CarryOver, Expenditure, FundingSource
from tests import factories

# Who could write each of them if the admin let them: the editor's role may add and change the bookings and sources,
# only the administrator's may delete them, or touch carry-overs at all.
WRITERS = {
    FundingSource: [roles.EDITOR, roles.ADMIN],
    Allocation: [roles.EDITOR, roles.ADMIN],
    Expenditure: [roles.EDITOR, roles.ADMIN],
    CarryOver: [roles.ADMIN],
}
CASES = [(model, role) for model, model_roles in WRITERS.items() for role in model_roles]
CASE_IDS = [f"{model.__name__}-{role}" for model, role in CASES]


@pytest.fixture
def money(db):
    """A line with a source of 20.000 €, an allocation and an expenditure, carried over into the next year."""
    line = factories.BudgetLineFactory(year=2026)
    target = factories.BudgetLineFactory(strategy=line.strategy, year=2027)
    project = factories.ProjectFactory(strategy=line.strategy)
    rows = {
        FundingSource: factories.FundingSourceFactory(budget_line=line, amount=Decimal("20000.00")),
        Allocation: factories.AllocationFactory(budget_line=line, project=project, amount=Decimal("12000.00")),
        Expenditure: factories.ExpenditureFactory(budget_line=line, project=project, amount=Decimal("1500.00")),
        CarryOver: CarryOver.objects.create(origin=line, target=target, amount=Decimal("8000.00")),
    }
    return line, project, rows


def admin_url(model, action, *args):
    return reverse(f"admin:budget_{model._meta.model_name}_{action}", args=args)


def form_data(model, line, project):
    """What an add form would submit: 999.999 € booked on `line`."""
    amount = {"amount": "999999"}
    return {
        FundingSource: {"budget_line": line.pk, "kind": FundingSource.Kind.PLAN, **amount},
        Allocation: {"budget_line": line.pk, "project": project.pk, **amount},
        Expenditure: {
            "budget_line": line.pk,
            "project": project.pk,
            "spent_on": "2026-05-04",
            "purpose": "X",
            **amount,
        },
        CarryOver: {"origin": line.pk, "target": line.carry_overs_out.get().target_id, **amount},
    }[model]


def amounts(model):
    return sorted(model.objects.values_list("pk", "amount"))


@pytest.mark.parametrize(("model", "role"), CASES, ids=CASE_IDS)
def test_the_admin_adds_no_money(admin_client_for_role, money, model, role):
    client = admin_client_for_role(role)
    line, project, _rows = money
    before = amounts(model)

    assert client.get(admin_url(model, "add")).status_code == 403
    assert client.post(admin_url(model, "add"), form_data(model, line, project)).status_code == 403
    assert amounts(model) == before


@pytest.mark.parametrize(("model", "role"), CASES, ids=CASE_IDS)
def test_the_admin_shows_money_read_only(admin_client_for_role, money, model, role):
    client = admin_client_for_role(role)
    line, project, rows = money
    url = admin_url(model, "change", rows[model].pk)
    before = amounts(model)

    page = client.get(url).content.decode()
    posted = client.post(url, {**form_data(model, line, project), "_save": "Sichern"})

    assert re.search(r"\d+\.?\d{3},00", page), "the amount is shown"
    assert 'name="amount"' not in page
    assert 'name="_save"' not in page
    assert posted.status_code == 403
    assert amounts(model) == before


@pytest.mark.parametrize(("model", "role"), CASES, ids=CASE_IDS)
def test_the_admin_offers_no_deleting_of_money(admin_client_for_role, money, model, role):
    client = admin_client_for_role(role)
    _line, _project, rows = money
    pk = rows[model].pk

    changelist = client.get(admin_url(model, "changelist")).content.decode()
    change_page = client.get(admin_url(model, "change", pk)).content.decode()

    assert "delete_selected" not in changelist
    assert admin_url(model, "delete", pk) not in change_page
    assert client.get(admin_url(model, "delete", pk)).status_code == 403
    assert client.post(admin_url(model, "delete", pk), {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=pk).exists()


def submitted(page):
    """What the browser submits for the page's model form, as the client's POST data."""
    form = lxml.html.fromstring(page).get_element_by_id("budgetline_form")
    data = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value)
    return data


def test_the_budget_line_shows_its_sources_read_only_and_saves(admin_client_for_role, money):
    client = admin_client_for_role(roles.EDITOR)
    line, _project, rows = money
    url = admin_url(BudgetLine, "change", line.pk)

    page = client.get(url).content.decode()
    data = submitted(page) | {"remark": ["Vom Kreistag bestätigt"], "_save": ["Sichern"]}
    response = client.post(url, data)

    assert re.search(r"20\.?000,00", page), "the source's amount is shown"
    assert not re.search(r'name="sources-\d+-(amount|kind|origin_year|purpose|DELETE)"', page)
    assert 'name="sources-__prefix__-amount"' not in page  # no row to add
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.remark == "Vom Kreistag bestätigt"
    assert amounts(FundingSource) == [(rows[FundingSource].pk, Decimal("20000.00"))]
