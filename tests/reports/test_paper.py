"""The committee paper: composed from the data, previewed, finalised into a snapshot, compared with the last one."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budget.models import FundingSource
from projects.models import Project
from reports.models import CommitteePaper
from reports.paper import compose_paper, paper_content
from reports.services import finalise_paper
from strategy_portal.publication import Audience
from tests import factories

NBSP = "\N{NO-BREAK SPACE}"


@pytest.fixture
def seed_paper(seeded):
    return CommitteePaper.objects.get(number="AUT_18/2025")


def preview(client, paper, **params):
    return client.get(reverse("reports:committeepaper-preview", args=[paper.pk]), params).content.decode()


def test_compose_paper_reproduces_aut_18_2025(seed_paper):
    content = compose_paper(seed_paper, audience=Audience.PUBLIC)

    assert (content["number"], content["body"], content["meeting_date"]) == (
        "AUT_18/2025",
        "Ausschuss für Umwelt und Technik",
        "2025-05-26",
    )
    financing = content["financing"]
    assert (financing["available"], financing["required"], financing["shortfall"]) == (
        "72577.00",
        "132577.00",
        "60000.00",
    )
    projects = {field["short_title"]: [p["number"] for p in field["projects"]] for field in content["action_fields"]}
    assert len(projects) == 6
    assert sorted(number for numbers in projects.values() for number in numbers) == [1, 2, 3, 4, 5, 6, 7]
    assert projects["Infrastruktur & Raum"] == []
    assert projects["Bildung & Fachkräfte"] == [1, 2]
    assert len(content["events"]) == 5
    assert {"über 60", "rund 190"} <= {event["participants"] for event in content["events"]}
    assert content["consultations"][0]["competence"] == "Kenntnisnahme"
    assert content["changes"] is None


def test_preview_shows_the_paper_in_german(client, committee_user, seed_paper):
    client.force_login(committee_user)

    page = preview(client, seed_paper)

    assert page.startswith("<!DOCTYPE html>")
    for text in ("AUT_18/2025", "26.05.2025", f"72.577{NBSP}€", f"132.577{NBSP}€", "über 60", "rund 190"):
        assert text in page
    for project in seed_paper.strategy.projects.all():
        assert project.title in page
    assert "Änderungen seit der letzten Vorlage" not in page


def test_finalised_paper_keeps_its_content_when_the_data_changes(client, admin_user_role, seed_paper):
    client.force_login(admin_user_role)
    response = client.post(reverse("reports:committeepaper-finalise", args=[seed_paper.pk]))
    assert response.status_code == 302
    seed_paper.refresh_from_db()
    assert seed_paper.status == CommitteePaper.Status.FINALISED
    assert seed_paper.finalised_at is not None
    assert seed_paper.snapshot["financing"]["available"] == "72577.00"

    project = seed_paper.strategy.projects.get(number=1)
    old_title, project.title = project.title, "Ein ganz neuer Titel"
    project.save()
    FundingSource.objects.create(
        budget_line=seed_paper.strategy.budget_lines.get(year=2026), kind="plan", amount=Decimal("20000.00")
    )

    page = preview(client, seed_paper)
    assert old_title in page
    assert "Ein ganz neuer Titel" not in page
    assert f"72.577{NBSP}€" in page
    assert f"92.577{NBSP}€" not in page


def test_a_new_draft_shows_the_changes_since_the_last_paper(client, committee_user, admin_user_role, seed_paper):
    strategy = seed_paper.strategy
    finalise_paper(paper=seed_paper, user=admin_user_role)
    infrastructure = strategy.action_fields.get(short_title="Infrastruktur & Raum")
    factories.ProjectFactory(strategy=strategy, number=8, title="Gewerbeflächenpool", action_field=infrastructure)
    strategy.projects.filter(number=1).update(status=Project.Status.IN_IMPLEMENTATION)
    factories.StatusReportFactory(project=strategy.projects.get(number=3), traffic_light="amber")
    FundingSource.objects.create(budget_line=strategy.budget_lines.get(year=2026), kind="plan", amount=20000)
    draft = factories.CommitteePaperFactory(strategy=strategy, number="AUT_30/2025")

    # The new project is internal (a project's default): the committee's version tells of it.
    changes = paper_content(draft, Audience.COMMITTEE)["changes"]

    assert changes["since"] == "AUT_18/2025"
    assert changes["new_projects"] == ["Projekt 8: Gewerbeflächenpool"]
    assert changes["status_changes"] == ["Projekt 1: in Qualifizierung → in Umsetzung"]
    assert changes["traffic_light_changes"] == ["Projekt 3: – → gelb"]
    # The same euros as the paper's financing table and every page (strategy_portal.formatting.format_euro).
    assert changes["budget_changes"] == ["2026: Verfügbares Budget 0\N{NO-BREAK SPACE}€ → 20.000\N{NO-BREAK SPACE}€"]
    client.force_login(committee_user)
    page = preview(client, draft, fassung="ausschuss")
    assert "Änderungen seit der letzten Vorlage (AUT_18/2025)" in page
    assert "Projekt 8: Gewerbeflächenpool" in page
    public_page = preview(client, draft)
    assert "Änderungen seit der letzten Vorlage (AUT_18/2025)" in public_page
    assert "Gewerbeflächenpool" not in public_page


def test_editor_cannot_finalise_a_paper(client, editor_user, seed_paper):
    client.force_login(editor_user)

    response = client.post(reverse("reports:committeepaper-finalise", args=[seed_paper.pk]))

    assert response.status_code == 403
    seed_paper.refresh_from_db()
    assert seed_paper.status == CommitteePaper.Status.DRAFT


def test_admin_is_asked_to_confirm_before_finalising(client, admin_user_role, seed_paper):
    client.force_login(admin_user_role)

    response = client.get(reverse("reports:committeepaper-finalise", args=[seed_paper.pk]))

    assert response.status_code == 200
    seed_paper.refresh_from_db()
    assert seed_paper.status == CommitteePaper.Status.DRAFT


def test_a_paper_is_finalised_only_once(admin_user_role, seed_paper):
    finalise_paper(paper=seed_paper, user=admin_user_role)

    with pytest.raises(ValidationError):
        finalise_paper(paper=seed_paper, user=admin_user_role)


def test_finalised_paper_cannot_be_edited(client, editor_user, admin_user_role, seed_paper):
    finalise_paper(paper=seed_paper, user=admin_user_role)
    client.force_login(editor_user)
    detail = reverse("reports:committeepaper-detail", args=[seed_paper.pk])
    update = reverse("reports:committeepaper-update", args=[seed_paper.pk])

    assert client.get(update)["Location"] == detail
    response = client.post(update, {"title": "Geändert"})

    assert response.status_code == 302
    assert response["Location"] == detail
    seed_paper.refresh_from_db()
    assert seed_paper.title == "Zukunftsstrategie für den Wirtschaftsstandort"


def test_detail_page_offers_preview_and_finalise_to_the_admin(client, admin_user_role, seed_paper):
    client.force_login(admin_user_role)

    page = client.get(reverse("reports:committeepaper-detail", args=[seed_paper.pk])).content.decode()

    assert reverse("reports:committeepaper-preview", args=[seed_paper.pk]) in page
    assert reverse("reports:committeepaper-finalise", args=[seed_paper.pk]) in page
    assert "Ausschuss für Umwelt und Technik" in page


def test_editor_creates_a_paper_with_consultations(client, editor_user, seeded):
    client.force_login(editor_user)
    body = factories.BodyFactory()
    data = {
        "strategy": seeded.pk,
        "number": "AUT_30/2025",
        "kind": "status_report",
        "title": "Zukunftsstrategie",
        "decision_proposal": "Kenntnisnahme",
        **management_form("consultation", 1),
        "consultation-0-position": 1,
        "consultation-0-body": body.pk,
        "consultation-0-competence": "acknowledgement",
        "consultation-0-is_public": "on",
        **management_form("paperattachment", 0),
    }

    response = client.post(reverse("reports:committeepaper-create"), data)

    assert response.status_code == 302
    paper = CommitteePaper.objects.get(number="AUT_30/2025")
    assert paper.status == CommitteePaper.Status.DRAFT
    assert paper.consultations.get().body == body


def management_form(prefix, total):
    return {f"{prefix}-TOTAL_FORMS": total, f"{prefix}-INITIAL_FORMS": 0}


@pytest.mark.parametrize("audience", [Audience.PUBLIC, Audience.COMMITTEE])
def test_compose_paper_queries_do_not_grow_with_the_projects(db, audience):
    strategy = factories.StrategyFactory()
    field = factories.ActionFieldFactory(strategy=strategy)
    factories.BudgetLineFactory(strategy=strategy)
    paper = factories.CommitteePaperFactory(strategy=strategy)
    published = Project.Visibility.PUBLISHED
    for project in factories.ProjectFactory.create_batch(
        5, strategy=strategy, action_field=field, visibility=published
    ):
        factories.StatusReportFactory(project=project)
    with CaptureQueriesContext(connection) as five:
        assert len(compose_paper(paper, audience=audience)["action_fields"][0]["projects"]) == 5

    for project in factories.ProjectFactory.create_batch(
        45, strategy=strategy, action_field=field, visibility=published
    ):
        factories.StatusReportFactory(project=project)
    with CaptureQueriesContext(connection) as fifty:
        assert len(compose_paper(paper, audience=audience)["action_fields"][0]["projects"]) == 50

    assert len(fifty) == len(five)
