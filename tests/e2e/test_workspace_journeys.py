"""Staff and committee members in a real browser."""

import pytest
from playwright.sync_api import expect

from accounts import roles
from projects.models import Project

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "ein-langes-testpasswort"


@pytest.fixture
def person(user_for_role):
    """A user of a role who logs in with PASSWORD."""

    def make(role, **fields):
        user = user_for_role(role, **fields)
        user.set_password(PASSWORD)
        user.save()
        return user

    return make


def test_editor_creates_a_project_posts_a_status_report_and_sees_the_history(
    seeded, person, login, page, live_server, shoot
):
    editor = person(roles.EDITOR, first_name="Erika", last_name="Muster")
    login(editor, PASSWORD)
    shoot("workspace-home")

    page.goto(f"{live_server.url}/arbeitsbereich/projekte/neu/")
    page.locator("#id_number").fill("8")
    page.locator("#id_title").fill("Gewerbeflächenpool")
    page.locator("#id_action_field").select_option(label="Infrastruktur & Raum")
    page.locator("[name=milestone-0-title]").fill("Flächenkataster erstellt")
    page.locator("[name=milestone-0-due_date]").fill("2026-06-30")
    partner = page.locator("#id_projectpartner-0-organisation-ts-control")
    partner.focus()
    page.keyboard.type("Bosch")
    page.locator(".ts-dropdown .option", has_text="Bosch").first.click()
    shoot("project-create")
    page.get_by_role("button", name="Speichern").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Gewerbeflächenpool")
    expect(page.get_by_text("Flächenkataster erstellt")).to_be_visible()
    expect(page.get_by_text("Bosch")).to_be_visible()
    shoot("project-detail")

    page.get_by_role("link", name="Sachstand melden").click()
    page.locator("#id_reported_on").fill("2026-11-20")
    page.locator("#id_traffic_light").select_option(label="grün")
    page.locator("#id_progress").fill("15")
    page.locator("#id_achieved").fill("Flächen der Kommunen erhoben")
    shoot("status-report-create")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("link", name="20.11.2026")).to_be_visible()

    page.get_by_role("link", name="Bearbeiten").click()
    page.locator("#id_title").fill("Gewerbeflächenpool Landkreis")
    page.get_by_role("button", name="Speichern").click()
    history = page.locator("#history-heading + ol")
    expect(history).to_contain_text("Gewerbeflächenpool Landkreis")
    expect(history).to_contain_text("Erika Muster")
    shoot("project-history")
    assert Project.objects.get(number=8).status_reports.count() == 1


def test_a_stale_save_is_refused_in_the_browser(seeded, person, login, page, live_server):
    editor = person(roles.EDITOR)
    project = seeded.projects.get(number=1)
    login(editor, PASSWORD)
    page.goto(f"{live_server.url}/arbeitsbereich/projekte/{project.pk}/bearbeiten/")

    Project.objects.filter(pk=project.pk).update(title="Inzwischen geändert", version=project.version + 1)
    page.locator("#id_title").fill("Meine Änderung")
    page.get_by_role("button", name="Speichern").click()

    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page.locator("#id_title")).to_have_value("Meine Änderung")
    assert Project.objects.get(pk=project.pk).title == "Inzwischen geändert"


def test_committee_member_reads_but_finds_nothing_to_change(seeded, person, login, page, live_server, shoot):
    member = person(roles.COMMITTEE)
    project = seeded.projects.get(number=1)
    login(member, PASSWORD)

    page.goto(f"{live_server.url}/arbeitsbereich/projekte/{project.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(project.title)
    expect(page.get_by_role("link", name="Bearbeiten")).to_have_count(0)
    shoot("committee-project-detail")

    response = page.goto(f"{live_server.url}/arbeitsbereich/projekte/{project.pk}/bearbeiten/")
    assert response.status == 403
