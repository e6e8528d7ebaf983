"""The rules every write of money keeps, as the office meets them in the workspace: dates inside their year, nothing
spent that is not allocated, no source cut below what is allocated, and restoring or deleting keeps the rules too."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from budget.models import Allocation, BudgetLine, Expenditure, FundingSource
from tests import factories
from tests.budget.workspace_helpers import field_errors, line_data

ALLOCATION_CREATE = reverse("budget:allocation-create")
EXPENDITURE_CREATE = reverse("budget:expenditure-create")


@pytest.fixture
def line(seeded):
    """The seeded 2025 line: 72.577 € available, nothing allocated."""
    return seeded.budget_lines.get(year=2025)


@pytest.fixture
def project(seeded):
    return seeded.projects.get(number=1)


def booking(project, line, **changes):
    return {"project": project.pk, "budget_line": line.pk, "amount": "1000.00", **changes}


def expenditure(project, line, **changes):
    return booking(project, line, **{"spent_on": "2025-04-30", "purpose": "Moderation", **changes})


# Dates inside their year ---------------------------------------------------------------------------------------------


def test_an_expenditure_dated_in_the_next_year_is_refused_at_its_date(editor_client, line, project):
    factories.AllocationFactory(project=project, budget_line=line, amount=Decimal("5000.00"))

    response = editor_client.post(EXPENDITURE_CREATE, expenditure(project, line, spent_on="2026-03-01"))

    assert response.status_code == 200
    assert field_errors(response, "spent_on") == [
        "Das Ausgabedatum muss im Haushaltsjahr der Haushaltsposition liegen (2025)."
    ]
    assert not Expenditure.objects.exists()


def test_an_allocation_decided_in_another_year_is_refused_at_its_date(editor_client, line, project):
    response = editor_client.post(ALLOCATION_CREATE, booking(project, line, decided_on="2026-01-15"))

    assert field_errors(response, "decided_on") == [
        "Das Beschlussdatum muss im Haushaltsjahr der Haushaltsposition liegen (2025)."
    ]
    assert not Allocation.objects.exists()


def test_a_line_with_bookings_keeps_its_year(editor_client, line, project):
    factories.AllocationFactory(project=project, budget_line=line, amount=Decimal("5000.00"))

    response = editor_client.post(
        reverse("budget:budgetline-update", args=[line.pk]), line_data(line, year=2026) | {"version": 1}
    )

    assert "Haushaltsjahr" in " ".join(field_errors(response, "year"))
    line.refresh_from_db()
    assert line.year == 2025


# Nothing spent that is not allocated -----------------------------------------------------------------------------


def test_an_expenditure_beyond_the_project_s_allocation_is_refused_and_says_what_is_left(editor_client, line, project):
    factories.AllocationFactory(project=project, budget_line=line, amount=Decimal("1500.00"))
    factories.ExpenditureFactory(project=project, budget_line=line, amount=Decimal("1000.00"))

    response = editor_client.post(EXPENDITURE_CREATE, expenditure(project, line, amount="500.01"))

    assert response.status_code == 200
    [message] = field_errors(response, "amount")
    assert "500\N{NO-BREAK SPACE}€" in message and "zugewiesen" in message
    assert Expenditure.objects.count() == 1

    accepted = editor_client.post(EXPENDITURE_CREATE, expenditure(project, line, amount="500.00"))
    assert accepted.status_code == 302
    assert Expenditure.objects.count() == 2


def test_a_project_without_an_allocation_cannot_spend_on_the_line(editor_client, line, project):
    response = editor_client.post(EXPENDITURE_CREATE, expenditure(project, line))

    assert field_errors(response, "amount")
    assert not Expenditure.objects.exists()


def test_an_allocation_cannot_be_cut_below_what_its_project_has_spent(editor_client, line, project):
    allocation = factories.AllocationFactory(project=project, budget_line=line, amount=Decimal("1500.00"))
    factories.ExpenditureFactory(project=project, budget_line=line, amount=Decimal("1000.00"))

    response = editor_client.post(
        reverse("budget:allocation-update", args=[allocation.pk]), booking(project, line, amount="999.99")
    )

    assert "1.000\N{NO-BREAK SPACE}€" in " ".join(field_errors(response, "amount"))
    allocation.refresh_from_db()
    assert allocation.amount == Decimal("1500.00")


def test_a_refused_new_allocation_can_be_corrected_and_saved_once(editor_client, line, project):
    refused = editor_client.post(ALLOCATION_CREATE, booking(project, line, amount="72577.01"))
    assert refused.status_code == 200
    assert field_errors(refused, "amount")
    assert refused.context["form"].instance.pk is None

    accepted = editor_client.post(ALLOCATION_CREATE, booking(project, line, amount="72577.00"))

    assert accepted.status_code == 302
    assert Allocation.objects.get().amount == Decimal("72577.00")


# Funding sources do not fall below what is allocated ------------------------------------------------------------


def test_sources_cut_below_the_allocations_are_refused_and_nothing_changes(editor_client, line, project):
    factories.AllocationFactory(project=project, budget_line=line, amount=Decimal("60000.00"))
    data = line_data(line) | {"fundingsource-1-amount": "1000.00", "version": 1}

    response = editor_client.post(reverse("budget:budgetline-update", args=[line.pk]), data)

    assert response.status_code == 200
    errors = " ".join(response.context["form"].non_field_errors())
    assert "60.000\N{NO-BREAK SPACE}€" in errors and "Zuweisungen" in errors
    assert sorted(line.sources.values_list("amount", flat=True)) == [Decimal("20000.00"), Decimal("52577.00")]


def test_a_carry_over_between_the_strategy_s_years_is_refused_in_the_sources_form(editor_client, seeded):
    target = seeded.budget_lines.get(year=2026)
    source = {"kind": FundingSource.Kind.CARRY_OVER, "amount": "1000.00", "origin_year": "2025"}

    response = editor_client.post(
        reverse("budget:budgetline-update", args=[target.pk]), line_data(target, [source]) | {"version": 1}
    )

    assert response.status_code == 200
    assert "Ermächtigung übertragen" in " ".join(field_errors(response, "origin_year", formset=0))
    assert not target.sources.exists()


# Restoring and deleting keep the rules ---------------------------------------------------------------------------


def test_restoring_an_allocation_that_would_exceed_the_line_is_refused(admin_client_role, line, project, seeded):
    allocation = factories.AllocationFactory(project=project, budget_line=line, amount=Decimal("72577.00"))
    allocation.amount = Decimal("1000.00")
    allocation.save()
    factories.AllocationFactory(project=seeded.projects.get(number=2), budget_line=line, amount=Decimal("71577.00"))
    first = allocation.history.earliest("history_date")

    response = admin_client_role.post(
        reverse("budget:allocation-revert", args=[allocation.pk, first.history_id]), follow=True
    )

    [message] = get_messages(response.wsgi_request)
    assert message.level_tag == "error"
    assert "zugewiesen" in message.message
    allocation.refresh_from_db()
    assert allocation.amount == Decimal("1000.00")


def test_an_allocation_its_project_has_spent_from_cannot_be_deleted(admin_client_role, line, project, seeded):
    allocation = factories.AllocationFactory(project=project, budget_line=line, amount=Decimal("1500.00"))
    factories.ExpenditureFactory(project=project, budget_line=line, amount=Decimal("10.00"))
    unspent = factories.AllocationFactory(project=seeded.projects.get(number=2), budget_line=line)

    refused = admin_client_role.post(reverse("budget:allocation-delete", args=[allocation.pk]), follow=True)
    deleted = admin_client_role.post(reverse("budget:allocation-delete", args=[unspent.pk]))

    [message] = get_messages(refused.wsgi_request)
    assert message.level_tag == "error" and "10\N{NO-BREAK SPACE}€" in message.message
    assert refused.redirect_chain[-1][0] == reverse("budget:allocation-detail", args=[allocation.pk])
    assert deleted.status_code == 302
    assert list(Allocation.objects.all()) == [allocation]


def test_a_line_with_allocations_cannot_be_deleted(admin_client_role, line, project):
    factories.AllocationFactory(project=project, budget_line=line)

    admin_client_role.post(reverse("budget:budgetline-delete", args=[line.pk]))

    assert BudgetLine.objects.filter(pk=line.pk).exists()
