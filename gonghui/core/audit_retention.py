"""Deleting audit entries past their period without breaking `audit_verify`.

The log is a chain from its first entry; deleting the oldest entries would leave the verifier with a
first entry whose link points at nothing. So the sweep cuts only at an entry a signed checkpoint
named, and only at a checkpoint older than the period: it records the cut (`AuditCut`: the entry's
seq and hash and the signed checkpoint line), writes an audit entry saying so, and only then deletes
the entries up to the cut in batches. The verifier starts the chain after the newest cut, from its
hash, once it has checked the cut's checkpoint: signed by a known key, naming that entry, at least
six months old (so no cut can ever cover entries the law still asks for), and recorded in the log
after it. On PostgreSQL the database itself refuses to delete an entry beyond the newest cut.
"""

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gonghui.core.audit import Actor, audit_record
from gonghui.core.audit_checkpoints import Checkpoint, parse_line, read_checkpoints, signature_problem, verifying_keys
from gonghui.core.audit_models import AuditCut, AuditEntry
from gonghui.core.retention import SIX_MONTHS_DAYS, Applied
from gonghui.core.retention_purges import apply_in_batches

CUT_ACTION = "retention.audit_cut"
# Why the log was not cut further, as the sweep's entry records it (the console words each).
NO_CHECKPOINT_FILE = "no checkpoint file to cut at (GONGHUI_AUDIT_CHECKPOINT_FILE)"
NO_OLD_CHECKPOINT = "no signed checkpoint older than the period beyond the last cut"
CHECKPOINT_MISMATCH = "the entry a checkpoint names does not match it: run audit_verify"
RETENTION_ACTOR = "system:retention"


def newest_cut() -> AuditCut | None:
    return AuditCut.objects.order_by("-seq").first()


def _cut_candidate(cutoff: datetime, after_seq: int) -> tuple[Checkpoint | None, str]:
    """The newest signed checkpoint older than `cutoff` beyond the current cut, or why there is none."""
    path = settings.GONGHUI_AUDIT_CHECKPOINT_FILE
    if not path or not Path(path).is_file():
        return None, NO_CHECKPOINT_FILE
    keys = verifying_keys()
    best: Checkpoint | None = None
    for _line, parsed in read_checkpoints(path):
        if isinstance(parsed, str) or signature_problem(parsed, keys):
            continue
        if parsed.when < cutoff and parsed.seq > after_seq and (best is None or parsed.seq > best.seq):
            best = parsed
    if best is None:
        return None, NO_OLD_CHECKPOINT
    entry = AuditEntry.objects.filter(seq=best.seq).values_list("hash", "at").first()
    if entry is None or entry[0] != best.hash:
        return None, CHECKPOINT_MISMATCH
    if entry[1] >= cutoff:
        # Entries are numbered under the head's lock in time order; an entry at or after the cutoff
        # behind an older checkpoint means the clock went back: cut nothing rather than something recent.
        return None, NO_OLD_CHECKPOINT
    return best, ""


def _make_cut(checkpoint: Checkpoint) -> AuditCut:
    with transaction.atomic():
        cut = AuditCut.objects.create(seq=checkpoint.seq, hash=checkpoint.hash, kid=checkpoint.kid,
                                      checkpoint=checkpoint.to_line(), made_at=timezone.now())
        # The verifier asks for this entry after the cut: a cut nobody recorded is someone else's.
        audit_record(actor=Actor.system(RETENTION_ACTOR), action=CUT_ACTION, object_type="core.auditcut",
                     object_id=cut.seq, object_label=f"#{cut.seq}",
                     detail={"seq": cut.seq, "checkpoint_at": checkpoint.at})
    return cut


def purge_audit_log(*, cutoff: datetime, batch: int, max_batches: int, dry_run: bool) -> Applied:
    cut = newest_cut()
    candidate, why = _cut_candidate(cutoff, cut.seq if cut else 0)
    target = candidate.seq if candidate else (cut.seq if cut else 0)
    if dry_run:
        return Applied(AuditEntry.objects.filter(seq__lte=target).count(), note=why)
    if candidate is not None:
        cut = _make_cut(candidate)
    if cut is None:
        return Applied(0, note=why)
    # The queryset's own delete() refuses (append-only); this is the one path allowed to, and only
    # behind a recorded cut (the PostgreSQL trigger checks the same).
    done = apply_in_batches(AuditEntry.objects.filter(seq__lte=cut.seq),
                            lambda ids: AuditEntry.objects.filter(pk__in=ids)._raw_delete(AuditEntry.objects.db),
                            batch=batch, max_batches=max_batches, dry_run=False, order="seq")
    return replace(done, note=why)


def cut_problems(cut: AuditCut, *, now: datetime | None = None) -> list[str]:
    """What is wrong with the cut the verifier is about to start from (empty when it holds)."""
    parsed = parse_line(cut.checkpoint)
    if isinstance(parsed, str):
        return [f"the audit cut at #{cut.seq} holds no checkpoint: {parsed}"]
    problems = []
    if (wrong := signature_problem(parsed, verifying_keys())):
        problems.append(f"the audit cut at #{cut.seq}: its checkpoint is {wrong}")
    if (parsed.seq, parsed.hash) != (cut.seq, cut.hash):
        problems.append(f"the audit cut at #{cut.seq} does not match the checkpoint it holds (#{parsed.seq})")
    if parsed.when > (now or timezone.now()) - timedelta(days=SIX_MONTHS_DAYS):
        problems.append(f"the audit cut at #{cut.seq} is at a checkpoint of {parsed.at}, less than six months "
                        "ago: entries the law requires were deleted")
    if not AuditEntry.objects.filter(action=CUT_ACTION, object_id=str(cut.seq), seq__gt=cut.seq).exists():
        problems.append(f"the audit cut at #{cut.seq} is not recorded in the log after it")
    return problems
