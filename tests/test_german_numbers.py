"""German numbers, in and out: amounts and other decimals are typed as a German user types them ("12.000,00",
"1.234,56", "1234", "1.234" is 1234) and shown the same way in forms, on pages and in confirmations; the numbers a
machine reads (ids in links, years in addresses, coordinates) are never grouped ("1.234" for id 1234)."""

import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django import forms
from django.apps import apps
from django.contrib.messages import get_messages
from django.db import models
from django.urls import reverse
from django.utils import formats, translation
from simple_history.models import HistoricalChanges

from accounts import roles
from budget.models import Allocation, BudgetLine, ExternalFunding
from projects.models import Indicator
from strategy_portal.db import DecimalNumberField, MoneyField
from tests import factories
from tests.sample import url_for
from tests.test_workspace_permissions import ROUTES, TABLE, expected, route_of, variant_of

AMOUNT_REFUSED = "Bitte einen Betrag wie 1.234,56 eingeben."
NUMBER_REFUSED = "Bitte eine Zahl wie 1.234,5 eingeben."
THREE_DECIMALS = "Bitte sicherstellen, dass der Wert höchstens 2 Dezimalstellen enthält."
EURO = "\N{NO-BREAK SPACE}€"


def model_fields(kind):
    """(model, field name) of every field of `kind` in the project's models (their history models copy them)."""
    return [
        (model, field.name)
        for model in apps.get_models()
        if not issubclass(model, HistoricalChanges)
        for field in model._meta.concrete_fields
        if isinstance(field, kind)
    ]


MONEY_FIELDS = model_fields(MoneyField)
NUMBER_FIELDS = model_fields(DecimalNumberField)


def label(param):
    return param._meta.label if isinstance(param, type) else str(param)


def form_field(model, name):
    """The field as every ModelForm, inline formset and the admin get it."""
    return forms.modelform_factory(model, fields=[name]).base_fields[name]


# Every decimal model field reads and writes German numbers ----------------------------------------------------------


def test_the_project_has_the_money_and_number_fields_the_office_types():
    assert (BudgetLine, "required_amount") in MONEY_FIELDS
    assert (Allocation, "amount") in MONEY_FIELDS
    assert (ExternalFunding, "amount") in MONEY_FIELDS
    assert (Indicator, "baseline") in NUMBER_FIELDS
    # No decimal field is left over that refuses "1.234,56".
    assert set(model_fields(models.DecimalField)) == set(MONEY_FIELDS) | set(NUMBER_FIELDS)


@pytest.mark.parametrize(("model", "name"), MONEY_FIELDS + NUMBER_FIELDS, ids=label)
@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1.234,56", Decimal("1234.56")),
        ("12.000,00", Decimal("12000")),
        ("12000,00", Decimal("12000")),
        ("12000", Decimal("12000")),
        ("1.234", Decimal("1234")),
        ("1.234.567,8", Decimal("1234567.8")),
        (" 1.234,56 ", Decimal("1234.56")),
        # A single dot that groups no thousands is the decimal point a spreadsheet or the browser types.
        ("1234.56", Decimal("1234.56")),
        ("0.5", Decimal("0.5")),
    ],
)
def test_a_decimal_field_reads_the_number_as_a_german_user_types_it(model, name, typed, value):
    with translation.override("de"):
        assert form_field(model, name).clean(typed) == value


@pytest.mark.parametrize(("model", "name"), MONEY_FIELDS + NUMBER_FIELDS, ids=label)
def test_a_decimal_field_shows_its_value_the_german_way_in_a_text_field_for_numbers(model, name):
    field = form_field(model, name)

    with translation.override("de"):
        html = field.widget.render(name, Decimal("1234.56"))
        grouped = field.widget.render(name, Decimal("12000.00"))

    assert 'value="1.234,56"' in html
    assert 'value="12.000,00"' in grouped
    assert 'type="text"' in html and 'inputmode="decimal"' in html


@pytest.mark.parametrize(("model", "name"), MONEY_FIELDS, ids=label)
@pytest.mark.parametrize("typed", ["12,34,5", "abc", "1.23.4", "1.234.5,6", "12.34,5", "1,2.3"])
def test_an_amount_that_is_no_number_is_refused_with_the_format_to_type(model, name, typed):
    with translation.override("de"), pytest.raises(forms.ValidationError) as refusal:
        form_field(model, name).clean(typed)

    assert refusal.value.messages == [AMOUNT_REFUSED]


@pytest.mark.parametrize(("model", "name"), NUMBER_FIELDS, ids=label)
@pytest.mark.parametrize("typed", ["12,34,5", "abc"])
def test_another_number_that_is_no_number_is_refused_with_the_format_to_type(model, name, typed):
    with translation.override("de"), pytest.raises(forms.ValidationError) as refusal:
        form_field(model, name).clean(typed)

    assert refusal.value.messages == [NUMBER_REFUSED]


@pytest.mark.parametrize("typed", ["1234.565", "0.005", "1234,565"])
def test_a_dot_that_groups_no_thousands_never_turns_cents_into_thousands(typed):
    # 1234.565 is a mistyped amount, not 1.234.565 €.
    with translation.override("de"), pytest.raises(forms.ValidationError) as refusal:
        form_field(BudgetLine, "required_amount").clean(typed)

    assert refusal.value.messages == [THREE_DECIMALS]


# Through the workspace and the admin -------------------------------------------------------------------------------


@pytest.fixture
def office(client, editor_user):
    client.force_login(editor_user)
    return client


@pytest.fixture
def line(db):
    strategy = factories.StrategyFactory(is_featured=True, first_budget_year=2025, last_budget_year=2028)
    budget_line = factories.BudgetLineFactory(strategy=strategy, year=2026, required_amount=Decimal("100000.00"))
    factories.FundingSourceFactory(budget_line=budget_line, amount=Decimal("100000.00"))
    return budget_line


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_budget_line_and_its_funding_source_are_saved_as_typed_and_shown_back_the_same_way(office, db):
    strategy = factories.StrategyFactory(is_featured=True)
    data = {
        "strategy": strategy.pk,
        "year": 2026,
        "budget_part": BudgetLine.BudgetPart.RESULTS,
        "required_amount": "1.234,56",
        "fundingsource-TOTAL_FORMS": 1,
        "fundingsource-INITIAL_FORMS": 0,
        "fundingsource-0-kind": "plan",
        "fundingsource-0-amount": "12.000,00",
    }

    response = office.post(reverse("budget:budgetline-create"), data)

    assert response.status_code == 302, response.context["form"].errors
    saved = BudgetLine.objects.get(strategy=strategy)
    assert saved.required_amount == Decimal("1234.56")
    assert saved.sources.get().amount == Decimal("12000.00")
    form = office.get(reverse("budget:budgetline-update", args=[saved.pk])).content.decode()
    assert 'value="1.234,56"' in form
    assert 'value="12.000,00"' in form
    page = office.get(response.url).content.decode()
    assert f"1.234,56{EURO}" in page  # the line's page: the amount as entered


def test_the_empty_row_of_the_funding_sources_reads_german_amounts_too(office, line):
    response = office.get(reverse("budget:budgetline-update", args=[line.pk]))

    empty = str(response.context["formsets"][0].empty_form["amount"])
    assert 'inputmode="decimal"' in empty and 'type="text"' in empty


def test_an_allocation_is_saved_as_typed_confirmed_with_cents_and_its_change_shown_in_the_history(office, line):
    project = factories.ProjectFactory(strategy=line.strategy)
    data = {"project": project.pk, "budget_line": line.pk, "amount": "12.000,00", "decided_on": "", "note": ""}

    created = office.post(reverse("budget:allocation-create"), data, follow=True)

    allocation = Allocation.objects.get()
    assert allocation.amount == Decimal("12000.00")
    assert any(f"12.000,00{EURO}" in message for message in messages_of(created))
    updated = office.post(reverse("budget:allocation-update", args=[allocation.pk]), data | {"amount": "1.234,56"})
    assert updated.status_code == 302
    allocation.refresh_from_db()
    assert allocation.amount == Decimal("1234.56")
    form = office.get(reverse("budget:allocation-update", args=[allocation.pk])).content.decode()
    assert 'value="1.234,56"' in form
    page = office.get(reverse("budget:allocation-detail", args=[allocation.pk])).content.decode()
    assert f"<del>12.000,00{EURO}</del> → <ins>1.234,56{EURO}</ins>" in page


def test_external_funding_is_saved_as_typed_and_shown_back_the_same_way(office, line):
    project = factories.ProjectFactory(strategy=line.strategy)
    data = {
        "project": project.pk,
        "kind": "grant",
        "funder": "Invest BW",
        "amount": "1.234,56",
        "status": "applied",
        "applied_on": "2025-07-01",
    }

    response = office.post(reverse("budget:externalfunding-create"), data)

    funding = ExternalFunding.objects.get()
    assert response.status_code == 302
    assert funding.amount == Decimal("1234.56")
    form = office.get(reverse("budget:externalfunding-update", args=[funding.pk])).content.decode()
    assert 'value="1.234,56"' in form


def test_an_indicator_and_its_measurement_are_saved_as_typed(office, db):
    indicator = factories.IndicatorFactory()
    data = {
        "name": indicator.name,
        "unit": "Besucher",
        "baseline": "1.234,5",
        "target": "12.000",
        "target_date": "",
        "measurement-TOTAL_FORMS": 1,
        "measurement-INITIAL_FORMS": 0,
        "measurement-0-measured_on": "2026-03-01",
        "measurement-0-value": "2.345,25",
    }

    response = office.post(reverse("projects:indicator-update", args=[indicator.pk]), data)

    assert response.status_code == 302, response.context["form"].errors
    indicator.refresh_from_db()
    assert (indicator.baseline, indicator.target) == (Decimal("1234.5"), Decimal("12000"))
    assert indicator.measurements.get().value == Decimal("2345.25")
    form = office.get(reverse("projects:indicator-update", args=[indicator.pk])).content.decode()
    assert 'value="1.234,50"' in form and 'value="12.000,00"' in form and 'value="2.345,25"' in form


def test_an_amount_that_is_no_number_is_refused_at_its_field_and_nothing_is_saved(office, line):
    project = factories.ProjectFactory(strategy=line.strategy)
    data = {"project": project.pk, "budget_line": line.pk, "amount": "12,34,5", "decided_on": "", "note": ""}

    response = office.post(reverse("budget:allocation-create"), data)

    assert response.status_code == 200
    assert response.context["form"].errors["amount"] == [AMOUNT_REFUSED]
    assert AMOUNT_REFUSED in response.content.decode()
    assert not Allocation.objects.exists()


def test_the_admin_saves_a_german_amount_and_shows_it_back(client, user_for_role):
    """The budget line's own amounts; its funding sources are shown read-only there (written by budget.services)."""
    client.force_login(user_for_role(roles.ADMIN, is_staff=True))
    strategy = factories.StrategyFactory()
    data = {
        "strategy": strategy.pk,
        "year": 2026,
        "budget_part": BudgetLine.BudgetPart.RESULTS,
        "required_amount": "1.234,56",
        "sources-TOTAL_FORMS": 0,
        "sources-INITIAL_FORMS": 0,
        "_save": "Sichern",
    }

    response = client.post(reverse("admin:budget_budgetline_add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    saved = BudgetLine.objects.get(strategy=strategy)
    assert saved.required_amount == Decimal("1234.56")
    form = client.get(reverse("admin:budget_budgetline_change", args=[saved.pk])).content.decode()
    assert 'value="1.234,56"' in form
    refused = client.post(reverse("admin:budget_budgetline_change", args=[saved.pk]), data | {"required_amount": "x"})
    assert refused.status_code == 200
    assert AMOUNT_REFUSED in refused.content.decode()


# Ids, years and numbers that name something are never grouped -------------------------------------------------------

GROUPED_YEAR = re.compile(r"(?<![\d.,])2\.0\d\d(?![\d,])")  # 2.025


@pytest.fixture
def big(db):
    """A strategy, budget line, project and body with ids (and a project number) above 999, as in a portal that has
    run for years (the benchmark has 50.000 projects)."""
    strategy = factories.StrategyFactory(
        pk=12345, is_featured=True, first_budget_year=2025, last_budget_year=2028, council_decision_year=2025
    )
    line = factories.BudgetLineFactory(pk=12346, strategy=strategy, year=2025, required_amount=Decimal("72577.00"))
    factories.FundingSourceFactory(
        pk=12350, budget_line=line, amount=Decimal("52577.00"), kind="carry_over", origin_year=2024
    )
    project = factories.ProjectFactory(pk=12347, number=1234, strategy=strategy, slug="gross", visibility="published")
    factories.ExternalFundingFactory(project=project, status="applied")
    factories.AllocationFactory(project=project, budget_line=line, amount=Decimal("1000.00"))
    body = factories.BodyFactory(pk=12348)
    factories.MembershipFactory(body=body)
    factories.StrategyFactory()  # a second one: the budget pages offer the choice
    return {"strategy": strategy, "line": line, "project": project, "body": body}


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    text = response.content.decode()
    assert not GROUPED_YEAR.search(text), (url, GROUPED_YEAR.search(text).group())
    return text


def test_the_budget_pages_link_ids_and_years_as_they_are(client, committee_user, big):
    client.force_login(committee_user)

    lines = page(client, reverse("budget:budgetline-list"))
    assert "?strategy=12345" in lines
    assert f'href="{reverse("budget:burndown", args=[2025])}"' in lines
    assert "2025" in lines
    page(client, reverse("budget:budgetline-detail", args=[12346]))
    burndown = page(client, reverse("budget:burndown", args=[2025]))
    assert f'href="{reverse("budget:burndown-export", args=[2025, "csv"])}?strategy=12345"' in burndown
    assert '<option value="12345" selected>' in burndown
    money = page(client, reverse("budget:project-money"))
    assert "?strategy=12345" in money
    assert "?project_id=12347&amp;status=applied" in money


def test_the_budget_line_page_of_the_office_links_its_bookings_and_years_as_they_are(office, big):
    detail = page(office, reverse("budget:budgetline-detail", args=[12346]))

    assert "?budget_line=12346" in detail
    assert "<td>2024</td>" in detail  # carried over from
    assert "2025" in detail


def test_the_public_pages_write_years_and_project_numbers_as_they_are(client, big):
    finances = page(client, reverse("budget:public-finances"))
    assert '<th scope="row">2025' in finances

    project = page(client, reverse("projects:public-project-detail", args=["gross"]))
    assert "Projekt 1234" in project
    assert "1.234" not in project
    assert "1234" in page(client, reverse("projects:public-project-list"))
    bodies = page(client, reverse("stakeholders:public-bodies"))
    assert 'href="#body-12348"' in bodies and 'id="body-12348"' in bodies


def test_the_workspace_writes_ids_and_years_as_they_are(office, big):
    strategy = page(office, reverse("projects:strategy-detail", args=[12345]))
    assert "?strategy=12345" in strategy
    assert "2025" in strategy  # the council's decision year
    lines = page(office, reverse("budget:budgetline-list"))
    assert f'<a href="{reverse("budget:budgetline-detail", args=[12346])}">2025</a>' in lines
    form = page(office, reverse("projects:project-update", args=[12347]))
    assert 'data-project="12347"' in form
    ranking = page(office, reverse("projects:priorities") + "?strategie=12345")
    assert '<option value="12345" selected>' in ranking and 'name="strategie" value="12345"' in ranking


def test_the_admin_lists_years_as_they_are(client, user_for_role, big):
    client.force_login(user_for_role(roles.ADMIN, is_staff=True))

    lines = page(client, reverse("admin:budget_budgetline_changelist"))
    assert ">2025</a></th>" in lines
    sources = page(client, reverse("admin:budget_fundingsource_changelist"))
    assert '<td class="field-origin_year">2024</td>' in sources
    assert ">2028<" in page(client, reverse("admin:projects_strategy_changelist"))


# Every page: a number a machine reads is never localized -------------------------------------------------------------

LOCALIZED = "\N{MODIFIER LETTER LOW VERTICAL LINE}"
# Attributes people read (a localized count there is right); every other attribute is read by the browser.
READ_BY_PEOPLE = {"aria-label", "title", "alt", "placeholder"}


class MachineReadNumbers(HTMLParser):
    """The attributes of a page holding a localized number (marked by `marked_localization`)."""

    def __init__(self):
        super().__init__()
        self.localized = []

    def handle_starttag(self, tag, attrs):
        decimal_input = tag == "input" and ("inputmode", "decimal") in attrs  # a German amount, typed by people
        for name, value in attrs:
            if value and LOCALIZED in value and name not in READ_BY_PEOPLE and not (decimal_input and name == "value"):
                self.localized.append(f"<{tag} {name}={value!r}>")


@pytest.fixture
def marked_localization(monkeypatch):
    """Every number a template localizes starts with a mark, however small it is (1 as "ˌ1"): a page that prints
    an id, a year or a coordinate without |unlocalize shows it, long before there are 1.000 projects."""
    localized = formats.number_format

    def marked(value, decimal_pos=None, use_l10n=None, force_grouping=False):
        text = localized(value, decimal_pos, use_l10n, force_grouping)
        return text if use_l10n is False else LOCALIZED + text

    monkeypatch.setattr(formats, "number_format", marked)


def test_no_page_localizes_a_number_in_a_link_an_id_a_form_value_or_a_drawing(
    sample, client, admin_user_role, marked_localization
):
    factories.MilestoneFactory(project=sample["project"])  # the time line
    factories.MeasurementFactory(indicator=sample["objects"]["indicator"])  # the sparkline
    client.force_login(admin_user_role)

    found = []
    for key, entry in TABLE.items():
        if expected(entry.get)[roles.ADMIN] != "200":
            continue
        url = url_for(route_of(key), ROUTES[route_of(key)], sample, variant_of(key))
        response = client.get(url)
        if not response["Content-Type"].startswith("text/html"):
            continue
        parser = MachineReadNumbers()
        parser.feed(response.content.decode())
        found += [f"{url}: {attribute}" for attribute in parser.localized]
        years = re.findall(LOCALIZED + r"(?:19|20)\d\d\b", response.content.decode())
        found += [f"{url}: the year {year} localized" for year in years]
    assert not found, "\n".join(found)
