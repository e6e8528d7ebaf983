"""`manage.py backup` and `restore`: a dump plus the strategy documents, checked before and after a restore.

The tests replace the whole database's content, so they run outside a test transaction; on PostgreSQL (CI) they call
pg_dump and pg_restore against the test database.
"""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections

from budget.models import CarryOver
from budget.selectors import financing_table
from budget.services import carry_over, undo_carry_over
from exchange.backup import DUMP, MANIFEST, code_migrations, sha256, strategy_documents
from projects.models import Finding, Strategy
from stakeholders.models import Organisation, Person

pytestmark = pytest.mark.django_db(transaction=True)

SEED_DOCUMENT = "strategy-zukunftsstrategie-wirtschaftsstandort.json"


def backup(directory):
    out = io.StringIO()
    call_command("backup", str(directory), stdout=out)
    (folder,) = [path for path in directory.iterdir() if path.name.startswith("portal-backup-")]
    assert str(folder) in out.getvalue()
    return folder


def restore(folder, *options):
    out = io.StringIO()
    call_command("restore", str(folder), *options, stdout=out)
    return out.getvalue()


def change_the_data(strategy):
    """What a day's work (or an accident) does after the backup: an edit, a deletion and a new record."""
    Strategy.objects.filter(pk=strategy.pk).update(title="Versehentlich überschrieben")
    Finding.objects.filter(strategy=strategy, number=1).delete()
    Organisation.objects.create(name="Nach der Sicherung angelegt")


def rewrite_manifest(folder, change):
    path = folder / MANIFEST
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


@pytest.fixture
def seeded_backup(seeded, tmp_path):
    return backup(tmp_path)


def test_a_restore_brings_back_what_was_changed_and_deleted_after_the_backup(seeded, tmp_path):
    before = strategy_documents()
    folder = backup(tmp_path)
    change_the_data(seeded)
    assert strategy_documents() != before

    output = restore(folder, "--yes")

    assert strategy_documents() == before
    assert Strategy.objects.get().title == seeded.title
    assert Finding.objects.filter(strategy=seeded, number=1).exists()
    assert not Organisation.objects.filter(name="Nach der Sicherung angelegt").exists()
    assert f"Wiederhergestellt aus {folder}" in output


def carry_over_rows():
    """Every carry-over, undone or not, and every version in their history."""
    records = list(CarryOver.objects.order_by("pk").values_list("origin__year", "target__year", "amount", "undone_at"))
    history = list(CarryOver.history.order_by("history_id").values_list("id", "history_type", "undone_at"))
    return records, history


def test_a_restore_brings_back_the_carry_overs_with_their_history_and_the_same_figures(
    seeded, admin_user_role, tmp_path
):
    line_2025 = seeded.budget_lines.get(year=2025)
    undo_carry_over(carry_over(line=line_2025, user=admin_user_role), user=admin_user_role)
    carry_over(line=line_2025, user=admin_user_role)
    figures = [(line.year, line.available_amount) for line in financing_table(seeded).lines]
    before = carry_over_rows()
    folder = backup(tmp_path)
    undo_carry_over(CarryOver.objects.active().get(), user=admin_user_role)

    restore(folder, "--yes")

    assert carry_over_rows() == before
    assert len(before[0]) == 2
    assert [entry[1] for entry in before[1]] == ["+", "~", "+"]  # carried over, undone, carried over again
    assert [(line.year, line.available_amount) for line in financing_table(seeded).lines] == figures
    assert figures[:2] == [(2025, 0), (2026, 72577)]


def test_the_backup_holds_dump_documents_and_a_manifest_with_checksums(seeded, tmp_path):
    folder = backup(tmp_path)

    manifest = json.loads((folder / MANIFEST).read_text())
    assert sorted(path.name for path in folder.iterdir()) == sorted([DUMP, MANIFEST, SEED_DOCUMENT])
    assert manifest["database_vendor"] == connection.vendor
    assert manifest["migrations"] == code_migrations()
    assert manifest["portal_version"]
    assert manifest["created_at"]
    assert manifest["files"] == {name: sha256(folder / name) for name in (DUMP, SEED_DOCUMENT)}
    document = json.loads((folder / SEED_DOCUMENT).read_text())
    assert document == json.loads(strategy_documents()[SEED_DOCUMENT])
    assert folder.stat().st_mode & 0o077 == 0  # personal data: the service account alone may read it


def test_the_backups_strategy_document_holds_the_persons_personal_data(seeded, tmp_path):
    Person.objects.create(
        name="Erika Geheim", email="erika.geheim@example.org", phone="07141 987654321", notes="Nur intern",
        consent_date=datetime.date(2025, 3, 17), consent_scope="Newsletter",
    )  # fmt: skip

    document = json.loads((backup(tmp_path) / SEED_DOCUMENT).read_text())

    assert "personal_data" not in document
    (person,) = [person for person in document["persons"] if person["name"] == "Erika Geheim"]
    assert (person["email"], person["phone"], person["notes"]) == (
        "erika.geheim@example.org",
        "07141 987654321",
        "Nur intern",
    )
    assert (person["consent_date"], person["consent_scope"]) == ("2025-03-17", "Newsletter")


def test_without_yes_the_restore_is_refused_and_nothing_changes(seeded_backup, seeded):
    change_the_data(seeded)
    changed = strategy_documents()

    with pytest.raises(CommandError, match="Führen Sie den Befehl mit --yes erneut aus") as refused:
        restore(seeded_backup)

    assert str(seeded_backup) in str(refused.value)
    assert "bisher wurde nichts geändert" in str(refused.value)
    assert strategy_documents() == changed


def test_a_missing_backup_folder_is_named_in_the_message(db, tmp_path):
    missing = tmp_path / "portal-backup-gibt-es-nicht"

    with pytest.raises(CommandError, match="Der Sicherungsordner .* existiert nicht") as refused:
        restore(missing, "--yes")

    assert str(missing) in str(refused.value)


def test_a_changed_file_fails_its_checksum_and_nothing_is_restored(seeded_backup, seeded):
    tampered = seeded_backup / SEED_DOCUMENT
    tampered.write_text(tampered.read_text().replace("Ludwigsburg", "Stuttgart"))
    change_the_data(seeded)
    changed = strategy_documents()

    with pytest.raises(CommandError, match="stimmt nicht mit ihrer Prüfsumme im Manifest überein") as refused:
        restore(seeded_backup, "--yes")

    assert str(tampered) in str(refused.value)
    assert strategy_documents() == changed


def test_a_missing_dump_is_reported_with_its_path(seeded_backup):
    (seeded_backup / DUMP).unlink()

    with pytest.raises(CommandError, match="fehlt: Die Sicherung ist unvollständig") as refused:
        restore(seeded_backup, "--yes")

    assert str(seeded_backup / DUMP) in str(refused.value)


def test_a_manifest_that_is_no_json_object_is_refused_with_its_path(db, tmp_path):
    (tmp_path / MANIFEST).write_text("[]")

    with pytest.raises(CommandError, match="ist nicht das Manifest einer Sicherung des Portals") as refused:
        restore(tmp_path, "--yes")

    assert str(tmp_path / MANIFEST) in str(refused.value)


def test_a_backup_of_another_version_of_the_portal_is_refused(seeded_backup):
    rewrite_manifest(seeded_backup, lambda data: data["migrations"].append("projects.9999_from_the_future"))

    with pytest.raises(CommandError, match="mit einem anderen Versionsstand des Portals erstellt"):
        restore(seeded_backup, "--yes")


def test_a_restore_whose_result_differs_from_the_documents_fails(seeded_backup):
    """Were the dump and the documents out of step, the check after the restore says so."""
    document = seeded_backup / SEED_DOCUMENT
    document.write_text(document.read_text().replace('"Sommer 2024"', '"Herbst 2024"'))
    rewrite_manifest(seeded_backup, lambda data: data["files"].update({SEED_DOCUMENT: sha256(document)}))

    with pytest.raises(CommandError, match="stimmt nicht mit der Sicherung") as failed:
        restore(seeded_backup, "--yes")

    assert SEED_DOCUMENT in str(failed.value)


def test_a_backup_into_a_missing_folder_is_refused_with_its_path(db, tmp_path):
    missing = tmp_path / "nicht-da"

    with pytest.raises(CommandError, match="Der Ordner existiert nicht") as refused:
        call_command("backup", str(missing), stdout=io.StringIO())

    assert str(missing) in str(refused.value)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump belongs to PostgreSQL")
def test_a_pg_dump_older_than_the_server_is_refused_and_nothing_is_left_behind(db, tmp_path, monkeypatch):
    monkeypatch.setitem(connections["default"].__dict__, "pg_version", 990000)  # a PostgreSQL 99 server

    with pytest.raises(CommandError, match="der Datenbankserver die Version 99: Installieren Sie die Client-Programme"):
        call_command("backup", str(tmp_path), stdout=io.StringIO())

    assert list(tmp_path.iterdir()) == []
