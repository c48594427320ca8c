"""What every benchmark needs before Django starts and while it measures: a throwaway database of
its own, alternating timed runs of ours and a baseline, and one JSON line per figure.

Import this module first and call `throwaway_database` before `django.setup()`: it points
DATABASE_URL at the throwaway database, so the developer's database is never touched.
"""

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit, urlunsplit


def log(msg: str) -> None:
    print(f"# {msg}", file=sys.stderr, flush=True)


def throwaway_database(name: str, *, reuse: bool = False) -> Callable[[], None]:
    """PostgreSQL gets a sibling database `name` on the same server (dropped first, so a crashed run
    leaves nothing behind), SQLite a temporary file. Returns the clean-up to run at the end; with
    GONGHUI_BENCH_KEEP=1 (or `reuse`) the database is kept for EXPLAIN or another run."""
    url = os.environ.get("DATABASE_URL", "")
    keep = os.environ.get("GONGHUI_BENCH_KEEP") == "1" or reuse
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        parts = urlsplit(url)
        if parts.path.lstrip("/") == name:
            raise SystemExit(f"DATABASE_URL already names {name}; the benchmark would drop it.")

        def admin(sql: str) -> None:
            # Issued from the developer's database, which is only connected to, never changed.
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute(sql)

        if not reuse:
            admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path="/" + name))

        def cleanup() -> None:
            from django.db import connections

            connections.close_all()
            if not keep:
                admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            else:
                log(f"kept database {name}")
        return cleanup
    tmp = tempfile.mkdtemp(prefix="gonghui-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/{name}.sqlite3"
    return (lambda: log(f"kept {tmp}")) if keep else (lambda: shutil.rmtree(tmp, ignore_errors=True))


def timed(fn: Callable[[], Any]) -> float:
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


def compare(ours: Callable[[], Any], baseline: Callable[[], Any], *, runs: int = 21, min_runs: int = 5,
            warmup: int = 2, budget_s: float = 6.0, check: bool = True) -> tuple[list[float], list[float]]:
    """Times in ms of both, run alternately so that drift (caches, autovacuum) hits both alike.

    A slow baseline gets fewer runs, never fewer than `min_runs`, so a benchmark stays within
    minutes. With `check`, both must give the same answer, or the comparison would mean nothing.
    """
    for _ in range(warmup):
        if ours() != baseline() and check:
            raise AssertionError("ours and the baseline disagree; the comparison would mean nothing")
    a: list[float] = []
    b: list[float] = []
    started = time.perf_counter()
    while len(a) < runs and (len(a) < min_runs or time.perf_counter() - started < budget_s):
        a.append(timed(ours))
        b.append(timed(baseline))
    return a, b


class Report:
    """Figures of one benchmark: printed as they come, written to bench/results/<bench>-<db>.json."""

    def __init__(self, bench: str):
        self.bench = bench
        self.rows: list[dict[str, Any]] = []

    def figure(self, metric: str, times: list[float], *, unit: str = "ms", baseline: str = "",
               baseline_times: list[float] | None = None, target: str = "", ratio_target: str = "",
               **extra: Any) -> dict[str, Any]:
        """`ratio` is the baseline's median over ours (how many times faster we are)."""
        from django.db import connection

        value = statistics.median(times)
        row: dict[str, Any] = {"bench": self.bench, "metric": metric, "db": connection.vendor,
                               "value": round(value, 3), "unit": unit}
        if baseline and baseline_times:
            baseline_value = statistics.median(baseline_times)
            row.update(baseline=baseline, baseline_value=round(baseline_value, 3),
                       ratio=round(baseline_value / value, 1))
        # The issues' targets are for PostgreSQL, the production database; SQLite figures inform.
        if connection.vendor == "postgresql" and (target or ratio_target):
            met = True
            if target:
                row["target"] = target
                met &= value <= float(target.removeprefix("<= "))
            if ratio_target and "ratio" in row:
                row["ratio_target"] = ratio_target
                met &= row["ratio"] >= float(ratio_target.removeprefix(">= "))
            row["met"] = met
        # The fastest run and the number of runs: on a shared machine the median carries other load.
        row.update(extra, min=round(min(times), 3), runs=len(times))
        self.rows.append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)
        return row

    def write(self, bench_dir: Any) -> None:
        from django.db import connection

        out = bench_dir / "results" / f"{self.bench}-{connection.vendor}.json"
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps(self.rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        log(f"wrote {out.relative_to(bench_dir.parent)}")
