"""The strategy document's money goes through the budget rules: budget lines, sources, carry-overs, allocations and
expenditures are imported through budget.services, a refusal stops the import at the path of the bad item, and a
carry-over travels on its origin line as `carried_over`."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from budget.models import Allocation, CarryOver, Expenditure, FundingSource
from budget.selectors import financing_table
from budget.services import carry_over, save_allocation, save_expenditure, undo_carry_over
from exchange.document import DocumentError, export_document, import_document
from projects.models import Strategy
from strategy_portal.publication import Audience
from tests.seed import seed_document

CARRIED = Decimal("68076.50")  # the seed's 72.577 € of 2025, less 4.500,50 € allocated


def book_and_carry_over(strategy):
    """2025: 4.500,50 € allocated to project 1 and 4.000 € of it spent; the rest carried into 2026, where project 2
    is given 30.000 € of it; 2027 (nothing available) allocates 1.000 € with an administrator's reason."""
    project_1, project_2 = strategy.projects.get(number=1), strategy.projects.get(number=2)
    lines = {line.year: line for line in strategy.budget_lines.all()}
    save_allocation(
        Allocation(project=project_1, budget_line=lines[2025], amount=Decimal("4500.50"), note="Auftakt"),
    )
    save_expenditure(
        Expenditure(
            project=project_1, budget_line=lines[2025], spent_on=datetime.date(2025, 4, 1), amount=Decimal("4000.00"),
            purpose="Moderation",
        )
    )  # fmt: skip
    carry_over(line=lines[2025])
    save_allocation(Allocation(project=project_2, budget_line=lines[2026], amount=Decimal("30000.00")))
    save_allocation(
        Allocation(
            project=project_2, budget_line=lines[2027], amount=Decimal("1000.00"), override_reason="Vorgriff auf 2028"
        ),
        may_exceed=True,
    )


def table_rows(strategy):
    return [
        (line.year, line.budget_part, line.granted_amount, line.carried_in_amount, line.carried_out_amount,
         line.available_amount, line.shortfall_amount)
        for line in financing_table(strategy).lines
    ]  # fmt: skip


def carry_overs():
    return list(CarryOver.objects.active().values_list("origin__year", "target__year", "amount"))


def money_rows():
    return (
        sorted(Allocation.objects.values_list("budget_line__year", "project__number", "amount", "override_reason"))
        + sorted(Expenditure.objects.values_list("budget_line__year", "project__number", "spent_on", "amount"))
        + sorted(FundingSource.objects.values_list("budget_line__year", "kind", "amount"))
    )


def refused_path(document):
    with pytest.raises(DocumentError) as refusal:
        import_document(document)
    return refusal.value.path


def with_line_2025(**changes):
    document = seed_document()
    document["budget_lines"][0].update(changes)
    return document


# The round trip ------------------------------------------------------------------------------------------------------


def test_a_carry_over_is_exported_on_its_origin_line_only(seeded):
    book_and_carry_over(seeded)

    lines = export_document(seeded, audience=Audience.ADMIN)["budget_lines"]

    assert lines[0]["carried_over"] == {"year": 2026, "amount": "68076.50"}
    assert ["carried_over" in line for line in lines] == [True, False, False, False]


def test_an_undone_carry_over_is_not_exported(seeded, admin_user_role):
    record = carry_over(line=seeded.budget_lines.get(year=2025))
    undo_carry_over(record, user=admin_user_role)

    assert "carried_over" not in export_document(seeded, audience=Audience.ADMIN)["budget_lines"][0]


@pytest.mark.django_db(transaction=True)  # flush empties the tables, which PostgreSQL refuses inside a transaction
def test_bookings_and_a_carry_over_survive_export_and_import_into_an_empty_database(seeded):
    book_and_carry_over(seeded)
    table, carried, rows = table_rows(seeded), carry_overs(), money_rows()
    exported = export_document(seeded, audience=Audience.ADMIN)
    call_command("flush", "--no-input", verbosity=0)

    import_document(exported)

    strategy = Strategy.objects.get()
    assert table_rows(strategy) == table
    assert carried == carry_overs() == [(2025, 2026, CARRIED)]
    assert money_rows() == rows
    assert export_document(strategy, audience=Audience.ADMIN) == exported
    again = import_document(exported)
    assert again.changed == 0
    assert carry_overs() == carried
    assert table_rows(strategy) == table


def test_lines_in_any_order_are_loaded_in_year_order(db):
    """2026's allocation lives on what 2025 carried in: 2025 must be loaded (and carried over) first."""
    document = with_line_2025(carried_over={"year": 2026, "amount": "72577.00"})
    document["budget_lines"][1]["allocations"] = [{"project": 2, "amount": "50000.00", "decided_on": "2026-02-01"}]
    document["budget_lines"].reverse()

    import_document(document)

    assert carry_overs() == [(2025, 2026, Decimal("72577.00"))]
    assert Allocation.objects.get().budget_line.year == 2026


def test_a_version_1_document_is_still_read_and_version_2_is_written(db):
    document = seed_document()
    document["version"] = 1

    import_document(document)

    assert export_document(Strategy.objects.get(), audience=Audience.ADMIN)["version"] == 2
    assert table_rows(Strategy.objects.get())[0][5] == Decimal("72577.00")


def test_reimporting_the_seed_leaves_a_carry_over_made_in_the_portal_alone(seeded):
    carry_over(line=seeded.budget_lines.get(year=2025))

    result = import_document(seed_document())

    assert result.changed == 0
    assert carry_overs() == [(2025, 2026, Decimal("72577.00"))]


# Refusals: the path of the bad item, and nothing imported ------------------------------------------------------------


def test_an_allocation_above_what_is_available_needs_a_reason_and_stops_the_import(db):
    document = with_line_2025(allocations=[{"project": 1, "amount": "72577.01", "decided_on": "2025-03-01"}])

    assert refused_path(document) == "budget_lines[0].allocations[0].override_reason"
    assert not Strategy.objects.exists()
    assert not FundingSource.objects.exists()


def test_an_allocation_above_what_is_available_with_a_reason_is_imported(db):
    allocation = {"project": 1, "amount": "72577.01", "override_reason": "Beschluss des Ausschusses"}

    import_document(with_line_2025(allocations=[allocation]))

    assert Allocation.objects.get().amount == Decimal("72577.01")


def test_an_expenditure_dated_outside_its_lines_year_stops_the_import(db):
    document = with_line_2025(
        allocations=[{"project": 1, "amount": "1000.00"}],
        expenditures=[{"project": 1, "spent_on": "2026-01-10", "amount": "500.00", "purpose": "Rechnung"}],
    )

    assert refused_path(document) == "budget_lines[0].expenditures[0].spent_on"
    assert not Strategy.objects.exists()


def test_an_expenditure_beyond_the_projects_allocation_stops_the_import(db):
    document = with_line_2025(
        allocations=[{"project": 1, "amount": "1000.00"}],
        expenditures=[
            {"project": 1, "spent_on": "2025-05-10", "amount": "600.00", "purpose": "Rechnung 1"},
            {"project": 1, "spent_on": "2025-06-10", "amount": "400.01", "purpose": "Rechnung 2"},
        ],
    )

    assert refused_path(document) == "budget_lines[0].expenditures[1].amount"
    assert not Strategy.objects.exists()
    assert not Expenditure.objects.exists()


def test_an_expenditure_without_any_allocation_stops_the_import(db):
    document = with_line_2025(
        expenditures=[{"project": 3, "spent_on": "2025-05-10", "amount": "0.01", "purpose": "Rechnung"}]
    )

    assert refused_path(document) == "budget_lines[0].expenditures[0].amount"


def test_a_reimport_that_lowers_the_sources_below_what_is_allocated_is_refused(seeded):
    save_allocation(
        Allocation(project=seeded.projects.get(number=1), budget_line=seeded.budget_lines.get(year=2025), amount=50000)
    )
    document = seed_document()
    document["budget_lines"][0]["sources"][1]["amount"] = "29999.99"  # 20.000 + 29.999,99 < 50.000 allocated

    assert refused_path(document) == "budget_lines[0].sources[1]"
    assert FundingSource.objects.filter(amount=Decimal("52577.00")).exists()


def test_a_carry_over_of_more_than_is_unallocated_stops_the_import(db):
    document = with_line_2025(
        allocations=[{"project": 1, "amount": "0.01"}], carried_over={"year": 2026, "amount": "72577.00"}
    )

    assert refused_path(document) == "budget_lines[0].carried_over.amount"
    assert not Strategy.objects.exists()


def test_a_carry_over_into_a_year_without_a_line_stops_the_import(db):
    document = seed_document()
    document["budget_lines"][3]["carried_over"] = {"year": 2029, "amount": "1.00"}

    assert refused_path(document) == "budget_lines[3].carried_over.year"
    assert not Strategy.objects.exists()


def test_a_carry_over_into_an_earlier_year_stops_the_import(db):
    document = seed_document()
    document["budget_lines"][1]["sources"] = [{"kind": "plan", "amount": "100.00"}]
    document["budget_lines"][1]["carried_over"] = {"year": 2025, "amount": "100.00"}

    assert refused_path(document) == "budget_lines[1].carried_over.year"
    assert not CarryOver.objects.exists()


def test_a_reimport_with_another_carried_amount_is_refused(seeded):
    carry_over(line=seeded.budget_lines.get(year=2025))

    document = with_line_2025(carried_over={"year": 2026, "amount": "50000.00"})

    assert refused_path(document) == "budget_lines[0].carried_over.amount"
    assert carry_overs() == [(2025, 2026, Decimal("72577.00"))]


@pytest.mark.parametrize(
    ("carried_over", "path"),
    [
        ("2026", "budget_lines[0].carried_over"),
        ({"year": 2026, "amount": "viel"}, "budget_lines[0].carried_over.amount"),
        ({"year": 2026, "amount": "-1.00"}, "budget_lines[0].carried_over.amount"),
        ({"year": "nächstes", "amount": "1.00"}, "budget_lines[0].carried_over.year"),
        ({"year": 2026, "amount": "1.00", "nach": 2027}, "budget_lines[0].carried_over.nach"),
    ],
)
def test_a_malformed_carry_over_names_its_path(db, carried_over, path):
    assert refused_path(with_line_2025(carried_over=carried_over)) == path
