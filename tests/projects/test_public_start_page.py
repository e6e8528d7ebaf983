"""The public start page with the Strategiehaus; and over all public strategy pages (start page, goal, action
field): who sees which project, and their query counts."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import Project, StatusReport
from tests import factories
from tests.projects.public_strategy_helpers import ACTION_FIELDS, EMPTY_FIELD, GOALS, page_text


def strategiehaus(page, shape="wide"):
    match = re.search(rf'<svg class="strategiehaus strategiehaus-{shape}".*?</svg>', page, re.DOTALL)
    assert match, f"no {shape} Strategiehaus on the page"
    return match.group(0)


def pillar_labels(svg):
    """{link: accessible name} of the pillars."""
    return dict(
        (href, label)
        for href, label in re.findall(r'<a class="sh-link sh-pillar[^"]*" href="([^"]+)" aria-label="([^"]+)"', svg)
    )


def goal_links(svg):
    return re.findall(r'<a class="sh-link sh-goal" href="([^"]+)"', svg)


def add_project(strategy, slug, **kwargs):
    field = strategy.action_fields.get(slug=slug)
    number = 100 + Project.objects.count()
    defaults = {"title": f"Testprojekt {number}", "slug": f"testprojekt-{number}"}
    return Project.objects.create(strategy=strategy, action_field=field, number=number, **(defaults | kwargs))


# The start page ------------------------------------------------------------------------------------------------------


def test_home_shows_the_background_when_the_strategy_has_no_vision(client, seeded):
    page = page_text(client, "/")

    assert "<h1" in page and page.count("<h1") == 1
    assert "hat der Kreistag im Jahr 2023 beschlossen, in einem partizipativen Prozess" in page
    assert "Kreiswirtschaftsförderung (L-01)" in page
    assert "Herbst 2025" in page


def test_home_shows_the_vision_instead_of_the_background_when_there_is_one(client, seeded):
    seeded.vision = "Ludwigsburg gestaltet den Wandel gemeinsam."
    seeded.save()

    page = page_text(client, "/")

    assert "Ludwigsburg gestaltet den Wandel gemeinsam." in page
    assert "in einem partizipativen Prozess" not in page


def test_home_names_the_four_goals_the_six_action_fields_and_their_focus_areas(client, seeded):
    page = page_text(client, "/")

    for statement in GOALS.values():
        assert statement in page
    for title in ACTION_FIELDS.values():
        assert title in page
    areas = ["Nachwuchsförderung", "internationale Fachkräftegewinnung", "kontinuierliche Weiterbildung"]
    areas += ["Flächenmanagement", "interkommunale Zusammenarbeit", "Weiterentwicklung der Infrastruktur"]
    for area in areas:
        assert f"<li>{area}</li>" in page


def test_the_strategiehaus_has_the_four_goals_as_roof_and_six_pillars_linked_to_their_pages(client, seeded):
    page = page_text(client, "/")

    for shape in ("wide", "narrow"):
        svg = strategiehaus(page, shape)
        assert goal_links(svg) == ["/ziele/1/", "/ziele/2/", "/ziele/3/", "/ziele/4/"]
        assert list(pillar_labels(svg)) == [f"/handlungsfelder/{slug}/" for slug in ACTION_FIELDS]
        assert 'viewBox="0 0 ' in svg
        title_id = re.search(r'aria-labelledby="([^"]+)"', svg).group(1)
        assert re.search(rf'<title id="{title_id}">[^<]+</title>', svg)


def test_the_strategiehaus_pillars_carry_focus_areas_project_counts_and_a_plain_gap(client, seeded):
    svg = strategiehaus(page_text(client, "/"))
    labels = pillar_labels(svg)

    assert labels["/handlungsfelder/bildung-fachkraefte/"].endswith("– 2 Projekte")
    assert labels["/handlungsfelder/ressourceneffizienz/"].endswith("– 1 Projekt")
    assert labels[f"/handlungsfelder/{EMPTY_FIELD}/"].endswith("– Noch kein Projekt")
    assert svg.count("sh-pillar-empty") == 1
    assert ">• Flächenmanagement</text>" in svg
    assert ">Noch kein Projekt</text>" in svg


def test_the_strategiehaus_has_a_text_alternative_with_the_same_links(client, seeded):
    page = page_text(client, "/")
    text = re.search(r'<details class="strategiehaus-text">.*?</details>', page, re.DOTALL).group(0)

    for number, statement in GOALS.items():
        assert f'<a href="/ziele/{number}/">{statement}</a>' in text
    for slug, title in ACTION_FIELDS.items():
        assert f'<a href="/handlungsfelder/{slug}/">{title}</a>' in text
    assert "<strong>Noch kein Projekt</strong>" in text


def test_home_counts_projects_by_status_and_lists_participants_per_event_as_reported(client, seeded):
    page = page_text(client, "/")

    assert '<p class="figure mb-2">7</p>' in page  # projects 1–7 of the paper
    assert '<a href="/projekte/?status=in_qualification">7 in Qualifizierung</a>' in page
    assert '<p class="figure mb-2">5</p>' in page  # kick-off, Strategiewerkstatt, survey, workshop, Zukunftswerkstatt
    for title, label in (("Kick-off-Veranstaltung", "über 60"), ("Strategiewerkstatt", "rund 40"),
                         ("Unternehmensbefragung", "rund 190"), ("Unternehmensworkshop", "15")):  # fmt: skip
        assert re.search(rf"<span>{title}</span> <span[^>]*>{label}</span>", page)
    # The paper's "rund 250 Stakeholder" is not in the data, and the events' counts are not added up into a total.
    text = re.sub(r"<svg.*?</svg>", "", page, flags=re.DOTALL)
    assert "250" not in text
    assert "305" not in text  # 60 + 40 + 190 + 15


def test_home_shows_the_phases_as_a_timeline_with_their_events(client, seeded):
    page = page_text(client, "/")

    phases = re.findall(r'<li class="process-phase process-phase-(\w+)"', page)
    assert phases == ["completed", "completed", "active", "planned"]
    assert 'process-phase-active" aria-current="step"' in page
    assert "3. Projektentwicklung" in page
    assert '<time datetime="2025-04-30">30.04.2025</time>' in page
    assert "(rund 40 Teilnehmende)" in page


# Who sees what -------------------------------------------------------------------------------------------------------


@pytest.fixture
def internal_project(seeded):
    return add_project(seeded, EMPTY_FIELD, title="Internes Gewerbeflächenkataster", visibility="internal")


def test_anonymous_visitors_do_not_see_an_internal_project_anywhere(client, seeded, internal_project):
    seeded.goals.get(number=1).action_fields.add(internal_project.action_field)
    home = page_text(client, "/")
    field = page_text(client, f"/handlungsfelder/{EMPTY_FIELD}/")
    goal = page_text(client, "/ziele/1/")

    for page in (home, field, goal):
        assert "Internes Gewerbeflächenkataster" not in page
    assert pillar_labels(strategiehaus(home))[f"/handlungsfelder/{EMPTY_FIELD}/"].endswith("Noch kein Projekt")
    assert '<p class="figure mb-2">7</p>' in home
    assert "Diesem Handlungsfeld ist noch kein Projekt zugeordnet." in field


def test_a_committee_member_sees_the_internal_project_marked_as_internal(
    client, seeded, internal_project, committee_user
):
    seeded.goals.get(number=1).action_fields.add(internal_project.action_field)
    client.force_login(committee_user)
    home = page_text(client, "/")
    field = page_text(client, f"/handlungsfelder/{EMPTY_FIELD}/")
    goal = page_text(client, "/ziele/1/")

    assert pillar_labels(strategiehaus(home))[f"/handlungsfelder/{EMPTY_FIELD}/"].endswith("– 1 Projekt")
    assert '<p class="figure mb-2">8</p>' in home
    assert '<a href="/projekte/?status=idea">1 Idee</a>' in home
    for page in (field, goal):
        assert "Internes Gewerbeflächenkataster" in page
        assert '<span class="badge text-bg-dark">Intern</span>' in page
    assert "Noch kein Projekt" not in field


@pytest.mark.parametrize("role", ["anonymous", "committee", "editor", "admin"])
def test_an_archived_project_never_shows(client, seeded, user_for_role, role):
    add_project(seeded, "bildung-fachkraefte", title="Archiviertes Fachkräfteprojekt", visibility="published",
                is_archived=True)  # fmt: skip
    if role != "anonymous":
        client.force_login(user_for_role(role))

    home = page_text(client, "/")
    field = page_text(client, "/handlungsfelder/bildung-fachkraefte/")

    assert "Archiviertes Fachkräfteprojekt" not in home
    assert "Archiviertes Fachkräfteprojekt" not in field
    assert pillar_labels(strategiehaus(home))["/handlungsfelder/bildung-fachkraefte/"].endswith("– 2 Projekte")


def test_projects_of_another_strategy_do_not_count(client, seeded):
    other = factories.ProjectFactory(visibility="published", title="Klimaschutzprojekt")

    home = page_text(client, "/")

    assert '<p class="figure mb-2">7</p>' in home
    assert other.title not in home


# Queries -------------------------------------------------------------------------------------------------------------


@pytest.fixture
def strategy_to_grow(db):
    """A featured strategy with a goal, three action fields serving it, a phase with an event and a finding."""
    strategy = factories.StrategyFactory(is_featured=True)
    goal = factories.StrategicGoalFactory(strategy=strategy, number=1)
    fields = factories.ActionFieldFactory.create_batch(3, strategy=strategy)
    for field in fields:
        field.goals.add(goal)
        factories.FocusAreaFactory(action_field=field)
    factories.PhaseFactory(strategy=strategy).participation_events.add(factories.ParticipationEventFactory())
    factories.FindingFactory(strategy=strategy).action_fields.add(fields[0])
    return strategy, fields


def add_projects(strategy, fields, count):
    for index in range(count):
        project = factories.ProjectFactory(
            strategy=strategy,
            action_field=fields[index % len(fields)],
            visibility=Project.Visibility.PUBLISHED if index % 2 else Project.Visibility.INTERNAL,
            status=Project.Status.values[index % len(Project.Status.values)],
        )
        factories.StatusReportFactory(project=project, traffic_light=StatusReport.TrafficLight.values[index % 3])


@pytest.mark.parametrize("role", ["anonymous", "committee"])
def test_query_counts_are_the_same_with_5_and_with_50_projects(
    client, strategy_to_grow, user_for_role, django_assert_num_queries, role
):
    strategy, fields = strategy_to_grow
    if role != "anonymous":
        client.force_login(user_for_role(role))
    urls = ["/", "/ziele/1/", f"/handlungsfelder/{fields[0].slug}/"]
    add_projects(strategy, fields, 5)
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[url] = len(queries)

    add_projects(strategy, fields, 45)
    for url in urls:
        with django_assert_num_queries(counts[url]):
            assert client.get(url).status_code == 200
