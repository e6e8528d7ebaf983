"""The benchmark's results as JSON and as a Markdown table, with the goals of docs/performance.md checked.

Goals, from the smallest to the largest size measured:
  Q  a page's query count is the same at every size
  T  a page's median time grows by at most TIME_GROWTH_GOAL (differences under NOISE_MS are measurement noise)
  B  a list page's median time is at most BARE_FACTOR_GOAL times the bare view's (same role, largest size)
A page that does not answer 200 is listed apart, not timed.

`refs` holds the reference views' timings: {"bare": {size: {role: Timing}}, "layout": {…}}.
"""

import json
from dataclasses import dataclass, field

TIME_GROWTH_GOAL = 1.5
BARE_FACTOR_GOAL = 5.0
NOISE_MS = 2.0
KIND_ORDER = {"list": 0, "page": 1, "export": 2}
REFERENCES = {"bare": "/bench/bare/", "layout": "/bench/layout/"}


@dataclass
class Row:
    """One page as one role, its Timing per size."""

    page: object  # bench.pages.Page
    role: str
    timings: dict = field(default_factory=dict)  # size -> Timing

    def answered(self, sizes):
        return all(size in self.timings and self.timings[size].ok for size in sizes)

    def growth(self, sizes):
        first, last = self.timings.get(sizes[0]), self.timings.get(sizes[-1])
        if not (first and last and first.ok and last.ok):
            return None
        return last.median_ms / first.median_ms

    def factor(self, size, refs, name):
        timing, reference = self.timings.get(size), refs[name].get(size, {}).get(self.role)
        if timing is None or not timing.ok or reference is None or not reference.ok:
            return None
        return timing.median_ms / reference.median_ms

    def flags(self, sizes, refs):
        if not self.answered(sizes):
            return []
        first, last = self.timings[sizes[0]], self.timings[sizes[-1]]
        flags = []
        if first.queries != last.queries:
            flags.append("Q")
        if self.growth(sizes) > TIME_GROWTH_GOAL and last.median_ms - first.median_ms > NOISE_MS:
            flags.append("T")
        if self.page.kind == "list" and (self.factor(sizes[-1], refs, "bare") or 0) > BARE_FACTOR_GOAL:
            flags.append("B")
        return flags


def sort_key(row):
    return KIND_ORDER.get(row.page.kind, 9), row.page.url, row.role


def as_json(meta, sizes, rows, refs, skipped):
    return {
        "meta": meta,
        "sizes": sizes,
        "goals": {"time_growth": TIME_GROWTH_GOAL, "bare_factor": BARE_FACTOR_GOAL, "noise_ms": NOISE_MS},
        "references": {
            name: {str(size): {role: t.as_dict() for role, t in by_role.items()} for size, by_role in by_size.items()}
            for name, by_size in refs.items()
        },
        "pages": [
            {
                "name": row.page.name,
                "url": row.page.url,
                "kind": row.page.kind,
                "role": row.role,
                "flags": row.flags(sizes, refs),
                "sizes": {str(size): timing.as_dict() for size, timing in row.timings.items()},
            }
            for row in sorted(rows, key=sort_key)
        ],
        "skipped": [vars(item) for item in skipped],
    }


def number(value, digits=1):
    """German notation: 1.234,5; a dash for nothing."""
    if value is None:
        return "–"
    return f"{value:,.{digits}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def as_markdown(meta, sizes, rows, refs, skipped):
    lines = [
        f"Measured {meta['date']} on {meta['machine']}, commit {meta['commit']}, PostgreSQL {meta['postgresql']}, "
        f"Django {meta['django']}, Python {meta['python']}. Up to {meta['repeat']} timed requests per URL after "
        f"{meta['warmup']} warm-ups, fewer for slow URLs (*runs*); times in ms, server time in-process. "
        "Generating the synthetic data took "
        + ", ".join(
            f"{number(seconds)} s for {number(int(size), 0)}" for size, seconds in meta["generation_seconds"].items()
        )
        + " projects.",
        "",
        *reference_table(sizes, refs),
        "",
        *page_table(sizes, rows, refs),
        "",
        *missed_goals(sizes, rows, refs),
        *unanswered(sizes, rows),
    ]
    if skipped:
        lines += ["", "Not measured (no value for a path parameter):", ""]
        lines += [f"- `{item.name}` (`/{item.route}`): {item.reason}" for item in skipped]
    return "\n".join(lines) + "\n"


def reference_table(sizes, refs):
    header = ["reference", "role", "queries"]
    for size in sizes:
        header += [f"median@{number(size, 0)}", f"p95@{number(size, 0)}"]
    lines = ["| " + " | ".join(header) + " |", "|---|---|" + "---:|" * (len(header) - 2)]
    for name, url in REFERENCES.items():
        for role in ("admin", "anonymous"):
            timings = [refs[name].get(size, {}).get(role) for size in sizes]
            queries = timings[-1].queries if timings[-1] else None
            cells = [f"`{url}`", role, str(queries)]
            for timing in timings:
                cells += [number(timing.median_ms, 2), number(timing.p95_ms, 2)] if timing else ["–", "–"]
            lines.append("| " + " | ".join(cells) + " |")
    return lines


def page_table(sizes, rows, refs):
    first, last = number(sizes[0], 0), number(sizes[-1], 0)
    header = ["page", "role", "kind", f"queries@{first}", f"queries@{last}"]
    for size in sizes:
        header += [f"median@{number(size, 0)}", f"p95@{number(size, 0)}"]
    header += [f"ratio {last}/{first}", "× bare", "× layout", f"KB@{first}", f"KB@{last}", "runs", "goals"]
    lines = ["| " + " | ".join(header) + " |", "|---|---|---|" + "---:|" * (len(header) - 4) + "---|"]
    lines += [page_row(row, sizes, refs) for row in sorted(rows, key=sort_key) if row.answered(sizes)]
    return lines


def page_row(row, sizes, refs):
    first, last = row.timings[sizes[0]], row.timings[sizes[-1]]
    cells = [f"`{row.page.url}`", row.role, row.page.kind, str(first.queries), str(last.queries)]
    for size in sizes:
        cells += [number(row.timings[size].median_ms), number(row.timings[size].p95_ms)]
    cells += [
        number(row.growth(sizes), 2),
        number(row.factor(sizes[-1], refs, "bare"), 1),
        number(row.factor(sizes[-1], refs, "layout"), 1),
        number(first.size / 1024, 0),
        number(last.size / 1024, 0),
        "/".join(str(len(row.timings[size].times)) for size in sizes),
    ]
    flags = row.flags(sizes, refs)
    cells.append(f"**{' '.join(flags)}**" if flags else "ok")
    return "| " + " | ".join(cells) + " |"


def missed_goals(sizes, rows, refs):
    missed = [(row, row.flags(sizes, refs)) for row in sorted(rows, key=sort_key)]
    missed = [(row, flags) for row, flags in missed if flags]
    if not missed:
        return ["Every page meets every goal."]
    lines = [
        f"Goals missed (Q: the query count grows; T: the time grows more than {number(TIME_GROWTH_GOAL, 1)}×; "
        f"B: a list page takes more than {number(BARE_FACTOR_GOAL, 0)}× the bare view):",
        "",
    ]
    return lines + [f"- {' '.join(flags)} `{row.page.url}` ({row.role})" for row, flags in missed]


def unanswered(sizes, rows):
    failed = [row for row in sorted(rows, key=sort_key) if not row.answered(sizes)]
    if not failed:
        return []
    lines = ["", "Not timed (no answer 200 at every size):", ""]
    for row in failed:
        statuses = ", ".join(f"{row.timings[s].status} at {number(s, 0)}" for s in sizes if s in row.timings)
        lines.append(f"- `{row.page.url}` ({row.role}): HTTP {statuses}")
    return lines


def write(directory, meta, sizes, rows, refs, skipped):
    directory.mkdir(parents=True, exist_ok=True)
    data = as_json(meta, sizes, rows, refs, skipped)
    (directory / "results.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (directory / "results.md").write_text(as_markdown(meta, sizes, rows, refs, skipped), encoding="utf-8")
