"""Two writers at the same moment, each in its own thread with its own database connection and transaction: the money
services lock the budget line, so the second writer sees what the first one saved and is refused where the money no
longer suffices, with the refusal it would get one after the other, in German.

PostgreSQL only: SQLite has no row locks (select_for_update does nothing there) and lets one writer at a time into the
whole database. CI runs the suite on PostgreSQL (.ci/run), where a skipped test fails (tests/conftest.py).
"""

import datetime
import threading
import time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from accounts import roles
from budget import services
from budget.models import Allocation, CarryOver, Expenditure
from budget.selectors import line_state
from strategy_portal.formatting import format_euro
from tests import factories
from tests.budget.workspace_helpers import field_errors

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs on it)"),
    pytest.mark.django_db(transaction=True),
]

THOUSAND = Decimal("1000.00")
ALLOCATION_CREATE = reverse("budget:allocation-create")


def over_allocated_message(remaining):
    return (
        f"Von dieser Haushaltsposition sind nur noch {format_euro(remaining)} nicht zugewiesen. "
        "Nur die Administration darf mehr Mittel zuweisen als verfügbar sind."
    )


@pytest.fixture(autouse=True)
def lock_held_a_moment(monkeypatch):
    """Whoever locks a budget line holds the lock a moment before reading what the line has left: without the lock
    both writers would read the same amounts and both pass."""
    lock_lines = services.lock_lines

    def lock_and_wait(*pks):
        lock_lines(*pks)
        time.sleep(0.3)

    monkeypatch.setattr(services, "lock_lines", lock_and_wait)


def at_once(*writes):
    """Run each write in a thread of its own (its own connection, its own transaction), all released at the same
    moment; return per write what it returned or the exception it raised."""
    barrier = threading.Barrier(len(writes))
    results = [None] * len(writes)

    def run(index, write):
        try:
            barrier.wait(timeout=10)
            results[index] = write()
        except Exception as error:  # noqa: BLE001  # the caller looks at it
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(writes)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a writer still waits: a deadlock?"
    return results


def the_refusal(results, saved_type):
    """The one refusal among `results`, the other one being a saved `saved_type`."""
    refusals = [result for result in results if isinstance(result, ValidationError)]
    assert len(refusals) == 1 and [type(result) for result in results].count(saved_type) == 1, results
    return refusals[0]


@pytest.fixture
def line():
    """A fresh budget line with 1.000 € available and the next year's line."""
    line = factories.BudgetLineFactory(year=2026)
    factories.BudgetLineFactory(strategy=line.strategy, year=2027)
    factories.FundingSourceFactory(budget_line=line, amount=THOUSAND)
    return line


@pytest.fixture
def projects(line):
    return factories.ProjectFactory.create_batch(2, strategy=line.strategy)


def allocate(line, project, amount):
    return lambda: services.save_allocation(Allocation(budget_line=line, project=project, amount=amount))


def test_of_two_simultaneous_allocations_of_a_line_s_last_1000_euros_exactly_one_is_saved(line, projects):
    results = at_once(*(allocate(line, project, THOUSAND) for project in projects))

    refusal = the_refusal(results, Allocation)
    assert refusal.message_dict == {"amount": [over_allocated_message(Decimal("0.00"))]}
    assert Allocation.objects.count() == 1
    assert line_state(line.pk).allocated == THOUSAND


def test_two_editors_posting_the_allocation_form_at_once_one_is_saved_the_other_told_why(line, projects, user_for_role):
    clients = []
    for _ in projects:
        client = Client()
        client.force_login(user_for_role(roles.EDITOR))
        clients.append(client)
    posts = [
        lambda client=client, project=project: client.post(
            ALLOCATION_CREATE, {"budget_line": line.pk, "project": project.pk, "amount": "1000"}
        )
        for client, project in zip(clients, projects, strict=True)
    ]

    responses = at_once(*posts)

    assert sorted(response.status_code for response in responses) == [200, 302]
    form_page = next(response for response in responses if response.status_code == 200)
    message = over_allocated_message(Decimal("0.00"))
    assert field_errors(form_page, "amount") == [message]
    assert message in form_page.content.decode()
    assert Allocation.objects.count() == 1
    assert line_state(line.pk).allocated == THOUSAND


def test_of_two_simultaneous_expenditures_beyond_the_allocation_exactly_one_is_saved(line, projects):
    project = projects[0]
    factories.AllocationFactory(budget_line=line, project=project, amount=THOUSAND)

    def spend():
        expenditure = Expenditure(
            budget_line=line, project=project, amount=THOUSAND, spent_on=datetime.date(2026, 3, 15), purpose="Druck"
        )
        return services.save_expenditure(expenditure)

    results = at_once(spend, spend)

    refusal = the_refusal(results, Expenditure)
    assert Expenditure.objects.get().amount == THOUSAND
    # The refusal one gets after the other's expenditure was saved.
    with pytest.raises(ValidationError) as afterwards:
        spend()
    assert list(refusal.message_dict) == ["amount"]
    assert refusal.message_dict == afterwards.value.message_dict


def test_a_carry_over_and_an_allocation_at_once_move_and_allocate_each_euro_once(line, projects):
    results = at_once(lambda: services.carry_over(line=line), allocate(line, projects[0], Decimal("600.00")))

    record, allocation = results
    assert isinstance(record, CarryOver), record
    origin, target = line_state(line.pk), line_state(record.target_id)
    if isinstance(allocation, ValidationError):
        # The carry-over came first and took the whole 1.000 €.
        assert record.amount == THOUSAND
        assert allocation.message_dict == {"amount": [over_allocated_message(Decimal("0.00"))]}
    else:
        # The allocation came first; what it left was carried over.
        assert (allocation.amount, record.amount) == (Decimal("600.00"), Decimal("400.00"))
    assert origin.allocated <= origin.available
    assert origin.available + target.available == THOUSAND
