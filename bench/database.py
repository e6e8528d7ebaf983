"""The benchmark's own PostgreSQL database: recreated empty, migrated, the seed strategy and the demo accounts
loaded, static files collected (DEBUG is off: the pages link the collected, hashed files), then grown step by step
with synthetic projects."""

import datetime
import gc
import io
import time

import environ
import psycopg2
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import override_settings
from psycopg2 import sql

from bench.scale_data import PREFIX, SLUG_PREFIX, generate_scale_data, remove_scale_data, synthetic_projects
from projects.models import Document, Project
from stakeholders.models import District

# Dropping a database is only ever done to one whose name says it belongs to the benchmark.
NAME_PREFIX = "portal_bench"
DOCUMENT_BYTES = b"%PDF-1.4\n% benchmark\n%%EOF\n"


def database_config():
    return environ.Env.db_url_config(settings.BENCH_DATABASE_URL)


def server_connection(config):
    """A connection to the server's maintenance database `postgres`, outside any transaction."""
    conn = psycopg2.connect(
        dbname="postgres",
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        host=config["HOST"] or None,
        port=config["PORT"] or None,
    )
    conn.autocommit = True
    return conn


def database_exists():
    config = database_config()
    conn = server_connection(config)
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]])
            return cursor.fetchone() is not None
    finally:
        conn.close()


def recreate_database():
    config = database_config()
    name = config["NAME"]
    if not name.startswith(NAME_PREFIX):
        raise SystemExit(f"Refusing to drop {name!r}: the benchmark's database name must start with {NAME_PREFIX}.")
    connection.close()
    conn = server_connection(config)
    try:
        with conn.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        conn.close()


def prepare():
    """Migrate (with the cache table), import the seed strategy, create the demo accounts, collect static files, add
    one document."""
    quiet = io.StringIO()
    call_command("migrate", interactive=False, verbosity=0, stdout=quiet)
    call_command("createcachetable", verbosity=0)  # as `make serve` does (a no-op without a database cache)
    call_command("import_strategy", str(settings.SEED_DOCUMENT), stdout=quiet)
    # The demo accounts are refused in production; this database is a throw-away one for measuring.
    with override_settings(DEBUG=True):
        call_command("create_demo_accounts", stdout=quiet)
    call_command("collectstatic", interactive=False, verbosity=0, stdout=quiet)
    ensure_document()
    ensure_legislative_term()


def ensure_document():
    """One document (on a seed project, so that removing the synthetic projects is not blocked by it): the
    document pages have something to show."""
    if Document.objects.exists():
        return
    project = Project.objects.filter(strategy__is_featured=True).exclude(slug__startswith=SLUG_PREFIX).first()
    Document.objects.create(
        title=PREFIX + "Dokument für den Benchmark",
        file=ContentFile(DOCUMENT_BYTES, name="benchmark.pdf"),
        original_name="benchmark.pdf",
        content_type=Document.FileType.PDF,
        size=len(DOCUMENT_BYTES),
        project=project,
    )


def ensure_legislative_term():
    """One term of the district council (the office enters the real ones): the OParl term page has one to show."""
    district = District.objects.first()
    if district is not None and not district.terms.exists():
        district.terms.create(name=PREFIX + "Wahlperiode", start_date=datetime.date(2024, 7, 1))


def grow(size):
    """Make the database hold `size` synthetic projects (removing more first) and refresh the planner's
    statistics, as autovacuum would do on a live server. Returns the seconds that generating took."""
    if synthetic_projects().count() > size:
        remove_scale_data()
    started = time.monotonic()
    generate_scale_data(projects=size)
    seconds = time.monotonic() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    gc.collect()  # the generator's objects are garbage now: not to be collected during the measurements
    return seconds


def server_version():
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]
