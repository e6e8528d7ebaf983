"""The office keeps budget lines, their funding sources, allocations and expenditures current in the workspace."""

import datetime
import re
from decimal import Decimal

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budget.models import Allocation, BudgetLine, Expenditure, FundingSource
from tests import factories

NEGATIVE = "Der Betrag darf nicht negativ sein."
THREE_DECIMALS = "Bitte sicherstellen, dass der Wert höchstens 2 Dezimalstellen enthält."
DUPLICATE_LINE = "Für diese Strategie besteht in diesem Haushaltsjahr bereits eine Haushaltsposition"
OTHER_STRATEGY = "Die Haushaltsposition gehört zu einer anderen Strategie als das Projekt."

LINE_LIST = reverse("budget:budgetline-list")
LINE_CREATE = reverse("budget:budgetline-create")
ALLOCATION_LIST = reverse("budget:allocation-list")
ALLOCATION_CREATE = reverse("budget:allocation-create")
EXPENDITURE_LIST = reverse("budget:expenditure-list")
EXPENDITURE_CREATE = reverse("budget:expenditure-create")


@pytest.fixture
def editor_client(client, editor_user):
    client.force_login(editor_user)
    return client


@pytest.fixture
def admin_client_role(client, admin_user_role):
    client.force_login(admin_user_role)
    return client


def line_data(line=None, sources=(), **changes):
    """The POST of the budget line form as the browser sends it, with `sources` as new funding source rows."""
    data = {
        "strategy": line.strategy_id if line else "",
        "year": line.year if line else "",
        "budget_part": line.budget_part if line else BudgetLine.BudgetPart.RESULTS,
        "product_group": "1110",
        "department": "L-01",
        "account_label": "Aufwendungen für sonstige Sach- und Dienstleistungen",
        "required_amount": line.required_amount if line else "",
    }
    existing = list(line.sources.all()) if line else []
    rows = [{"id": s.pk, "kind": s.kind, "amount": s.amount, "origin_year": s.origin_year or ""} for s in existing]
    rows += list(sources)
    data |= {"fundingsource-TOTAL_FORMS": len(rows), "fundingsource-INITIAL_FORMS": len(existing)}
    for index, row in enumerate(rows):
        data |= {f"fundingsource-{index}-{key}": value for key, value in row.items()}
    return data | changes


PLAN = {"kind": "plan", "amount": "20000.00", "purpose": "Umsetzung von Projekten"}
CARRY_OVER = {"kind": "carry_over", "amount": "52577", "origin_year": 2024, "purpose": "Strategieprozess"}


def booking_data(project, line, **changes):
    return {"project": project.pk, "budget_line": line.pk, "amount": "1000.00", **changes}


def field_errors(response, name, formset=None):
    form = response.context["formsets"][0].forms[formset] if formset is not None else response.context["form"]
    return form.errors.get(name, [])


def totals_row(response):
    return re.search(r'<tr[^>]*id="budget-totals".*?</tr>', response.content.decode(), re.DOTALL).group()


# Who may do what ----------------------------------------------------------------------------------------------------


def all_pages():
    allocation = factories.AllocationFactory()
    expenditure = factories.ExpenditureFactory()
    line = allocation.budget_line
    return [
        LINE_LIST,
        LINE_CREATE,
        reverse("budget:budgetline-detail", args=[line.pk]),
        reverse("budget:budgetline-update", args=[line.pk]),
        ALLOCATION_LIST,
        ALLOCATION_CREATE,
        reverse("budget:allocation-detail", args=[allocation.pk]),
        reverse("budget:allocation-update", args=[allocation.pk]),
        EXPENDITURE_LIST,
        EXPENDITURE_CREATE,
        reverse("budget:expenditure-detail", args=[expenditure.pk]),
        reverse("budget:expenditure-update", args=[expenditure.pk]),
    ]


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    for url in all_pages():
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login")), url


def test_committee_member_reads_the_budget_pages(client, committee_user):
    client.force_login(committee_user)
    for url in all_pages():
        expected = 403 if url.endswith(("/neu/", "/bearbeiten/")) else 200
        assert client.get(url).status_code == expected, url


def test_committee_member_cannot_change_anything(client, committee_user, seeded):
    client.force_login(committee_user)
    line = seeded.budget_lines.get(year=2026)
    project = seeded.projects.first()
    allocation = factories.AllocationFactory(project=project, budget_line=line, amount=Decimal("0.00"))
    posts = {
        LINE_CREATE: line_data(strategy=seeded.pk, year=2029, required_amount="1.00"),
        reverse("budget:budgetline-update", args=[line.pk]): line_data(line, required_amount="1.00"),
        ALLOCATION_CREATE: booking_data(project, line, amount="0.00"),
        reverse("budget:allocation-update", args=[allocation.pk]): booking_data(project, line, amount="0.00"),
        EXPENDITURE_CREATE: booking_data(project, line, spent_on="2026-01-02", purpose="Druck"),
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code == 403, url

    line.refresh_from_db()
    assert line.required_amount == Decimal("20000.00")
    assert BudgetLine.objects.count() == 4
    assert Allocation.objects.count() == 1
    assert not Expenditure.objects.exists()


def test_project_lead_does_not_see_the_budget(client, project_lead_user, db):
    client.force_login(project_lead_user)

    assert client.get(LINE_LIST).status_code == 403
    assert client.get(EXPENDITURE_LIST).status_code == 403


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
    [("-1.00", NEGATIVE), ("100.005", THREE_DECIMALS)],
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
    assert rows["Verfügbares Budget"] == "0\xa0€"
    assert rows["Mehrbedarf"] == "20.000\xa0€"


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


# Allocations --------------------------------------------------------------------------------------------------------


def test_editor_allocates_part_of_a_year_s_budget_to_a_project(editor_client, seeded):
    line = seeded.budget_lines.get(year=2025)
    project = seeded.projects.get(number=2)

    response = editor_client.post(
        ALLOCATION_CREATE, booking_data(project, line, amount="20000", decided_on="2025-06-02", note="Projektstart")
    )

    allocation = Allocation.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("budget:allocation-detail", args=[allocation.pk])
    assert (allocation.project, allocation.budget_line, allocation.amount) == (project, line, Decimal("20000.00"))
    assert allocation.decided_on == datetime.date(2025, 6, 2)
    assert "20.000\xa0€" in editor_client.get(response.url).content.decode()


def test_the_allocation_form_searches_projects_and_takes_the_line_from_the_address(editor_client, seeded):
    line = seeded.budget_lines.get(year=2027)

    response = editor_client.get(ALLOCATION_CREATE, {"budget_line": line.pk})

    form = response.context["form"]
    assert form["budget_line"].value() == line.pk
    assert form.fields["project"].widget.attrs["data-searchable"] == "true"
    assert 'type="date"' in str(form["decided_on"])


def test_an_allocation_on_another_strategy_s_line_is_refused(editor_client, seeded):
    project = factories.ProjectFactory()  # of another strategy

    response = editor_client.post(ALLOCATION_CREATE, booking_data(project, seeded.budget_lines.get(year=2025)))

    assert response.status_code == 200
    assert field_errors(response, "budget_line") == [OTHER_STRATEGY]
    assert not Allocation.objects.exists()


@pytest.mark.parametrize(
    ("amount", "message"),
    [("-5", NEGATIVE), ("5.125", THREE_DECIMALS)],
    ids=["negative", "three decimals"],
)
def test_a_bad_allocation_amount_is_refused_and_the_allocation_is_unchanged(editor_client, db, amount, message):
    allocation = factories.AllocationFactory(amount=Decimal("10.00"))
    factories.FundingSourceFactory(budget_line=allocation.budget_line)

    response = editor_client.post(
        reverse("budget:allocation-update", args=[allocation.pk]),
        booking_data(allocation.project, allocation.budget_line, amount=amount),
    )

    assert response.status_code == 200
    assert field_errors(response, "amount") == [message]
    assert message in response.content.decode()
    allocation.refresh_from_db()
    assert allocation.amount == Decimal("10.00")


def test_an_editor_cannot_allocate_more_than_is_available(editor_client, seeded):
    line = seeded.budget_lines.get(year=2025)  # 72.577 € available
    factories.AllocationFactory(project=seeded.projects.get(number=1), budget_line=line, amount=Decimal("70000"))

    response = editor_client.post(ALLOCATION_CREATE, booking_data(seeded.projects.get(number=2), line, amount="3000"))

    assert response.status_code == 200
    assert field_errors(response, "amount")
    assert "2.577\xa0€" in field_errors(response, "amount")[0]
    assert "override_reason" not in response.context["form"].fields
    assert Allocation.objects.count() == 1


def test_an_administrator_allocates_more_than_is_available_only_with_a_reason(admin_client_role, seeded):
    line = seeded.budget_lines.get(year=2026)  # nothing available
    data = booking_data(seeded.projects.get(number=3), line, amount="5000")

    refused = admin_client_role.post(ALLOCATION_CREATE, data)
    accepted = admin_client_role.post(ALLOCATION_CREATE, data | {"override_reason": "Vorgriff auf den Haushalt 2026"})

    assert refused.status_code == 200
    assert field_errors(refused, "override_reason")
    assert accepted.status_code == 302
    assert Allocation.objects.get().override_reason == "Vorgriff auf den Haushalt 2026"


def test_an_editor_may_change_the_note_of_an_allocation_an_administrator_let_exceed(editor_client, seeded):
    line = seeded.budget_lines.get(year=2026)
    project = seeded.projects.get(number=3)
    allocation = factories.AllocationFactory(
        project=project, budget_line=line, amount=Decimal("5000.00"), override_reason="Vorgriff"
    )

    response = editor_client.post(
        reverse("budget:allocation-update", args=[allocation.pk]),
        booking_data(project, line, amount="5000.00", note="Beschluss Lenkungskreis"),
    )

    assert response.status_code == 302
    allocation.refresh_from_db()
    assert (allocation.note, allocation.override_reason) == ("Beschluss Lenkungskreis", "Vorgriff")


def test_allocations_filter_by_year_and_project(client, committee_user, db):
    client.force_login(committee_user)
    wanted = factories.AllocationFactory(budget_line__year=2031)
    factories.AllocationFactory(project=wanted.project, budget_line__year=2032)
    factories.AllocationFactory(budget_line__year=2031)

    response = client.get(ALLOCATION_LIST, {"year": 2031, "project": wanted.project.number})

    assert list(response.context["object_list"]) == [wanted]


def test_allocation_pages_queries_do_not_grow(client, committee_user, django_assert_max_num_queries):
    client.force_login(committee_user)
    allocation = factories.AllocationFactory()
    detail = reverse("budget:allocation-detail", args=[allocation.pk])
    with CaptureQueriesContext(connection) as list_one:
        client.get(ALLOCATION_LIST)
    with CaptureQueriesContext(connection) as detail_one:
        client.get(detail)

    factories.AllocationFactory.create_batch(10)
    with django_assert_max_num_queries(len(list_one)):
        assert client.get(ALLOCATION_LIST).status_code == 200
    with django_assert_max_num_queries(len(detail_one)):
        assert client.get(detail).status_code == 200


# Expenditures -------------------------------------------------------------------------------------------------------


def test_editor_records_an_expenditure_with_the_date_picker(editor_client, seeded):
    line = seeded.budget_lines.get(year=2025)
    project = seeded.projects.get(number=1)
    form = editor_client.get(EXPENDITURE_CREATE, {"project": project.pk}).context["form"]
    assert 'type="date"' in str(form["spent_on"])
    assert form["project"].value() == project.pk

    response = editor_client.post(
        EXPENDITURE_CREATE,
        booking_data(project, line, amount="1234.50", spent_on="2025-04-30", purpose="Moderation Zukunftswerkstatt"),
    )

    expenditure = Expenditure.objects.get()
    assert response.status_code == 302
    assert (expenditure.spent_on, expenditure.amount) == (datetime.date(2025, 4, 30), Decimal("1234.50"))
    page = editor_client.get(response.url).content.decode()
    assert "1.234,50\xa0€" in page
    assert "30.04.2025" in page


@pytest.mark.parametrize(
    ("amount", "message"),
    [("-0.01", NEGATIVE), ("0.001", THREE_DECIMALS)],
    ids=["negative", "three decimals"],
)
def test_a_bad_expenditure_amount_is_refused_and_nothing_is_saved(editor_client, seeded, amount, message):
    data = booking_data(
        seeded.projects.get(number=1),
        seeded.budget_lines.get(year=2025),
        amount=amount,
        spent_on="2025-04-30",
        purpose="Moderation",
    )

    response = editor_client.post(EXPENDITURE_CREATE, data)

    assert response.status_code == 200
    assert field_errors(response, "amount") == [message]
    assert message in response.content.decode()
    assert not Expenditure.objects.exists()


def test_expenditures_filter_by_year_and_project(client, committee_user, db):
    client.force_login(committee_user)
    wanted = factories.ExpenditureFactory(budget_line__year=2031)
    factories.ExpenditureFactory(project=wanted.project, budget_line__year=2032)
    factories.ExpenditureFactory(budget_line__year=2031)

    response = client.get(EXPENDITURE_LIST, {"year": 2031, "project": wanted.project.title.upper()})

    assert list(response.context["object_list"]) == [wanted]
    assert isinstance(response.context["filter"].form.fields["project"].widget, forms.TextInput)


def test_expenditure_pages_queries_do_not_grow(client, committee_user, django_assert_max_num_queries):
    client.force_login(committee_user)
    expenditure = factories.ExpenditureFactory()
    detail = reverse("budget:expenditure-detail", args=[expenditure.pk])
    with CaptureQueriesContext(connection) as list_one:
        client.get(EXPENDITURE_LIST)
    with CaptureQueriesContext(connection) as detail_one:
        client.get(detail)

    factories.ExpenditureFactory.create_batch(10)
    with django_assert_max_num_queries(len(list_one)):
        assert client.get(EXPENDITURE_LIST).status_code == 200
    with django_assert_max_num_queries(len(detail_one)):
        assert client.get(detail).status_code == 200
