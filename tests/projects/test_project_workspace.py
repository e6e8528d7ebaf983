"""The office edits projects and status reports in the workspace: nothing is lost, every change is recorded."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import roles
from projects.models import Project, StatusReport
from tests import factories

FORMSETS = ("projectpartner", "milestone", "indicator")


def project_data(project=None, **changes):
    """The POST of the project form as the browser sends it: the fields, the version seen and empty formsets."""
    data = {
        "strategy": project.strategy_id if project else "",
        "number": project.number if project else "",
        "title": project.title if project else "",
        "slug": project.slug if project else "",
        "summary": project.summary if project else "",
        "action_field": project.action_field_id if project else "",
        "kind": project.kind if project else "",
        "status": project.status if project else Project.Status.IDEA,
        "climate_impact": project.climate_impact if project else Project.ClimateImpact.NOT_ASSESSED,
        "visibility": project.visibility if project else Project.Visibility.INTERNAL,
        "seen_version": project.version if project else "",
    }
    for prefix in FORMSETS:
        initial = (
            getattr(project, {"projectpartner": "project_partners"}.get(prefix, f"{prefix}s")).count() if project else 0
        )
        data |= {f"{prefix}-TOTAL_FORMS": initial, f"{prefix}-INITIAL_FORMS": initial}
    for prefix, rows in _rows(project).items():
        for index, row in enumerate(rows):
            data |= {f"{prefix}-{index}-{key}": value for key, value in row.items()}
    return data | changes


def _rows(project):
    if project is None:
        return {}
    return {
        "projectpartner": [
            {"id": p.pk, "organisation": p.organisation_id, "role": p.role} for p in project.project_partners.all()
        ],
        "milestone": [
            {"id": m.pk, "title": m.title, "due_date": m.due_date.isoformat()} for m in project.milestones.all()
        ],
        "indicator": [{"id": i.pk, "name": i.name} for i in project.indicators.all()],
    }


@pytest.fixture
def editor_client(client, editor_user):
    client.force_login(editor_user)
    return client


def test_editor_creates_a_project_with_a_partner_and_a_milestone(seeded, editor_client):
    partner = factories.OrganisationFactory(name="Hochschule Ludwigsburg")
    field = seeded.action_fields.get(slug="infrastruktur-raum")
    data = project_data(
        strategy=seeded.pk, number=8, title="Gewerbeflächenpool", action_field=field.pk, summary="Flächen bündeln"
    ) | {
        "projectpartner-TOTAL_FORMS": 1,
        "projectpartner-0-organisation": partner.pk,
        "projectpartner-0-role": "Partner",
        "milestone-TOTAL_FORMS": 1,
        "milestone-0-title": "Flächenkataster erstellt",
        "milestone-0-due_date": "2026-06-30",
    }

    response = editor_client.post(reverse("projects:project-create"), data)

    project = Project.objects.get(number=8)
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:project-detail", args=[project.pk])
    assert project.slug == "gewerbeflachenpool"
    assert list(project.partners.values_list("name", flat=True)) == ["Hochschule Ludwigsburg"]
    assert project.milestones.get().due_date == datetime.date(2026, 6, 30)
    page = editor_client.get(response["Location"]).content.decode()
    assert "Flächenkataster erstellt" in page
    assert "30.06.2026" in page


def test_invalid_project_is_refused_at_the_field_and_nothing_is_saved(seeded, editor_client):
    project = seeded.projects.get(number=1)
    data = project_data(project, planned_start="2026-05-01", planned_end="2026-04-01", title="Geändert")

    response = editor_client.post(reverse("projects:project-update", args=[project.pk]), data)

    assert response.status_code == 200
    assert "Das Ende darf nicht vor dem Beginn liegen." in response.content.decode()
    project.refresh_from_db()
    assert project.title != "Geändert"


def test_duplicate_project_number_is_refused(seeded, editor_client):
    data = project_data(strategy=seeded.pk, number=1, title="Doppelt", action_field=seeded.action_fields.first().pk)

    response = editor_client.post(reverse("projects:project-create"), data)

    assert response.status_code == 200
    assert "existiert bereits" in response.content.decode()
    assert not Project.objects.filter(title="Doppelt").exists()


def test_edit_shows_in_the_history_with_who_and_what(seeded, editor_client, editor_user):
    project = seeded.projects.get(number=2)
    old_title = project.title

    editor_client.post(
        reverse("projects:project-update", args=[project.pk]), project_data(project, title="Internationale Schule")
    )

    page = editor_client.get(reverse("projects:project-detail", args=[project.pk])).content.decode()
    assert "Verlauf" in page
    assert str(editor_user) in page
    assert f"<del>{old_title}</del> → <ins>Internationale Schule</ins>" in page


def test_a_stale_save_is_refused_and_shows_what_changed_meanwhile(seeded, client, user_for_role):
    project = seeded.projects.get(number=3)
    first, second = user_for_role(roles.EDITOR), user_for_role(roles.EDITOR, first_name="Erika", last_name="Muster")
    stale_form = project_data(project, title="Titel von Person A")  # A opened the form at this version
    client.force_login(second)
    client.post(reverse("projects:project-update", args=[project.pk]), project_data(project, title="Titel von Erika"))

    client.force_login(first)
    response = client.post(reverse("projects:project-update", args=[project.pk]), stale_form)

    page = response.content.decode()
    assert response.status_code == 200
    assert f"Inzwischen geändert: Erika Muster hat „Projekt {project.number}: Titel von Erika“ geändert" in page
    assert f"Titel: {project.title} → Titel von Erika" in page
    assert 'value="Titel von Person A"' in page  # A's input is kept
    project.refresh_from_db()
    assert project.title == "Titel von Erika"


def test_saving_again_after_reviewing_the_changes_succeeds(seeded, editor_client):
    project = seeded.projects.get(number=3)
    stale = project_data(project, title="Neuer Titel")
    Project.objects.filter(pk=project.pk).update(version=project.version + 1)

    editor_client.post(reverse("projects:project-update", args=[project.pk]), stale)
    response = editor_client.post(
        reverse("projects:project-update", args=[project.pk]), stale | {"seen_version": project.version + 1}
    )

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Neuer Titel"


def test_an_earlier_version_can_be_restored(seeded, editor_client):
    project = seeded.projects.get(number=4)
    original = project.title
    editor_client.post(reverse("projects:project-update", args=[project.pk]), project_data(project, title="Falsch"))
    first_version = project.history.earliest("history_date")

    editor_client.post(reverse("projects:project-revert", args=[project.pk, first_version.history_id]))

    project.refresh_from_db()
    assert project.title == original
    assert project.history.count() == 3


def test_archived_project_leaves_the_list_and_can_be_restored(seeded, editor_client):
    project = seeded.projects.get(number=5)
    list_url = reverse("projects:project-list")

    def listed(**params):
        return project in editor_client.get(list_url, params).context["object_list"]

    editor_client.post(reverse("projects:project-archive", args=[project.pk]))
    assert not listed()
    assert listed(archiviert="1")

    editor_client.post(reverse("projects:project-archive", args=[project.pk]))
    assert listed()


def test_admin_cannot_delete_a_project_that_money_was_allocated_to(seeded, client, admin_user_role):
    project = seeded.projects.get(number=6)
    factories.AllocationFactory(project=project, budget_line=seeded.budget_lines.get(year=2025))
    client.force_login(admin_user_role)

    response = client.post(reverse("projects:project-delete", args=[project.pk]), follow=True)

    assert Project.objects.filter(pk=project.pk).exists()
    assert "kann nicht gelöscht werden" in response.content.decode()


def test_editor_cannot_delete_a_project(seeded, editor_client):
    project = seeded.projects.get(number=7)

    assert editor_client.post(reverse("projects:project-delete", args=[project.pk])).status_code == 403
    assert Project.objects.filter(pk=project.pk).exists()


def test_committee_member_reads_but_cannot_change(seeded, client, committee_user):
    project = seeded.projects.get(number=1)
    client.force_login(committee_user)

    assert client.get(reverse("projects:project-detail", args=[project.pk])).status_code == 200
    response = client.post(reverse("projects:project-update", args=[project.pk]), project_data(project, title="X"))

    assert response.status_code == 403
    project.refresh_from_db()
    assert project.title != "X"


def test_project_lead_sees_and_reports_only_on_assigned_projects(seeded, client, project_lead_user):
    mine, other = seeded.projects.get(number=1), seeded.projects.get(number=2)
    mine.project_leads.add(project_lead_user)
    client.force_login(project_lead_user)

    page = client.get(reverse("projects:project-list")).content.decode()
    assert mine.title in page
    assert other.title not in page
    assert client.get(reverse("projects:project-detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("projects:statusreport-create", args=[other.pk])).status_code == 404

    response = client.post(
        reverse("projects:statusreport-create", args=[mine.pk]),
        {"reported_on": "2026-11-20", "traffic_light": "green", "progress": 10, "achieved": "Auftakt"},
    )
    assert response.status_code == 302
    report = StatusReport.objects.get(project=mine)
    assert report.author == project_lead_user


def test_status_report_with_progress_over_100_is_refused(seeded, editor_client):
    project = seeded.projects.get(number=1)

    response = editor_client.post(
        reverse("projects:statusreport-create", args=[project.pk]),
        {"reported_on": "2026-11-20", "traffic_light": "amber", "progress": 120},
    )

    assert response.status_code == 200
    assert "Fortschritt" in response.content.decode()
    assert not StatusReport.objects.exists()


@pytest.mark.parametrize("url_name", ["projects:project-list", "projects:project-detail", "projects:project-update"])
def test_project_pages_keep_their_query_count(db, editor_client, django_assert_max_num_queries, url_name):
    project = factories.ProjectFactory()
    factories.MilestoneFactory(project=project)
    factories.StatusReportFactory(project=project)
    args = [] if url_name.endswith("list") else [project.pk]
    with CaptureQueriesContext(connection) as one:
        editor_client.get(reverse(url_name, args=args))

    for _ in range(8):
        factories.ProjectFactory(strategy=project.strategy, action_field=project.action_field)
        factories.MilestoneFactory(project=project)
        factories.StatusReportFactory(project=project)
        factories.ProjectPartnerFactory(project=project)
    with django_assert_max_num_queries(len(one)):
        assert editor_client.get(reverse(url_name, args=args)).status_code == 200
