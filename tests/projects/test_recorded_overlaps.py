"""Recorded overlaps: an editor records a match as a synergy or a duplicate; it shows on both sides."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import ProjectLink
from tests.projects import overlap_helpers
from tests.projects.overlap_helpers import project

# Fixtures of overlap_helpers.py, named here for pytest to find; conftest.py says why they are not in it.
initiatives = overlap_helpers.initiatives

# Recorded overlaps -------------------------------------------------------------------------------------------------


def link_url(source, **query):
    url = reverse("projects:projectlink-create", args=[source.pk])
    return f"{url}?{'&'.join(f'{key}={value}' for key, value in query.items())}" if query else url


def test_the_record_page_starts_with_the_match_chosen(seeded, editor_client, initiatives):
    source = project(seeded, 4)

    by_project = editor_client.get(link_url(source, projekt=project(seeded, 7).pk))
    by_initiative = editor_client.get(link_url(source, initiative=initiatives["start-ups"].pk))

    assert by_project.context["form"]["linked_project"].value() == project(seeded, 7).pk
    assert by_initiative.context["form"]["external_initiative"].value() == initiatives["start-ups"].pk


def test_a_recorded_synergy_shows_on_both_projects(seeded, editor_client):
    source, target = project(seeded, 4), project(seeded, 7)

    response = editor_client.post(
        link_url(source), {"linked_project": target.pk, "kind": "synergy", "note": "Gemeinsamer Netzwerkabend"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("projects:project-detail", args=[source.pk])
    for page, other in ((source, target), (target, source)):
        content = editor_client.get(reverse("projects:project-detail", args=[page.pk])).content.decode()
        section = content[content.index('id="overlaps-heading"') :]
        assert str(other) in section and "Synergie" in section and "Gemeinsamer Netzwerkabend" in section


def test_an_overlap_with_an_initiative_shows_on_the_project_and_the_initiative(seeded, editor_client, initiatives):
    source, initiative = project(seeded, 4), initiatives["start-ups"]

    editor_client.post(link_url(source), {"external_initiative": initiative.pk, "kind": "duplicate", "note": "Prüfen"})

    project_page = editor_client.get(reverse("projects:project-detail", args=[source.pk])).content.decode()
    initiative_page = editor_client.get(
        reverse("projects:externalinitiative-detail", args=[initiative.pk])
    ).content.decode()
    assert (
        "Dublette" in project_page
        and initiative.title in project_page
        and "Initiative, Region Stuttgart" in project_page
    )
    assert "Projekte mit Überschneidungen" in initiative_page
    assert str(source) in initiative_page and "Dublette" in initiative_page and "Prüfen" in initiative_page


def test_a_similar_project_already_recorded_is_not_offered_again(seeded, editor_client):
    source = project(seeded, 4)
    ProjectLink.objects.create(project=project(seeded, 3), linked_project=source, kind="synergy")

    response = editor_client.get(reverse("projects:project-detail", args=[source.pk]))

    offered = [overlap.object for overlap in response.context["similar_overlaps"]]
    assert project(seeded, 3) not in offered
    assert offered  # the others are still offered
    assert [link.other for link in response.context["overlap_links"]] == [project(seeded, 3)]


def test_the_reverse_of_a_recorded_pair_is_refused_at_the_field(seeded, editor_client):
    ProjectLink.objects.create(project=project(seeded, 4), linked_project=project(seeded, 7), kind="synergy")

    response = editor_client.post(
        link_url(project(seeded, 7)), {"linked_project": project(seeded, 4).pk, "kind": "duplicate"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["linked_project"] == ["Diese Überschneidung ist bereits erfasst."]
    assert ProjectLink.objects.count() == 1


def test_the_same_pair_twice_is_refused_at_the_field(seeded, editor_client, initiatives):
    source = project(seeded, 4)
    ProjectLink.objects.create(project=source, external_initiative=initiatives["start-ups"], kind="synergy")

    response = editor_client.post(
        link_url(source), {"external_initiative": initiatives["start-ups"].pk, "kind": "duplicate"}
    )

    assert response.context["form"].errors["external_initiative"] == ["Diese Überschneidung ist bereits erfasst."]
    assert ProjectLink.objects.count() == 1


def test_a_project_cannot_be_recorded_as_overlapping_with_itself(seeded, editor_client):
    source = project(seeded, 4)

    response = editor_client.post(link_url(source), {"linked_project": source.pk, "kind": "synergy"})

    assert response.status_code == 200
    assert "linked_project" in response.context["form"].errors
    assert "Bitte eine gültige Auswahl treffen" in response.context["form"].errors["linked_project"][0]
    assert not ProjectLink.objects.exists()


def test_an_overlap_needs_exactly_one_other_side(seeded, editor_client, initiatives):
    source = project(seeded, 4)
    both = {"linked_project": project(seeded, 7).pk, "external_initiative": initiatives["start-ups"].pk}

    for data in ({}, both):
        response = editor_client.post(link_url(source), data | {"kind": "synergy"})

        assert response.context["form"].non_field_errors() == [
            "Eine Überschneidung verbindet ein Projekt mit genau einem anderen Projekt oder genau einer externen "
            "Initiative."
        ]
    assert not ProjectLink.objects.exists()


def test_an_overlap_is_edited_and_deleted_from_the_project_page(seeded, editor_client):
    link = ProjectLink.objects.create(project=project(seeded, 4), linked_project=project(seeded, 7), kind="synergy")
    back = reverse("projects:project-detail", args=[link.project_id])

    edited = editor_client.post(
        reverse("projects:projectlink-update", args=[link.pk]),
        {"linked_project": link.linked_project_id, "kind": "duplicate", "note": "Doch dasselbe"},
    )
    link.refresh_from_db()
    deleted = editor_client.post(reverse("projects:projectlink-delete", args=[link.pk]))

    assert edited["Location"] == back and link.kind == "duplicate" and link.note == "Doch dasselbe"
    assert deleted["Location"] == back
    assert not ProjectLink.objects.exists()


def test_committee_reads_overlaps_but_gets_no_buttons(seeded, client, committee_user):
    ProjectLink.objects.create(project=project(seeded, 4), linked_project=project(seeded, 7), kind="synergy")
    client.force_login(committee_user)

    content = client.get(reverse("projects:project-detail", args=[project(seeded, 7).pk])).content.decode()

    assert "Überschneidungen" in content and str(project(seeded, 4)) in content
    assert "Überschneidung erfassen" not in content and "/ueberschneidungen/" not in content


def test_a_project_lead_sees_no_overlaps(seeded, client, project_lead_user):
    own = project(seeded, 4)
    own.project_leads.add(project_lead_user)
    ProjectLink.objects.create(project=own, linked_project=project(seeded, 7), kind="synergy")
    client.force_login(project_lead_user)

    content = client.get(reverse("projects:project-detail", args=[own.pk])).content.decode()

    assert client.get(reverse("projects:project-detail", args=[own.pk])).status_code == 200
    assert "Überschneidungen" not in content and "Unternehmensnetzwerken" not in content


def test_the_project_page_keeps_its_query_count_with_many_overlaps(
    seeded, editor_client, initiatives, django_assert_num_queries
):
    source = project(seeded, 4)
    url = reverse("projects:project-detail", args=[source.pk])
    ProjectLink.objects.create(project=source, linked_project=project(seeded, 1), kind="synergy")
    with CaptureQueriesContext(connection) as one:
        editor_client.get(url)
    for number in (2, 3):
        ProjectLink.objects.create(project=project(seeded, number), linked_project=source, kind="duplicate")
    for initiative in initiatives.values():
        ProjectLink.objects.create(project=source, external_initiative=initiative, kind="synergy")

    with django_assert_num_queries(len(one)):
        response = editor_client.get(url)
    assert len(response.context["overlap_links"]) == 6


def test_the_initiative_page_keeps_its_query_count_with_many_overlaps(
    seeded, editor_client, initiatives, django_assert_num_queries
):
    initiative = initiatives["start-ups"]
    url = reverse("projects:externalinitiative-detail", args=[initiative.pk])
    ProjectLink.objects.create(project=project(seeded, 1), external_initiative=initiative, kind="synergy")
    with CaptureQueriesContext(connection) as one:
        editor_client.get(url)
    for number in (2, 3, 4, 5):
        ProjectLink.objects.create(project=project(seeded, number), external_initiative=initiative, kind="synergy")

    with django_assert_num_queries(len(one)):
        response = editor_client.get(url)
    assert len(response.context["overlap_links"]) == 5
