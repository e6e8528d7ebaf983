"""The office keeps the strategy's structure current in the workspace: the strategy, its phases, goals, action fields
with their focus areas, findings and external initiatives. The paper expects the action fields to be adapted as
conditions change; their pages show how they changed."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import Finding, FocusArea, Phase, StrategicGoal, Strategy
from projects.views.strategy import FOCUS_AREA_CHANGES
from tests import factories

LIST_ROUTES = (
    "strategy-list",
    "phase-list",
    "strategicgoal-list",
    "actionfield-list",
    "finding-list",
    "externalinitiative-list",
)
FACTORIES = {
    "strategy": factories.StrategyFactory,
    "phase": factories.PhaseFactory,
    "strategicgoal": factories.StrategicGoalFactory,
    "actionfield": factories.ActionFieldFactory,
    "finding": factories.FindingFactory,
    "externalinitiative": factories.ExternalInitiativeFactory,
}
DUPLICATE_GOAL = (
    "Strategisches Ziel mit diesem Wert für das Feld Strategie und Nummer existiert bereits."  # Django's own German
)


def url(name, *args):
    return reverse(f"projects:{name}", args=args)


def action_field_data(field, **changes):
    """The POST of the action field form as the browser sends it, with the field's focus areas as they are."""
    areas = list(field.focus_areas.all())
    data = {
        "strategy": field.strategy_id,
        "number": field.number,
        "title": field.title,
        "short_title": field.short_title,
        "slug": field.slug,
        "description": field.description,
        "goals": [goal.pk for goal in field.goals.all()],
        "focusarea-TOTAL_FORMS": len(areas),
        "focusarea-INITIAL_FORMS": len(areas),
    }
    for index, area in enumerate(areas):
        data |= {f"focusarea-{index}-id": area.pk, f"focusarea-{index}-number": area.number}
        data[f"focusarea-{index}-title"] = area.title
    return data | changes


@pytest.fixture
def editor_client(client, editor_user):
    client.force_login(editor_user)
    return client


@pytest.fixture
def committee_client(client, committee_user):
    client.force_login(committee_user)
    return client


# Who may do what -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("route", LIST_ROUTES)
def test_anonymous_visitors_are_sent_to_the_login_page(client, db, route):
    model_name = route.removesuffix("-list")
    obj = FACTORIES[model_name]()

    for address in (url(route), url(f"{model_name}-detail", obj.pk), url(f"{model_name}-create")):
        response = client.get(address)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("route", LIST_ROUTES)
def test_committee_members_read_the_structure_but_cannot_change_it(committee_client, route):
    model_name = route.removesuffix("-list")
    obj = FACTORIES[model_name]()
    before = obj.history.count()

    assert committee_client.get(url(route)).status_code == 200
    assert committee_client.get(url(f"{model_name}-detail", obj.pk)).status_code == 200
    assert committee_client.get(url(f"{model_name}-update", obj.pk)).status_code == 403
    assert committee_client.post(url(f"{model_name}-update", obj.pk), {"title": "Geändert"}).status_code == 403
    assert committee_client.post(url(f"{model_name}-create"), {"title": "Neu"}).status_code == 403
    assert obj.history.count() == before


def test_a_project_lead_cannot_open_the_strategy_pages(client, project_lead_user):
    client.force_login(project_lead_user)

    assert client.get(url("actionfield-list")).status_code == 403


@pytest.mark.parametrize("route", LIST_ROUTES)
def test_editors_open_every_list_create_and_edit_page(editor_client, route):
    model_name = route.removesuffix("-list")
    obj = FACTORIES[model_name]()

    for address in (url(route), url(f"{model_name}-create"), url(f"{model_name}-update", obj.pk)):
        assert editor_client.get(address).status_code == 200


# The strategy ----------------------------------------------------------------------------------------------------


def test_the_strategy_page_shows_its_phases_goals_and_action_fields(editor_client, seeded):
    page = editor_client.get(url("strategy-detail", seeded.pk)).content.decode()

    for phase in seeded.phases.all():
        assert phase.title in page
    for goal in seeded.goals.all():
        assert goal.statement in page
    for field in seeded.action_fields.all():
        assert field.title in page
    for objective in seeded.process_objective_list:
        assert f"<li>{objective}</li>" in page


def test_editor_updates_the_process_objectives_one_per_line(editor_client):
    strategy = factories.StrategyFactory(title="Klimaschutzkonzept", slug="klimaschutz")
    data = {
        "title": strategy.title,
        "slug": strategy.slug,
        "process_objectives": "  Ziele ableiten \r\n\r\nAkteure einbinden\r\n",
        "first_budget_year": 2026,
        "last_budget_year": 2030,
        "reporting_period_months": 3,
    }

    response = editor_client.post(url("strategy-update", strategy.pk), data)

    assert response.status_code == 302
    strategy.refresh_from_db()
    assert strategy.process_objectives == "Ziele ableiten\nAkteure einbinden"
    assert strategy.process_objective_list == ["Ziele ableiten", "Akteure einbinden"]


def test_editor_creates_a_strategy_and_its_slug_comes_from_the_title(editor_client, db):
    data = {
        "title": "Klimaschutzkonzept Landkreis",
        "first_budget_year": 2026,
        "last_budget_year": 2030,
        "reporting_period_months": 6,
    }

    response = editor_client.post(url("strategy-create"), data)

    strategy = Strategy.objects.get(title="Klimaschutzkonzept Landkreis")
    assert response.url == url("strategy-detail", strategy.pk)
    assert strategy.slug == "klimaschutzkonzept-landkreis"


# Phases ----------------------------------------------------------------------------------------------------------


def test_editor_creates_a_phase_with_its_participation_events(editor_client):
    strategy = factories.StrategyFactory()
    events = factories.ParticipationEventFactory.create_batch(2)
    data = {
        "strategy": strategy.pk,
        "number": 1,
        "title": "Analyse",
        "status": Phase.Status.COMPLETED,
        "start_date": "2024-10-01",
        "end_date": "2025-03-31",
        "participation_events": [event.pk for event in events],
    }

    response = editor_client.post(url("phase-create"), data)

    phase = Phase.objects.get(strategy=strategy, number=1)
    assert response.url == url("phase-detail", phase.pk)
    assert set(phase.participation_events.all()) == set(events)
    assert phase.status == Phase.Status.COMPLETED


def test_a_phase_ending_before_it_starts_is_refused(editor_client):
    phase = factories.PhaseFactory(title="Analyse", number=1)
    data = {
        "strategy": phase.strategy_id,
        "number": 1,
        "title": "Analyse",
        "status": Phase.Status.ACTIVE,
        "start_date": "2025-03-31",
        "end_date": "2024-10-01",
    }

    response = editor_client.post(url("phase-update", phase.pk), data)

    assert response.status_code == 200
    assert "Das Ende darf nicht vor dem Beginn liegen." in response.content.decode()
    phase.refresh_from_db()
    assert phase.status == Phase.Status.PLANNED
    assert phase.end_date is None


def test_archived_events_are_offered_only_where_they_are_already_chosen(editor_client):
    archived = factories.ParticipationEventFactory(is_archived=True)
    phase = factories.PhaseFactory()
    phase.participation_events.add(archived)

    new_form = editor_client.get(url("phase-create")).context["form"]
    edit_form = editor_client.get(url("phase-update", phase.pk)).context["form"]

    assert archived not in new_form.fields["participation_events"].queryset
    assert archived in edit_form.fields["participation_events"].queryset


def test_the_phase_list_can_be_narrowed_to_one_strategy(editor_client):
    mine = factories.PhaseFactory(title="Meine Phase")
    other = factories.PhaseFactory(title="Fremde Phase")

    page = editor_client.get(url("phase-list"), {"strategy": mine.strategy_id}).content.decode()

    assert mine.title in page
    assert other.title not in page


# Strategic goals -------------------------------------------------------------------------------------------------


def test_a_new_goal_gets_the_strategy_from_the_address_and_the_next_number(editor_client):
    goal = factories.StrategicGoalFactory(number=3)

    response = editor_client.get(url("strategicgoal-create"), {"strategie": goal.strategy_id})

    form = response.context["form"]
    assert form.initial["strategy"] == goal.strategy
    assert form.initial["number"] == 4


def test_a_second_goal_with_the_same_number_is_refused_and_nothing_is_saved(editor_client):
    goal = factories.StrategicGoalFactory(number=1, statement="Attraktiver Standort")
    data = {"strategy": goal.strategy_id, "number": 1, "statement": "Noch ein Ziel 1"}

    response = editor_client.post(url("strategicgoal-create"), data)

    assert response.status_code == 200
    assert response.context["form"].errors["number"] == [DUPLICATE_GOAL]
    assert list(StrategicGoal.objects.values_list("statement", flat=True)) == ["Attraktiver Standort"]


def test_renumbering_a_goal_onto_another_is_refused_and_nothing_changes(editor_client):
    first = factories.StrategicGoalFactory(number=1)
    second = factories.StrategicGoalFactory(strategy=first.strategy, number=2, statement="Zweites Ziel")
    data = {"strategy": first.strategy_id, "number": 1, "statement": "Umformuliert"}

    response = editor_client.post(url("strategicgoal-update", second.pk), data)

    assert response.status_code == 200
    assert DUPLICATE_GOAL in response.content.decode()
    second.refresh_from_db()
    assert (second.number, second.statement) == (2, "Zweites Ziel")
    assert second.history.count() == 1


def test_a_saved_goal_stays_in_its_strategy(editor_client):
    goal = factories.StrategicGoalFactory(number=1)
    other = factories.StrategyFactory()

    response = editor_client.post(
        url("strategicgoal-update", goal.pk), {"strategy": other.pk, "number": 1, "statement": "Neu gefasst"}
    )

    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.statement == "Neu gefasst"
    assert goal.strategy_id != other.pk


def test_the_same_goal_number_in_another_strategy_is_fine(editor_client):
    goal = factories.StrategicGoalFactory(number=1)
    other = factories.StrategyFactory()

    response = editor_client.post(url("strategicgoal-create"), {"strategy": other.pk, "number": 1, "statement": "Z"})

    assert response.status_code == 302
    assert StrategicGoal.objects.filter(number=1).count() == 2
    assert goal.strategy != other


# Action fields ---------------------------------------------------------------------------------------------------


def test_a_title_change_of_an_action_field_shows_in_its_history(editor_client, editor_user):
    field = factories.ActionFieldFactory(title="Infrastruktur und Raum")
    data = action_field_data(field, title="Infrastruktur, Raum und Mobilität")

    response = editor_client.post(url("actionfield-update", field.pk), data)

    assert response.url == url("actionfield-detail", field.pk)
    page = editor_client.get(response.url).content.decode()
    assert "Titel: <del>Infrastruktur und Raum</del> → <ins>Infrastruktur, Raum und Mobilität</ins>" in page
    assert str(editor_user) in page


def test_editor_adds_a_focus_area_through_the_inline_form(editor_client):
    field = factories.ActionFieldFactory()
    factories.FocusAreaFactory(action_field=field, number=1, title="Flächenmanagement")
    data = action_field_data(field) | {
        "focusarea-TOTAL_FORMS": 2,
        "focusarea-1-number": 2,
        "focusarea-1-title": "interkommunale Zusammenarbeit",
    }

    response = editor_client.post(url("actionfield-update", field.pk), data)

    assert response.status_code == 302
    assert list(field.focus_areas.values_list("number", "title")) == [
        (1, "Flächenmanagement"),
        (2, "interkommunale Zusammenarbeit"),
    ]
    page = editor_client.get(url("actionfield-detail", field.pk)).content.decode()
    assert "interkommunale Zusammenarbeit" in page


def test_a_renamed_focus_area_shows_in_the_action_fields_history(editor_client):
    field = factories.ActionFieldFactory()
    factories.FocusAreaFactory(action_field=field, number=1, title="Nachwuchs")
    data = action_field_data(field) | {"focusarea-0-title": "Nachwuchsförderung"}

    editor_client.post(url("actionfield-update", field.pk), data)

    page = editor_client.get(url("actionfield-detail", field.pk)).content.decode()
    assert "Titel: <del>Nachwuchs</del> → <ins>Nachwuchsförderung</ins>" in page


def test_editors_cannot_remove_focus_areas(editor_client):
    field = factories.ActionFieldFactory()
    area = factories.FocusAreaFactory(action_field=field)

    form_page = editor_client.get(url("actionfield-update", field.pk)).content.decode()
    editor_client.post(url("actionfield-update", field.pk), action_field_data(field) | {"focusarea-0-DELETE": "on"})

    assert "focusarea-0-DELETE" not in form_page
    assert FocusArea.objects.filter(pk=area.pk).exists()


def test_a_focus_area_that_projects_name_is_not_removed(client, admin_user_role):
    client.force_login(admin_user_role)
    project = factories.ProjectFactory()
    area = factories.FocusAreaFactory(action_field=project.action_field)
    project.focus_areas.add(area)

    response = client.post(
        url("actionfield-update", project.action_field_id),
        action_field_data(project.action_field) | {"focusarea-0-DELETE": "on"},
    )

    assert response.status_code == 200
    assert FocusArea.objects.filter(pk=area.pk).exists()
    assert list(project.focus_areas.all()) == [area]


def test_two_focus_areas_with_the_same_number_are_refused(editor_client):
    field = factories.ActionFieldFactory()
    factories.FocusAreaFactory(action_field=field, number=1)
    data = action_field_data(field) | {
        "focusarea-TOTAL_FORMS": 2,
        "focusarea-1-number": 1,
        "focusarea-1-title": "Doppelt",
    }

    response = editor_client.post(url("actionfield-update", field.pk), data)

    assert response.status_code == 200
    assert field.focus_areas.count() == 1


def test_focus_areas_can_trade_numbers(editor_client):
    field = factories.ActionFieldFactory()
    factories.FocusAreaFactory(action_field=field, number=1, title="Image")
    factories.FocusAreaFactory(action_field=field, number=2, title="gemeinsame Identität")
    data = action_field_data(field) | {"focusarea-0-number": 2, "focusarea-1-number": 1}

    response = editor_client.post(url("actionfield-update", field.pk), data)

    assert response.status_code == 302
    assert list(field.focus_areas.values_list("number", "title")) == [(1, "gemeinsame Identität"), (2, "Image")]
    page = editor_client.get(url("actionfield-detail", field.pk)).content.decode()
    assert "Nummer: <del>1</del> → <ins>2</ins>" in page


def test_an_administrator_removes_a_focus_area_and_another_takes_its_number(client, admin_user_role):
    client.force_login(admin_user_role)
    field = factories.ActionFieldFactory()
    factories.FocusAreaFactory(action_field=field, number=1, title="Image")
    factories.FocusAreaFactory(action_field=field, number=2, title="Standortmarketing")
    data = action_field_data(field) | {"focusarea-0-number": 2, "focusarea-1-DELETE": "on"}

    response = client.post(url("actionfield-update", field.pk), data)

    assert response.status_code == 302
    assert list(field.focus_areas.values_list("number", "title")) == [(2, "Image")]
    history = client.get(url("actionfield-detail", field.pk)).context["focus_area_history"]
    assert ("Standortmarketing", FOCUS_AREA_CHANGES["-"]) in [(entry.title, entry.kind) for entry in history]


def test_a_second_action_field_with_the_same_slug_is_refused(editor_client):
    field = factories.ActionFieldFactory(slug="infrastruktur-raum")
    other = factories.ActionFieldFactory(strategy=field.strategy, title="Raum")

    response = editor_client.post(url("actionfield-update", other.pk), action_field_data(other, slug=field.slug))

    assert response.status_code == 200
    assert "existiert bereits" in str(response.context["form"].errors["slug"])
    other.refresh_from_db()
    assert other.slug != field.slug


def test_an_action_field_serves_only_goals_of_its_own_strategy(editor_client):
    field = factories.ActionFieldFactory()
    foreign_goal = factories.StrategicGoalFactory()

    response = editor_client.post(
        url("actionfield-update", field.pk), action_field_data(field, goals=[foreign_goal.pk])
    )

    assert response.status_code == 200
    assert "goals" in response.context["form"].errors
    assert not field.goals.exists()


def test_the_action_field_page_shows_its_goals_projects_and_findings(editor_client):
    project = factories.ProjectFactory(title="Gewerbeflächenpool")
    field = project.action_field
    goal = factories.StrategicGoalFactory(strategy=field.strategy, statement="Attraktiver Standort")
    field.goals.add(goal)
    finding = factories.FindingFactory(strategy=field.strategy, statement="Flächen fehlen")
    finding.action_fields.add(field)
    factories.ProjectFactory(strategy=field.strategy, action_field=field, title="Archiviert", is_archived=True)

    response = editor_client.get(url("actionfield-detail", field.pk))

    page = response.content.decode()
    assert "Gewerbeflächenpool" in page
    assert "Archiviert" not in page
    assert response.context["projects"] == [project]
    assert "Attraktiver Standort" in page
    assert "Flächen fehlen" in page


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


# Query counts ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("route", LIST_ROUTES)
def test_list_queries_do_not_grow_with_rows(committee_client, django_assert_max_num_queries, route):
    factory = FACTORIES[route.removesuffix("-list")]
    strategy = factories.StrategyFactory()
    make = factory if factory is factories.StrategyFactory else lambda **kw: factory(strategy=strategy, **kw)
    make()
    with CaptureQueriesContext(connection) as one:
        committee_client.get(url(route))
    for _index in range(10):
        make()

    with django_assert_max_num_queries(len(one)):
        assert committee_client.get(url(route)).status_code == 200


def _grow_strategy(strategy, count):
    for _index in range(count):
        field = factories.ActionFieldFactory(strategy=strategy)
        field.goals.add(factories.StrategicGoalFactory(strategy=strategy))
        factories.FocusAreaFactory(action_field=field)
        factories.ProjectFactory(strategy=strategy, action_field=field)
        phase = factories.PhaseFactory(strategy=strategy)
        phase.participation_events.add(factories.ParticipationEventFactory())


def test_strategy_page_queries_do_not_grow_with_its_structure(committee_client, django_assert_max_num_queries):
    strategy = factories.StrategyFactory()
    _grow_strategy(strategy, 1)
    with CaptureQueriesContext(connection) as one:
        committee_client.get(url("strategy-detail", strategy.pk))
    _grow_strategy(strategy, 10)

    with django_assert_max_num_queries(len(one)):
        assert committee_client.get(url("strategy-detail", strategy.pk)).status_code == 200


def _grow_action_field(field, count):
    for _index in range(count):
        area = factories.FocusAreaFactory(action_field=field)
        area.title += " (geändert)"
        area.save()
        field.goals.add(factories.StrategicGoalFactory(strategy=field.strategy))
        project = factories.ProjectFactory(
            strategy=field.strategy, action_field=field, lead_organisation=factories.OrganisationFactory()
        )
        project.focus_areas.add(area)
        finding = factories.FindingFactory(strategy=field.strategy, event=factories.ParticipationEventFactory())
        finding.action_fields.add(field)
        factories.ExternalInitiativeFactory(strategy=field.strategy).action_fields.add(field)
        field.participation_events.add(factories.ParticipationEventFactory())
        field.title = f"{field.title}!"
        field.save()


def test_action_field_page_queries_do_not_grow_with_its_contents(committee_client, django_assert_max_num_queries):
    field = factories.ActionFieldFactory()
    _grow_action_field(field, 1)
    with CaptureQueriesContext(connection) as one:
        committee_client.get(url("actionfield-detail", field.pk))
    _grow_action_field(field, 10)

    with django_assert_max_num_queries(len(one)):
        assert committee_client.get(url("actionfield-detail", field.pk)).status_code == 200


def test_action_field_form_queries_do_not_grow_with_focus_areas(editor_client, django_assert_max_num_queries):
    field = factories.ActionFieldFactory()
    factories.FocusAreaFactory(action_field=field)
    with CaptureQueriesContext(connection) as one:
        editor_client.get(url("actionfield-update", field.pk))
    factories.FocusAreaFactory.create_batch(10, action_field=field)
    field.goals.add(*factories.StrategicGoalFactory.create_batch(10, strategy=field.strategy))

    with django_assert_max_num_queries(len(one)):
        assert editor_client.get(url("actionfield-update", field.pk)).status_code == 200


@pytest.mark.parametrize("model_name", ["phase", "strategicgoal", "finding", "externalinitiative"])
def test_detail_queries_do_not_grow_with_related_rows(committee_client, django_assert_max_num_queries, model_name):
    obj = FACTORIES[model_name]()
    related = {
        "phase": lambda: obj.participation_events.add(factories.ParticipationEventFactory()),
        "strategicgoal": lambda: obj.action_fields.add(factories.ActionFieldFactory(strategy=obj.strategy)),
        "finding": lambda: obj.action_fields.add(factories.ActionFieldFactory(strategy=obj.strategy)),
        "externalinitiative": lambda: obj.action_fields.add(factories.ActionFieldFactory(strategy=obj.strategy)),
    }[model_name]
    related()
    with CaptureQueriesContext(connection) as one:
        committee_client.get(url(f"{model_name}-detail", obj.pk))
    for _index in range(10):
        related()

    with django_assert_max_num_queries(len(one)):
        assert committee_client.get(url(f"{model_name}-detail", obj.pk)).status_code == 200


def test_the_finding_figure_reads_as_the_paper_gives_it(editor_client):
    finding = factories.FindingFactory(figure=Decimal("190"), figure_qualifier="about", figure_unit="Unternehmen")

    page = editor_client.get(url("finding-detail", finding.pk)).content.decode()

    assert "rund 190 Unternehmen" in page
