"""Security: the deployment check, HTTPS and cookies in production, the Content-Security-Policy, login throttling
(django-axes) and CSRF on every view."""

import logging
import re
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models import F
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import PDF, DocumentFactory, UserFactory
from tests.production import evaluate, manage

PASSWORD = "correct horse battery staple"  # UserFactory's
POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


# Production settings -----------------------------------------------------------------------------------------------


def test_production_settings_pass_the_deployment_check_without_a_warning(tmp_path):
    result = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_the_deployment_check_does_catch_a_weak_secret_key(tmp_path):
    result = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", SECRET_KEY="zu-kurz")

    assert result.returncode != 0
    assert "security.W009" in result.stderr


PRODUCTION_RESPONSES = """
from django.conf import settings
from django.test import Client
client = Client(HTTP_HOST="portal.example")
page = client.get("/konto/login/", secure=True)
plain = client.get("/konto/login/")
proxied = client.get("/konto/login/", HTTP_X_FORWARDED_PROTO="https")
health = client.get("/healthz")
result = {
    "headers": dict(page.headers),
    "csrf_cookie_secure": bool(page.cookies["csrftoken"]["secure"]),
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "session_cookie_httponly": settings.SESSION_COOKIE_HTTPONLY,
    "plain": [plain.status_code, plain.headers.get("Location")],
    "proxied": proxied.status_code,
    "health": [health.status_code, health.content.decode()],
}
"""


@pytest.fixture(scope="module")
def production(tmp_path_factory, production_static):
    """What a browser gets from the portal with DEBUG off, behind a load balancer that sets X-Forwarded-Proto."""
    return evaluate(
        tmp_path_factory.mktemp("production"),
        PRODUCTION_RESPONSES,
        STATIC_ROOT=str(production_static),
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
    )


def test_production_pages_send_hsts_and_the_other_security_headers(production):
    headers = production["headers"]

    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]


def test_production_cookies_go_over_https_only_and_the_session_is_out_of_reach_of_scripts(production):
    assert production["csrf_cookie_secure"]
    assert production["session_cookie_secure"]
    assert production["session_cookie_httponly"]


def test_production_redirects_plain_http_to_https(production):
    assert production["plain"] == [301, "https://portal.example/konto/login/"]


def test_behind_the_load_balancer_its_https_header_counts(production):
    assert production["proxied"] == 200


def test_the_health_check_answers_over_plain_http_for_the_load_balancer(production):
    assert production["health"] == [200, "ok\n"]


# Content-Security-Policy -------------------------------------------------------------------------------------------


def policy_of(response):
    directives = (part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    return {name: value for name, value in directives}


def test_a_public_page_sends_the_strict_policy(client, db):
    response = client.get(reverse("imprint"))

    assert policy_of(response) == POLICY


def test_a_workspace_page_sends_the_strict_policy(client, editor_user):
    client.force_login(editor_user)

    response = client.get(reverse("reports:workspace"))

    assert response.status_code == 200
    assert policy_of(response) == POLICY


def test_a_document_download_keeps_its_own_sandbox_policy(client, editor_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = DocumentFactory(file=SimpleUploadedFile("a.pdf", PDF))
    client.force_login(editor_user)

    response = client.get(reverse("projects:document-download", args=[document.pk]))

    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_uploaded_files_are_never_served_directly_from_the_media_folder(client, editor_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = DocumentFactory(file=SimpleUploadedFile("a.pdf", PDF))
    client.force_login(editor_user)

    assert (tmp_path / document.file.name).is_file()
    assert client.get(f"/{settings.MEDIA_URL}{document.file.name}").status_code == 404


def scripts_without_src(html):
    return re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)


def test_the_django_admin_loads_its_scripts_from_the_portal_itself(client, user_for_role):
    """No inline script the policy would block: static files, and the admin's translation catalogue (a view)."""
    client.force_login(user_for_role("admin", is_staff=True))
    allowed = ("/static/", reverse("admin:jsi18n"))

    for url in (reverse("admin:index"), reverse("admin:projects_project_add")):
        response = client.get(url)
        html = response.content.decode()
        sources = re.findall(r'<script[^>]*\bsrc="([^"]+)"', html)
        assert response.status_code == 200
        assert policy_of(response) == POLICY
        assert scripts_without_src(html) == [], url
        assert sources
        assert [source for source in sources if not source.startswith(allowed)] == [], url


def project_template_files():
    """Every HTML template of the portal itself (templates/ and the apps' templates/), none of the libraries'."""
    folders = [Path(folder) for folder in settings.TEMPLATES[0]["DIRS"]]
    folders += [Path(app.path) / "templates" for app in apps.get_app_configs()]
    base = Path(settings.BASE_DIR)
    own = [
        folder for folder in folders if folder.is_dir() and folder.is_relative_to(base) and ".venv" not in folder.parts
    ]
    return sorted(path for folder in own for path in folder.rglob("*.html"))


INLINE = {
    "style attribute": re.compile(r"\sstyle\s*="),
    "<style> block": re.compile(r"<style\b", re.IGNORECASE),
    "inline <script>": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=\s*[\"']", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


def test_no_template_needs_unsafe_inline():
    templates = project_template_files()
    found = [
        f"{path.relative_to(settings.BASE_DIR)}: {kind}"
        for path in templates
        for kind, pattern in INLINE.items()
        if pattern.search(path.read_text(encoding="utf-8"))
    ]

    assert len(templates) > 50
    assert found == []


def test_the_inline_check_recognises_what_it_looks_for():
    samples = ['<p style="color: red">', "<style>p {}</style>", "<script>alert(1)</script>", '<a onclick="x()">']

    assert all(any(pattern.search(sample) for pattern in INLINE.values()) for sample in samples)
    assert not any(pattern.search('<script src="/static/js/portal.js" defer></script>') for pattern in INLINE.values())


# Login throttling --------------------------------------------------------------------------------------------------


@pytest.fixture
def user(db):
    return UserFactory()


def log_in(client, user, password, **extra):
    return client.post(reverse("login"), {"username": user.username, "password": password}, **extra)


def fail_five_times(client, user, **extra):
    responses = [log_in(client, user, "falsch", **extra).status_code for _ in range(5)]
    assert responses == [200, 200, 200, 200, 429]


def test_after_five_wrong_passwords_even_the_right_one_is_refused_with_a_german_page(client, user):
    fail_five_times(client, user)

    response = log_in(client, user, PASSWORD)

    assert response.status_code == 429
    page = response.content.decode()
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in page
    assert "für 30 Minuten gesperrt" in page
    assert "wenden Sie sich an die Administration des Portals" in page
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_do_not_lock_the_user_out(client, user):
    for _ in range(4):
        log_in(client, user, "falsch")

    assert log_in(client, user, PASSWORD).status_code == 302


def test_a_lockout_locks_neither_other_users_nor_the_same_user_elsewhere(client, user):
    fail_five_times(client, user)

    assert log_in(Client(), UserFactory(), PASSWORD).status_code == 302
    assert log_in(Client(), user, PASSWORD, REMOTE_ADDR="192.0.2.44").status_code == 302


def test_after_the_cool_off_the_user_can_log_in_again(client, user):
    fail_five_times(client, user)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=31))

    assert log_in(client, user, PASSWORD).status_code == 302


def test_an_operator_can_unlock_a_user_before_the_cool_off(client, user):
    fail_five_times(client, user)

    call_command("axes_reset_username", user.username)

    assert log_in(client, user, PASSWORD).status_code == 302


def test_a_lockout_is_logged(client, user, caplog):
    with caplog.at_level(logging.WARNING, logger="axes"):
        fail_five_times(client, user)

    assert any("Locking out" in record.getMessage() for record in caplog.records if record.name.startswith("axes"))


def test_behind_a_load_balancer_clients_are_told_apart_by_x_forwarded_for(client, user, settings):
    # What AXES_PROXY_COUNT=1 sets (test_axes_reads_the_proxy_count_from_the_environment).
    settings.AXES_IPWARE_PROXY_COUNT = 0
    settings.AXES_IPWARE_PROXY_ORDER = "right-most"
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    balancer = {"REMOTE_ADDR": "10.0.0.2"}

    fail_five_times(client, user, HTTP_X_FORWARDED_FOR="203.0.113.7", **balancer)

    assert log_in(client, user, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.7", **balancer).status_code == 429
    assert log_in(Client(), user, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.8", **balancer).status_code == 302


def test_axes_reads_the_proxy_count_from_the_environment(tmp_path):
    code = (
        "from django.conf import settings\n"
        "result = [settings.AXES_IPWARE_PROXY_COUNT, settings.AXES_IPWARE_PROXY_ORDER,"
        " settings.AXES_IPWARE_META_PRECEDENCE_ORDER]"
    )

    result = evaluate(tmp_path, code, AXES_PROXY_COUNT="1")

    assert result == [0, "right-most", ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]]


# CSRF --------------------------------------------------------------------------------------------------------------


def url_patterns(resolver=None, prefix=""):
    """(route, pattern) for every URL of the portal, nested includes resolved."""
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern


def test_no_view_is_exempt_from_csrf_protection():
    exempt = [route for route, pattern in url_patterns() if getattr(pattern.callback, "csrf_exempt", False)]

    assert len(list(url_patterns())) > 100
    assert exempt == []


def read_only_urls():
    yield reverse("healthz")
    for route, _pattern in url_patterns():
        if route.startswith("oparl/"):
            # Any value will do: the method is refused before an object is looked up.
            yield "/" + re.sub(r"<(int:)?[\w:]+>", lambda match: "1" if match.group(1) else "pdf", route)


@pytest.mark.django_db
def test_the_read_only_endpoints_refuse_post():
    urls = list(read_only_urls())
    client = Client()

    assert len(urls) > 10
    assert {url: client.post(url).status_code for url in urls} == {url: 405 for url in urls}


def test_a_post_without_the_csrf_token_is_refused(user):
    client = Client(enforce_csrf_checks=True)

    response = log_in(client, user, PASSWORD)

    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
