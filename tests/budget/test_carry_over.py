"""An administrator carries what a year left unallocated and unspent into the next year as an Ermächtigungsübertrag,
once: the euro then exists once, in the year that has it; undone, both years are as before."""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from budget import services
from budget.models import BudgetLine, CarryOver, FundingSource
from budget.selectors import financing_table
from budget.services import carry_over, undo_carry_over
from tests import factories

SPENT = Decimal("10000.50")
UNSPENT = Decimal("62576.50")  # 72.577 € available in 2025, less 10.000,50 € allocated and spent


@pytest.fixture
def line_2025(seeded):
    """The seeded 2025 line (72.577 € available) with 10.000,50 € allocated to project 1 and spent."""
    line = seeded.budget_lines.get(year=2025)
    project = seeded.projects.get(number=1)
    factories.AllocationFactory(project=project, budget_line=line, amount=SPENT)
    factories.ExpenditureFactory(project=project, budget_line=line, spent_on=datetime.date(2025, 4, 1), amount=SPENT)
    return line


def figures(strategy):
    """Per year: available, carried in, carried out, required, shortfall; and the totals."""
    table = financing_table(strategy)
    years = {
        line.year: (
            line.available_amount,
            line.carried_in_amount,
            line.carried_out_amount,
            line.required_amount,
            line.shortfall_amount,
        )
        for line in table.lines
    }
    return years, (table.available, table.required, table.shortfall)


def carry_over_url(line):
    return reverse("budget:budgetline-carry-over", args=[line.pk])


def undo_url(record):
    return reverse("budget:carryover-undo", args=[record.pk])


def refusal_code(line):
    with pytest.raises(ValidationError) as refusal:
        carry_over(line=line)
    return refusal.value.code


# The service ---------------------------------------------------------------------------------------------------------


def test_the_carried_euro_leaves_2025_and_arrives_in_2026_and_the_totals_count_it_once(seeded, line_2025):
    record = carry_over(line=line_2025)

    assert (record.origin, record.target.year, record.amount) == (line_2025, 2026, UNSPENT)
    years, totals = figures(seeded)
    assert years[2025] == (SPENT, Decimal(0), UNSPENT, Decimal("72577.00"), Decimal(0))
    assert years[2026] == (UNSPENT, UNSPENT, Decimal(0), Decimal("20000.00"), Decimal("20000.00"))
    # The strategy's money and its shortfall are what they were: 72.577 € available against 132.577 € required.
    assert totals == (Decimal("72577.00"), Decimal("132577.00"), Decimal("60000.00"))


def test_the_carry_over_records_who_carried_it_in_the_history(line_2025, admin_user_role):
    record = carry_over(line=line_2025, user=admin_user_role)

    assert record.history.get().history_user == admin_user_role


def test_carrying_a_year_twice_is_refused_and_changes_nothing(seeded, line_2025):
    carry_over(line=line_2025)
    before = figures(seeded)

    assert refusal_code(line_2025) == "already_carried"
    assert figures(seeded) == before
    assert CarryOver.objects.count() == 1


def test_what_is_allocated_but_not_yet_spent_stays_in_its_year(seeded, line_2025):
    factories.AllocationFactory(project=seeded.projects.get(number=2), budget_line=line_2025, amount=Decimal("5000.00"))

    plan = services.plan_carry_over(line_2025)

    assert (plan.amount, plan.kept) == (UNSPENT - Decimal("5000.00"), SPENT + Decimal("5000.00"))
    carry_over(line=line_2025)
    assert figures(seeded)[0][2025][0] == SPENT + Decimal("5000.00")


def test_after_the_carry_over_2025_allocates_only_what_it_kept(seeded, line_2025):
    carry_over(line=line_2025)
    allocation = factories.AllocationFactory.build(
        project=seeded.projects.get(number=2), budget_line=line_2025, amount=Decimal("0.01")
    )

    with pytest.raises(ValidationError) as refusal:
        services.save_allocation(allocation)

    assert "0\N{NO-BREAK SPACE}€" in refusal.value.message_dict["amount"][0]


def test_a_carry_in_from_before_the_strategy_does_not_count_as_carrying_2025(seeded, line_2025):
    factories.FundingSourceFactory(
        budget_line=seeded.budget_lines.get(year=2026),
        kind=FundingSource.Kind.CARRY_OVER,
        origin_year=2024,
        amount=Decimal("1.00"),
    )

    assert carry_over(line=line_2025).amount == UNSPENT


def test_a_fully_allocated_year_has_nothing_to_carry(db):
    line = factories.BudgetLineFactory(year=2026)
    factories.BudgetLineFactory(strategy=line.strategy, year=2027)
    factories.FundingSourceFactory(budget_line=line, amount=Decimal("100.00"))
    factories.AllocationFactory(project__strategy=line.strategy, budget_line=line, amount=Decimal("100.00"))

    assert refusal_code(line) == "nothing_unspent"
    assert not CarryOver.objects.exists()


def test_a_year_without_a_next_year_line_names_the_year_to_create_first(seeded):
    line = seeded.budget_lines.get(year=2028)

    with pytest.raises(ValidationError) as refusal:
        carry_over(line=line)

    assert refusal.value.code == "no_next_line"
    assert "2029" in refusal.value.messages[0]


def test_only_the_next_year_line_of_the_same_budget_part_receives_the_carry_over(db):
    line = factories.BudgetLineFactory(year=2026)
    factories.FundingSourceFactory(budget_line=line, amount=Decimal("100.00"))
    factories.BudgetLineFactory(strategy=line.strategy, year=2027, budget_part=BudgetLine.BudgetPart.FINANCIAL)

    with pytest.raises(ValidationError) as refusal:
        carry_over(line=line)

    assert refusal.value.code == "no_next_line"
    assert "2027" in refusal.value.messages[0]


def test_a_carry_over_between_the_strategy_s_years_cannot_be_entered_as_a_funding_source(seeded):
    source = FundingSource(
        budget_line=seeded.budget_lines.get(year=2026),
        kind=FundingSource.Kind.CARRY_OVER,
        origin_year=2025,
        amount=Decimal("100.00"),
    )

    with pytest.raises(ValidationError) as refusal:
        services.save_funding_source(source)

    assert "Ermächtigung übertragen" in refusal.value.message_dict["origin_year"][0]
    assert not FundingSource.objects.filter(origin_year=2025).exists()


# Undoing it ----------------------------------------------------------------------------------------------------------


def test_undoing_the_carry_over_restores_both_years_exactly_and_keeps_it_on_record(seeded, line_2025, admin_user_role):
    before = figures(seeded)
    record = carry_over(line=line_2025)

    undo_carry_over(record, user=admin_user_role)

    assert figures(seeded) == before
    record.refresh_from_db()
    assert record.undone_at is not None
    assert record.history.latest().history_user == admin_user_role
    assert carry_over(line=line_2025).amount == UNSPENT  # and it can be carried anew


def test_undo_is_refused_once_the_next_year_allocated_the_carried_money(seeded, line_2025):
    record = carry_over(line=line_2025)
    target = seeded.budget_lines.get(year=2026)
    factories.AllocationFactory(project=seeded.projects.get(number=2), budget_line=target, amount=Decimal("1.00"))
    before = figures(seeded)

    with pytest.raises(ValidationError) as refusal:
        undo_carry_over(record)

    assert refusal.value.code == "carried_money_used"
    assert "2026" in refusal.value.messages[0]
    record.refresh_from_db()
    assert record.undone_at is None
    assert figures(seeded) == before


def test_undo_is_refused_once_the_next_year_carried_the_money_on(seeded, line_2025):
    record = carry_over(line=line_2025)
    carry_over(line=seeded.budget_lines.get(year=2026))

    with pytest.raises(ValidationError):
        undo_carry_over(record)

    assert sum(figures(seeded)[0][year][0] for year in (2025, 2026, 2027, 2028)) == Decimal("72577.00")


# The command ---------------------------------------------------------------------------------------------------------


def test_the_command_carries_the_featured_strategy_s_year_and_says_what_it_carried(seeded, line_2025):
    out = io.StringIO()

    call_command("carry_over_budget", "--year", "2025", stdout=out)

    assert "62.576,50\N{NO-BREAK SPACE}€" in out.getvalue()
    assert CarryOver.objects.get().target == seeded.budget_lines.get(year=2026)


def test_the_command_takes_a_strategy_and_budget_part(seeded, line_2025):
    call_command(
        "carry_over_budget", "--year=2025", f"--strategy={seeded.slug}", "--budget-part=ergebnishaushalt",
        stdout=io.StringIO(),
    )  # fmt: skip

    assert CarryOver.objects.get().origin == line_2025


def test_the_command_fails_with_the_refusal_when_carrying_twice(line_2025):
    call_command("carry_over_budget", "--year", "2025", stdout=io.StringIO())

    with pytest.raises(CommandError) as failure:
        call_command("carry_over_budget", "--year", "2025", stdout=io.StringIO())

    assert failure.value.returncode == 1
    assert "2025" in str(failure.value)
    assert CarryOver.objects.count() == 1


@pytest.mark.parametrize(
    "arguments", [["--year", "2028"], ["--year", "2031"], ["--year", "2025", "--strategy", "unbekannt"]]
)
def test_the_command_fails_without_a_line_to_carry_or_to_carry_into(seeded, arguments):
    with pytest.raises(CommandError):
        call_command("carry_over_budget", *arguments, stdout=io.StringIO())

    assert not CarryOver.objects.exists()


# The workspace actions -----------------------------------------------------------------------------------------------


def test_the_confirmation_page_shows_year_unspent_amount_and_target(client, admin_user_role, line_2025):
    client.force_login(admin_user_role)

    response = client.get(carry_over_url(line_2025))

    assert response.status_code == 200
    assert f'action="{carry_over_url(line_2025)}"' in response.text
    plan = response.context["plan"]
    assert (plan.line, plan.target.year, plan.amount) == (line_2025, 2026, UNSPENT)
    assert "62.576,50\N{NO-BREAK SPACE}€" in response.text
    assert reverse("budget:budgetline-detail", args=[plan.target.pk]) in response.text
    assert not CarryOver.objects.exists()


def test_the_confirmation_page_says_why_a_carry_over_is_refused_and_offers_no_button(client, admin_user_role, seeded):
    client.force_login(admin_user_role)

    line = seeded.budget_lines.get(year=2028)

    response = client.get(carry_over_url(line))

    assert response.status_code == 200
    assert "plan" not in response.context
    assert "2029" in response.context["refusal"]
    assert f'action="{carry_over_url(line)}"' not in response.text


def test_an_admin_carries_over_and_lands_on_the_next_year_line(client, admin_user_role, seeded, line_2025):
    client.force_login(admin_user_role)
    target = seeded.budget_lines.get(year=2026)

    response = client.post(carry_over_url(line_2025))

    assert response.status_code == 302
    assert response["Location"] == reverse("budget:budgetline-detail", args=[target.pk])
    record = CarryOver.objects.get()
    assert (record.amount, record.origin, record.target) == (UNSPENT, line_2025, target)
    assert record.history.get().history_user == admin_user_role
    assert [message.level_tag for message in get_messages(response.wsgi_request)] == ["success"]


def test_both_line_pages_show_the_carry_over_and_the_origin_offers_the_undo(client, admin_user_role, line_2025):
    client.force_login(admin_user_role)
    record = carry_over(line=line_2025)

    origin = client.get(reverse("budget:budgetline-detail", args=[line_2025.pk])).text
    target = client.get(reverse("budget:budgetline-detail", args=[record.target.pk])).text

    assert "übertragen nach 2026" in origin
    assert "−62.576,50\N{NO-BREAK SPACE}€" in origin
    assert undo_url(record) in origin
    assert "Übertrag aus dem Vorjahr" in target or "aus dem Vorjahr" in target
    assert "62.576,50\N{NO-BREAK SPACE}€" in target


def test_an_admin_undoes_the_carry_over_after_confirming(client, admin_user_role, seeded, line_2025):
    client.force_login(admin_user_role)
    before = figures(seeded)
    record = carry_over(line=line_2025)

    confirmation = client.get(undo_url(record))
    assert confirmation.status_code == 200
    assert f'action="{undo_url(record)}"' in confirmation.text
    assert figures(seeded) != before

    response = client.post(undo_url(record))

    assert response["Location"] == reverse("budget:budgetline-detail", args=[line_2025.pk])
    assert [message.level_tag for message in get_messages(response.wsgi_request)] == ["success"]
    assert figures(seeded) == before
    page = client.get(response["Location"]).text
    assert "rückgängig gemacht am" in page
    assert client.get(undo_url(record)).status_code == 404  # an undone carry-over cannot be undone again


def test_a_refused_undo_says_why_and_changes_nothing(client, admin_user_role, seeded, line_2025):
    client.force_login(admin_user_role)
    record = carry_over(line=line_2025)
    target = record.target
    factories.AllocationFactory(project=seeded.projects.get(number=2), budget_line=target, amount=UNSPENT)

    response = client.post(undo_url(record), follow=True)

    [message] = get_messages(response.wsgi_request)
    assert message.level_tag == "error"
    assert "2026" in message.message
    assert CarryOver.objects.active().get() == record


def test_a_refused_carry_over_shows_the_reason_on_the_source_line_and_changes_nothing(
    client, admin_user_role, line_2025
):
    client.force_login(admin_user_role)
    client.post(carry_over_url(line_2025), follow=True)

    response = client.post(carry_over_url(line_2025), follow=True)

    assert response.redirect_chain == [(reverse("budget:budgetline-detail", args=[line_2025.pk]), 302)]
    [message] = [m for m in get_messages(response.wsgi_request)]
    assert message.level_tag == "error"
    assert "2025" in message.message
    assert message.message in response.text
    assert CarryOver.objects.count() == 1


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("role_fixture", ["editor_user", "committee_user", "project_lead_user"])
def test_only_administrators_may_carry_over_or_undo(client, request, role_fixture, method, line_2025):
    record = CarryOver.objects.create(
        origin=line_2025.strategy.budget_lines.get(year=2027),
        target=line_2025.strategy.budget_lines.get(year=2028),
        amount=Decimal(0),
    )
    client.force_login(request.getfixturevalue(role_fixture))

    assert getattr(client, method)(carry_over_url(line_2025)).status_code == 403
    assert getattr(client, method)(undo_url(record)).status_code == 403
    assert list(CarryOver.objects.active()) == [record]


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_sent_to_the_login_page(client, method, line_2025):
    response = getattr(client, method)(carry_over_url(line_2025))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not CarryOver.objects.exists()


def test_the_line_page_offers_the_carry_over_to_administrators_only(client, admin_user_role, editor_user, line_2025):
    detail = reverse("budget:budgetline-detail", args=[line_2025.pk])
    record = carry_over(line=line_2025)
    client.force_login(admin_user_role)
    page = client.get(detail).text
    assert carry_over_url(line_2025) in page and undo_url(record) in page

    client.force_login(editor_user)
    page = client.get(detail).text
    assert carry_over_url(line_2025) not in page and undo_url(record) not in page
