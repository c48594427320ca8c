"""Checking the audit log: the keyed chain from its first entry (or from the retention cut, whose
signed checkpoint `audit_retention.cut_problems` checks first), the head, and every checkpoint.

The chain walk streams the entries in seq order (constant memory over millions of rows) and judges
each entry on its own stored values: its hash under its key, its link to the entry before, its seq
following the one before, no unkeyed entry after a keyed one. So one rewritten stretch is reported
entry by entry rather than as one break followed by noise, and the first bad entry is named.

Checkpoints (`audit_checkpoints`) catch what the key alone cannot: an attacker who holds the key, or
who deletes the newest entries and moves the head back. Each valid checkpoint pins the hash of the
entry at its seq and says the chain held at least that many entries; the newest must be recent, so
stopping the timer does not stop the checking.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from gonghui.core.audit_checkpoints import Checkpoint, read_checkpoints, signature_problem, verifying_keys
from gonghui.core.audit_models import GENESIS, AuditChainHead, AuditEntry, UnknownAuditKey
from gonghui.core.audit_retention import cut_problems, newest_cut

KEPT_PROBLEMS = 50  # a broken key can fail every entry: report the first ones and count the rest


@dataclass(frozen=True)
class Problem:
    entry_id: int | None  # the entry at fault, when there is one to name
    message: str


@dataclass
class ChainResult:
    entries: int = 0
    unkeyed: int = 0
    keyed: dict[str, int] = field(default_factory=dict)
    last_seq: int = 0
    last_hash: str = GENESIS
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    cut_seq: int = 0  # the retention cut the walk started after (0: from the first entry)

    def add(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < KEPT_PROBLEMS:
            self.problems.append(problem)

    @property
    def first_bad(self) -> Problem | None:
        return self.problems[0] if self.problems else None


Pins = dict[int, tuple[int, Checkpoint]]  # seq → (line number, the first valid checkpoint naming it)


def _entry_reasons(row: AuditEntry, prev_seq: int, prev_hash: str, seen_keyed: bool) -> list[str]:
    reasons = []
    try:
        # Read back, `at` and `detail` must hash the same as when written.
        if row.compute_hash() != row.hash:
            reasons.append(f"its hash does not match its content under key {row.kid!r}" if row.kid
                           else "its unkeyed hash does not match its content")
    except UnknownAuditKey:
        reasons.append(f"it names key {row.kid!r}, which GONGHUI_AUDIT_KEY does not hold")
    if row.prev_hash != prev_hash:
        reasons.append("its link does not match the entry before it")
    if row.seq == prev_seq + 2:
        reasons.append(f"entry #{prev_seq + 1} before it is missing")
    elif row.seq > prev_seq + 2:
        reasons.append(f"entries #{prev_seq + 1}–#{row.seq - 1} before it are missing")
    elif row.seq != prev_seq + 1:
        reasons.append(f"its number #{row.seq} is out of order")
    if seen_keyed and not row.kid:
        reasons.append("it is unkeyed after keyed entries (rewritten without the key)")
    return reasons


def verify_chain(*, batch: int = 5000, pins: Pins | None = None) -> ChainResult:
    """Walk the whole chain and the head; compare the entries that `pins` name with their checkpoints
    (and remove those from `pins`, leaving the ones whose entry the walk never met)."""
    result = ChainResult()
    prev_seq, prev_hash, seen_keyed, last_id = 0, GENESIS, False, 0
    # After a retention cut the chain starts from the cut's signed hash; the entries behind it are
    # past their period and the sweep may be deleting them (audit_retention).
    cut = newest_cut()
    if cut is not None:
        prev_seq, prev_hash, seen_keyed = cut.seq, cut.hash, bool(cut.kid)
        result.cut_seq = cut.seq
        for message in cut_problems(cut):
            result.add(Problem(None, message + "."))
    for row in AuditEntry.objects.filter(seq__gt=prev_seq).order_by("seq").iterator(chunk_size=batch):
        result.entries += 1
        reasons = _entry_reasons(row, prev_seq, prev_hash, seen_keyed)
        pinned = pins.pop(row.seq, None) if pins else None
        if pinned is not None and pinned[1].hash != row.hash:
            line, checkpoint = pinned
            reasons.append(f"its hash is not the one checkpoint line {line} recorded on {checkpoint.at}: "
                           "it or an entry before it was rewritten")
        if reasons:
            result.add(Problem(row.id, f"entry {row.id} (#{row.seq}): " + "; ".join(reasons) + "."))
        if row.kid:
            seen_keyed = True
            result.keyed[row.kid] = result.keyed.get(row.kid, 0) + 1
        else:
            result.unkeyed += 1
        prev_seq, prev_hash, last_id = row.seq, row.hash, row.id
    result.last_seq, result.last_hash = prev_seq, prev_hash
    head = AuditChainHead.objects.filter(pk=1).values_list("last_seq", "last_hash").first()
    if head is not None and head != (prev_seq, prev_hash):
        result.add(Problem(last_id,
                           f"the chain's head (#{head[0]}) does not match the newest entry (#{prev_seq})."))
    return result


@dataclass
class Report:
    chain: ChainResult
    checkpoint_file: str = ""
    checkpoints: int = 0
    newest: Checkpoint | None = None
    problems: list[Problem] = field(default_factory=list)  # about checkpoints and the sink

    @property
    def ok(self) -> bool:
        return not (self.chain.problem_count or self.problems)

    @property
    def first(self) -> Problem | None:
        chain_first = self.chain.first_bad
        return chain_first or (self.problems[0] if self.problems else None)


def _read_pins(path: Path, report: Report) -> Pins:
    keys = verifying_keys()
    if not keys:
        report.problems.append(Problem(None, "No public key to verify checkpoints with: set "
                                             "GONGHUI_AUDIT_CHECKPOINT_PUBLIC_KEYS."))
    pins: Pins = {}
    previous: tuple[int, Checkpoint] | None = None
    for line, parsed in read_checkpoints(path):
        if isinstance(parsed, str):
            report.problems.append(Problem(None, f"Checkpoint line {line}: {parsed}."))
            continue
        if keys and (wrong := signature_problem(parsed, keys)):
            report.problems.append(Problem(None, f"Checkpoint line {line}: {wrong}."))
            continue
        report.checkpoints += 1
        if previous is not None and parsed.seq < previous[1].seq:
            report.problems.append(Problem(None, (
                f"Checkpoint line {line} ({parsed.at}) records {parsed.seq} entries, fewer than line "
                f"{previous[0]} ({previous[1].at}) recorded: entries were deleted and the head moved back.")))
        pinned = pins.setdefault(parsed.seq, (line, parsed))
        if pinned[1].hash != parsed.hash:
            report.problems.append(Problem(None, (
                f"Checkpoint lines {pinned[0]} and {line} record different hashes for entry #{parsed.seq}: "
                "the chain was rewritten between them.")))
        if report.newest is None or parsed.when >= report.newest.when:
            report.newest = parsed
        previous = (line, parsed)
    pins.pop(0, None)  # a checkpoint of the empty log pins no entry
    return pins


def audit_verify(*, checkpoint_file: str | None = None, max_age: timedelta | None = None,
                 now: datetime | None = None, chain_only: bool = False, batch: int = 5000) -> Report:
    """Check the chain, the head and (unless `chain_only`) the checkpoints in `checkpoint_file`
    (default GONGHUI_AUDIT_CHECKPOINT_FILE), and that the newest checkpoint is at most `max_age` old."""
    path = checkpoint_file if checkpoint_file is not None else settings.GONGHUI_AUDIT_CHECKPOINT_FILE
    max_age = max_age or timedelta(minutes=settings.GONGHUI_AUDIT_CHECKPOINT_MAX_AGE_MINUTES)
    report = Report(chain=ChainResult(), checkpoint_file=path or "")
    pins: Pins = {}
    if not chain_only:
        if not path:
            report.problems.append(Problem(None, "No checkpoint file to compare with: set "
                                                 "GONGHUI_AUDIT_CHECKPOINT_FILE or pass --checkpoints."))
        elif not Path(path).is_file():
            report.problems.append(Problem(None, f"No checkpoint file at {path}."))
        else:
            pins = _read_pins(Path(path), report)
    report.chain = verify_chain(batch=batch, pins=pins)
    for seq, (line, checkpoint) in sorted(pins.items()):
        if seq <= report.chain.cut_seq:
            # Behind the retention cut: deleted by the sweep, or about to be.
            if seq == report.chain.cut_seq and checkpoint.hash != (newest_cut() or checkpoint).hash:
                report.problems.append(Problem(None, (
                    f"Checkpoint line {line} records another hash for entry #{seq} than the audit cut holds.")))
            continue
        if seq > report.chain.last_seq:
            report.problems.insert(0, Problem(None, (
                f"Checkpoint line {line} ({checkpoint.at}) recorded {seq} entries; the log now holds "
                f"{report.chain.last_seq}: entries #{report.chain.last_seq + 1}–#{seq} were deleted.")))
            break  # the lowest such checkpoint says it all
        report.problems.append(Problem(None, f"Entry #{seq}, recorded by checkpoint line {line}, is missing."))
    if not chain_only and path:
        if report.newest is None:
            report.problems.append(Problem(None, (
                "No valid checkpoint: run `manage.py audit_checkpoint` and check that the `periodic` timer runs.")))
        else:
            age = (now or timezone.now()) - report.newest.when
            if age > max_age:
                report.problems.append(Problem(None, (
                    f"The newest checkpoint ({report.newest.at}) is {int(age.total_seconds() // 60)} minutes "
                    f"old, more than {int(max_age.total_seconds() // 60)}: checkpoints have stopped.")))
    return report
