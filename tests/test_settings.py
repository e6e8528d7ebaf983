"""Settings come from the environment; a production start without a secret or with a typo refuses to run."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

CHECK = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"


def start(**environment):
    env = {name: value for name, value in os.environ.items() if name not in {"SECRET_KEY", "DEBUG"}}
    env.update(DJANGO_SETTINGS_MODULE="strategy_portal.settings", **environment)
    return subprocess.run(
        [sys.executable, "-c", CHECK], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=60
    )


def test_production_start_without_secret_key_is_refused():
    result = start(DEBUG="off")

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_start_with_secret_key_runs_without_debug():
    result = start(DEBUG="off", SECRET_KEY="a-long-random-production-secret")

    assert result.returncode == 0
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("typo", ["flase", "maybe"])
def test_a_debug_value_that_is_not_yes_or_no_is_refused(typo):
    result = start(DEBUG=typo)

    assert result.returncode != 0
    assert "DEBUG must be on/off" in result.stderr


def test_german_language_and_berlin_time_zone():
    assert settings.LANGUAGE_CODE == "de"
    assert settings.TIME_ZONE == "Europe/Berlin"
    assert settings.USE_TZ
