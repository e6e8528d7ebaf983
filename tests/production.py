"""Run code under the real production settings: a fresh Python process with DEBUG off, as on the district's servers.

The test process itself runs the settings as development reads them (DEBUG on when the module is imported), so
whatever depends on DEBUG being off at import time is only seen honestly in a subprocess.
"""

import json
import os
import secrets
import subprocess
import sys

from django.conf import settings

# Variables of the developer's or CI's shell that would change what is checked.
CLEARED = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "LOG_FORMAT",
    "MEDIA_STORAGE",
    "STATIC_ROOT",
    "AXES_PROXY_COUNT",
    "CSRF_TRUSTED_ORIGINS",
    # Set by the browser tests' conftest (Playwright runs an event loop); check --deploy rightly warns about it.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}
CLEARED |= {name for name in os.environ if name.startswith(("SECURE_", "MEDIA_S3_"))}


def production_environment(tmp_path, **overrides):
    environment = {name: value for name, value in os.environ.items() if name not in CLEARED}
    environment.update(
        DJANGO_SETTINGS_MODULE="strategy_portal.settings",
        PYTHONPATH=str(settings.BASE_DIR),
        DEBUG="off",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="portal.example",
        # A database of its own: the test database belongs to the test process.
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    environment.update(overrides)
    return environment


def run(arguments, tmp_path, **overrides):
    return subprocess.run(
        arguments,
        env=production_environment(tmp_path, **overrides),
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )


def manage(tmp_path, *arguments, **overrides):
    return run([sys.executable, "manage.py", *arguments], tmp_path, **overrides)


def run_python(tmp_path, code, **overrides):
    """Run `code` after django.setup(); `result`, if it assigns one, is printed as a line RESULT=<JSON>."""
    script = f"import django, json\ndjango.setup()\n{code}\nprint('RESULT=' + json.dumps(globals().get('result')))"
    completed = run([sys.executable, "-c", script], tmp_path, **overrides)
    assert completed.returncode == 0, completed.stderr
    return completed


def evaluate(tmp_path, code, **overrides):
    """Run `code` (which assigns `result`) after django.setup() and return `result`."""
    completed = run_python(tmp_path, code, **overrides)
    (line,) = [line for line in completed.stdout.splitlines() if line.startswith("RESULT=")]
    return json.loads(line.removeprefix("RESULT="))
