"""Load on the production shape (scripts/prod_shape.sh: PostgreSQL primary and replica, pgbouncer, Redis,
gunicorn behind nginx with TLS, the task worker and the timer), measured against the ceiling of the same
stack in the same run: /healthz/stack, which reads the session and makes one query and nothing else.

    .venv/bin/python bench/load.py                    # starts the shape (60 unions), loads it, stops it
    .venv/bin/python bench/load.py --unions 100000    # the issue's province (~1,000,000 members)
    .venv/bin/python bench/load.py --attach           # a shape already served (scripts/prod_shape.sh serve)

First the hello view is stepped through concurrency (1, 2, 4, …) until its throughput stops rising;
then, at that concurrency, each mix runs for --duration seconds: the worker portal, the cadre console,
the partner API, and the hello view again between them. Per mix: requests a second and p50/p95/p99;
then `load_portal_ratio` (portal / hello, target >= 0.5), `load_console_p95_ms` (target <= 300) and
`load_errors` (target 0). JSON lines on stdout and in bench/results/load-postgresql.json; progress on
stderr. The client runs on the same machine (Python threads): its own cost is in every mix alike.

SMOKE_DIR (/tmp/gonghui-load) and SMOKE_PORT_BASE (56400) keep it apart from the smoke test's shape;
SMOKE_REUSE=1 (--reuse) serves again the clusters a previous run built, which saves the demo's load time
at a large size.
"""

import argparse
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(ROOT))

from bench.support.harness import log  # noqa: E402
from bench.support.load_mixes import (  # noqa: E402
    API,
    CONSOLE,
    HELLO,
    PORTAL,
    Client,
    console_client,
    portal_client,
    self_check_query,
    warm,
)

SURNAMES = "王李张刘陈杨黄赵吴周"


def serve(args: argparse.Namespace, root: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, SMOKE_DIR=str(root), SMOKE_PORT_BASE=str(args.port_base),
               SMOKE_DEMO_UNIONS=str(args.unions), SMOKE_REUSE="1" if args.reuse else "0")
    (root / "shape.env").unlink(missing_ok=True)
    out = open(f"{root}.serve.log", "wb")  # noqa: SIM115 - kept open for the child's lifetime
    started = time.monotonic()
    shape = subprocess.Popen([str(ROOT / "scripts" / "prod_shape.sh"), "serve"], env=env, stdout=out,  # noqa: S603
                             stderr=subprocess.STDOUT, start_new_session=True)
    while not (root / "shape.env").exists():
        if shape.poll() is not None:
            raise SystemExit(f"the shape did not start: see {root}.serve.log")
        time.sleep(2)
    log(f"the shape is up after {time.monotonic() - started:.0f} s ({args.unions:,} unions; log {root}.serve.log)")
    return shape


def stop(shape: subprocess.Popen[bytes]) -> None:
    os.kill(shape.pid, signal.SIGTERM)
    try:
        shape.wait(120)
    except subprocess.TimeoutExpired:
        os.killpg(shape.pid, signal.SIGKILL)


def shape_env(root: Path) -> dict[str, str]:
    lines = (root / "shape.env").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line)


def setup(root: Path, primary: str, members: int) -> dict[str, Any]:
    """A partner key and members with phones, from the primary with the shape's own keys."""
    command = (f'. "{root}/keys.env"; DATABASE_URL="{primary}" DATABASE_REPLICA_URL="" GONGHUI_REDIS_URL="" '
               f'GONGHUI_TASKS=immediate exec "{sys.executable}" bench/support/load_setup.py --members {members}')
    # The keys file is the shape's own (written by prod_shape.sh), sourced as the shape sources it.
    done = subprocess.run(["/bin/bash", "-c", command], cwd=ROOT, capture_output=True, text=True,  # noqa: S603
                          check=False)
    if done.returncode:
        raise SystemExit(f"setup failed: {done.stderr[-2000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def run(name: str, mix: list[tuple[str, int, Any]], clients: list[Client], threads: int,
        seconds: float) -> dict[str, Any]:
    """`threads` closed-loop users for `seconds`, each on its own copy of a client's session."""
    latencies: list[float] = []
    each: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    lock = threading.Lock()
    names, weights, ops = zip(*mix, strict=True)
    stop_at = time.monotonic() + seconds

    def user(n: int) -> None:
        client = clients[n % len(clients)]
        http = client.session()
        pick = random.Random(n)
        while time.monotonic() < stop_at:
            i = pick.choices(range(len(ops)), weights)[0]
            began = time.perf_counter()
            try:
                ok = ops[i](http, client)
            except Exception:
                ok = False
            took = (time.perf_counter() - began) * 1000
            with lock:
                latencies.append(took)
                each.setdefault(names[i], []).append(took)
                if not ok:
                    errors[names[i]] = errors.get(names[i], 0) + 1

    began = time.monotonic()
    pool = [threading.Thread(target=user, args=(n,), daemon=True) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.monotonic() - began
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99 or [0.0] * 99
    row = {"bench": "load", "metric": f"load_mix_{name}", "db": "postgresql",
           "value": round(len(latencies) / elapsed, 1), "unit": "req/s", "concurrency": threads,
           "seconds": round(elapsed, 1), "requests": len(latencies), "errors": sum(errors.values()),
           "p50_ms": round(cuts[49], 1), "p95_ms": round(cuts[94], 1), "p99_ms": round(cuts[98], 1)}
    if len(mix) > 1:  # which operation weighs on the mix
        row["by_operation"] = {op: {"n": len(times), "p50_ms": round(statistics.median(times), 1),
                                    "p95_ms": round(percentile(times, 95), 1)} for op, times in each.items()}
    if errors:
        row["errors_by_operation"] = errors
    return row


def percentile(times: list[float], p: int) -> float:
    return statistics.quantiles(times, n=100)[p - 1] if len(times) > 1 else times[0]


def saturation(hello: list[Client], levels: list[int], seconds: float) -> tuple[int, list[dict[str, Any]]]:
    """The concurrency at which the hello view's throughput stops rising (by 5% or more a step)."""
    steps: list[dict[str, Any]] = []
    for threads in levels:
        before = max((r["value"] for r in steps), default=0.0)
        row = run("hello_step", HELLO, hello, threads, seconds)
        steps.append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)
        if steps[:-1] and row["value"] < before * 1.05:
            break
    return steps[best_index(steps)]["concurrency"], steps


def best_index(steps: list[dict[str, Any]]) -> int:
    return max(range(len(steps)), key=lambda i: steps[i]["value"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--unions", type=int, default=int(os.environ.get("SMOKE_DEMO_UNIONS", "60")),
                        help="the demo province's grassroots unions (100000: ~1,000,000 members)")
    parser.add_argument("--duration", type=float, default=20, help="seconds each mix runs")
    parser.add_argument("--step", type=float, default=8, help="seconds each hello step runs")
    parser.add_argument("--levels", default="1,2,4,8,16,32", help="concurrency steps for the hello view")
    parser.add_argument("--portal-users", type=int, default=12)
    parser.add_argument("--attach", action="store_true", help="use a shape already served at SMOKE_DIR")
    parser.add_argument("--reuse", action="store_true",
                        help="serve the clusters a previous run left (its demo, whatever --unions says)")
    parser.add_argument("--dir", default=os.environ.get("SMOKE_DIR", "/tmp/gonghui-load"))  # noqa: S108
    parser.add_argument("--port-base", type=int, default=int(os.environ.get("SMOKE_PORT_BASE", "56400")))
    args = parser.parse_args()
    root = Path(args.dir)
    shape = None if args.attach else serve(args, root)
    try:
        return measure(args, root)
    finally:
        if shape is not None:
            stop(shape)


def measure(args: argparse.Namespace, root: Path) -> int:
    where = shape_env(root)
    base, ca = where["SHAPE_BASE"], str(root / "nginx" / "cert.pem")
    began = time.monotonic()
    warm(base, ca, int(where.get("SHAPE_WEB_WORKERS", "2")))
    given = setup(root, where["SHAPE_PRIMARY"], args.portal_users)
    cadres = [console_client(base, ca, name) for name in ("county", "city", "county", "city")]
    for n, cadre in enumerate(cadres):
        cadre.data["surname"] = SURNAMES[n % len(SURNAMES)]
    workers = [portal_client(base, ca, root / "app.log", m["phone"]) for m in given["members"]]
    query = self_check_query(workers[0])
    for worker in workers:
        worker.data["self_check"] = query
    partner = Client(base, ca, data={"partner_key": given["partner_key"],
                                     "ids": [m["id_number"] for m in given["members"]]})
    log(f"signed in {len(cadres)} cadres and {len(workers)} workers in {time.monotonic() - began:.0f} s")

    threads, steps = saturation(cadres, [int(n) for n in args.levels.split(",")], args.step)
    log(f"the hello view saturates at {threads} concurrent users; each mix runs {args.duration:.0f} s there")
    rows = []
    for name, mix, clients in (("hello", HELLO, cadres), ("portal", PORTAL, workers), ("console", CONSOLE, cadres),
                               ("api", API, [partner]), ("hello_after", HELLO, cadres)):
        row = run(name, mix, clients, threads, args.duration)
        rows.append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)
    by = {r["metric"].removeprefix("load_mix_"): r for r in rows}
    ceiling = max(by["hello"]["value"], by["hello_after"]["value"])
    errors = sum(r["errors"] for r in rows + steps)
    figures = [
        {"bench": "load", "metric": "load_portal_ratio", "db": "postgresql",
         "value": round(by["portal"]["value"] / ceiling, 2), "unit": "ratio", "baseline": "hello (/healthz/stack)",
         "baseline_value": ceiling, "target": ">= 0.5", "met": by["portal"]["value"] / ceiling >= 0.5},
        {"bench": "load", "metric": "load_console_p95_ms", "db": "postgresql", "value": by["console"]["p95_ms"],
         "unit": "ms", "concurrency": threads, "baseline": "hello p95", "baseline_value": by["hello"]["p95_ms"],
         "target": "<= 300", "met": by["console"]["p95_ms"] <= 300},
        {"bench": "load", "metric": "load_errors", "db": "postgresql", "value": errors, "unit": "requests",
         "target": "= 0", "met": errors == 0},
    ]
    for row in figures:
        print(json.dumps(row, ensure_ascii=False), flush=True)
    out = BENCH_DIR / "results" / "load-postgresql.json"
    out.parent.mkdir(exist_ok=True)
    meta = {"unions": args.unions, "web_workers": where.get("SHAPE_WEB_WORKERS"), "duration_s": args.duration}
    out.write_text(json.dumps([meta, *steps, *rows, *figures], ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    log(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
