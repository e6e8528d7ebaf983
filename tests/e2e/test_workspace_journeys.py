"""Staff, committee members, administrators and partners' project leads in a real browser."""

import io
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from accounts import roles
from projects.models import Project, StatusReport
from stakeholders.models import Organisation

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
    expect(page.get_by_role("region", name="Meilensteine")).to_contain_text("30.06.2026: Flächenkataster erstellt")
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


def test_committee_member_reads_the_dashboard_and_a_project_but_finds_nothing_to_change(
    seeded, person, login, page, live_server, shoot
):
    member = person(roles.COMMITTEE)
    project = seeded.projects.get(number=1)
    login(member, PASSWORD)

    page.get_by_role("link", name="Übersicht").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Übersicht")
    expect(page.get_by_role("heading", name="Projekte je Handlungsfeld und Status")).to_be_visible()
    expect(page.get_by_role("link", name="Bildung & Fachkräfte")).to_be_visible()
    shoot("committee-dashboard")

    page.goto(f"{live_server.url}/arbeitsbereich/projekte/{project.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(project.title)
    for action in ("Bearbeiten", "Sachstand melden", "Archivieren", "Löschen"):
        expect(page.get_by_role("link", name=action)).to_have_count(0)
        expect(page.get_by_role("button", name=action)).to_have_count(0)
    shoot("committee-project-detail")

    response = page.goto(f"{live_server.url}/arbeitsbereich/projekte/{project.pk}/bearbeiten/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Zugriff verweigert")
    shoot("committee-edit-forbidden")


def test_admin_downloads_the_project_list_as_excel_and_a_committee_paper_as_pdf(
    seeded, person, login, page, live_server, shoot
):
    admin = person(roles.ADMIN)
    login(admin, PASSWORD)

    page.goto(f"{live_server.url}/arbeitsbereich/projekte/")
    shoot("admin-project-list")
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel herunterladen").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    titles = {cell.value for row in sheet.iter_rows() for cell in row}
    assert "Werbung für den internationalen Arbeitsstandort Landkreis Ludwigsburg" in titles

    page.goto(f"{live_server.url}/arbeitsbereich/vorlagen/neu/")
    page.locator("#id_number").fill("AUT_30/2026")
    page.locator("#id_kind").select_option(label="Sachstandsbericht")
    page.locator("#id_title").fill("Zukunftsstrategie Wirtschaftsstandort – Sachstand 2026")
    page.locator("#id_decision_proposal").fill("Der Ausschuss nimmt den Sachstand zur Kenntnis.")
    page.locator("[name=consultation-0-position]").fill("1")
    page.locator("[name=consultation-0-body]").select_option(label="Ausschuss für Umwelt und Technik")
    page.locator("[name=consultation-0-competence]").select_option(label="Kenntnisnahme")
    shoot("admin-paper-create")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("AUT_30/2026")
    shoot("admin-paper-detail")

    with page.expect_download() as download:
        page.get_by_role("link", name="PDF herunterladen").click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    text = " ".join(page_.extract_text() for page_ in PdfReader(io.BytesIO(pdf)).pages)
    assert "AUT_30/2026" in text
    assert download.value.suggested_filename == "AUT_30-2026.pdf"


def test_partner_project_lead_submits_a_report_that_the_editor_publishes(
    seeded, person, login, page, live_server, shoot
):
    lead = person(roles.PROJECT_LEAD, first_name="Petra", last_name="Partner")
    mine = seeded.projects.get(number=4)
    mine.project_leads.add(lead)
    login(lead, PASSWORD)
    shoot("lead-workspace-home")

    page.goto(f"{live_server.url}/arbeitsbereich/projekte/")
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text(mine.title)
    shoot("lead-project-list")
    other = seeded.projects.get(number=1)
    assert page.goto(f"{live_server.url}/arbeitsbereich/projekte/{other.pk}/").status == 404
    page.go_back()

    rows.get_by_role("link").first.click()
    page.get_by_role("link", name="Sachstand melden").click()
    page.locator("#id_reported_on").fill("2026-11-20")
    page.locator("#id_traffic_light").select_option(label="gelb")
    page.locator("#id_progress").fill("40")
    page.locator("#id_achieved").fill("Erstes Matching von Start-ups und Mittelständlern")
    shoot("lead-status-report-create")
    page.get_by_role("button", name="Speichern").click()
    submitted = page.get_by_role("region", name="Sachstandsberichte").locator("tbody tr", has_text="20.11.2026")
    expect(submitted).to_contain_text("eingereicht")
    shoot("lead-project-detail-submitted")
    page.get_by_role("button", name="Abmelden").click()

    login(person(roles.EDITOR), PASSWORD)
    page.goto(f"{live_server.url}/arbeitsbereich/sachstaende/pruefen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Zur Prüfung eingereichte Sachstandsberichte")
    shoot("editor-review-list")
    page.locator("tr", has_text=mine.title).get_by_role("link", name="Prüfen").click()
    expect(page.locator("main")).to_contain_text("Erstes Matching von Start-ups und Mittelständlern")
    shoot("editor-review")
    page.get_by_role("button", name="Veröffentlichen").click()
    expect(page.get_by_role("status").first).to_contain_text("veröffentlicht")
    shoot("editor-review-list-after-publishing")

    page.goto(f"{live_server.url}/arbeitsbereich/projekte/{mine.pk}/")
    published = page.get_by_role("region", name="Sachstandsberichte").locator("tbody tr", has_text="20.11.2026")
    expect(published).to_be_visible()
    expect(published).not_to_contain_text("eingereicht")
    assert StatusReport.objects.get(project=mine, reported_on="2026-11-20").state == StatusReport.State.PUBLISHED


def test_two_editors_change_the_same_organisation_and_nothing_is_lost(
    seeded, person, login, page, browser, live_server, shoot
):
    """Two browser sessions open the same organisation; the second save is refused and shows who changed what."""
    first = person(roles.EDITOR, first_name="Erika", last_name="Muster")
    second = person(roles.EDITOR, first_name="Max", last_name="Zweiter")
    organisation = Organisation.objects.order_by("pk").first()
    edit = f"{live_server.url}/arbeitsbereich/organisationen/{organisation.pk}/bearbeiten/"
    login(first, PASSWORD)
    page.goto(edit)

    other = browser.new_context(locale="de-DE").new_page()
    other.goto(f"{live_server.url}/konto/login/")
    other.get_by_label("Benutzername").fill(second.username)
    other.get_by_label("Passwort").fill(PASSWORD)
    other.get_by_role("button", name="Anmelden").click()
    other.goto(edit)
    other.locator("#id_name").fill("Name von Max")
    other.get_by_role("button", name="Speichern").click()
    expect(other.get_by_text("wurde gespeichert")).to_be_visible()

    page.locator("#id_name").fill("Name von Erika")
    page.get_by_role("button", name="Speichern").click()

    expect(page.get_by_text("Inzwischen geändert: Max Zweiter hat")).to_be_visible()
    expect(page.locator("#id_name")).to_have_value("Name von Erika")
    shoot("stale-save-organisation")
    assert Organisation.objects.get(pk=organisation.pk).name == "Name von Max"

    page.get_by_role("button", name="Speichern").click()  # saved again after reading the changes
    expect(page.get_by_text("wurde gespeichert")).to_be_visible()
    assert Organisation.objects.get(pk=organisation.pk).name == "Name von Erika"
