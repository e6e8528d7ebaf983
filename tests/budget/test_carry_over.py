"""An administrator carries a year's unspent authorisation into the next year as an Ermächtigungsübertrag, once."""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from budget.models import BudgetLine, FundingSource
from budget.selectors import financing_table, unspent_amount
from budget.services import carry_over
from tests import factories

SPENT = Decimal("10000.50")
UNSPENT = Decimal("62576.50")  # 72.577 € available in 2025, less 10.000,50 € spent


@pytest.fixture
def line_2025(seeded):
    """The seeded 2025 line (72.577 € available) with 10.000,50 € spent on project 1."""
    line = seeded.budget_lines.get(year=2025)
    factories.ExpenditureFactory(
        project=seeded.projects.get(number=1), budget_line=line, spent_on=datetime.date(2025, 4, 1), amount=SPENT
    )
    return line


def available_in(strategy, year):
    return next(line.available_amount for line in financing_table(strategy).lines if line.year == year)


def carry_over_url(line):
    return reverse("budget:budgetline-carry-over", args=[line.pk])


def refusal_code(line):
    with pytest.raises(ValidationError) as refusal:
        carry_over(line=line)
    return refusal.value.code


# The service ---------------------------------------------------------------------------------------------------------


def test_unspent_authorisation_of_2025_becomes_a_carry_over_source_of_2026(seeded, line_2025, admin_user_role):
    before = available_in(seeded, 2026)

    source = carry_over(line=line_2025, user=admin_user_role)

    assert source.budget_line == seeded.budget_lines.get(year=2026)
    assert (source.kind, source.origin_year, source.amount) == (FundingSource.Kind.CARRY_OVER, 2025, UNSPENT)
    assert source.purpose == "Übertrag nicht verbrauchter Ermächtigung aus 2025"
    assert before == Decimal("0.00")
    assert available_in(seeded, 2026) - before == UNSPENT
    assert available_in(seeded, 2025) == Decimal("72577.00")


def test_the_carry_over_records_who_carried_it_in_the_history(line_2025, admin_user_role):
    source = carry_over(line=line_2025, user=admin_user_role)

    assert source.history.get().history_user == admin_user_role


def test_carrying_a_year_twice_is_refused_and_changes_nothing(line_2025):
    carry_over(line=line_2025)
    sources = list(FundingSource.objects.values_list("pk", "amount"))

    assert refusal_code(line_2025) == "already_carried"
    assert list(FundingSource.objects.values_list("pk", "amount")) == sources


def test_an_expenditure_recorded_after_the_carry_over_does_not_allow_carrying_again(seeded, line_2025):
    carry_over(line=line_2025)
    factories.ExpenditureFactory(project=seeded.projects.get(number=2), budget_line=line_2025, amount=Decimal("5.00"))

    assert refusal_code(line_2025) == "already_carried"
    assert FundingSource.objects.filter(kind=FundingSource.Kind.CARRY_OVER, origin_year=2025).count() == 1


def test_a_carry_over_into_2026_from_2024_does_not_count_as_carrying_2025(seeded, line_2025):
    target = seeded.budget_lines.get(year=2026)
    factories.FundingSourceFactory(
        budget_line=target, kind=FundingSource.Kind.CARRY_OVER, origin_year=2024, amount=Decimal("1.00")
    )

    assert carry_over(line=line_2025).amount == UNSPENT


def test_a_fully_spent_year_has_nothing_to_carry(db):
    line = factories.BudgetLineFactory(year=2026)
    factories.BudgetLineFactory(strategy=line.strategy, year=2027)
    factories.FundingSourceFactory(budget_line=line, amount=Decimal("100.00"))
    factories.ExpenditureFactory(project__strategy=line.strategy, budget_line=line, amount=Decimal("100.00"))

    assert refusal_code(line) == "nothing_unspent"
    assert not FundingSource.objects.filter(kind=FundingSource.Kind.CARRY_OVER).exists()


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


# The selector --------------------------------------------------------------------------------------------------------


def test_unspent_is_available_less_spent_and_never_below_zero(db, django_assert_max_num_queries):
    line = factories.BudgetLineFactory()
    factories.FundingSourceFactory(budget_line=line, amount=Decimal("100.10"))
    factories.FundingSourceFactory(budget_line=line, amount=Decimal("0.45"))
    spending = factories.ExpenditureFactory(project__strategy=line.strategy, budget_line=line, amount=Decimal("50.05"))

    with django_assert_max_num_queries(2):
        assert unspent_amount(line) == Decimal("50.50")

    spending.amount = Decimal("500.00")
    spending.save()
    assert unspent_amount(line) == Decimal("0.00")
    assert unspent_amount(factories.BudgetLineFactory()) == Decimal("0.00")


# The command ---------------------------------------------------------------------------------------------------------


def test_the_command_carries_the_featured_strategy_s_year_and_says_what_it_carried(seeded, line_2025):
    out = io.StringIO()

    call_command("carry_over_budget", "--year", "2025", stdout=out)

    assert "62.576,50\N{NO-BREAK SPACE}€" in out.getvalue()
    assert seeded.budget_lines.get(year=2026).sources.get().amount == UNSPENT


def test_the_command_takes_a_strategy_and_budget_part(seeded, line_2025):
    call_command(
        "carry_over_budget", "--year=2025", f"--strategy={seeded.slug}", "--budget-part=ergebnishaushalt",
        stdout=io.StringIO(),
    )  # fmt: skip

    assert seeded.budget_lines.get(year=2026).sources.get().origin_year == 2025


def test_the_command_fails_with_the_refusal_when_carrying_twice(line_2025):
    call_command("carry_over_budget", "--year", "2025", stdout=io.StringIO())

    with pytest.raises(CommandError) as failure:
        call_command("carry_over_budget", "--year", "2025", stdout=io.StringIO())

    assert failure.value.returncode == 1
    assert "2025" in str(failure.value)
    assert FundingSource.objects.filter(kind=FundingSource.Kind.CARRY_OVER, origin_year=2025).count() == 1


@pytest.mark.parametrize(
    "arguments", [["--year", "2028"], ["--year", "2031"], ["--year", "2025", "--strategy", "unbekannt"]]
)
def test_the_command_fails_without_a_line_to_carry_or_to_carry_into(seeded, arguments):
    with pytest.raises(CommandError):
        call_command("carry_over_budget", *arguments, stdout=io.StringIO())

    assert not FundingSource.objects.filter(origin_year__gte=2025).exists()


# The workspace action ------------------------------------------------------------------------------------------------


def test_the_confirmation_page_shows_year_unspent_amount_and_target(client, admin_user_role, line_2025):
    client.force_login(admin_user_role)

    response = client.get(carry_over_url(line_2025))

    assert response.status_code == 200
    assert f'action="{carry_over_url(line_2025)}"' in response.text
    plan = response.context["plan"]
    assert (plan.line, plan.target.year, plan.amount) == (line_2025, 2026, UNSPENT)
    assert "62.576,50\N{NO-BREAK SPACE}€" in response.text
    assert reverse("budget:budgetline-detail", args=[plan.target.pk]) in response.text
    assert not FundingSource.objects.filter(origin_year=2025).exists()


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
    source = target.sources.get()
    assert (source.amount, source.origin_year) == (UNSPENT, 2025)
    assert source.history.get().history_user == admin_user_role
    assert [message.level_tag for message in get_messages(response.wsgi_request)] == ["success"]


def test_a_refused_carry_over_shows_the_reason_on_the_source_line_and_changes_nothing(
    client, admin_user_role, line_2025
):
    client.force_login(admin_user_role)
    client.post(carry_over_url(line_2025), follow=True)
    count = FundingSource.objects.count()

    response = client.post(carry_over_url(line_2025), follow=True)

    assert response.redirect_chain == [(reverse("budget:budgetline-detail", args=[line_2025.pk]), 302)]
    [message] = [m for m in get_messages(response.wsgi_request)]
    assert message.level_tag == "error"
    assert "2025" in message.message
    assert message.message in response.text
    assert FundingSource.objects.count() == count


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("role_fixture", ["editor_user", "committee_user", "project_lead_user"])
def test_only_administrators_may_carry_over(client, request, role_fixture, method, line_2025):
    client.force_login(request.getfixturevalue(role_fixture))

    response = getattr(client, method)(carry_over_url(line_2025))

    assert response.status_code == 403
    assert not FundingSource.objects.filter(origin_year=2025).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_sent_to_the_login_page(client, method, line_2025):
    response = getattr(client, method)(carry_over_url(line_2025))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not FundingSource.objects.filter(origin_year=2025).exists()


def test_the_line_page_offers_the_carry_over_to_administrators_only(client, admin_user_role, editor_user, line_2025):
    detail = reverse("budget:budgetline-detail", args=[line_2025.pk])
    client.force_login(admin_user_role)
    assert carry_over_url(line_2025) in client.get(detail).text

    client.force_login(editor_user)
    assert carry_over_url(line_2025) not in client.get(detail).text
