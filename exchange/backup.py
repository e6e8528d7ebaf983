"""Backup and restore of the whole portal: a database dump and the strategy documents, held together by a manifest.

A backup is a new folder `portal-backup-<local time>/` holding
    database.dump          PostgreSQL: `pg_dump --format=custom`; SQLite (development): a copy by sqlite3's backup API
    strategy-<slug>.json   each strategy as its strategy document (docs/strategy-document.md), readable without the
                           portal and importable into any version that reads the format
    manifest.json          portal version, time, database vendor, applied migrations and the SHA-256 of every file
On PostgreSQL the dump and the documents are read from one snapshot, so they agree even while people keep working.
The folder appears under its final name only once it is complete. Uploaded documents are not part of it: they lie
in MEDIA_ROOT or the object store and are backed up with them (docs/deployment.md).

A restore checks the manifest and every checksum first, replaces the database's whole content with the dump and then
compares the restored database's strategy documents with the backed-up ones.
"""

import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import subprocess  # nosec B404 # pg_dump and pg_restore, with an argument list, never through a shell
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, cast

from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext as _

from exchange.document import export_document
from projects.models import Strategy
from strategy_portal.publication import Audience

if TYPE_CHECKING:
    from django.db.backends.postgresql.base import DatabaseWrapper as PostgresWrapper

FORMAT = "strategy-portal/backup"
VERSION = 1
MANIFEST = "manifest.json"
DUMP = "database.dump"
logger = logging.getLogger(__name__)
# The manifest, as written and read: a JSON object.
Manifest = dict[str, Any]


class BackupError(Exception):
    """A backup or restore that cannot go on; the message (German) names the file or folder concerned."""


# Backup ------------------------------------------------------------------------------------------------------------


def create_backup(parent: str | Path, *, using: str = "default") -> Path:
    """Write a new backup folder under `parent` and return its path."""
    parent = Path(parent)
    if not parent.is_dir():
        raise BackupError(_("%(path)s: the folder does not exist.") % {"path": parent})
    name = backup_name(parent)
    partial = parent / f".{name}.partial"
    partial.mkdir(mode=0o700)
    try:
        files = write_contents(partial, connections[using])
        write_json(partial / MANIFEST, manifest(connections[using], files))
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    folder = partial.rename(parent / name)
    logger.info("backup created", extra={"backup": str(folder), "files": sorted(files)})
    return folder


def backup_name(parent: Path) -> str:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    name, number = f"portal-backup-{stamp}", 1
    while (parent / name).exists():
        number += 1
        name = f"portal-backup-{stamp}-{number}"
    return name


def write_contents(folder: Path, connection: BaseDatabaseWrapper) -> dict[str, str]:
    """The dump and the strategy documents; returns {file name: SHA-256}."""
    if connection.vendor == "postgresql":
        # One snapshot for pg_dump and the export, so the documents describe exactly the dumped data.
        with transaction.atomic(using=connection.alias):
            snapshot = export_snapshot(connection)
            pg_dump(connection, folder / DUMP, snapshot)
            documents = strategy_documents()
    else:
        sqlite_copy(connection, folder / DUMP)
        documents = strategy_documents()
    for name, text in documents.items():
        (folder / name).write_text(text, encoding="utf-8")
    files: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        path.chmod(0o600)  # personal data: readable by the service account alone
        files[path.name] = sha256(path)
    return files


def strategy_documents() -> dict[str, str]:
    """{file name: strategy document as export_strategy writes it} for every strategy (reads the whole strategy).
    A backup is complete: the documents hold the personal data."""
    documents = {}
    for strategy in Strategy.objects.order_by("slug"):
        document = export_document(strategy, audience=Audience.ADMIN)
        documents[f"strategy-{strategy.slug}.json"] = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return documents


def manifest(connection: BaseDatabaseWrapper, files: dict[str, str]) -> Manifest:
    return {
        "format": FORMAT,
        "version": VERSION,
        "portal_version": portal_version(),
        "created_at": timezone.now().isoformat(),
        "database_vendor": connection.vendor,
        "migrations": applied_migrations(connection),
        "files": files,
    }


def portal_version() -> str:
    try:
        return version("strategy-portal")
    except PackageNotFoundError:
        return "unknown"


def applied_migrations(connection: BaseDatabaseWrapper) -> list[str]:
    """The migrations of this code base applied in the database, as "app.name" (stale rows of removed ones left out)."""
    loader = MigrationLoader(connection)
    return sorted(f"{app}.{name}" for app, name in loader.applied_migrations if (app, name) in loader.graph.nodes)


def code_migrations() -> list[str]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return sorted(f"{app}.{name}" for app, name in loader.graph.nodes)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def write_json(path: Path, data: Manifest) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    path.chmod(0o600)


# Checking a backup -------------------------------------------------------------------------------------------------


def verify_backup(folder: str | Path, *, using: str = "default") -> Manifest:
    """The manifest of a complete, unchanged backup that fits this database and code base, else BackupError."""
    folder = Path(folder)
    data = read_manifest(folder)
    for name, digest in data["files"].items():
        path = folder / name
        if not path.is_file():
            raise BackupError(_("%(path)s is missing: the backup is incomplete.") % {"path": path})
        if sha256(path) != digest:
            raise BackupError(
                _("%(path)s does not match its checksum in the manifest: the backup is damaged or was changed.")
                % {"path": path}
            )
    check_fits(folder, data, connections[using])
    return data


def read_manifest(folder: Path) -> Manifest:
    path = folder / MANIFEST
    if not folder.is_dir():
        raise BackupError(_("%(path)s: no such backup folder.") % {"path": folder})
    try:
        data: object = json.loads(path.read_text(encoding="utf-8"))  # anything, until checked
    except (OSError, ValueError) as error:
        raise BackupError(_("%(path)s cannot be read (%(error)s).") % {"path": path, "error": error}) from None
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(files, dict) or DUMP not in files:
        raise BackupError(_("%(path)s is not the manifest of a portal backup.") % {"path": path})
    if any(PurePath(name).name != name or name == MANIFEST for name in files):
        raise BackupError(_("%(path)s names files outside the backup folder.") % {"path": path})
    return data


def check_fits(folder: Path, data: Manifest, connection: BaseDatabaseWrapper) -> None:
    if data.get("database_vendor") != connection.vendor:
        raise BackupError(
            _("%(path)s is a backup of a %(backup)s database; this portal uses %(current)s.")
            % {"path": folder, "backup": data.get("database_vendor"), "current": connection.vendor}
        )
    if data.get("migrations") != code_migrations():
        raise BackupError(
            _(
                "%(path)s was made by another version of the portal (%(version)s, other migrations). Restore it with "
                "the version that made it, then update as usual (migrate)."
            )
            % {"path": folder, "version": data.get("portal_version")}
        )


# Restore -----------------------------------------------------------------------------------------------------------


def restore_backup(folder: str | Path, data: Manifest, *, using: str = "default") -> int:
    """Replace the database's content with a verified backup's dump, then compare the strategy documents.

    Returns the number of strategy documents compared.
    """
    folder = Path(folder)
    connection = connections[using]
    if connection.vendor == "postgresql":
        pg_restore(connection, folder / DUMP)
    else:
        sqlite_restore(connection, folder / DUMP)
    differing = differing_documents(folder, data)
    if differing:
        raise BackupError(
            _("The restored database does not match the backup %(path)s: %(files)s differ.")
            % {"path": folder, "files": ", ".join(differing)}
        )
    logger.info("backup restored", extra={"backup": str(folder)})
    return sum(1 for name in data["files"] if name.startswith("strategy-"))


def differing_documents(folder: Path, data: Manifest) -> list[str]:
    """The strategy documents of the backup that the database no longer gives (or gives but the backup lacks)."""
    names = [name for name in data["files"] if name.startswith("strategy-")]
    expected = {name: json.loads((folder / name).read_text(encoding="utf-8")) for name in names}
    current = {name: json.loads(text) for name, text in strategy_documents().items()}
    return sorted(name for name in expected.keys() | current.keys() if expected.get(name) != current.get(name))


# The database programs ---------------------------------------------------------------------------------------------


def export_snapshot(connection: BaseDatabaseWrapper) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        return cursor.fetchone()[0]


def pg_dump(connection: BaseDatabaseWrapper, path: Path, snapshot: str) -> None:
    program = pg_program("pg_dump", connection)
    run([program, "--format=custom", f"--file={path}", f"--snapshot={snapshot}"], connection)


def pg_restore(connection: BaseDatabaseWrapper, path: Path) -> None:
    program = pg_program("pg_restore", connection)
    connection.close()  # pg_restore drops and recreates the tables: no session of ours may hold them
    # One transaction: a restore that fails half-way leaves the database as it was.
    options = ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"]
    run([program, *options, str(path)], connection)


def pg_program(name: str, connection: BaseDatabaseWrapper) -> str:
    """The path of a PostgreSQL client program that can handle the server (pg_dump refuses newer servers)."""
    program = shutil.which(name)
    if program is None:
        raise BackupError(_("%(program)s was not found: install the PostgreSQL client programs.") % {"program": name})
    # bandit B603: an absolute program path and fixed arguments, no shell.
    output = subprocess.run([program, "--version"], capture_output=True, text=True, check=False).stdout  # nosec B603
    found = re.search(r"\)\s+(\d+)", output)
    client = int(found.group(1)) if found else 0
    server = cast("PostgresWrapper", connection).pg_version // 10000  # only ever run against PostgreSQL
    if client < server:
        raise BackupError(
            _(
                "%(program)s is version %(client)s, the database server version %(server)s: install the client "
                "programs of the server's version."
            )
            % {"program": program, "client": client, "server": server}
        )
    return program


def run(command: list[str], connection: BaseDatabaseWrapper) -> None:
    """Run a PostgreSQL client program against the connection's database; the password goes in the environment."""
    settings = connection.settings_dict
    command = [*command, "--no-password", f"--dbname={settings['NAME']}"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings.get(key):
            command.append(f"{option}={settings[key]}")
    environment = dict(os.environ)
    if settings.get("PASSWORD"):
        environment["PGPASSWORD"] = settings["PASSWORD"]
    if settings.get("OPTIONS", {}).get("sslmode"):
        environment["PGSSLMODE"] = settings["OPTIONS"]["sslmode"]
    # bandit B603: the program found by pg_program, arguments from the settings, no shell.
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)  # nosec B603
    if result.returncode != 0:
        raise BackupError(
            _("%(program)s failed (exit code %(code)s): %(error)s")
            % {"program": Path(command[0]).name, "code": result.returncode, "error": result.stderr.strip()}
        )


def sqlite_copy(connection: BaseDatabaseWrapper, path: Path) -> None:
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()


def sqlite_restore(connection: BaseDatabaseWrapper, path: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(path)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
