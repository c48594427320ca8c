"""Reading and judging every row of a roster: the engine behind `roster_validate`.

Each row goes through `clean_member_data`, the rules every other channel uses, and its join date
through `parse_date`. Then, a chunk at a time (one query per chunk, never per row), the people are
looked up: a live member of this union is an error, a live member elsewhere will become a transfer
request. Clean rows go to the stage for the commit; findings go to the caller in batches.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ValidationFailed, msg
from gonghui.core.idnumbers import excel_number_text, mask_phone, parse_date, shown_id_cell
from gonghui.core.tabular import open_table
from gonghui.core.text import normalize_text
from gonghui.members.cleaning import LABELS, clean_member_data, index_aliases
from gonghui.members.models import RosterImportIssue
from gonghui.members.roster_columns import Header, looks_like_header, read_header
from gonghui.members.roster_stage import StagedRow, StageWriter
from gonghui.members.services.bulk import live_memberships
from gonghui.members.services.registry import _check_join_date

CHUNK = 2000
HEADER_SEARCH_ROWS = 20
Severity = RosterImportIssue.Severity


@dataclass
class CheckResult:
    total: int = 0
    valid: int = 0
    errors: int = 0
    transfers: int = 0
    header: Header | None = None


@dataclass
class _Pending:
    staged: StagedRow
    raw: dict[str, Any]


# Column names inside a message stay lazy, so the English report names them in English.
_joined = lazy(lambda labels: "、".join(str(label) for label in labels), str)


def cell_text(value: Any) -> str:
    """A cell as the user would read it back in the error file."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != datetime.time() else value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        # A long number Excel made a float of is shown as Excel shows it, not as Python's repr.
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else excel_number_text(value)
    return str(value)


def shown_value(name: str, value: Any) -> str:
    """The offending cell for the report: never an identity number or a phone in full."""
    if name == "id_number":
        return shown_id_cell(value if isinstance(value, float) else cell_text(value))
    text = normalize_text(cell_text(value))
    if name == "phone" and text:
        return mask_phone(text) if len(text) == 11 else text[:3] + "****"
    return text[:100]


def issue(row: int, raw: dict[str, Any], error: ValidationFailed, *, severity: str = Severity.ERROR,
          at_commit: bool = False) -> RosterImportIssue:
    texts = error.as_dict()
    name = error.field or ""
    return RosterImportIssue(row=row, field=name[:20], code=str(error.code)[:30], severity=severity,
                             message_zh=texts["message_zh"][:300], message_en=texts["message_en"][:300],
                             value=shown_value(name, raw.get(name)), raw=raw, at_commit=at_commit)


@dataclass
class RosterChecker:
    union_id: int
    filename: str
    stage: StageWriter
    on_issues: Callable[[list[RosterImportIssue]], None]
    on_progress: Callable[[int, float], None]
    result: CheckResult = field(default_factory=CheckResult)
    _issues: list[RosterImportIssue] = field(default_factory=list)
    _pending: list[_Pending] = field(default_factory=list)
    _seen: dict[bytes, int] = field(default_factory=dict)

    def run(self, file: IO[bytes]) -> CheckResult:
        table = open_table(file, self.filename)
        rows = table.rows
        header = self._find_header(rows)
        self.result.header = header
        positions = list(header.positions.items())
        today = timezone.localdate()
        for number, cells in rows:
            if not any(c not in ("", None) for c in cells):
                continue
            width = len(cells)
            raw = {name: cells[i] if i < width else "" for name, i in positions}
            self.result.total += 1
            self._check(number, raw, today)
            if self.result.total % CHUNK == 0:
                self._classify()
                self.on_progress(self.result.total, table.fraction())
        self._classify()
        self.stage.flush()
        self._flush_issues(force=True)
        return self.result

    def _find_header(self, rows: Any) -> Header:
        seen = 0
        for _number, cells in rows:
            if not any(normalize_text(c) for c in cells):
                continue
            if looks_like_header(cells):
                header = read_header(cells)
                if header.missing:
                    names = _joined([LABELS[f] for f in header.missing])
                    raise ValidationFailed(msg(_("表格缺少必填列：%(columns)s。请使用模板中的列标题。"),
                                               {"columns": names}), field="file", code="missing_column")
                return header
            seen += 1
            if seen >= HEADER_SEARCH_ROWS:
                break
        raise ValidationFailed(_("没有找到表头：请确认表格中有“姓名”“证件号码”等列标题。"), field="file",
                               code="no_header")

    def _check(self, number: int, raw: dict[str, Any], today: datetime.date) -> None:
        clean, errors = clean_member_data(raw)
        join_date = today
        if normalize_text(cell_text(raw.get("join_date"))):
            try:
                join_date = parse_date(raw["join_date"], field="join_date")
                if join_date > today or join_date.year < 1925:
                    _check_join_date(join_date)  # the registry's rule and words, without asking the clock per row
            except ValidationFailed as exc:
                errors.append(exc)
        if errors or clean is None:
            self._error_row(number, raw, errors)
            return
        key = bytes.fromhex(clean.id_index[:32])  # 128 bits identify a person; half the memory of the hex
        first = self._seen.get(key)
        if first is not None:
            self._error_row(number, raw, [ValidationFailed(
                msg(_("与第%(row)d行是同一人（证件号码重复）。"), {"row": first}), field="id_number",
                code="duplicate")])
            return
        self._seen[key] = number
        self._pending.append(_Pending(StagedRow(number, clean, join_date), raw))

    def _error_row(self, number: int, raw: dict[str, Any], errors: list[ValidationFailed]) -> None:
        self.result.errors += 1
        text = {name: cell_text(value) for name, value in raw.items()}
        self._issues.extend(issue(number, text, e) for e in errors)
        self._flush_issues()

    def _classify(self) -> None:
        pending, self._pending = self._pending, []
        live = live_memberships([p.staged.clean.id_index for p in pending],
                                index_aliases(p.staged.clean for p in pending))
        for p in pending:
            found = live.get(p.staged.clean.id_index)
            if found is not None and found[0] == self.union_id:
                self._error_row(p.staged.row, p.raw, [ValidationFailed(
                    _("此人已是本工会会员。"), field="id_number", code="already_member")])
                continue
            if found is not None:
                self.result.transfers += 1
                text = {name: cell_text(value) for name, value in p.raw.items()}
                self._issues.append(issue(p.staged.row, text, ValidationFailed(
                    _("此人已是其他工会的会员：提交后将发起会籍接转，不会重复入会。"), field="id_number",
                    code="member_elsewhere"), severity=Severity.NOTICE))
            else:
                self.result.valid += 1
            self.stage.add(p.staged)
        self._flush_issues()

    def _flush_issues(self, force: bool = False) -> None:
        if self._issues and (force or len(self._issues) >= 1000):
            batch, self._issues = self._issues, []
            self.on_issues(batch)
