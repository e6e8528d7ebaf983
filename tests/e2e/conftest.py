"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

They run wherever /usr/bin/chromium exists; .ci/run installs it, so in CI they always run.
Screenshots of every page visited land in var/screenshots/ for review.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop


def pytest_collection_modifyitems(items):
    """Without Chromium the browser tests are skipped, except in CI (the variable CI is set): there they fail."""
    if CHROMIUM.exists() or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason="needs /usr/bin/chromium (installed by .ci/run)")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


def pytest_runtest_setup(item):
    if "e2e" in item.keywords and not CHROMIUM.exists():
        pytest.fail(f"CI is set but {CHROMIUM} is missing: in CI the browser tests must run (.ci/run installs it)")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"],
    }  # fmt: skip


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "de-DE", "timezone_id": "Europe/Berlin"}


@pytest.fixture
def shoot(page):
    """shoot("name") saves a full-page screenshot of the current page (or of another browser page: shoot(name, on))."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(name, on=None):
        (on or page).screenshot(path=SCREENSHOTS / f"{re.sub(r'[^a-z0-9-]', '-', name)}.png", full_page=True)

    return save


@pytest.fixture
def login(page, live_server):
    def log_in(user, password):
        page.goto(f"{live_server.url}/konto/login/")
        page.get_by_label("Benutzername").fill(user.username)
        page.get_by_label("Passwort").fill(password)
        page.get_by_role("button", name="Anmelden").click()
        page.wait_for_url(re.compile(r".*/arbeitsbereich/$"))

    return log_in
