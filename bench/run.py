"""`make bench`: the portal's pages and exports at 100 and at 10.000 projects, against PostgreSQL.

    .venv/bin/python -m bench.run [--sizes 100 10000] [--repeat 20] [--warmup 3] [--budget 4] [--only TEXT]

1. drops and recreates the database portal_bench (BENCH_DATABASE_URL), migrates it, imports the seed strategy,
   creates the demo accounts and collects the static files (bench/database.py);
2. for each size: grows the synthetic data to that many projects (manage.py generate_scale_data) and measures every
   page found in the URL configuration (bench/pages.py) as the administrator, and public pages also anonymously,
   next to the bare reference view /bench/bare/ (bench/urls.py);
3. writes var/bench/results.md and results.json (bench/report.py) and prints where a goal is missed.

The settings are the production ones (bench/settings.py): DEBUG off, the same middleware, ATOMIC_REQUESTS.
"""

import argparse
import datetime
import os
import platform
import subprocess
import sys
from pathlib import Path

import django

BENCH_DIR = Path(__file__).resolve().parent.parent / "var" / "bench"
ROLES = ("admin", "anonymous")
REFERENCE_WEIGHT = 5  # the ratios are taken against the references' medians: more runs for them


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 10000], help="project counts, growing")
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per URL at most")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests per URL first")
    parser.add_argument("--budget", type=float, default=4.0, help="seconds of timed requests per URL at most")
    parser.add_argument("--only", help="measure only pages whose route name or URL contains this text")
    parser.add_argument("--reuse-database", action="store_true", help="keep portal_bench if it exists")
    parser.add_argument("--output", type=Path, default=BENCH_DIR, help="where results.md and results.json go")
    args = parser.parse_args(argv)
    if args.sizes != sorted(set(args.sizes)):
        parser.error("--sizes must grow: the data is grown from one size to the next")
    return args


def main(argv=None):
    args = parse_args(argv)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    (BENCH_DIR / "portal.log").unlink(missing_ok=True)  # the portal's request log of this run only
    django.setup()
    from bench import database, report

    if args.reuse_database and database.database_exists():
        say("Reusing the database portal_bench.")
    else:
        say("Creating the database portal_bench …")
        database.recreate_database()
    database.prepare()
    rows, refs, skipped, generation = measure_sizes(args, database)
    meta = describe(args, database, generation)
    report.write(args.output, meta, args.sizes, list(rows.values()), refs, skipped)
    say(f"Results: {args.output / 'results.md'}")
    say("\n".join(report.missed_goals(args.sizes, list(rows.values()), refs)))


def measure_sizes(args, database):
    from bench.pages import Samples, discover

    rows, refs, generation, pages, skipped = {}, {"bare": {}, "layout": {}}, {}, None, []
    clients = make_clients()
    for size in args.sizes:
        say(f"Growing to {size} synthetic projects …")
        generation[size] = database.grow(size)
        say(f"  generated in {generation[size]:.1f} s")
        if pages is None:  # the same URLs at every size: growing keeps the sampled objects
            pages, skipped = discover(Samples.load())
            pages = [page for page in pages if not args.only or args.only in page.name or args.only in page.url]
        measure_size(pages, clients, args, size, rows, refs)
    return rows, refs, skipped, generation


def make_clients():
    from django.contrib.auth import get_user_model
    from django.test import Client

    staff = Client(raise_request_exception=False)
    staff.force_login(get_user_model().objects.get(username="demo-admin"))
    return {"admin": staff, "anonymous": Client(raise_request_exception=False)}


def measure_size(pages, clients, args, size, rows, refs):
    """Every page as the administrator, public ones (200 without login) also anonymously, and the references."""
    from bench.measure import Target, fetch, measure_all
    from bench.report import REFERENCES, Row

    targets = {}
    for name, url in REFERENCES.items():
        for role in ROLES:
            targets[(name, role)] = Target(clients[role], url, weight=REFERENCE_WEIGHT)
    for page in pages:
        public = fetch(clients["anonymous"], page.url)[0] == 200
        for role in ROLES if public else ROLES[:1]:
            targets[(page, role)] = Target(clients[role], page.url)
    progress = Progress(len(targets))
    measure_all(list(targets.values()), repeat=args.repeat, warmup=args.warmup, budget=args.budget, report=progress)
    for (key, role), target in targets.items():
        if key in REFERENCES:
            refs[key].setdefault(size, {})[role] = target.timing
        else:
            rows.setdefault((key, role), Row(key, role)).timings[size] = target.timing
    for name in REFERENCES:
        medians = ", ".join(f"{role} {refs[name][size][role].median_ms:.2f} ms" for role in ROLES)
        say(f"  {name} view: {medians}")


class Progress:
    """Prints each URL after its first request: how long it took, or its status."""

    def __init__(self, total):
        self.total, self.done = total, 0

    def __call__(self, target):
        self.done += 1
        if target.timing.status == 200:
            runs = len(target.timing.times) or target.runs
            state = f"{target.first * 1000:8.1f} ms, {runs:3d} runs"
        else:
            state = f"HTTP {target.timing.status:<16}"
        say(f"  [{self.done}/{self.total}] {state}  {target.url}")


def describe(args, database, generation):
    import django as django_module

    return {
        "date": datetime.datetime.now().astimezone().strftime("%d.%m.%Y %H:%M"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "commit": git_commit(),
        "postgresql": database.server_version(),
        "django": django_module.get_version(),
        "python": platform.python_version(),
        "repeat": args.repeat,
        "warmup": args.warmup,
        "budget_seconds": args.budget,
        "generation_seconds": {str(size): round(seconds, 1) for size, seconds in generation.items()},
    }


def git_commit():
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{commit}{' (with uncommitted changes)' if dirty.strip() else ''}"


def say(text):
    print(text, flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
