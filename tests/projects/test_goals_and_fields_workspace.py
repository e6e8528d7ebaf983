"""The office keeps the strategic goals and the action fields with their focus areas current in the workspace.
The paper expects the action fields to be adapted as conditions change; their pages show how they changed."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import FocusArea, StrategicGoal
from projects.views.strategy import FOCUS_AREA_CHANGES
from tests import factories
from tests.projects.strategy_helpers import url

DUPLICATE_GOAL = (
    "Strategisches Ziel mit diesem Wert für das Feld Strategie und Nummer existiert bereits."  # Django's own German
)


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
