"""Steering: the priority ranking with its what-if preview and saved weights, the flags and the staff capacity
per year."""

import datetime
import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts import roles
from projects.models import Project
from projects.selectors import priorities
from tests import factories
from tests.projects import priority_helpers
from tests.projects.priority_helpers import URL, add_ranked_projects, page, queries_for, section

# Fixtures of priority_helpers.py, named here for pytest to find; conftest.py says why they are not in it.
editor_client_for = priority_helpers.editor_client_for
field = priority_helpers.field
make_project = priority_helpers.make_project
strategy = priority_helpers.strategy

SUBJECT_ONLY = priorities.Weights(subject=1, resources=0, partners=0)
PARTNERS_HEAVY = priorities.Weights(subject=1, resources=1, partners=8)


@pytest.fixture
def three(make_project):
    """Alpha is strongest in its subject, Beta in the partners' willingness, Gamma is even."""
    return {
        "Alpha": make_project("Alpha", (5, 1, 1)),
        "Beta": make_project("Beta", (2, 1, 5)),
        "Gamma": make_project("Gamma", (3, 3, 3)),
    }


def ranking_titles(text):
    """The project titles of the ranking table, top to bottom."""
    table = text.split('class="table table-sm align-middle priority-table"')[1].split("</table>")[0]
    return re.findall(r'<th scope="row" class="fw-normal"><a href="[^"]+">\d+\. ([^<]+)</a>', table)


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


# Links and queries ---------------------------------------------------------------------------------------------------


def test_the_workspace_links_the_ranking_under_steering(editor_client_for, strategy):
    steering = (
        page(editor_client_for, reverse("reports:workspace")).split('id="steering-heading"')[1].split("</nav>")[0]
    )

    assert f'href="{URL}"' in steering and "Prioritäten und Kapazität" in steering


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
