"""集体登记入会: a union registers its workers from a roster file (ARCHITECTURE.md §7, staged import).

    roster_upload         the file is checked and stored; validation is queued
    roster_validate       every row parsed and judged, the clean rows staged, the report written
    roster_commit_request the cadre asks for the commit; it is queued (refused, and validation runs
                          again, when the union's roster changed since the report was written)
    roster_commit         every still-valid row admitted in ONE transaction, a transfer request for
                          each member of another union; on any failure nothing stays written and
                          the import is marked failed with the reason

Validation and commit run as background tasks (members/tasks.py) with the system actor; every
service re-checks MEMBER_EDIT on the union, so a task cannot bypass the scope.
"""

import tempfile
import uuid
from typing import Any

from django.conf import settings
from django.core.files import File
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import audit_record
from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import Conflict, DomainError, ValidationFailed, msg
from gonghui.core.permissions import Perm
from gonghui.core.queue import enqueue_on_commit
from gonghui.core.storage import files_removed_on_failure, save_file
from gonghui.core.tabular import check_table
from gonghui.members.choices import JoinChannel
from gonghui.members.cleaning import Person
from gonghui.members.models import Member, MembershipEvent, RosterImport, RosterImportIssue, Transfer
from gonghui.members.roster_files import error_workbook
from gonghui.members.roster_selectors import roster_error_rows
from gonghui.members.roster_stage import StagedRow, StageWriter, read_people, staged_row
from gonghui.members.services.bulk import members_bulk_admit_people
from gonghui.members.services.roster_check import RosterChecker, issue
from gonghui.members.services.roster_lock import hold_commit_lock
from gonghui.members.services.transfers import create_transfers
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import require
from gonghui.orgs.services.common import audit_actor

Status = RosterImport.Status
ISSUE_CAP = 100_000  # findings stored per import; the counts stay exact beyond it
PROGRESS_SECONDS = 0.5


def _audit(actor: Any, action: str, ri: RosterImport, outcome: Any = AuditEntry.Outcome.OK, **detail: Any) -> None:
    audit_record(actor=audit_actor(actor), action=f"member.roster_{action}", obj=ri, org_path=ri.org_path,
                 outcome=outcome, detail={"union": ri.union_id, **detail})


def _enqueue(task_name: str, pk: int) -> None:
    from gonghui.members import tasks  # the tasks module imports these services

    enqueue_on_commit(getattr(tasks, task_name), pk)


class RosterStale(Conflict):
    code = "stale"

    @classmethod
    def default_message(cls) -> Any:
        return _("名单校验后，本工会的会员名册已有变动（有人入会、离会或转会），校验报告已过期，本次未提交。"
                 "系统已按最新数据重新校验，请查看新的校验报告后再提交。")


class KeyReused(Conflict):
    code = "idempotency_key_reused"

    @classmethod
    def default_message(cls) -> Any:
        return _("该 Idempotency-Key 已用于另一次上传（工会或文件不同）；新的上传请使用新的键。")


@transaction.atomic
def roster_upload(*, actor: Any, union: TradeUnion, file: Any, filename: str = "",
                  idempotency_key: str = "") -> RosterImport:
    """Store the file and queue its validation. `file` is an UploadedFile or any Django File.

    With an idempotency key (an API client retrying), the same key from the same actor returns the
    import the first call created, without storing or validating the file again."""
    require(actor, Perm.MEMBER_EDIT, union.path)
    name = (filename or getattr(file, "name", "") or "").replace("\\", "/").rsplit("/", 1)[-1]
    actor_id = getattr(actor, "pk", None)
    key = idempotency_key if actor_id is not None else ""
    if key:
        earlier = RosterImport.objects.filter(created_by_id=actor_id, idempotency_key=key).first()
        if earlier is not None:
            return _same_upload(actor, earlier, union, name, file)
    if not union.is_active:
        raise ValidationFailed(_("该工会已合并或撤销，不能发展会员。"), field="union")
    limit = settings.GONGHUI_ROSTER_MAX_MB
    if (file.size or 0) > limit * 1024 * 1024:
        raise ValidationFailed(msg(_("文件不能超过 %(n)d MB；请把名单拆成几个文件分别上传。"), {"n": limit}),
                               field="file", code="too_big")
    file.seek(0)
    ext = check_table(file, name)  # a workbook declaring more than the limits is refused here, not in the task
    ri = RosterImport(union=union, org_path=union.path, original_name=name[:200], size=file.size or 0,
                      created_by_id=actor_id, idempotency_key=key)
    try:
        with files_removed_on_failure():
            save_file(ri.file, f"{uuid.uuid4().hex}.{ext}", file, field="file", what=_("名单文件"))
            with transaction.atomic():
                ri.save()
    except IntegrityError:
        # Two requests with the same key at once: the other stored its import first; this file goes.
        ri.file.storage.delete(ri.file.name)
        if not key:
            raise
        return _same_upload(actor, RosterImport.objects.get(created_by_id=actor_id, idempotency_key=key), union,
                            name, file)
    _audit(actor, "upload", ri, file=ri.original_name, size=ri.size)
    _enqueue("roster_validate_task", ri.pk)
    return ri


def _same_upload(actor: Any, earlier: RosterImport, union: TradeUnion, name: str, file: Any) -> RosterImport:
    require(actor, Perm.MEMBER_EDIT, earlier.org_path)
    if (earlier.union_id, earlier.original_name, earlier.size) != (union.pk, name[:200], file.size or 0):
        raise KeyReused(field="idempotency_key")
    return earlier


def _claim(ri: RosterImport, q: Q, **changes: Any) -> None:
    # Compare-and-set: a second worker (or a double click) finds the status moved on and stops.
    if not RosterImport.objects.filter(q, pk=ri.pk).update(**changes, updated_at=timezone.now()):
        raise Conflict(_("该批次正在处理或已处理完毕，请刷新页面。"))
    for key, value in changes.items():
        setattr(ri, key, value)


def _fail(actor: Any, ri: RosterImport, action: str, error: DomainError) -> None:
    texts = error.as_dict()
    RosterImport.objects.filter(pk=ri.pk).update(status=Status.FAILED, failure_zh=texts["message_zh"][:300],
                                                 failure_en=texts["message_en"][:300], finished_at=timezone.now(),
                                                 staged="")
    if ri.staged:
        # A failed import is not retried (the union uploads again): its sealed identities can go.
        ri.staged.storage.delete(ri.staged.name)
    _audit(actor, action, ri, outcome=AuditEntry.Outcome.FAILED, code=error.code)
    ri.refresh_from_db()


class _Progress:
    """Writes how far the running phase is, at most twice a second, outside any transaction."""

    def __init__(self, ri: RosterImport, side_connection: bool = False):
        self.ri = ri
        self.last = 0.0
        # During the commit everything runs in one transaction, invisible to the page that polls;
        # on PostgreSQL a second connection reports progress (SQLite would block on its write lock).
        self.side = connections.create_connection(DEFAULT_DB_ALIAS) if side_connection and \
            connection.vendor == "postgresql" else None
        self.table = RosterImport._meta.db_table

    def __call__(self, rows: int, fraction: float) -> None:
        now = timezone.now().timestamp()
        if now - self.last < PROGRESS_SECONDS:
            return
        self.last = now
        percent = max(0, min(99, int(fraction * 100)))
        if self.side is not None:
            with self.side.cursor() as cursor:
                cursor.execute(f"UPDATE {self.table} SET processed_rows = %s, progress = %s, updated_at = now() "  # noqa: S608
                               "WHERE id = %s", [rows, percent, self.ri.pk])
        else:
            # updated_at is the heartbeat the stalled-import sweep reads (roster_recovery).
            RosterImport.objects.filter(pk=self.ri.pk).update(processed_rows=rows, progress=percent,
                                                              updated_at=timezone.now())

    def close(self) -> None:
        if self.side is not None:
            self.side.close()


def roster_validate(*, actor: Any, roster_import: RosterImport) -> RosterImport:
    """Judge every row and write the report. Runs outside one big transaction so progress shows."""
    ri = roster_import
    require(actor, Perm.MEMBER_EDIT, ri.org_path)
    _claim(ri, Q(status=Status.UPLOADED), status=Status.VALIDATING, progress=0, processed_rows=0)
    RosterImportIssue.objects.filter(roster_import=ri).delete()
    stored = 0

    def keep(batch: list[RosterImportIssue]) -> None:
        nonlocal stored
        room = ISSUE_CAP - stored
        for item in batch[:room]:
            item.roster_import_id = ri.pk
        RosterImportIssue.objects.bulk_create(batch[:room], batch_size=1000)
        stored += min(len(batch), max(room, 0))
        if len(batch) > room:
            RosterImport.objects.filter(pk=ri.pk).update(issues_truncated=True)

    progress = _Progress(ri)
    try:
        with tempfile.TemporaryFile() as out, ri.file.open("rb") as source:
            checker = RosterChecker(union_id=ri.union_id, filename=ri.original_name, stage=StageWriter(out),
                                    on_issues=keep, on_progress=progress)
            result = checker.run(source)
            out.seek(0)
            save_file(ri.staged, f"{uuid.uuid4().hex}.staged", File(out), field="file", what=_("名单文件"))
    except DomainError as exc:
        _fail(actor, ri, "validate", exc)
        return ri
    header = result.header
    assert header is not None
    RosterImport.objects.filter(pk=ri.pk).update(
        status=Status.VALIDATED, staged=ri.staged.name, total_rows=result.total, valid_rows=result.valid,
        error_rows=result.errors, transfer_rows=result.transfers, processed_rows=result.total, progress=100,
        columns=header.columns(), ignored_columns=header.unknown + header.repeated, validated_at=timezone.now())
    ri.refresh_from_db()
    _audit(actor, "validate", ri, rows=result.total, valid=result.valid, errors=result.errors,
           transfers=result.transfers)
    return ri


def roster_is_stale(roster_import: RosterImport) -> bool:
    """The union's roster changed since validation: someone joined, left or moved by another channel.

    The report the cadre read no longer describes what a commit would do, so it is not committed on
    it (the commit's own per-row re-check stays, for what happens after this point)."""
    ri = roster_import
    return (ri.status == Status.VALIDATED and ri.validated_at is not None and
            MembershipEvent.objects.filter(union_id=ri.union_id, at__gt=ri.validated_at).exists())


@transaction.atomic
def _revalidate(actor: Any, ri: RosterImport) -> None:
    old_stage = ri.staged.name
    _claim(ri, Q(status=Status.VALIDATED), status=Status.UPLOADED, progress=0, processed_rows=0, staged="",
           validated_at=None, issues_truncated=False)
    if old_stage:
        transaction.on_commit(lambda: ri.staged.storage.delete(old_stage))
    _audit(actor, "revalidate", ri, reason="stale")
    _enqueue("roster_validate_task", ri.pk)


def roster_validate_request(*, actor: Any, roster_import: RosterImport) -> RosterImport:
    """Validation is queued at upload; asked for again, it runs again only if its report went stale."""
    ri = roster_import
    require(actor, Perm.MEMBER_EDIT, ri.org_path)
    if roster_is_stale(ri):
        _revalidate(actor, ri)
    return ri


def roster_commit_request(*, actor: Any, roster_import: RosterImport) -> RosterImport:
    """The cadre has read the report and commits the valid rows; the work is queued.

    A stale report is refused: the import goes back to validation (its cards then say what is true
    now) and RosterStale tells the cadre to read the new report."""
    ri = roster_import
    require(actor, Perm.MEMBER_EDIT, ri.org_path)
    if ri.status == Status.VALIDATED and not ri.committable:
        raise ValidationFailed(_("没有可以提交的行：请按错误说明修改名单后重新上传。"), code="nothing_valid")
    if ri.status in (Status.UPLOADED, Status.VALIDATING):
        raise Conflict(_("名单还在校验，请等校验完成、查看校验报告后再提交。"), code="not_validated")
    if roster_is_stale(ri):
        _revalidate(actor, ri)
        raise RosterStale()
    with transaction.atomic():
        _claim(ri, Q(status=Status.VALIDATED, valid_rows__gt=0) | Q(status=Status.VALIDATED, transfer_rows__gt=0),
               status=Status.COMMITTING, commit_requested_by_id=getattr(actor, "pk", None), progress=0,
               processed_rows=0)
        _audit(actor, "commit_request", ri)
        _enqueue("roster_commit_task", ri.pk)
    return ri


def roster_commit(*, actor: Any, roster_import: RosterImport) -> RosterImport:
    """Admit every row that is still valid, in one transaction. Returns the import, committed or failed."""
    ri = roster_import
    require(actor, Perm.MEMBER_EDIT, ri.org_path)
    _claim(ri, Q(status=Status.VALIDATED) | Q(status=Status.COMMITTING, commit_started_at=None),
           status=Status.COMMITTING, commit_started_at=timezone.now(), progress=0, processed_rows=0)
    progress = _Progress(ri, side_connection=True)
    try:
        with transaction.atomic():
            hold_commit_lock(ri.pk)
            counts = _commit(actor, ri, progress)
            RosterImport.objects.filter(pk=ri.pk).update(status=Status.COMMITTED, progress=100,
                                                         finished_at=timezone.now(), **counts)
            counts.pop("staged")
            ri.refresh_from_db()
            _audit(actor, "commit", ri, **counts)
    except DomainError as exc:
        _fail(actor, ri, "commit", exc)
    except Exception:
        # Not a rule the data broke but a fault: recorded as failed, then raised for the task's log.
        _fail(actor, ri, "commit", DomainError(_("提交时发生系统错误，本次未写入任何记录；请稍后重试或联系管理员。"),
                                               code="error"))
        raise
    finally:
        progress.close()
    return ri


def _commit(actor: Any, ri: RosterImport, progress: _Progress) -> dict[str, Any]:
    union = TradeUnion.objects.get(pk=ri.union_id)
    if not ri.staged:
        raise ValidationFailed(_("该批次尚未校验。"), code="not_validated")
    findings: list[RosterImportIssue] = []
    transfers: list[tuple[StagedRow, int]] = []
    total = max(ri.valid_rows + ri.transfer_rows, 1)
    seen = 0

    def people() -> Any:
        nonlocal seen
        with ri.staged.open("rb") as source:
            for chunk in read_people(source):
                yield from chunk
                seen += len(chunk)

    def held(person: Person, union_id: int, member_id: int) -> None:
        """Re-checked as the database is now, in the query that finds who is in the registry already."""
        staged = staged_row(person)
        if union_id == union.pk:
            findings.append(_commit_issue(staged, ValidationFailed(
                _("提交前此人已成为本工会会员，本行未重复登记。"), field="id_number", code="already_member")))
        else:
            transfers.append((staged, member_id))

    def written(taken: int) -> None:
        progress(taken, taken / total)

    admitted = members_bulk_admit_people(actor=actor, union=union, people=people(), channel=JoinChannel.ROSTER,
                                         on_progress=written, on_held=held)
    members = Member.objects.in_bulk([member_id for _s, member_id in transfers])
    # The union's roster is not the worker's consent: each request waits for the worker.
    answers = create_transfers(actor=actor, to_union=union, origin=Transfer.Origin.ROSTER, asked=[
        (members[member_id], str(msg(_("集体登记入会（第%(row)d行）"), {"row": staged.row})))
        for staged, member_id in transfers])
    created: list[int] = []
    for (staged, _member_id), answer in zip(transfers, answers, strict=True):
        if isinstance(answer, ValidationFailed):
            findings.append(_commit_issue(staged, answer))
        else:
            created.append(answer.pk)
    if created:
        transaction.on_commit(lambda: _ask_workers(created))
    RosterImportIssue.objects.bulk_create([_attach(f, ri) for f in findings[:ISSUE_CAP]], batch_size=1000)
    # The staged identities are no longer needed once the members exist (PIPL: keep no more than needed).
    staged = ri.staged.name
    transaction.on_commit(lambda: ri.staged.storage.delete(staged))
    # The counts validation found are replaced by what the commit did: a row that turned out at commit to
    # be a member already is an error now, not one "可以入会" any more (rows + errors add up again).
    return {"admitted_rows": admitted.admitted, "rejoined_rows": admitted.rejoined, "transfers_created": len(created),
            "valid_rows": admitted.admitted + admitted.rejoined, "transfer_rows": len(created),
            "error_rows": ri.error_rows + len(findings), "processed_rows": seen, "staged": ""}


def _ask_workers(pks: list[int]) -> None:
    """After the commit: each worker found in another union gets the SMS asking for consent."""
    from gonghui.members.services.transfer_consent import send_confirmation

    for pk in pks:
        send_confirmation(pk, quiet=True)


def _commit_issue(staged: StagedRow, error: ValidationFailed) -> RosterImportIssue:
    # The stage keeps clean values, not the cells: enough to find the row and fix it.
    c = staged.clean
    raw = {"name": c.name, "id_number": c.identity.number, "phone": c.phone, "join_date": staged.join_date.isoformat()}
    return issue(staged.row, raw, error, at_commit=True)


def _attach(item: RosterImportIssue, ri: RosterImport) -> RosterImportIssue:
    item.roster_import_id = ri.pk
    return item


def roster_errors_export(*, actor: Any, roster_import: RosterImport) -> bytes:
    """The error rows as a workbook to fix and re-upload. They hold identity numbers: audited as an export."""
    ri = roster_import
    require(actor, Perm.MEMBER_EDIT, ri.org_path)
    data = error_workbook(roster_error_rows(roster_import=ri))
    _audit(actor, "errors_export", ri, rows=ri.error_rows)
    return data
