"""`make load`: 50 users for 60 seconds against gunicorn, on the benchmark database at 10.000 projects.

    .venv/bin/python -m bench.load [--users 50] [--spawn-rate 10] [--duration 60s] [--projects 10000] [--wait 1 3]

Prepares portal_bench as `make bench` does (creating it where it does not exist yet) and grows it to --projects
synthetic projects, starts gunicorn with gunicorn.conf.py and the benchmark settings (DEBUG off, plain HTTP on
127.0.0.1), runs locust headless with bench/locustfile.py (citizens on the public pages, staff logged in to the
workspace), stops gunicorn and writes var/bench/load.md and load.json: throughput, latencies and errors.
"""

import argparse
import csv
import datetime
import json
import math
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
BIN = Path(sys.executable).parent
STAFF_ACCOUNTS = ("demo-committee", "demo-editor", "demo-admin")
WARM_UP_PATHS = ("/", "/projekte/", "/beteiligung/", "/gremien/", "/finanzen/", "/konto/login/")


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=int, default=10, help="users started per second")
    parser.add_argument("--duration", default="60s", help="locust's --run-time, e.g. 60s or 5m")
    parser.add_argument("--projects", type=int, default=10000, help="synthetic projects in the database")
    parser.add_argument("--wait", type=float, nargs=2, default=[1.0, 3.0], help="a user's pause between requests")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py's)")
    parser.add_argument("--output", type=Path, default=BENCH_DIR)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    (BENCH_DIR / "portal.log").unlink(missing_ok=True)  # the portal's request log of this run only
    django.setup()
    from django.db import connection

    from bench import database

    if not database.database_exists():
        database.recreate_database()
    database.prepare()
    say(f"Growing to {args.projects} synthetic projects …")
    database.grow(args.projects)
    args.output.mkdir(parents=True, exist_ok=True)
    targets = args.output / "load-targets.json"
    targets.write_text(json.dumps(load_targets()), encoding="utf-8")
    connection.close()  # gunicorn's workers open their own
    server = start_gunicorn(args)
    try:
        wait_until_up(server, f"http://127.0.0.1:{args.port}/healthz")
        warm_up(f"http://127.0.0.1:{args.port}")
        run_locust(args, targets)
    finally:
        stop(server)
    summary = summarise(args)
    (args.output / "load.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (args.output / "load.md").write_text(as_markdown(summary), encoding="utf-8")
    say(as_markdown(summary))


def load_targets():
    """Slugs, keys and page counts of the benchmark database for the locustfile."""
    from django.contrib.auth.models import AnonymousUser

    from projects.models import Project, Strategy

    strategy = Strategy.objects.get(is_featured=True)
    public = Project.objects.for_public(AnonymousUser()).filter(strategy=strategy)
    active = Project.objects.active()
    return {
        "public_pages": max(1, math.ceil(public.count() / 25)),
        "workspace_pages": max(1, math.ceil(active.count() / 25)),
        "public_projects": list(public.order_by("?").values_list("slug", flat=True)[:500]),
        "projects": list(active.order_by("?").values_list("pk", flat=True)[:500]),
        "action_fields": list(strategy.action_fields.values_list("slug", flat=True)),
        "action_field_pks": list(strategy.action_fields.values_list("pk", flat=True)),
        "goals": list(strategy.goals.values_list("number", flat=True)),
        "accounts": [(name, f"{name}-passwort") for name in STAFF_ACCOUNTS],  # create_demo_accounts' passwords
        "editors": ["demo-editor", "demo-admin"],
    }


def start_gunicorn(args):
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "bench.settings", "GUNICORN_BIND": f"127.0.0.1:{args.port}"}
    if args.workers:
        env["WEB_CONCURRENCY"] = str(args.workers)
    command = [str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{args.port}"]
    if (ROOT / "gunicorn.conf.py").exists():
        command += ["--config", str(ROOT / "gunicorn.conf.py")]
    command.append("strategy_portal.wsgi:application")
    log = open(args.output / "gunicorn.log", "w", encoding="utf-8")  # noqa: SIM115 - open while gunicorn runs
    say("Starting gunicorn: " + " ".join(command[1:]))
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_until_up(server, url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped (exit code {server.returncode}); see var/bench/gunicorn.log")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer {url} within {timeout} s")


def warm_up(base_url, rounds=10):
    """A worker's first requests load templates, translations and URL patterns: not what the load run measures."""
    for _round in range(rounds):
        for path in WARM_UP_PATHS:
            with urllib.request.urlopen(base_url + path, timeout=60) as response:
                response.read()


def run_locust(args, targets):
    command = [
        str(BIN / "locust"),
        "--locustfile", str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "--users", str(args.users),
        "--spawn-rate", str(args.spawn_rate),
        "--run-time", args.duration,
        "--host", f"http://127.0.0.1:{args.port}",
        "--csv", str(args.output / "load"),
        "--only-summary",
        "--loglevel", "WARNING",
    ]  # fmt: skip
    env = os.environ | {"BENCH_TARGETS": str(targets), "BENCH_WAIT": " ".join(str(s) for s in args.wait)}
    say(f"Running locust: {args.users} users for {args.duration} …")
    # locust exits with 1 when a request failed: the failures are what the report is for.
    subprocess.run(command, cwd=ROOT, env=env, check=False)


def stop(server):
    """SIGTERM to the gunicorn master started above: it lets running requests finish, then stops its workers."""
    server.terminate()
    try:
        server.wait(timeout=40)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def summarise(args):
    with open(args.output / "load_stats.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    failures_file = args.output / "load_failures.csv"
    failures = list(csv.DictReader(failures_file.open(encoding="utf-8"))) if failures_file.exists() else []
    return {
        "date": datetime.datetime.now().astimezone().strftime("%d.%m.%Y %H:%M"),
        "users": args.users,
        "spawn_rate": args.spawn_rate,
        "duration": args.duration,
        "wait_seconds": args.wait,
        "projects": args.projects,
        "workers": args.workers or os.environ.get("WEB_CONCURRENCY") or "gunicorn.conf.py",
        "requests": [request_row(row) for row in rows],
        "failures": [{"name": f["Name"], "error": f["Error"], "count": int(f["Occurrences"])} for f in failures],
    }


def request_row(row):
    return {
        "name": row["Name"] if row["Type"] else "all requests",
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "requests_per_second": float(row["Requests/s"]),
        "median_ms": float(row["50%"]),
        "p95_ms": float(row["95%"]),
        "max_ms": float(row["Max Response Time"]),
    }


def as_markdown(summary):
    total = next(row for row in summary["requests"] if row["name"] == "all requests")
    lines = [
        f"Load run {summary['date']}: {summary['users']} users (started {summary['spawn_rate']} a second) for "
        f"{summary['duration']}, each pausing {summary['wait_seconds'][0]:g}–{summary['wait_seconds'][1]:g} s between "
        f"requests; gunicorn workers: {summary['workers']}; {summary['projects']} synthetic projects.",
        "",
        f"**{total['requests_per_second']:.1f} requests/s, {total['failures']} errors in {total['requests']} "
        f"requests, median {total['median_ms']:.0f} ms, p95 {total['p95_ms']:.0f} ms.**",
        "",
        "| request | count | errors | req/s | median ms | p95 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in summary["requests"]:
        lines.append(
            f"| `{row['name']}` | {row['requests']} | {row['failures']} | {row['requests_per_second']:.1f} | "
            f"{row['median_ms']:.0f} | {row['p95_ms']:.0f} | {row['max_ms']:.0f} |"
        )
    if summary["failures"]:
        lines += ["", "Errors:", ""]
        lines += [f"- {f['count']}× `{f['name']}`: {f['error']}" for f in summary["failures"]]
    return "\n".join(lines) + "\n"


def say(text):
    print(text, flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
