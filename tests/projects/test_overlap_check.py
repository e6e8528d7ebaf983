"""The overlap check: an editor writing a project sees the most similar projects of the strategy and external
initiatives, with the words they share, on the project form and in the fragment its script fetches."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import roles
from projects.models import Project, ProjectLink
from projects.selectors.overlaps import ranked_in_python, similar_to
from projects.similarity import trigram_similarity
from tests import factories
from tests.projects import overlap_helpers
from tests.projects.overlap_helpers import project
from tests.projects.test_project_workspace import project_data

# Fixtures of overlap_helpers.py, named here for pytest to find; conftest.py says why they are not in it.
initiatives = overlap_helpers.initiatives

START_UP_NETWORK = "Start-up-Netzwerk für den Mittelstand"
OVERLAPS_URL = reverse("projects:project-overlaps")


def ranking(overlaps):
    return [(overlap.kind, overlap.object.pk) for overlap in overlaps]


# The ranking -------------------------------------------------------------------------------------------------------


def test_a_start_up_network_finds_the_start_up_project_first_with_the_shared_terms(seeded):
    overlaps = similar_to(seeded, START_UP_NETWORK)

    assert overlaps[0].object == project(seeded, 4)
    assert overlaps[0].shared_terms == ("Start-Ups", "Mittelständlern")
    assert overlaps[0].percent == 23


def test_unrelated_projects_do_not_show_for_the_start_up_network(seeded):
    numbers = [overlap.object.number for overlap in similar_to(seeded, START_UP_NETWORK)]

    assert numbers == [4, 7]  # the start-ups, then the company networks; not school, marketing or e-government


def test_the_python_similarity_gives_pg_trgm_s_value():
    # select similarity('Start-up-Netzwerk für den Mittelstand', 'Vernetzung junger Start-Ups mit Mittelständlern')
    # on PostgreSQL 15 with pg_trgm: 0.29032257 (9 of 31 trigrams).
    value = trigram_similarity(START_UP_NETWORK, "Vernetzung junger Start-Ups mit Mittelständlern")

    assert value == pytest.approx(9 / 31)
    assert value == pytest.approx(0.29032257, abs=1e-7)


QUERIES = [
    START_UP_NETWORK,
    "Fachkräfte aus dem Ausland gewinnen",
    "Internationale Schule",
    "KI für kleine Unternehmen",
    "Klimaschutz und Energieeffizienz in Unternehmen",
    "Digitale Verwaltung für Unternehmen",
    "Gemeinsame Kommunikation des Landkreises",
]


@pytest.mark.parametrize("query", QUERIES)
def test_the_database_ranks_like_the_python_fallback(seeded, initiatives, query):
    # On PostgreSQL similar_to asks pg_trgm; on SQLite it is the fallback itself. CI runs both.
    in_database = similar_to(seeded, query, limit=10)
    in_python = ranked_in_python(seeded, query, limit=10)

    assert ranking(in_database) == ranking(in_python)
    assert [o.score for o in in_database] == pytest.approx([o.score for o in in_python], abs=1e-6)
    assert [o.shared_terms for o in in_database] == [o.shared_terms for o in in_python]
    assert in_database  # every query finds something, so the comparison is not between two empty lists


def test_the_database_ranks_each_seed_project_s_neighbours_like_the_python_fallback(seeded, initiatives):
    for candidate in seeded.projects.all():
        text = f"{candidate.title} {candidate.summary}"
        in_database = similar_to(seeded, text, exclude_project=candidate, limit=10)

        assert ranking(in_database) == ranking(ranked_in_python(seeded, text, exclude_project=candidate, limit=10))
        assert candidate not in [overlap.object for overlap in in_database]


def test_external_initiatives_are_ranked_with_the_projects(seeded, initiatives):
    overlaps = similar_to(seeded, START_UP_NETWORK)

    assert ranking(overlaps)[:2] == [("initiative", initiatives["start-ups"].pk), ("project", project(seeded, 4).pk)]
    assert overlaps[0].shared_terms == ("Start-up-Förderung", "Netzwerk", "Mittelstand")


def test_archived_projects_and_other_strategies_are_left_out(seeded):
    Project.objects.filter(strategy=seeded, number=4).update(is_archived=True)
    other = factories.ProjectFactory(title="Vernetzung junger Start-Ups mit Mittelständlern")
    factories.ExternalInitiativeFactory(strategy=other.strategy, title=START_UP_NETWORK)

    numbers = [overlap.object.number for overlap in similar_to(seeded, START_UP_NETWORK)]

    assert numbers == [7]


def test_an_empty_text_finds_nothing(seeded):
    assert similar_to(seeded, "   ") == []


# The project form --------------------------------------------------------------------------------------------------


def test_the_create_form_asks_for_a_title_to_check(seeded, editor_client):
    response = editor_client.get(reverse("projects:project-create"))

    content = response.content.decode()
    assert "Ähnliche Vorhaben" in content
    assert "Geben Sie einen Titel oder eine Zusammenfassung ein" in content
    assert 'name="check_overlaps"' in content and "formnovalidate" in content
    assert 'aria-live="polite"' in content
    assert "js/overlaps.js" in content


def test_the_update_form_shows_the_matches_of_the_saved_text(seeded, editor_client):
    response = editor_client.get(reverse("projects:project-update", args=[project(seeded, 7).pk]))

    overlaps = response.context["overlap_check"]["overlaps"]
    assert [overlap.object.number for overlap in overlaps][:1] == [5]  # "Digitalisierung … für Unternehmen"
    assert project(seeded, 7) not in [overlap.object for overlap in overlaps]
    assert "Als Synergie/Dublette erfassen" in response.content.decode()


def test_the_update_form_marks_a_match_already_recorded(seeded, editor_client):
    edited = project(seeded, 7)
    ProjectLink.objects.create(project=project(seeded, 5), linked_project=edited, kind="synergy")

    content = editor_client.get(reverse("projects:project-update", args=[edited.pk])).content.decode()

    create_url = reverse("projects:projectlink-create", args=[edited.pk])
    assert "Überschneidung erfasst" in content
    assert f"{create_url}?projekt={project(seeded, 5).pk}" not in content
    assert f"{create_url}?projekt={project(seeded, 3).pk}" in content


def test_the_check_button_shows_the_matches_for_the_typed_text_and_saves_nothing(seeded, editor_client):
    data = project_data(strategy=seeded.pk, title=START_UP_NETWORK) | {"check_overlaps": "1"}

    response = editor_client.post(reverse("projects:project-create"), data)

    content = response.content.decode()
    assert response.status_code == 200
    assert Project.objects.filter(title=START_UP_NETWORK).count() == 0
    assert f'value="{START_UP_NETWORK}"' in content  # the typed input is kept
    assert content.index("Vernetzung junger Start-Ups") < content.index("Auf- und Ausbau von Unternehmensnetzwerken")
    assert "Gemeinsame Begriffe: Start-Ups, Mittelständlern" in content
    assert "Ähnlichkeit 23 %" in content
    assert "Es wurde noch nichts gespeichert" in content
    assert "Bitte korrigieren" not in content  # the missing number and action field are no error of a check


def test_the_check_button_on_the_update_form_leaves_the_project_unchanged(seeded, editor_client):
    edited = project(seeded, 2)
    data = project_data(edited, title=START_UP_NETWORK, summary="") | {"check_overlaps": "1"}

    response = editor_client.post(reverse("projects:project-update", args=[edited.pk]), data)

    edited.refresh_from_db()
    assert response.status_code == 200
    assert edited.title == "Machbarkeitsstudie Internationale Schule"
    assert edited.version == 1
    assert response.context["overlap_check"]["overlaps"][0].object == project(seeded, 4)


def test_saving_the_form_still_saves(seeded, editor_client):
    edited = project(seeded, 2)

    response = editor_client.post(
        reverse("projects:project-update", args=[edited.pk]), project_data(edited, title="Internationale Schule")
    )

    edited.refresh_from_db()
    assert response.status_code == 302
    assert edited.title == "Internationale Schule"


# The fragment the form's script fetches ------------------------------------------------------------------------------


def test_the_fragment_lists_the_matches_for_the_typed_text(seeded, editor_client):
    response = editor_client.get(OVERLAPS_URL, {"strategie": seeded.pk, "titel": START_UP_NETWORK})

    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert content.index("Vernetzung junger Start-Ups") < content.index("Auf- und Ausbau")
    assert "Gemeinsame Begriffe: Start-Ups, Mittelständlern" in content
    assert "erfassen" not in content  # a project not yet saved records no overlap


def test_the_fragment_for_a_saved_project_leaves_it_out_and_offers_to_record(seeded, editor_client):
    edited = project(seeded, 4)

    response = editor_client.get(
        OVERLAPS_URL, {"titel": edited.title, "zusammenfassung": edited.summary, "projekt": edited.pk}
    )

    content = response.content.decode()
    assert edited not in [overlap.object for overlap in response.context["overlap_check"]["overlaps"]]
    create_url = reverse("projects:projectlink-create", args=[edited.pk])
    assert f'href="{create_url}?projekt={project(seeded, 3).pk}"' in content


def test_the_fragment_is_for_editors_only(seeded, client, user_for_role):
    client.force_login(user_for_role(roles.COMMITTEE))
    assert client.get(OVERLAPS_URL, {"titel": START_UP_NETWORK}).status_code == 403
    client.force_login(user_for_role(roles.ADMIN))
    assert client.get(OVERLAPS_URL, {"titel": START_UP_NETWORK}).status_code == 200


def test_the_fragment_keeps_its_query_count(seeded, editor_client, django_assert_num_queries):
    query = {"strategie": seeded.pk, "titel": START_UP_NETWORK}
    with CaptureQueriesContext(connection) as few:
        editor_client.get(OVERLAPS_URL, query)
    factories.ExternalInitiativeFactory.create_batch(10, strategy=seeded, description="Start-ups im Mittelstand")
    field = seeded.action_fields.first()
    for number in range(8, 18):
        factories.ProjectFactory(strategy=seeded, number=number, action_field=field, title="Netzwerk für Mittelstand")

    with django_assert_num_queries(len(few)):
        assert editor_client.get(OVERLAPS_URL, query).status_code == 200
