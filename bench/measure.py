"""Measuring URLs in-process with Django's test client: the server time of each request (the client calls the WSGI
handler directly: the whole middleware stack, view and template, without network) and its query count.

All URLs of one size are measured together, in three passes:
1. each URL once (a warm-up that also tells how long it takes), then its remaining warm-ups; a URL slower than the
   time budget is measured right away with a single timed request;
2. timed rounds: every URL once per round, so that a passing disturbance of the machine (another process, a
   checkpoint of the database) touches all URLs alike instead of spoiling one URL's whole sample. A slow URL takes
   part in fewer rounds (budget / its first time, at least MIN_RUNS);
3. each URL once more under CaptureQueriesContext for its query count, whose bookkeeping would add to the times.
"""

import math
import statistics
import time
from dataclasses import asdict, dataclass, field

from django.db import connection
from django.test.utils import CaptureQueriesContext

MIN_RUNS = 3


@dataclass
class Timing:
    status: int
    queries: int | None = None
    times: list = field(default_factory=list)  # seconds
    size: int = 0  # bytes of the response body

    @property
    def ok(self):
        return self.status == 200 and bool(self.times)

    @property
    def median_ms(self):
        return statistics.median(self.times) * 1000 if self.times else None

    @property
    def p95_ms(self):
        if len(self.times) < 2:
            return self.median_ms
        return statistics.quantiles(self.times, n=20, method="inclusive")[18] * 1000

    def as_dict(self):
        data = asdict(self)
        data.pop("times")
        return data | {"runs": len(self.times), "median_ms": self.median_ms, "p95_ms": self.p95_ms}


@dataclass
class Target:
    """One URL requested by one client; `weight` times the runs of a page (the reference views get more)."""

    client: object
    url: str
    weight: int = 1
    runs: int = 0
    first: float = 0.0  # seconds the first request took
    timing: Timing | None = None


def fetch(client, url):
    """Status and body size; a streamed body (CSV, XLSX) is read to its end, which is part of the server's work.

    The client closes the response itself (a streamed one once read), keeping the database connection open as
    across the requests of a server process with persistent connections; closing it again here would reconnect."""
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, len(body)


def timed_fetch(client, url):
    started = time.perf_counter()
    status, size = fetch(client, url)
    return status, size, time.perf_counter() - started


def measure_all(targets, *, repeat, warmup, budget, report=None):
    """Fill each target's `timing`; `report(target)` is called after its first request."""
    for target in targets:
        warm_up(target, repeat=repeat, warmup=warmup, budget=budget)
        if report:
            report(target)
    rounds = max((math.ceil(target.runs / target.weight) for target in targets), default=0)
    for _round in range(rounds):
        for target in targets:
            for _run in range(min(target.weight, target.runs - len(target.timing.times))):
                target.timing.times.append(timed_fetch(target.client, target.url)[2])
    for target in targets:
        if target.runs:
            with CaptureQueriesContext(connection) as captured:
                fetch(target.client, target.url)
            target.timing.queries = len(captured)


def warm_up(target, *, repeat, warmup, budget):
    status, size, first = timed_fetch(target.client, target.url)
    target.timing, target.first = Timing(status=status, size=size), first
    if status != 200:
        return
    if first > budget:
        # Timed and counted at once: the counting costs nothing next to such a request.
        with CaptureQueriesContext(connection) as captured:
            target.timing.times.append(timed_fetch(target.client, target.url)[2])
        target.timing.queries = len(captured)
        return
    target.runs = max(MIN_RUNS, min(repeat * target.weight, int(budget * target.weight / max(first, 1e-6))))
    for _run in range(warmup - 1 if target.runs > MIN_RUNS else 0):  # a slow URL's first request was enough
        fetch(target.client, target.url)
