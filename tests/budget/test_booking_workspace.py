"""Who may open and change the budget pages in the workspace; the office books allocations of a budget line to
projects and the expenditures."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budget.models import Allocation, BudgetLine, Expenditure
from strategy_portal.formatting import format_euro
from tests import factories
from tests.budget.workspace_helpers import LINE_CREATE, LINE_LIST, NEGATIVE, THREE_DECIMALS, field_errors, line_data

OTHER_STRATEGY = "Die Haushaltsposition gehört zu einer anderen Strategie als das Projekt."

ALLOCATION_LIST = reverse("budget:allocation-list")
ALLOCATION_CREATE = reverse("budget:allocation-create")
EXPENDITURE_LIST = reverse("budget:expenditure-list")
EXPENDITURE_CREATE = reverse("budget:expenditure-create")


def booking_data(project, line, **changes):
    return {"project": project.pk, "budget_line": line.pk, "amount": "1000.00", **changes}


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
    assert "20.000,00\xa0€" in editor_client.get(response.url).content.decode()  # the amount entered, with cents


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
    [("-5", NEGATIVE), ("5,125", THREE_DECIMALS)],
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


def test_an_administrator_cannot_remove_the_reason_of_an_allocation_beyond_what_the_line_has(admin_client_role, seeded):
    line = seeded.budget_lines.get(year=2026)  # nothing available
    project = seeded.projects.get(number=3)
    allocation = factories.AllocationFactory(
        project=project, budget_line=line, amount=Decimal("5000.00"), override_reason="Vorgriff"
    )

    response = admin_client_role.post(
        reverse("budget:allocation-update", args=[allocation.pk]),
        booking_data(project, line, amount="5000", override_reason=""),
    )

    assert response.status_code == 200
    assert field_errors(response, "override_reason") == [
        f"Von dieser Haushaltsposition sind nur noch {format_euro(Decimal(0))} nicht zugewiesen. "
        "Bitte begründen Sie, warum Sie mehr zuweisen."
    ]
    allocation.refresh_from_db()
    assert allocation.override_reason == "Vorgriff"


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
    factories.AllocationFactory(project=project, budget_line=line, amount=Decimal("2000.00"))
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
