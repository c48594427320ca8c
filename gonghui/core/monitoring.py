"""Counters and histograms a process records as it serves (request latency, SMS sends), shared by
every process of a deployment, and the Prometheus text format (0.0.4) they are read in.

The app runs as several gunicorn workers beside task workers; a scrape reaches one of them. So each
process keeps its figures in memory and, when GONGHUI_METRICS_DIR is set, rewrites them to its own
file there after each change (a few kilobytes, written whole and renamed into place so a reader never
sees half a file); the scrape adds up every file in the directory. A process that exits leaves its
file, so a counter never goes down while the deployment runs; the directory is emptied when the
service starts (a systemd RuntimeDirectory or a tmpfs does it), which Prometheus reads as a restart.
Without the directory (development, tests) a process reports only its own figures.
Figures that live in the database (the task queue, sweeps, checkpoints) are read at scrape time
instead: gonghui/core/monitoring_sources.py.
"""

import fcntl
import json
import math
import os
import threading
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

Labels = tuple[tuple[str, str], ...]

# Request latency, in seconds: a console page is expected well under 300 ms (issue #16's p95).
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

# Every metric a process records: name -> (type, help). A scrape lists them even before any sample.
RECORDED = {
    "gonghui_http_request_duration_seconds": (
        "histogram", "Time to answer a request, by route name (never the path) and status class."),
    "gonghui_sms_sent_total": (
        "counter", "SMS messages handed to the provider, by purpose and outcome (sent or failed)."),
    "gonghui_media_write_failures_total": (
        "counter", "Uploaded or generated files media storage refused to write, by reason (full or error)."),
}


@dataclass
class Sample:
    suffix: str  # "", "_bucket", "_sum", "_count"
    labels: Mapping[str, str]
    value: float


@dataclass
class Family:
    name: str
    kind: str  # counter, gauge, histogram
    help: str
    samples: list[Sample] = field(default_factory=list)


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _number(value: float) -> str:
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(float(value))


def render(families: Iterable[Family]) -> str:
    lines = []
    for family in families:
        lines.append(f"# HELP {family.name} {family.help.replace(chr(92), chr(92) * 2).replace(chr(10), ' ')}")
        lines.append(f"# TYPE {family.name} {family.kind}")
        for sample in family.samples:
            labels = ",".join(f'{key}="{_escape(str(value))}"' for key, value in sample.labels.items())
            lines.append(f"{family.name}{sample.suffix}{{{labels}}} {_number(sample.value)}" if labels
                         else f"{family.name}{sample.suffix} {_number(sample.value)}")
    return "\n".join(lines) + "\n"


def _as_state(counters: Mapping[tuple[str, Labels], float],
              histograms: Mapping[tuple[str, Labels], list[float]]) -> dict[str, list]:
    """What a process's file holds."""
    return {"counters": [[name, list(labels), value] for (name, labels), value in counters.items()],
            "histograms": [[name, list(labels), slots] for (name, labels), slots in histograms.items()]}


class Store:
    """This process's counters and histograms, mirrored to its file in the shared directory."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pid = 0
        self._file = ""
        self._counters: dict[tuple[str, Labels], float] = {}
        # [count per bucket (not cumulative; the last is +Inf)..., sum]
        self._histograms: dict[tuple[str, Labels], list[float]] = {}

    def _own(self) -> None:
        # A worker forked from a process that had figures starts from nothing, under its own file.
        if self._pid != os.getpid():
            self._pid, self._file = os.getpid(), f"{os.getpid()}-{uuid.uuid4().hex[:8]}.json"
            self._counters, self._histograms = {}, {}

    def inc(self, name: str, labels: Mapping[str, str], amount: float = 1.0) -> None:
        key = (name, tuple(sorted(labels.items())))
        with self._lock:
            self._own()
            self._counters[key] = self._counters.get(key, 0.0) + amount
            self._flush()

    def observe(self, name: str, labels: Mapping[str, str], value: float) -> None:
        key = (name, tuple(sorted(labels.items())))
        with self._lock:
            self._own()
            slots = self._histograms.setdefault(key, [0.0] * (len(LATENCY_BUCKETS) + 2))
            slots[next((i for i, bound in enumerate(LATENCY_BUCKETS) if value <= bound), len(LATENCY_BUCKETS))] += 1
            slots[-1] += value
            self._flush()

    def _state(self) -> dict[str, list]:
        return _as_state(self._counters, self._histograms)

    def _flush(self) -> None:
        directory = settings.GONGHUI_METRICS_DIR
        if not directory:
            return
        path = Path(directory) / self._file
        temporary = path.with_suffix(".tmp")
        try:
            temporary.write_text(json.dumps(self._state()))
            os.replace(temporary, path)
        except OSError:  # a full or missing directory must never fail the request being measured
            pass

    def states(self) -> list[dict[str, list]]:
        """Every process's figures: the shared directory's files, or this process's alone."""
        directory = settings.GONGHUI_METRICS_DIR
        if not directory:
            with self._lock:
                self._own()
                return [self._state()]
        _retire_dead(Path(directory))
        found = []
        for path in sorted(Path(directory).glob("*.json")):
            try:
                found.append(json.loads(path.read_text()))
            except (OSError, ValueError):  # a file removed or replaced while read: counted next scrape
                continue
        return found

    def reset(self) -> None:
        """Tests only: forget this process's figures."""
        with self._lock:
            self._pid = 0
            self._own()


store = Store()


def _sum(states: Iterable[dict[str, list]]) -> tuple[dict[tuple[str, Labels], float],
                                                      dict[tuple[str, Labels], list[float]]]:
    counters: dict[tuple[str, Labels], float] = {}
    histograms: dict[tuple[str, Labels], list[float]] = {}
    for state in states:
        for name, labels, value in state.get("counters", []):
            key = (name, tuple(tuple(pair) for pair in labels))
            counters[key] = counters.get(key, 0.0) + value
        for name, labels, slots in state.get("histograms", []):
            key = (name, tuple(tuple(pair) for pair in labels))
            total = histograms.setdefault(key, [0.0] * (len(LATENCY_BUCKETS) + 2))
            if len(total) == len(slots):  # a file from a version with other buckets is skipped
                histograms[key] = [a + b for a, b in zip(total, slots, strict=True)]
    return counters, histograms


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process under that pid: not ours to retire
        return True
    return True


def _retire_dead(directory: Path) -> None:
    """Fold the files of processes that are gone (a worker recycled after max_requests, a task
    worker's job process) into one `retired.json`, so a scrape reads a bounded number of files and the
    counters keep counting up. Under a lock: two scrapes at once must not fold a file twice."""
    try:
        with open(directory / ".retire.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            dead = [p for p in directory.glob("[0-9]*-*.json") if not _alive(int(p.name.split("-", 1)[0]))]
            if not dead:
                return
            retired = directory / "retired.json"
            states = [json.loads(p.read_text()) for p in [*([retired] if retired.exists() else []), *dead]]
            counters, histograms = _sum(states)
            temporary = retired.with_suffix(".tmp")
            temporary.write_text(json.dumps(_as_state(counters, histograms)))
            os.replace(temporary, retired)
            for path in dead:
                path.unlink(missing_ok=True)
    except (OSError, ValueError):  # a scrape still answers with what it can read
        return


def recorded_families() -> list[Family]:
    """The recorded metrics, summed over every process."""
    counters, histograms = _sum(store.states())
    families = {name: Family(name, kind, help_text) for name, (kind, help_text) in RECORDED.items()}
    for (name, labels), value in sorted(counters.items()):
        if name in families:
            families[name].samples.append(Sample("", dict(labels), value))
    for (name, labels), slots in sorted(histograms.items()):
        if name not in families:
            continue
        cumulative = 0.0
        for bound, count in zip((*LATENCY_BUCKETS, math.inf), slots[:-1], strict=True):
            cumulative += count
            families[name].samples.append(Sample("_bucket", {**dict(labels), "le": _number(bound)}, cumulative))
        families[name].samples.append(Sample("_sum", dict(labels), slots[-1]))
        families[name].samples.append(Sample("_count", dict(labels), cumulative))
    return list(families.values())
