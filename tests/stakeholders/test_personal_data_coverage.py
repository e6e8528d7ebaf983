"""DSGVO: the person's export (Art. 15) and erasure (Art. 17) cover every place their data is stored, the reminders
e-mailed to them included; a new model with personal fields fails here until its app registers its part
(stakeholders/personal_data.py). On PostgreSQL: after the erasure no trace of the e-mail is left in a data-only
pg_dump of the database."""

import io
import json
import shutil
import subprocess

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, models
from django.urls import reverse
from docx import Document

from oparl.serializers import paper_file, paper_file_key
from projects.models import Reminder
from reports.models import CommitteePaper
from reports.services import finalise_paper
from stakeholders.models import Person
from stakeholders.personal_data import covered_models
from stakeholders.services import erase_person, export_personal_data
from tests.factories import (
    DocumentFactory,
    MembershipFactory,
    MilestoneFactory,
    PaperAttachmentFactory,
    PersonFactory,
    ProjectFactory,
    StatusReportFactory,
    UserFactory,
)
from tests.projects.progress_helpers import D, project_in_implementation

ADDRESS = "henrike.spurlos@example.org"
NAME = "Henrike Spurlos"

# The rule for a personal field: a field that holds how to reach a person (an e-mail field, any field named email,
# phone or recipients: an address or a list of them), what the office notes about them (notes), the name of an uploaded
# file (often named after the person it concerns: original_name), or a link to a person (a foreign key or a
# many-to-many relation to Person: the model holds what the person is or was to it). Any other text that names the
# person or holds their address is found by the erasure's scan of every text (personal_data.mentions).
PERSONAL_FIELD_NAMES = {"email", "phone", "recipients", "notes", "original_name"}
# Reviewed: models with such fields that are not a stakeholder's data, and why.
NOT_A_STAKEHOLDERS_DATA = {
    "accounts.user": "the portal's own user accounts: deactivated in the user management, not erased as stakeholders",
}


def is_personal(field):
    return (
        isinstance(field, models.EmailField)
        or field.name in PERSONAL_FIELD_NAMES
        or (field.is_relation and field.related_model is Person)
    )


def models_with_personal_fields():
    """Every model, the historical ones (django-simple-history) included, with a personal field."""
    return {
        model._meta.label_lower
        for model in apps.get_models()
        if any(is_personal(field) for field in [*model._meta.concrete_fields, *model._meta.many_to_many])
    }


def test_the_rule_finds_the_models_with_personal_fields_known_today():
    found = models_with_personal_fields()

    assert {
        "stakeholders.person",
        "stakeholders.historicalperson",
        "stakeholders.membership",
        "stakeholders.historicalmembership",
        "projects.project",
        "projects.historicalproject",
        "projects.reminder",
        "projects.document",
        "reports.historicalpaperattachment",
        "accounts.user",
    } <= found


def test_every_model_with_personal_fields_is_covered_by_the_export_and_the_erasure():
    uncovered = models_with_personal_fields() - covered_models() - NOT_A_STAKEHOLDERS_DATA.keys()

    assert uncovered == set(), f"register a personal data part (stakeholders/personal_data.py) for: {sorted(uncovered)}"


def test_the_export_holds_the_seats_and_projects_the_person_had_before(db, admin_user_role):
    person = PersonFactory(name=NAME, email=ADDRESS)
    seat = MembershipFactory(person=person, body__name="Sounding Board", function="Sprecherin")
    seat.delete()  # the seat is gone, its versions are not
    project = ProjectFactory(title="Gründungsberatung", responsible_person=person)
    project.responsible_person = PersonFactory()
    project.save()

    data = export_personal_data(person=person, user=admin_user_role)

    assert data["memberships"] == []
    assert [(row["type"], row["function"]) for row in data["membership_history"]] == [
        ("created", "Sprecherin"),
        ("deleted", "Sprecherin"),
    ]
    assert [(row["title"], row["current"]) for row in data["responsible_projects"]] == [("Gründungsberatung", False)]


def reminded_person():
    """A person responsible for a project whose status report is due soon: reminded to them and to a project lead."""
    project = project_in_implementation(email=ADDRESS, leads=[UserFactory(email="lead@example.org")])
    Person.objects.filter(pk=project.responsible_person_id).update(name=NAME)
    StatusReportFactory(project=project, reported_on=D(2030, 2, 1))
    call_command("send_reminders", "--date", "2030-06-20", stdout=io.StringIO(), stderr=io.StringIO())
    assert Reminder.objects.get().recipients == f"{ADDRESS}, lead@example.org"
    return Person.objects.get(pk=project.responsible_person_id)


def test_the_export_lists_the_reminders_sent_to_the_person(db, admin_user_role):
    person = reminded_person()

    data = json.loads(json.dumps(export_personal_data(person=person, user=admin_user_role), default=str))

    (reminder,) = data["reminders"]
    assert reminder["kind"] == Reminder.Kind.REPORT_DUE
    assert reminder["period_start"] == "2030-04-01"
    assert ADDRESS in reminder["recipients"]


def test_the_erasure_removes_the_address_from_the_reminders_and_keeps_the_others(db, admin_user_role):
    person = reminded_person()

    erase_person(person=person, user=admin_user_role)

    assert Reminder.objects.get().recipients == "lead@example.org"


def test_the_erasure_page_says_the_reminders_stay_without_the_address(client, db, admin_user_role):
    person = reminded_person()
    client.force_login(admin_user_role)

    response = client.get(reverse("stakeholders:person-erase", args=[person.pk]))

    assert "1 Erinnerung an sie bleibt, ohne ihre E-Mail-Adresse." in response.content.decode()


def test_documents_and_attachments_named_after_the_person_are_exported_and_renamed_in_the_erasure(db, admin_user_role):
    person = reminded_person()
    document = DocumentFactory(title=f"Gesprächsnotiz {NAME}", original_name="Henrike_Spurlos_Notiz.pdf")
    document.title = f"Gesprächsnotiz {NAME} (korrigiert)"
    document.save()  # a second version in the history
    attachment = PaperAttachmentFactory(title="Stellungnahme", original_name="Stellungnahme-Henrike-Spurlos.pdf")
    DocumentFactory(title="Protokoll Henrike", original_name="henrike.pdf")  # the first name alone is not the person

    data = export_personal_data(person=person, user=admin_user_role)
    erase_person(person=person, user=admin_user_role)

    assert [row["file"] for row in data["documents"]] == ["Henrike_Spurlos_Notiz.pdf"]
    assert [row["file"] for row in data["paper_attachments"]] == ["Stellungnahme-Henrike-Spurlos.pdf"]
    anonymised = f"Anonymisierte Person #{person.pk}"
    document.refresh_from_db()
    attachment.refresh_from_db()
    assert document.title == f"Gesprächsnotiz {anonymised} (korrigiert)"
    assert document.original_name == f"{anonymised}_Notiz.pdf"
    assert attachment.original_name == f"Stellungnahme-{anonymised}.pdf"
    titles = set(document.history.values_list("title", flat=True))
    assert titles == {f"Gesprächsnotiz {anonymised}", f"Gesprächsnotiz {anonymised} (korrigiert)"}
    assert DocumentFactory._meta.model.objects.filter(title="Protokoll Henrike").exists()


def text_that_names_the_person(person, admin_user):
    """Texts elsewhere that name the person or hold their address: a milestone's note (with an earlier version), an
    attachment's title frozen into a finalised paper's snapshots, the admin log of that attachment and of the paper
    whose inline added it."""
    milestone = MilestoneFactory(project=person.responsible_projects.get(), note=f"Rückfrage an {ADDRESS.upper()}")
    milestone.note += f" (Termin mit {NAME})"
    milestone.save()
    attachment = PaperAttachmentFactory(title=f"Stellungnahme {NAME}")
    finalise_paper(paper=attachment.paper, user=admin_user)
    added = [{"added": {"name": "paper attachment", "object": str(attachment)}}]
    LogEntry.objects.log_actions(admin_user.pk, [attachment.paper], CHANGE, change_message=added)
    LogEntry.objects.log_actions(admin_user.pk, [attachment], CHANGE, change_message=[{"changed": {}}])
    return milestone, attachment


def test_every_other_text_that_names_the_person_is_exported_and_written_anew_in_the_erasure(db, admin_user_role):
    person = reminded_person()
    milestone, attachment = text_that_names_the_person(person, admin_user_role)
    homonym = PersonFactory(name=NAME, email="h.spurlos@example.com")  # another person of that name
    account = UserFactory(email=ADDRESS)  # a user account with the address: the user management's to decide
    others = MilestoneFactory(note=f"{NAME}berg GmbH, anna.{ADDRESS}")  # another name, another address

    data = export_personal_data(person=person, user=admin_user_role)
    erase_person(person=person, user=admin_user_role)

    found = {(row["model"], row["field"]) for row in data["mentions"]}
    assert {
        ("projects.milestone", "note"),
        ("projects.historicalmilestone", "note"),
        ("reports.committeepaper", "snapshot"),
        ("reports.committeepaper", "committee_snapshot"),
        ("admin.logentry", "object_repr"),
        ("admin.logentry", "change_message"),
    } <= found
    assert not {"stakeholders.person", "accounts.user"} & {model for model, field in found}
    assert [row["username"] for row in data["user_accounts"]] == [account.username]
    anonymised = f"Anonymisierte Person #{person.pk}"
    milestone.refresh_from_db()
    assert milestone.note.startswith("Rückfrage an ")
    assert ADDRESS not in milestone.note.lower()
    assert milestone.note.endswith(f"(Termin mit {anonymised})")
    assert all(ADDRESS not in note.lower() for note in milestone.history.values_list("note", flat=True))
    paper = attachment.paper
    paper.refresh_from_db()
    for snapshot in (paper.snapshot, paper.committee_snapshot):
        assert f"Stellungnahme {anonymised}" in [item["title"] for item in snapshot["attachments"]]
    texts = " ".join(f"{entry.object_repr} {entry.change_message}" for entry in LogEntry.objects.all())
    assert NAME not in texts
    assert f"Stellungnahme {anonymised}" in texts
    others.refresh_from_db()
    assert others.note == f"{NAME}berg GmbH, anna.{ADDRESS}"
    homonym.refresh_from_db()
    account.refresh_from_db()
    assert (homonym.name, account.email) == (NAME, ADDRESS)


def test_the_erasure_page_counts_the_other_texts_naming_the_person_and_the_user_accounts(client, db, admin_user_role):
    person = reminded_person()
    text_that_names_the_person(person, admin_user_role)
    client.force_login(admin_user_role)
    without_account = client.get(reverse("stakeholders:person-erase", args=[person.pk])).context["kept_links"]
    UserFactory(email=ADDRESS.upper())

    response = client.get(reverse("stakeholders:person-erase", args=[person.pk]))
    count = len(export_personal_data(person=person, user=admin_user_role)["mentions"])

    *_, sentence, account = response.context["kept_links"]
    assert len(without_account) == len(response.context["kept_links"]) - 1  # no sentence on accounts without one
    assert account.startswith("1 ")
    assert account in response.content.decode()
    assert count > 5
    assert sentence.startswith(f"{count} ")
    assert sentence in response.content.decode()


def test_the_erasure_lets_go_of_the_paper_files_rendered_from_the_old_snapshot(db, admin_user_role):
    person = reminded_person()
    _, attachment = text_that_names_the_person(person, admin_user_role)
    paper = CommitteePaper.objects.get(pk=attachment.paper_id)
    paper_file(paper, "docx")  # OParl renders the public file once and keeps it in the cache (in the database)
    old_key = paper_file_key(paper.pk, paper.snapshot, "docx")
    assert cache.get(old_key) is not None

    erase_person(person=person, user=admin_user_role)

    assert cache.get(old_key) is None
    paper.refresh_from_db()
    text = docx_text(paper_file(paper, "docx"))  # rendered anew from the snapshot written anew
    assert f"Stellungnahme Anonymisierte Person #{person.pk}" in text
    assert NAME not in text


def docx_text(body):
    document = Document(io.BytesIO(body))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([*(paragraph.text for paragraph in document.paragraphs), *cells])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump needs PostgreSQL (CI runs on it)")
@pytest.mark.django_db(transaction=True)
def test_after_the_erasure_a_data_only_dump_of_the_database_holds_no_trace_of_the_e_mail(client, admin_user_role):
    person = reminded_person()
    membership = MembershipFactory(person=person)
    DocumentFactory(title=f"Gesprächsnotiz {NAME}", original_name="Henrike_Spurlos.pdf")
    person.phone = "+49 7141 5550123"
    person.save()  # a second version in the history
    # The Django admin's log of an editor who added the seat in the body's page (an inline) and changed it since.
    added = [{"added": {"name": "membership", "object": str(membership)}}]
    LogEntry.objects.log_actions(admin_user_role.pk, [membership.body], CHANGE, change_message=added)
    LogEntry.objects.log_actions(admin_user_role.pk, [membership], CHANGE, change_message=[{"changed": {}}])
    text_that_names_the_person(person, admin_user_role)  # a note, a finalised paper's snapshots, their admin log
    client.force_login(admin_user_role)
    assert client.get(reverse("stakeholders:person-export", args=[person.pk])).status_code == 200  # logged
    assert ADDRESS in dump()  # the control: the dump holds the address before the erasure

    response = client.post(reverse("stakeholders:person-erase", args=[person.pk]))

    assert response.status_code == 302
    text = dump()
    assert ADDRESS not in text.lower()
    assert NAME not in text


def dump():
    settings = connection.settings_dict
    command = [shutil.which("pg_dump") or "pg_dump", "--data-only", "--dbname", settings["NAME"]]
    command += ["--host", settings["HOST"] or "127.0.0.1", "--port", str(settings["PORT"] or 5432)]
    command += ["--username", settings["USER"] or "postgres"]
    env = {"PGPASSWORD": settings["PASSWORD"] or ""}
    return subprocess.run(command, capture_output=True, text=True, check=True, env=env).stdout
