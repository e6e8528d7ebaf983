"""Long select lists: above a threshold a form lists only the chosen entry and its search box asks the server."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budget.models import Expenditure
from tests import factories

EXPENDITURE_CREATE = reverse("budget:expenditure-create")
ALLOCATION_LIST = reverse("budget:allocation-list")
EXTERNAL_LIST = reverse("budget:externalfunding-list")
PROJECT_SEARCH = reverse("choices", args=["projects.project"])
PERSON_SEARCH = reverse("choices", args=["stakeholders.person"])
THRESHOLD = 3


@pytest.fixture
def small_threshold(monkeypatch):
    monkeypatch.setattr("strategy_portal.forms.REMOTE_CHOICES_THRESHOLD", THRESHOLD)


@pytest.fixture
def editor_client(client, editor_user):
    client.force_login(editor_user)
    return client


@pytest.fixture
def strategy(db):
    return factories.StrategyFactory()


def make_projects(strategy, count):
    return factories.ProjectFactory.create_batch(count, strategy=strategy)


def select_of(page, name):
    return re.search(rf'<select name="{name}".*?</select>', page, re.DOTALL).group()


def option_values(select):
    return re.findall(r'<option value="([^"]*)"', select)


def results(response):
    return [(match["value"], match["text"]) for match in response.json()["results"]]


# The form ----------------------------------------------------------------------------------------------------------


def test_a_long_project_list_shows_only_the_chosen_project_and_where_to_search(
    editor_client, strategy, small_threshold
):
    chosen, *_others = make_projects(strategy, THRESHOLD + 2)

    page = editor_client.get(EXPENDITURE_CREATE, {"project": chosen.pk}).content.decode()

    select = select_of(page, "project")
    assert option_values(select) == ["", str(chosen.pk)]
    assert f'data-url="{PROJECT_SEARCH}"' in select
    assert "Die Suche nach einem anderen Eintrag braucht JavaScript." in page


def test_a_short_project_list_shows_every_project_without_a_search_address(editor_client, strategy, small_threshold):
    projects = make_projects(strategy, THRESHOLD)

    page = editor_client.get(EXPENDITURE_CREATE).content.decode()

    select = select_of(page, "project")
    assert sorted(option_values(select)) == sorted(["", *(str(project.pk) for project in projects)])
    assert "data-url" not in select
    assert "braucht JavaScript" not in page


def test_the_form_saves_a_project_that_was_not_listed(editor_client, strategy, small_threshold):
    projects = make_projects(strategy, THRESHOLD + 2)
    line = factories.BudgetLineFactory(strategy=strategy, year=2026)
    unlisted = projects[-1]
    factories.AllocationFactory(project=unlisted, budget_line=line)  # an expenditure spends what is allocated
    assert str(unlisted.pk) not in option_values(
        select_of(editor_client.get(EXPENDITURE_CREATE).content.decode(), "project")
    )

    response = editor_client.post(
        EXPENDITURE_CREATE,
        {"project": unlisted.pk, "budget_line": line.pk, "amount": "99.50", "spent_on": "2026-05-04", "purpose": "x"},
    )

    assert response.status_code == 302
    assert Expenditure.objects.get().project == unlisted


def test_a_rejected_form_keeps_its_choice_and_ignores_values_that_are_no_key(editor_client, strategy, small_threshold):
    projects = make_projects(strategy, THRESHOLD + 2)

    response = editor_client.post(EXPENDITURE_CREATE, {"project": projects[-1].pk, "amount": "abc"})
    broken = editor_client.post(EXPENDITURE_CREATE, {"project": "kein-schlüssel"})

    assert option_values(select_of(response.content.decode(), "project")) == ["", str(projects[-1].pk)]
    assert option_values(select_of(broken.content.decode(), "project")) == [""]


def test_a_long_list_of_several_choices_shows_only_the_chosen_ones(client, admin_user_role, strategy, small_threshold):
    lead = factories.UserFactory()
    led = make_projects(strategy, THRESHOLD + 2)[:2]
    for project in led:
        project.project_leads.add(lead)
    client.force_login(admin_user_role)

    page = client.get(reverse("accounts:user-update", args=[lead.pk])).content.decode()

    select = select_of(page, "projects")
    assert sorted(option_values(select)) == sorted(str(project.pk) for project in led)
    assert f'data-url="{PROJECT_SEARCH}"' in select


def test_the_form_page_queries_do_not_grow_with_the_projects(editor_client, strategy, small_threshold):
    make_projects(strategy, THRESHOLD + 1)
    with CaptureQueriesContext(connection) as few:
        editor_client.get(EXPENDITURE_CREATE)
    make_projects(strategy, 20)
    with CaptureQueriesContext(connection) as many:
        response = editor_client.get(EXPENDITURE_CREATE)

    assert response.status_code == 200
    assert len(many) == len(few)


# The search ---------------------------------------------------------------------------------------------------------


def test_the_search_finds_a_project_by_number_or_title(committee_user, client, strategy):
    wanted = factories.ProjectFactory(strategy=strategy, number=42, title="Gründerzentrum Ludwigsburg")
    factories.ProjectFactory(strategy=strategy, number=7, title="Breitband")
    client.force_login(committee_user)

    assert results(client.get(PROJECT_SEARCH, {"q": "42"})) == [(str(wanted.pk), str(wanted))]
    assert results(client.get(PROJECT_SEARCH, {"q": "gründer"})) == [(str(wanted.pk), str(wanted))]
    assert results(client.get(PROJECT_SEARCH, {"q": "99999999999999"})) == []


def test_the_search_returns_at_most_twenty_matches(committee_user, client, strategy):
    make_projects(strategy, 25)
    client.force_login(committee_user)

    assert len(results(client.get(PROJECT_SEARCH, {"q": "Projekt"}))) == 20


def test_a_project_lead_finds_only_their_own_projects(project_lead_user, client, strategy):
    own = factories.ProjectFactory(strategy=strategy, title="Eigenes Projekt", project_leads=[project_lead_user])
    factories.ProjectFactory(strategy=strategy, title="Fremdes Projekt")
    client.force_login(project_lead_user)

    assert results(client.get(PROJECT_SEARCH, {"q": "projekt"})) == [(str(own.pk), str(own))]


def test_persons_are_searched_only_with_the_permission_to_see_them(client, user_for_role, project_lead_user, db):
    person = factories.PersonFactory(name="Erika Mustermann")
    client.force_login(project_lead_user)
    denied = client.get(PERSON_SEARCH, {"q": "erika"})
    client.force_login(user_for_role("committee"))

    assert denied.status_code == 403
    assert results(client.get(PERSON_SEARCH, {"q": "erika"})) == [(str(person.pk), str(person))]


def test_the_search_answers_only_for_its_models_and_logged_in_users(client, committee_user, db):
    assert client.get(PROJECT_SEARCH, {"q": "x"}).status_code == 302
    client.force_login(committee_user)

    assert client.get(reverse("choices", args=["accounts.user"]), {"q": "x"}).status_code == 404


def test_the_search_queries_do_not_grow_with_the_matches(client, committee_user, strategy):
    client.force_login(committee_user)
    make_projects(strategy, 1)
    with CaptureQueriesContext(connection) as one:
        client.get(PROJECT_SEARCH, {"q": "Projekt"})
    make_projects(strategy, 25)
    with CaptureQueriesContext(connection) as many:
        client.get(PROJECT_SEARCH, {"q": "Projekt"})

    assert len(many) == len(one)


# The list filters ---------------------------------------------------------------------------------------------------


def test_the_allocation_list_filters_by_project_number_or_title_in_a_text_field(client, committee_user, strategy):
    wanted = factories.AllocationFactory(project__strategy=strategy, project__number=12, project__title="Messe")
    factories.AllocationFactory(project__strategy=strategy, project__number=13, project__title="Kongress")
    client.force_login(committee_user)

    by_number = client.get(ALLOCATION_LIST, {"project": "12"})
    by_title = client.get(ALLOCATION_LIST, {"project": "mess"})

    assert list(by_number.context["object_list"]) == [wanted]
    assert list(by_title.context["object_list"]) == [wanted]
    page = by_number.content.decode()
    assert 'name="project" value="12"' in page
    assert "Projekt: Nummer oder Titel" in page
    assert '<select name="project"' not in page


def test_external_funding_filters_by_organisation_name_and_by_a_projects_key(client, committee_user, db):
    chamber = factories.OrganisationFactory(name="IHK Region Stuttgart", short_name="IHK")
    wanted = factories.ExternalFundingFactory(organisation=chamber, amount=Decimal("5000.00"))
    factories.ExternalFundingFactory()
    client.force_login(committee_user)

    by_organisation = client.get(EXTERNAL_LIST, {"organisation": "ihk"}).context["object_list"]
    by_key = client.get(EXTERNAL_LIST, {"project_id": wanted.project.pk}).context["object_list"]

    assert list(by_organisation) == [wanted]
    assert list(by_key) == [wanted]


def test_a_formsets_long_lists_show_each_rows_own_choice_read_in_constant_queries(editor_client, small_threshold):
    body = factories.BodyFactory()
    first = factories.MembershipFactory(body=body)
    factories.PersonFactory.create_batch(THRESHOLD + 1)
    url = reverse("stakeholders:body-update", args=[body.pk])
    with CaptureQueriesContext(connection) as one_row:
        editor_client.get(url)
    others = factories.MembershipFactory.create_batch(3, body=body)

    with CaptureQueriesContext(connection) as four_rows:
        page = editor_client.get(url).content.decode()

    assert len(four_rows) == len(one_row)
    listed = [option_values(select_of(page, f"membership-{index}-person")) for index in range(5)]
    assert sorted(values[1] for values in listed[:4]) == sorted(str(m.person_id) for m in [first, *others])
    assert all(len(values) == 2 for values in listed[:4])
    assert listed[4] == [""]  # the empty row for a new member
    assert f'data-url="{PERSON_SEARCH}"' in select_of(page, "membership-0-person")
