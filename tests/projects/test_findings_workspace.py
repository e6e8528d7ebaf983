"""The office records the strategy's findings (from participation events, for action fields) and the external
initiatives in the workspace."""

from decimal import Decimal

from projects.models import Finding
from tests import factories
from tests.projects.strategy_helpers import url

# Findings and external initiatives -------------------------------------------------------------------------------


def test_editor_records_a_finding_from_an_event_for_two_action_fields(editor_client):
    strategy = factories.StrategyFactory()
    event = factories.ParticipationEventFactory(title="Unternehmensbefragung")
    fields = factories.ActionFieldFactory.create_batch(2, strategy=strategy)
    data = {
        "strategy": strategy.pk,
        "number": 1,
        "statement": "Knapp 50 % der Unternehmen können offene Stellen nicht besetzen.",
        "figure": "50",
        "figure_qualifier": "almost",
        "figure_unit": "%",
        "event": event.pk,
        "action_fields": [field.pk for field in fields],
    }

    response = editor_client.post(url("finding-create"), data)

    finding = Finding.objects.get(strategy=strategy, number=1)
    assert response.url == url("finding-detail", finding.pk)
    assert finding.event == event
    assert finding.figure == Decimal("50")
    assert set(finding.action_fields.all()) == set(fields)
    page = editor_client.get(response.url).content.decode()
    assert "knapp 50 %" in page
    for field in fields:
        assert url("actionfield-detail", field.pk) in page


def test_a_finding_for_an_action_field_of_another_strategy_is_refused(editor_client):
    strategy = factories.StrategyFactory()
    foreign_field = factories.ActionFieldFactory()
    data = {"strategy": strategy.pk, "number": 1, "statement": "Befund", "figure_qualifier": "exact"}

    response = editor_client.post(url("finding-create"), data | {"action_fields": [foreign_field.pk]})

    assert response.status_code == 200
    assert "action_fields" in response.context["form"].errors
    assert not Finding.objects.exists()


def test_editor_records_an_external_initiative(editor_client):
    field = factories.ActionFieldFactory()
    data = {
        "strategy": field.strategy_id,
        "title": "Fachkräfteallianz Region Stuttgart",
        "level": "region",
        "responsible": "Wirtschaftsförderung Region Stuttgart",
        "url": "https://wrs.region-stuttgart.de",
        "action_fields": [field.pk],
    }

    response = editor_client.post(url("externalinitiative-create"), data)

    assert response.status_code == 302
    initiative = field.external_initiatives.get()
    assert initiative.responsible == "Wirtschaftsförderung Region Stuttgart"
    page = editor_client.get(url("actionfield-detail", field.pk)).content.decode()
    assert "Fachkräfteallianz Region Stuttgart" in page


def test_an_external_initiative_with_a_taken_title_is_refused(editor_client):
    initiative = factories.ExternalInitiativeFactory(title="Fachkräfteallianz")
    data = {"strategy": initiative.strategy_id, "title": "Fachkräfteallianz", "level": "state"}

    response = editor_client.post(url("externalinitiative-create"), data)

    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert initiative.strategy.external_initiatives.count() == 1


def test_the_finding_figure_reads_as_the_paper_gives_it(editor_client):
    finding = factories.FindingFactory(figure=Decimal("190"), figure_qualifier="about", figure_unit="Unternehmen")

    page = editor_client.get(url("finding-detail", finding.pk)).content.decode()

    assert "rund 190 Unternehmen" in page
