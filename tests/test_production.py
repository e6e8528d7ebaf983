"""The production profile: gunicorn, WhiteNoise with hashed and compressed static files, JSON logs, media storage."""

import contextlib
import json
import logging
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.urls import reverse
from pythonjsonlogger.json import JsonFormatter

from reports.render import _local_file
from strategy_portal.logs import JSON_FORMATTER
from tests.production import evaluate, manage, production_environment, run_python

# Static files ------------------------------------------------------------------------------------------------------

SERVE_STYLESHEET = """
import re
from django.test import Client
client = Client(HTTP_HOST="portal.example")
page = client.get("/impressum/", secure=True).content.decode()
stylesheet = re.search(r'href="(/static/css/portal\\.[0-9a-f]{12}\\.css)"', page).group(1)
served = client.get(stylesheet, secure=True, HTTP_ACCEPT_ENCODING="br, gzip")
result = {
    "stylesheet": stylesheet,
    "status": served.status_code,
    "encoding": served.headers.get("Content-Encoding"),
    "cache": served.headers.get("Cache-Control"),
}
"""


def test_collectstatic_writes_hashed_files_with_gzip_and_brotli_copies(production_static):
    hashed = [path for path in (production_static / "css").glob("portal.*.css") if len(path.suffixes) == 2]

    assert len(hashed) == 1
    assert hashed[0].with_name(hashed[0].name + ".gz").is_file()
    assert hashed[0].with_name(hashed[0].name + ".br").is_file()


def test_pages_name_the_hashed_files_and_whitenoise_serves_them_compressed_for_a_year(tmp_path, production_static):
    result = evaluate(tmp_path, SERVE_STYLESHEET, STATIC_ROOT=str(production_static))

    assert (production_static / result["stylesheet"].removeprefix("/static/")).is_file()
    assert result["status"] == 200
    assert result["encoding"] == "br"
    assert "max-age=315360000" in result["cache"]
    assert "immutable" in result["cache"]


def test_development_and_tests_need_no_collectstatic():
    assert settings.STORAGES["staticfiles"]["BACKEND"] == "django.contrib.staticfiles.storage.StaticFilesStorage"


def test_the_committee_paper_links_its_stylesheet_instead_of_an_inline_style():
    html = render_to_string("reports/paper_preview.html", {"content": {"number": "AUT_1/2025"}})

    assert '<link rel="stylesheet" href="/static/css/paper.css">' in html
    assert "<style" not in html


def test_the_pdf_renderer_finds_the_paper_stylesheet_in_development_and_production(production_static, settings):
    manifest = json.loads((production_static / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/paper.css"]
    settings.STATIC_ROOT = production_static

    assert _local_file("/static/css/paper.css").read_text().startswith("/* The committee paper")
    assert _local_file(f"/static/{hashed}") == (production_static / hashed).resolve()
    assert _local_file("/static/css/gibt-es-nicht.css") is None


# gunicorn ----------------------------------------------------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url, headers, seconds=60):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=5) as response:  # noqa: S310
                return response.status, response.read().decode()
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


@contextlib.contextmanager
def running_gunicorn(tmp_path, production_static, **overrides):
    """gunicorn as `make serve` starts it (gunicorn.conf.py), on a free local port, stopped afterwards."""
    port = free_port()
    environment = production_environment(
        tmp_path,
        STATIC_ROOT=str(production_static),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
        **overrides,
    )
    log = open(tmp_path / "gunicorn.log", "w+")  # noqa: SIM115 – read after the server stopped
    server = subprocess.Popen(
        [os.path.join(os.path.dirname(sys.executable), "gunicorn"), "strategy_portal.wsgi"],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield f"http://127.0.0.1:{port}", log
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()


@pytest.fixture
def gunicorn(tmp_path, production_static):
    with running_gunicorn(tmp_path, production_static) as (base, log):
        yield base, log


def test_gunicorn_serves_the_portal_and_logs_json_lines(gunicorn):
    base, log = gunicorn
    behind_the_balancer = {"Host": "portal.example", "X-Forwarded-Proto": "https"}

    assert wait_for(f"{base}/healthz", {"Host": "portal.example"}) == (200, "ok\n")
    status, page = wait_for(f"{base}/impressum/", behind_the_balancer)

    assert status == 200
    assert "Impressum" in page
    time.sleep(0.5)
    log.seek(0)
    lines = [json.loads(line) for line in log.read().splitlines() if line.strip()]
    assert any(line["logger"] == "gunicorn.error" and "Booting worker" in line["message"] for line in lines)
    requests = [line for line in lines if line["logger"] == "strategy_portal.requests"]
    assert [(line["method"], line["path"], line["status"]) for line in requests] == [("GET", "/impressum/", 200)]


# A database restart --------------------------------------------------------------------------------------------------

BEHIND_THE_BALANCER = {"Host": "portal.example", "X-Forwarded-Proto": "https"}


class RestartingDatabase:
    """A TCP proxy in front of the test database that can go down and come back as a restarting PostgreSQL does for
    its clients: `stop` drops every open connection and refuses new ones, `start` accepts them again."""

    def __init__(self, target):
        self.target, self.port = target, free_port()
        self.connections: list[socket.socket] = []
        self.listener: socket.socket | None = None

    def start(self):
        self.listener = socket.create_server(("127.0.0.1", self.port), reuse_port=True)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def stop(self):
        for open_socket in [self.listener, *self.connections]:  # shutdown also ends the listener's blocked accept
            with contextlib.suppress(OSError):
                open_socket.shutdown(socket.SHUT_RDWR)
            open_socket.close()
        self.connections.clear()

    def _accept(self, listener):
        with contextlib.suppress(OSError):  # the listener was closed: the database is down
            while True:
                client, _ = listener.accept()
                server = socket.create_connection(self.target)
                self.connections += [client, server]
                for source, sink in ((client, server), (server, client)):
                    threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)


def fetch(url):
    """Status, headers and body of a GET, also for an error status."""
    request = urllib.request.Request(url, headers=BEHIND_THE_BALANCER)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 – a local test server
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the production database is PostgreSQL (CI runs on it)")
def test_requests_are_answered_while_the_database_restarts_and_the_first_one_after_it_succeeds(
    tmp_path, production_static, db
):
    database = settings.DATABASES["default"]
    proxy = RestartingDatabase((database["HOST"] or "127.0.0.1", int(database["PORT"] or 5432)))
    proxy.start()
    url = f"postgres://{database['USER']}@127.0.0.1:{proxy.port}/{database['NAME']}"
    with running_gunicorn(tmp_path, production_static, DATABASE_URL=url) as (base, log):
        wait_for(f"{base}/healthz", BEHIND_THE_BALANCER)
        assert fetch(f"{base}/projekte/")[0] == 200  # the worker now holds a connection

        proxy.stop()
        for path in ("/projekte/", "/", "/projekte/"):
            status, headers, page = fetch(f"{base}{path}")
            assert (status, headers["Retry-After"]) == (503, "30"), page
            assert "<h1>Vorübergehend nicht erreichbar</h1>" in page
        assert fetch(f"{base}/healthz")[:3:2] == (503, "database unavailable\n")

        proxy.start()
        assert fetch(f"{base}/projekte/")[0] == 200

        # Restarted while no request ran: the worker's connection is dead, the next request must not find out.
        proxy.stop()
        proxy.start()
        assert fetch(f"{base}/projekte/")[0] == 200
    proxy.stop()


GUNICORN_SETTINGS = """
import runpy
config = runpy.run_path("gunicorn.conf.py")
result = {name: config[name] for name in ("workers", "bind", "timeout", "graceful_timeout", "wsgi_app")}
"""


def test_gunicorn_takes_workers_and_address_from_the_environment(tmp_path):
    result = evaluate(tmp_path, GUNICORN_SETTINGS, WEB_CONCURRENCY="3", GUNICORN_BIND="0.0.0.0:8000")

    assert result == {
        "workers": 3,
        "bind": "0.0.0.0:8000",
        "timeout": 60,
        "graceful_timeout": 30,
        "wsgi_app": "strategy_portal.wsgi:application",
    }


def test_gunicorn_workers_default_to_two_per_core_plus_one_at_most_eight(tmp_path):
    result = evaluate(tmp_path, GUNICORN_SETTINGS)

    assert result["workers"] == min(2 * os.cpu_count() + 1, 8)


# Logs --------------------------------------------------------------------------------------------------------------


def test_a_request_is_logged_as_one_json_line_with_method_path_status_and_duration(client, db, caplog):
    formatter = JsonFormatter(**{key: value for key, value in JSON_FORMATTER.items() if key != "()"})

    with caplog.at_level(logging.INFO, logger="strategy_portal.requests"):
        client.get(reverse("imprint"))

    (record,) = [record for record in caplog.records if record.name == "strategy_portal.requests"]
    line = json.loads(formatter.format(record))
    assert line.keys() >= {"time", "level", "logger", "message", "method", "path", "status", "duration_ms"}
    assert (line["level"], line["method"], line["path"], line["status"]) == ("INFO", "GET", "/impressum/", 200)
    assert line["duration_ms"] >= 0


def test_the_health_check_is_not_logged(client, db, caplog):
    with caplog.at_level(logging.INFO, logger="strategy_portal.requests"):
        client.get(reverse("healthz"))

    assert [record for record in caplog.records if record.name == "strategy_portal.requests"] == []


def test_production_logs_are_json_lines_on_standard_error_and_development_logs_text(tmp_path):
    code = 'import logging\nlogging.getLogger("strategy_portal").warning("Probe %s", 1, extra={"probe": True})'

    production = run_python(tmp_path, code).stderr.splitlines()
    development = run_python(tmp_path, code, DEBUG="on").stderr.splitlines()

    probe = [json.loads(line) for line in production if "Probe" in line]
    assert [(line["level"], line["logger"], line["message"], line["probe"]) for line in probe] == [
        ("WARNING", "strategy_portal", "Probe 1", True)
    ]
    assert [line for line in development if "Probe" in line][0].endswith("WARNING strategy_portal Probe 1")


def test_an_unknown_log_format_stops_the_start(tmp_path):
    result = manage(tmp_path, "check", LOG_FORMAT="xml")

    assert result.returncode != 0
    assert "LOG_FORMAT must be json or text" in result.stderr


# Shared state ----------------------------------------------------------------------------------------------------


def test_the_cache_lives_in_the_database_that_all_app_servers_share(db):
    cache.set("rendered-paper", b"%PDF-1.7 ...")

    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM portal_cache")
        assert [key for (key,) in cursor.fetchall() if key.endswith("rendered-paper")]


# Media storage -----------------------------------------------------------------------------------------------------

S3_ENVIRONMENT = {
    "MEDIA_STORAGE": "s3",
    "MEDIA_S3_BUCKET": "portal-media",
    "MEDIA_S3_ENDPOINT_URL": "https://objects.example",
    "MEDIA_S3_ACCESS_KEY_ID": "portal",
    "MEDIA_S3_SECRET_ACCESS_KEY": "geheim",
}


def test_media_lie_on_the_local_disk_by_default():
    assert settings.STORAGES["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_media_can_go_to_a_private_s3_bucket(tmp_path):
    code = "from django.conf import settings\nresult = settings.STORAGES['default']"

    storage = evaluate(tmp_path, code, **S3_ENVIRONMENT)

    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"] | {"secret_key": "…"} == {
        "bucket_name": "portal-media",
        "endpoint_url": "https://objects.example",
        "region_name": None,
        "access_key": "portal",
        "secret_key": "…",
        "location": "media",
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
    }


def test_the_s3_storage_is_built_from_these_settings(tmp_path):
    code = (
        "from django.core.files.storage import storages\n"
        "media = storages['default']\n"
        "result = [type(media).__name__, media.bucket_name, media.default_acl]"
    )

    assert evaluate(tmp_path, code, **S3_ENVIRONMENT) == ["S3Storage", "portal-media", "private"]


def test_an_unknown_media_storage_stops_the_start(tmp_path):
    result = manage(tmp_path, "check", MEDIA_STORAGE="ftp")

    assert result.returncode != 0
    assert "MEDIA_STORAGE must be local or s3" in result.stderr
