"""Steering: the priority ranking with its what-if preview and saved weights, the flags, the staff capacity per year,
the progress roll-up to action fields and goals, and the indicators' sparklines."""

import datetime
import html
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts import roles
from projects.models import Project, StatusReport
from projects.selectors import priorities, rollup
from projects.sparklines import sparkline
from tests import factories

URL = reverse("projects:priorities")
SUBJECT_ONLY = priorities.Weights(subject=1, resources=0, partners=0)
PARTNERS_HEAVY = priorities.Weights(subject=1, resources=1, partners=8)


@pytest.fixture
def strategy(db):
    return factories.StrategyFactory(
        is_featured=True,
        first_budget_year=2026,
        last_budget_year=2028,
        staff_days_capacity=100,
        annual_project_budget=Decimal("20000.00"),
    )


@pytest.fixture
def field(strategy):
    return factories.ActionFieldFactory(strategy=strategy)


@pytest.fixture
def make_project(strategy, field):
    def make(title, ratings=(None, None, None), **kwargs):
        subject, resources, partners = ratings
        return factories.ProjectFactory(
            strategy=strategy,
            action_field=kwargs.pop("action_field", field),
            title=title,
            priority_subject=subject,
            priority_resources=resources,
            priority_partners=partners,
            visibility=kwargs.pop("visibility", Project.Visibility.PUBLISHED),
            **kwargs,
        )

    return make


@pytest.fixture
def three(make_project):
    """Alpha is strongest in its subject, Beta in the partners' willingness, Gamma is even."""
    return {
        "Alpha": make_project("Alpha", (5, 1, 1)),
        "Beta": make_project("Beta", (2, 1, 5)),
        "Gamma": make_project("Gamma", (3, 3, 3)),
    }


def page(client, url=URL, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def ranking_titles(text):
    """The project titles of the ranking table, top to bottom."""
    table = text.split('class="table table-sm align-middle priority-table"')[1].split("</table>")[0]
    return re.findall(r'<th scope="row" class="fw-normal"><a href="[^"]+">\d+\. ([^<]+)</a>', table)


def section(text, heading_id):
    return text.split(f'id="{heading_id}"')[1].split("</section>")[0]


# The ranking --------------------------------------------------------------------------------------------------------


def test_with_subject_only_weights_the_strongest_subject_comes_first(strategy, three):
    ranked = list(priorities.ranking(strategy, SUBJECT_ONLY))

    assert [project.title for project in ranked] == ["Alpha", "Gamma", "Beta"]
    assert [project.score for project in ranked] == [Decimal("5.00"), Decimal("3.00"), Decimal("2.00")]


def test_with_partners_heavy_weights_the_most_willing_partners_come_first(strategy, three):
    ranked = [
        priorities.describe(project, strategy, PARTNERS_HEAVY)
        for project in priorities.ranking(strategy, PARTNERS_HEAVY)
    ]

    assert [project.title for project in ranked] == ["Beta", "Gamma", "Alpha"]
    beta = ranked[0]
    # (1·2 + 1·1 + 8·5) / 10 = 4.3, made of 0.2 + 0.1 + 4.0
    assert beta.score == Decimal("4.30")
    assert beta.parts == [Decimal("0.20"), Decimal("0.10"), Decimal("4.00")]


def test_the_score_is_rounded_half_up_to_two_decimals(strategy, make_project):
    make_project("Drittel", (2, 2, 3))  # 7 / 3 = 2.333…

    (project,) = priorities.ranking(strategy, priorities.Weights(1, 1, 1))

    assert priorities.describe(project, strategy, priorities.Weights(1, 1, 1)).score == Decimal("2.33")


def test_weights_that_are_all_zero_give_no_score():
    with pytest.raises(ValueError):
        priorities.Weights(0, 0, 0)


def test_projects_with_the_same_score_share_a_rank(strategy, make_project):
    make_project("Eins", (4, 4, 4))
    make_project("Auch eins", (4, 4, 4))
    make_project("Drei", (2, 2, 2))

    assert [project.rank for project in priorities.ranking(strategy, priorities.Weights(1, 1, 1))] == [1, 1, 3]


def test_projects_missing_a_rating_are_not_ranked_but_listed_as_not_yet_assessed(strategy, three, make_project):
    make_project("Halb bewertet", (4, None, 2))

    assert "Halb bewertet" not in [p.title for p in priorities.ranking(strategy, SUBJECT_ONLY)]
    assert [p.title for p in priorities.not_yet_assessed(strategy)] == ["Halb bewertet"]


@pytest.mark.parametrize(
    "change",
    [
        {"status": Project.Status.DROPPED},
        {"status": Project.Status.COMPLETED},
        {"is_archived": True},
    ],
)
def test_dropped_completed_and_archived_projects_are_not_ranked(strategy, make_project, change):
    make_project("Weg", (5, 5, 5), **change)
    make_project("Offen", (None, None, None), **change)

    assert not priorities.ranking(strategy, SUBJECT_ONLY).exists()
    assert not priorities.not_yet_assessed(strategy).exists()


def test_the_page_ranks_with_the_saved_weights(editor_client_for, strategy, three):
    strategy.weight_subject, strategy.weight_resources, strategy.weight_partners = 1, 0, 0
    strategy.save()

    text = page(editor_client_for)

    assert ranking_titles(text) == ["Alpha", "Gamma", "Beta"]
    assert "Vorschau:" not in text


def test_the_what_if_preview_reranks_without_saving(editor_client_for, strategy, three):
    subject_first = page(editor_client_for, gewicht_fachlich=1, gewicht_ressourcen=0, gewicht_partner=0)
    partners_first = page(editor_client_for, gewicht_fachlich=1, gewicht_ressourcen=1, gewicht_partner=8)

    assert ranking_titles(subject_first) == ["Alpha", "Gamma", "Beta"]
    assert ranking_titles(partners_first) == ["Beta", "Gamma", "Alpha"]
    assert "Die gespeicherten Gewichte sind unverändert." in partners_first
    assert "4,30" in partners_first  # Beta's score, the German way
    strategy.refresh_from_db()
    assert (strategy.weight_subject, strategy.weight_resources, strategy.weight_partners) == (1, 1, 1)


def test_only_an_administrator_is_offered_to_save_the_previewed_weights(client, user_for_role, strategy, three):
    params = {"gewicht_fachlich": 1, "gewicht_ressourcen": 1, "gewicht_partner": 8}
    client.force_login(user_for_role(roles.EDITOR))
    assert "Gewichte speichern" not in page(client, **params)

    client.force_login(user_for_role(roles.ADMIN))
    assert "Gewichte speichern" in page(client, **params)


def test_an_administrator_saves_weights_and_the_ranking_follows(client, user_for_role, strategy, three):
    client.force_login(user_for_role(roles.ADMIN))

    response = client.post(
        f"{URL}?strategie={strategy.pk}", {"gewicht_fachlich": 1, "gewicht_ressourcen": 1, "gewicht_partner": 8}
    )

    assert response.status_code == 302
    strategy.refresh_from_db()
    assert (strategy.weight_subject, strategy.weight_resources, strategy.weight_partners) == (1, 1, 8)
    text = page(client, response["Location"])
    assert "Die Gewichte wurden gespeichert" in text
    assert ranking_titles(text) == ["Beta", "Gamma", "Alpha"]


@pytest.mark.parametrize("role", [roles.EDITOR, roles.COMMITTEE, roles.PROJECT_LEAD])
def test_others_may_not_save_weights(client, user_for_role, strategy, three, role):
    client.force_login(user_for_role(role))

    response = client.post(URL, {"gewicht_fachlich": 0, "gewicht_ressourcen": 0, "gewicht_partner": 1})

    assert response.status_code == 403
    strategy.refresh_from_db()
    assert (strategy.weight_subject, strategy.weight_resources, strategy.weight_partners) == (1, 1, 1)


def test_anonymous_visitors_are_sent_to_the_login_page(client, strategy):
    response = client.post(URL, {"gewicht_fachlich": 1, "gewicht_ressourcen": 1, "gewicht_partner": 1})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    "weights, message",
    [
        ((0, 0, 0), "Mindestens ein Gewicht muss größer als 0 sein."),
        ((1, 11, 1), "Gewichte liegen zwischen 0 und 10."),
        ((1, -1, 1), "Gewichte liegen zwischen 0 und 10."),
        ((1, "", 1), "Bitte geben Sie ein Gewicht von 0 bis 10 ein."),
    ],
)
def test_invalid_weights_are_refused_with_a_german_message_and_nothing_changes(
    client, user_for_role, strategy, three, weights, message
):
    client.force_login(user_for_role(roles.ADMIN))
    data = dict(zip(["gewicht_fachlich", "gewicht_ressourcen", "gewicht_partner"], weights, strict=True))

    response = client.post(URL, data)

    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert message in text
    assert "Die Gewichte wurden nicht gespeichert" in text
    assert 'aria-invalid="true"' in text
    strategy.refresh_from_db()
    assert (strategy.weight_subject, strategy.weight_resources, strategy.weight_partners) == (1, 1, 1)
    assert ranking_titles(text) == ["Gamma", "Beta", "Alpha"]  # the saved weights 1, 1, 1


def test_an_invalid_preview_says_so_and_keeps_the_saved_ranking(editor_client_for, strategy, three):
    text = page(editor_client_for, gewicht_fachlich=11, gewicht_ressourcen=0, gewicht_partner=0)

    assert "Gewichte liegen zwischen 0 und 10." in text
    assert "Diese Gewichte können nicht verwendet werden" in text
    assert ranking_titles(text) == ["Gamma", "Beta", "Alpha"]


def test_the_page_shows_ratings_parts_score_and_not_yet_assessed_projects(editor_client_for, strategy, make_project):
    project = make_project("Alpha", (5, 1, 1))
    make_project("Ohne Partner", (3, 2, None))

    text = page(editor_client_for, gewicht_fachlich=2, gewicht_ressourcen=1, gewicht_partner=1)

    row = text.split(f'href="/arbeitsbereich/projekte/{project.pk}/"')[1].split("</tr>")[0]
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", row)
    # ratings 5 1 1, parts 10/4 1/4 1/4, score 12/4
    assert cells[:7] == ["5", "1", "1", "2,50", "0,25", "0,25", "3,00"]
    unassessed = section(text, "unassessed-heading")
    assert "Ohne Partner" in unassessed
    assert "Partner" in unassessed.split("Ohne Partner")[1]
    assert "Ohne Partner" not in ranking_titles(text)


def test_a_project_lead_sees_only_their_own_projects_and_no_capacity(client, user_for_role, strategy, three):
    lead = user_for_role(roles.PROJECT_LEAD)
    three["Beta"].project_leads.add(lead)
    client.force_login(lead)

    text = page(client)

    assert ranking_titles(text) == ["Beta"]
    assert "Sie sehen nur die Ihnen zugeordneten Projekte" in text
    assert "Personalkapazität pro Jahr" not in text


def test_another_strategy_can_be_chosen(editor_client_for, strategy, three):
    other = factories.StrategyFactory(title="Klimaschutzkonzept")
    factories.ProjectFactory(
        strategy=other, title="Solardächer", priority_subject=3, priority_resources=3, priority_partners=3
    )

    text = page(editor_client_for, strategie=other.pk)

    assert ranking_titles(text) == ["Solardächer"]
    assert f'<option value="{other.pk}" selected>Klimaschutzkonzept</option>' in text


# Flags ---------------------------------------------------------------------------------------------------------------


def test_needs_beyond_one_year_of_the_office_are_flagged(editor_client_for, strategy, make_project):
    make_project("Personalintensiv", (3, 3, 3), staff_days_per_year=101)
    make_project("Teuer", (2, 2, 2), required_amount=Decimal("20000.01"))
    make_project("Genau passend", (1, 1, 1), staff_days_per_year=100, required_amount=Decimal("20000.00"))
    make_project("Unbewertet teuer", required_amount=Decimal("50000.00"))

    text = page(editor_client_for)

    rows = {
        title: text.split(f"{title}</a>")[1].split("</tr>")[0]
        for title in ["Personalintensiv", "Teuer", "Genau passend", "Unbewertet teuer"]
    }
    assert "Personalbedarf übersteigt die Jahreskapazität" in rows["Personalintensiv"]
    assert "Geldbedarf übersteigt das Jahresbudget" not in rows["Personalintensiv"]
    assert "Geldbedarf übersteigt das Jahresbudget" in rows["Teuer"]
    assert "übersteigt" not in rows["Genau passend"]
    assert "Geldbedarf übersteigt das Jahresbudget" in rows["Unbewertet teuer"]


def test_without_a_capacity_or_budget_nothing_is_flagged(strategy, make_project):
    strategy.staff_days_capacity = None
    strategy.annual_project_budget = None
    project = make_project("Groß", (3, 3, 3), staff_days_per_year=500, required_amount=Decimal("1000000"))

    assert priorities.flags(project, strategy) == []


# Capacity per year ---------------------------------------------------------------------------------------------------


def test_planned_staff_days_per_year_are_held_against_the_capacity(strategy, make_project, django_assert_num_queries):
    make_project("Ohne Termine", staff_days_per_year=30)
    make_project(
        "Nur 2026",
        staff_days_per_year=50,
        planned_start=datetime.date(2026, 3, 1),
        planned_end=datetime.date(2026, 12, 31),
    )
    make_project("Ab Mitte 2027", staff_days_per_year=40, planned_start=datetime.date(2027, 6, 1))
    make_project(
        "Bis Januar 2026",
        staff_days_per_year=25,
        planned_start=datetime.date(2025, 1, 1),
        planned_end=datetime.date(2026, 1, 31),
    )
    make_project("Verworfen", staff_days_per_year=100, status=Project.Status.DROPPED)
    make_project("Archiviert", staff_days_per_year=100, is_archived=True)
    make_project(
        "Vorbei",
        staff_days_per_year=100,
        planned_start=datetime.date(2024, 1, 1),
        planned_end=datetime.date(2025, 12, 31),
    )
    make_project("Ohne Personalbedarf")
    factories.ProjectFactory(staff_days_per_year=100)  # another strategy

    with django_assert_num_queries(1):
        years = priorities.capacity_by_year(strategy)

    assert [(y.year, y.planned, y.difference, y.over_capacity) for y in years] == [
        (2026, 105, -5, True),
        (2027, 70, 30, False),
        (2028, 70, 30, False),
    ]


def test_the_page_flags_an_over_committed_year(editor_client_for, strategy, make_project):
    make_project("Groß", staff_days_per_year=60, planned_end=datetime.date(2026, 12, 31))
    make_project("Auch groß", staff_days_per_year=60, planned_end=datetime.date(2027, 6, 30))

    capacity = section(page(editor_client_for), "capacity-heading")

    rows = dict(re.findall(r'<th scope="row">(\d{4})</th>(.*?)</tr>', capacity, re.DOTALL))
    assert "120" in rows["2026"] and "−20" in rows["2026"] and "Kapazität überschritten" in rows["2026"]
    assert "60" in rows["2027"] and "+40" in rows["2027"] and "überschritten" not in rows["2027"]
    assert "+100" in rows["2028"]


def test_the_page_says_when_no_capacity_is_set(editor_client_for, strategy):
    strategy.staff_days_capacity = None
    strategy.save()

    assert "Für diese Strategie ist keine Jahreskapazität festgelegt." in page(editor_client_for)


# Progress roll-up ----------------------------------------------------------------------------------------------------


def report(project, progress, state=StatusReport.State.PUBLISHED, day=1):
    return factories.StatusReportFactory(
        project=project, progress=progress, state=state, reported_on=datetime.date(2026, 1, day)
    )


@pytest.fixture
def rollup_data(strategy, field, make_project):
    """Field 1: a top project at 100 %, an unassessed one without report, a low one at 50 % (its newer report is only
    submitted). Field 2: an even project at 20 %. The goal is served by both fields."""
    goal = factories.StrategicGoalFactory(strategy=strategy, number=1)
    other_field = factories.ActionFieldFactory(strategy=strategy)
    field.goals.add(goal)
    other_field.goals.add(goal)
    report(make_project("Spitze", (5, 5, 5)), 100)
    make_project("Unbewertet")
    low = make_project("Niedrig", (1, 1, 1))
    report(low, 50, day=1)
    report(low, 90, state=StatusReport.State.SUBMITTED, day=2)
    report(make_project("Verworfen", (5, 5, 5), status=Project.Status.DROPPED), 0)
    report(make_project("Mittel", (3, 3, 3), action_field=other_field), 20)
    return {"goal": goal, "field": field, "other_field": other_field}


def test_an_action_fields_progress_is_weighted_by_priority(strategy, rollup_data):
    field = rollup_data["field"]
    listed = rollup.Rollup.of(rollup.weighted_projects(strategy, Project.objects.filter(action_field=field)))
    summed = rollup.progress_rollup(strategy, Project.objects.all()).for_field(field.pk)

    # (100·5 + 0·1 + 50·1) / 7 = 78.57…; unweighted it would be 50
    assert listed.progress == summed.progress == Decimal("78.6")
    assert summed.percent == 79
    assert [(item.project.title, item.progress, item.weight, item.assessed) for item in listed.items] == [
        ("Spitze", 100, Decimal("5.00"), True),
        ("Unbewertet", 0, Decimal("1.00"), False),
        ("Niedrig", 50, Decimal("1.00"), True),
    ]


def test_a_goals_progress_weighs_the_projects_of_every_field_serving_it(strategy, rollup_data):
    progress = rollup.progress_rollup(strategy, Project.objects.all())

    # (500 + 0 + 50 + 20·3) / (5 + 1 + 1 + 3) = 61
    assert progress.for_goal(rollup_data["goal"].pk).percent == 61


def test_the_roll_up_uses_the_saved_weights(strategy, make_project):
    field = factories.ActionFieldFactory(strategy=strategy)
    report(make_project("Fachlich stark", (5, 1, 1), action_field=field), 100)
    report(make_project("Partner stark", (1, 1, 5), action_field=field), 0)

    def percent(weights):
        strategy.weight_subject, strategy.weight_resources, strategy.weight_partners = weights
        strategy.save()
        return rollup.progress_rollup(strategy, Project.objects.all()).for_field(field.pk).percent

    assert percent((1, 0, 0)) == 83  # 100·5 / (5 + 1)
    assert percent((0, 0, 1)) == 17  # 100·1 / (1 + 5)


def test_a_field_or_goal_without_projects_has_no_progress(strategy, rollup_data):
    empty_goal = factories.StrategicGoalFactory(strategy=strategy, number=2)
    progress = rollup.progress_rollup(strategy, Project.objects.all())

    assert progress.for_goal(empty_goal.pk).progress is None
    assert progress.for_field(factories.ActionFieldFactory(strategy=strategy).pk).percent is None


def test_the_public_pages_show_the_weighted_progress_and_its_weighting(client, rollup_data):
    field_page = page(client, reverse("projects:public-actionfield", args=[rollup_data["field"].slug]))
    goal_page = page(client, reverse("projects:public-goal", args=[1]))
    home = page(client, "/")

    weighting = section(field_page, "progress-heading")
    assert "79\xa0%" in weighting and "gewichtet nach Priorität" in weighting
    rows = dict(re.findall(r"Projekt \d+: ([^<]+)</a></th>(.*?)</tr>", weighting, re.DOTALL))
    assert "100\xa0%" in rows["Spitze"] and "5,00" in rows["Spitze"]
    assert "noch kein Sachstand" in rows["Unbewertet"] and "noch nicht bewertet" in rows["Unbewertet"]
    assert "50\xa0%" in rows["Niedrig"] and "1,00" in rows["Niedrig"]
    assert "61\xa0%" in section(goal_page, "progress-heading")
    assert "Fortschritt: 79 % (gewichtet nach Priorität)" in goal_page  # the field's card
    assert 'class="sh-progress"' in home
    assert "Fortschritt: 61 % (gewichtet nach Priorität)" in home.split('class="strategiehaus-text"')[1]
    assert "Fortschritt: 79 % (gewichtet nach Priorität)" in home.split('class="strategiehaus-text"')[1]


def test_an_anonymous_visitor_gets_the_progress_of_published_projects_only(client, user_for_role, rollup_data):
    Project.objects.filter(title="Spitze").update(visibility=Project.Visibility.INTERNAL)
    url = reverse("projects:public-actionfield", args=[rollup_data["field"].slug])

    anonymous = section(page(client, url), "progress-heading")
    client.force_login(user_for_role(roles.COMMITTEE))
    committee = section(page(client, url), "progress-heading")

    assert "Spitze" not in anonymous and "25\xa0%" in anonymous  # (0·1 + 50·1) / 2
    assert "Spitze" in committee and "79\xa0%" in committee


# Sparklines ----------------------------------------------------------------------------------------------------------


@pytest.fixture
def indicator(make_project):
    project = make_project("Mit Kennzahl", (3, 3, 3))
    indicator = factories.IndicatorFactory(
        project=project, name="Teilnehmende", unit="", baseline=Decimal(0), target=Decimal(100)
    )
    factories.MeasurementFactory(indicator=indicator, measured_on=datetime.date(2026, 3, 15), value=Decimal("40.00"))
    factories.MeasurementFactory(indicator=indicator, measured_on=datetime.date(2025, 3, 15), value=Decimal("10.00"))
    return indicator


def test_a_sparkline_runs_from_the_oldest_to_the_newest_measurement_with_the_target_dashed(indicator):
    with translation.override("de"):
        line = sparkline(indicator, indicator.measurements.all())

    assert line.label == "Kennzahl Teilnehmende: zuletzt 40 von Ziel 100 (15.03.2026)"
    # 10 at the left and bottom, 40 at the right; the target 100 is the top.
    assert line.points == "4.0,28.0 116.0,20.0"
    assert line.last == ("116.0", "20.0")
    assert line.target_y == "4.0"


def test_a_sparkline_without_or_with_one_measurement_still_draws_sensibly(db):
    indicator = factories.IndicatorFactory(name="Anfragen", unit="Stück", target=Decimal("12.5"))
    with translation.override("de"):
        empty = sparkline(indicator, [])
        one = sparkline(
            indicator,
            [factories.MeasurementFactory.build(measured_on=datetime.date(2026, 1, 5), value=Decimal("12.50"))],
        )
        no_target = sparkline(factories.IndicatorFactory.build(name="Besuche", unit="", target=None), [])

    assert empty.points == "" and empty.last is None and empty.target_y == "16.0"
    assert empty.label == "Kennzahl Anfragen: noch kein Messwert, Ziel 12,5 Stück"
    assert one.last == ("60.0", "16.0")
    assert one.label == "Kennzahl Anfragen: zuletzt 12,5 von Ziel 12,5 Stück (05.01.2026)"
    assert no_target.label == "Kennzahl Besuche: noch kein Messwert" and no_target.target_y is None


def test_the_sparkline_appears_with_its_label_on_the_workspace_and_public_pages(client, editor_client_for, indicator):
    label = 'role="img" aria-label="Kennzahl Teilnehmende: zuletzt 40 von Ziel 100 (15.03.2026)"'
    urls = [
        reverse("projects:project-detail", args=[indicator.project.pk]),
        reverse("projects:indicator-detail", args=[indicator.pk]),
    ]
    for url in urls:
        assert label in page(editor_client_for, url)
    public = page(client, reverse("projects:public-project-detail", args=[indicator.project.slug]))
    assert label in public
    assert "<polyline" in public and 'class="sparkline-target"' in public


# Links and queries ---------------------------------------------------------------------------------------------------


def test_the_workspace_links_the_ranking_under_steering(editor_client_for, strategy):
    steering = (
        page(editor_client_for, reverse("reports:workspace")).split('id="steering-heading"')[1].split("</nav>")[0]
    )

    assert f'href="{URL}"' in steering and "Prioritäten und Kapazität" in steering


def add_ranked_projects(strategy, field, count):
    for index in range(count):
        project = factories.ProjectFactory(
            strategy=strategy,
            action_field=field,
            visibility=Project.Visibility.PUBLISHED,
            priority_subject=1 + index % 5,
            priority_resources=1 + (index + 1) % 5,
            priority_partners=None if index % 4 == 0 else 1 + (index + 2) % 5,
            staff_days_per_year=10 * index,
            required_amount=Decimal(1000 * index),
        )
        factories.StatusReportFactory(project=project, progress=index % 101)
        indicator = factories.IndicatorFactory(project=project)
        factories.MeasurementFactory.create_batch(1 + index % 3, indicator=indicator)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", [roles.EDITOR, roles.PROJECT_LEAD])
def test_the_ranking_page_runs_the_same_queries_with_2_and_with_30_projects(
    client, user_for_role, strategy, field, django_assert_num_queries, role
):
    user = user_for_role(role)
    client.force_login(user)
    add_ranked_projects(strategy, field, 2)
    Project.objects.exclude(priority_partners=None).get().project_leads.add(user)  # one ranked, whatever the role
    preview = f"{URL}?gewicht_fachlich=3&gewicht_ressourcen=0&gewicht_partner=1"
    counts = {url: queries_for(client, url) for url in (URL, preview)}

    add_ranked_projects(strategy, field, 28)
    for project in Project.objects.all():
        project.project_leads.add(user)
    for url, count in counts.items():
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("role", [None, roles.COMMITTEE])
def test_the_public_pages_with_progress_run_the_same_queries_with_2_and_with_30_projects(
    client, user_for_role, strategy, field, django_assert_num_queries, role
):
    if role:
        client.force_login(user_for_role(role))
    field.goals.add(factories.StrategicGoalFactory(strategy=strategy, number=1))
    add_ranked_projects(strategy, field, 2)
    first = Project.objects.order_by("pk").first()
    urls = ["/", "/ziele/1/", f"/handlungsfelder/{field.slug}/", f"/projekte/{first.slug}/"]
    counts = {url: queries_for(client, url) for url in urls}

    add_ranked_projects(strategy, field, 28)
    factories.MeasurementFactory.create_batch(10, indicator=first.indicators.first())
    factories.IndicatorFactory.create_batch(3, project=first)
    for url, count in counts.items():
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200


def test_the_workspace_project_page_runs_the_same_queries_with_more_indicators(
    editor_client_for, strategy, field, django_assert_num_queries
):
    add_ranked_projects(strategy, field, 1)
    project = Project.objects.get()
    url = reverse("projects:project-detail", args=[project.pk])
    count = queries_for(editor_client_for, url)

    for indicator in factories.IndicatorFactory.create_batch(5, project=project):
        factories.MeasurementFactory.create_batch(4, indicator=indicator)
    with django_assert_num_queries(count):
        assert editor_client_for.get(url).status_code == 200


@pytest.fixture
def editor_client_for(client, user_for_role):
    client.force_login(user_for_role(roles.EDITOR))
    return client
