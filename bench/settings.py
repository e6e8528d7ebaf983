"""Settings of the benchmark and the load run: the production settings (DEBUG off, collected static files, the
same middleware), on the PostgreSQL database of BENCH_DATABASE_URL (default portal_bench, which the benchmark
drops and recreates), with what needs TLS switched off for a local run over plain HTTP, the bare reference view
added to the URLs (bench/urls.py) and the app bench installed (for manage.py generate_scale_data). Never point
BENCH_DATABASE_URL at a database you want to keep.
"""

import os
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent.parent / "var" / "bench"
BENCH_DIR.mkdir(parents=True, exist_ok=True)
BENCH_DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench")

# Read by strategy_portal.settings on import: production mode, reachable as the test client's and gunicorn's host.
os.environ["DEBUG"] = "off"
os.environ["SECURE_SSL_REDIRECT"] = "off"
os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
os.environ["DATABASE_URL"] = BENCH_DATABASE_URL
os.environ.setdefault("SECRET_KEY", "benchmark-only-not-a-secret")
os.environ.setdefault("STATIC_ROOT", str(BENCH_DIR / "static"))
os.environ.setdefault("MEDIA_ROOT", str(BENCH_DIR / "media"))

from strategy_portal.settings import *  # noqa: E402, F403 - the settings under test, changed only below
from strategy_portal.settings import INSTALLED_APPS, LOGGING  # noqa: E402

# The synthetic data generator (manage.py generate_scale_data) exists only here, never on the portal's servers.
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"
# Plain HTTP on 127.0.0.1: cookies without the Secure flag, no HSTS.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# One log line per request as in production, into a file instead of the terminal.
LOGGING["handlers"] = {
    name: {
        "class": "logging.FileHandler",
        "filename": str(BENCH_DIR / "portal.log"),
        "formatter": handler.get("formatter"),
    }
    for name, handler in LOGGING["handlers"].items()
}
