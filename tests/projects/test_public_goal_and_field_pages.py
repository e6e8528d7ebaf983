"""The public pages of a strategic goal and of an action field, and the addresses that are not found."""

import datetime
import re

import pytest

from tests import factories
from tests.projects.public_strategy_helpers import ACTION_FIELDS, EMPTY_FIELD, GOALS, page_text
from tests.seed import seed_document

# Goal pages ----------------------------------------------------------------------------------------------------------


def test_goal_page_shows_the_statement_the_fields_serving_it_and_their_projects(client, seeded):
    page = page_text(client, "/ziele/2/")

    assert "<h1" in page and page.count("<h1") == 1
    assert "Strategisches Ziel 2" in page
    assert GOALS[2] in page
    assert "Handlungsfelder, die dieses Ziel unterstützen" in page
    slug = "vernetzung-wissenstransfer-gruendungsfoerderung"
    assert f'href="/handlungsfelder/{slug}/">{ACTION_FIELDS[slug]}</a>' in page
    assert "Kooperation mit der Wissenschaft" in page
    assert "Erleichterung des Zugangs von kleinen und mittelgroßen Unternehmen zu neuen Technologien" in page
    assert "Vernetzung junger Start-Ups mit Mittelständlern und Technologieführern" in page
    assert "Status: in Qualifizierung" in page
    assert "Noch kein Sachstandsbericht." in page
    assert "Machbarkeitsstudie Internationale Schule" not in page  # Bildung & Fachkräfte serves no goal in the seed


def test_goal_page_links_every_goal(client, seeded):
    page = page_text(client, "/ziele/1/")

    for number in (2, 3, 4):
        assert f'<a href="/ziele/{number}/">{GOALS[number]}</a>' in page
    assert f'<span aria-current="page" class="fw-semibold">{GOALS[1]}</span>' in page


def test_goal_page_of_a_goal_without_action_fields_says_so(client, seeded):
    seeded.goals.get(number=4).action_fields.clear()

    page = page_text(client, "/ziele/4/")

    assert "Noch kein Handlungsfeld unterstützt dieses Ziel." in page


# Action field pages --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", list(ACTION_FIELDS))
def test_action_field_page_shows_its_title_description_focus_areas_and_projects(client, seeded, slug):
    document = seed_document()
    field = next(field for field in document["action_fields"] if field["slug"] == slug)
    page = page_text(client, f"/handlungsfelder/{slug}/")

    assert f'<h1 class="h2 mb-3">{ACTION_FIELDS[slug]}</h1>' in page
    assert field["description"] in page
    for area in field["focus_areas"]:
        assert f"<li>{area['title']}</li>" in page
    for project in document["projects"]:
        assert (project["title"] in page) == (project["action_field"] == slug)


def test_the_seven_projects_appear_on_their_fields_pages_linked_to_their_own_pages(client, seeded):
    for project in seed_document()["projects"]:
        page = page_text(client, f"/handlungsfelder/{project['action_field']}/")
        assert f'<a href="/projekte/{project["slug"]}/">Projekt {project["number"]}: {project["title"]}</a>' in page


def test_infrastruktur_und_raum_says_plainly_that_it_has_no_project(client, seeded):
    page = page_text(client, f"/handlungsfelder/{EMPTY_FIELD}/")

    assert "<strong>Noch kein Projekt.</strong> Diesem Handlungsfeld ist noch kein Projekt zugeordnet." in page
    assert "/projekte/?handlungsfeld=" not in page


def test_action_field_page_shows_the_goals_it_serves(client, seeded):
    page = page_text(client, "/handlungsfelder/ressourceneffizienz/")

    assert '<a href="/ziele/3/">Strategisches Ziel 3</a>: ' + GOALS[3] in page


def test_action_field_page_without_goals_says_so(client, seeded):
    page = page_text(client, "/handlungsfelder/bildung-fachkraefte/")

    assert "Dieses Handlungsfeld unterstützt noch kein strategisches Ziel." in page


def test_action_field_page_shows_the_findings_with_their_figures_as_the_paper_gives_them(client, seeded):
    network = page_text(client, "/handlungsfelder/vernetzung-wissenstransfer-gruendungsfoerderung/")
    skills = page_text(client, "/handlungsfelder/bildung-fachkraefte/")

    assert "Analyseergebnisse, die es stützen" in network
    assert '<p class="finding-figure mb-1">rund 75 %</p>' in network
    assert "Rund dreiviertel der befragten Unternehmen sehen sich von Transformationsprozessen" in network
    assert "Unternehmensbefragung" in network and '<time datetime="2025-02-25">25.02.2025</time>' in network
    assert '<p class="finding-figure mb-1">knapp 50 %</p>' in skills
    assert "offene Stellen nicht adäquat besetzen zu können" in skills
    assert "offene Stellen" not in network


def test_action_field_page_shows_the_traffic_light_of_the_newest_report_in_words(client, seeded):
    project = seeded.projects.get(number=3)
    factories.StatusReportFactory(project=project, reported_on=datetime.date(2025, 6, 1), traffic_light="green")
    factories.StatusReportFactory(project=project, reported_on=datetime.date(2025, 9, 1), traffic_light="amber",
                                  progress=30)  # fmt: skip

    page = page_text(client, "/handlungsfelder/vernetzung-wissenstransfer-gruendungsfoerderung/")

    assert re.search(r'<span class="badge traffic-light traffic-light-amber">.*Ampel: </span>gelb</span>', page)
    assert "traffic-light-green" not in page
    assert 'aria-valuenow="30"' in page
    assert "30\xa0%" in page and "01.09.2025" in page


# Not found -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/ziele/5/", "/ziele/0/", "/handlungsfelder/gibt-es-nicht/"])
def test_unknown_goals_and_action_fields_are_not_found(client, seeded, url):
    assert client.get(url).status_code == 404


def test_goals_and_action_fields_of_another_strategy_are_not_found(client, seeded):
    other = factories.StrategyFactory()
    factories.StrategicGoalFactory(strategy=other, number=7)
    factories.ActionFieldFactory(strategy=other, slug="klimaschutz")

    assert client.get("/ziele/7/").status_code == 404
    assert client.get("/handlungsfelder/klimaschutz/").status_code == 404


def test_goal_and_action_field_pages_are_not_found_without_a_featured_strategy(client, db):
    strategy = factories.StrategyFactory(is_featured=False)
    factories.StrategicGoalFactory(strategy=strategy, number=1)
    factories.ActionFieldFactory(strategy=strategy, slug="feld")

    assert client.get("/ziele/1/").status_code == 404
    assert client.get("/handlungsfelder/feld/").status_code == 404
