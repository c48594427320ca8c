"""Importing an enrolment list (参保名单): .xlsx/.xls/.ods/.csv, one member per row by ID number.

Each row is looked up through the registry's blind index, never by decrypting. Every bad row is
reported by its row number with the reason, in the user's language: an ID that cannot be right,
a person the registry does not know, someone who is not (or no longer) a member, a member of a
union the plan or the cadre does not cover, a row repeated, a name that does not match. Members
already enrolled are counted, not reported as errors. A preview writes nothing; a commit writes
every valid row in one transaction, through the same writer as the bulk enrolment, or nothing.
"""

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import NotFound, ValidationFailed, msg
from gonghui.core.idnumbers import IdType, parse_identity
from gonghui.core.lookups import id_lookup_take
from gonghui.core.permissions import Perm
from gonghui.core.tabular import UnreadableFile, open_table
from gonghui.core.text import normalize_text
from gonghui.members.choices import LIVE_STATUSES, Gender
from gonghui.members.cleaning import choice, identity_index_candidates
from gonghui.members.models import Member
from gonghui.mutualaid.choices import EnrolmentSource
from gonghui.mutualaid.models import MutualAidPlan
from gonghui.mutualaid.services.enrolment import (
    Candidate,
    EnrolmentConflict,
    EnrolmentResult,
    already_enrolled,
    check_open_for_enrolment,
    enrol_candidates,
)
from gonghui.orgs.scope import Scope, scope_for

TITLES: dict[str, tuple[str, ...]] = {
    "id_number": ("证件号码", "身份证号", "身份证号码", "公民身份号码", "身份证", "idnumber"),
    "id_type": ("证件类型", "idtype"),
    "name": ("姓名", "name"),
}
HEADER_SEARCH_ROWS = 20
MAX_ROWS = 200_000
MAX_ISSUES = 1_000  # listed in the report; the count stays exact
LOOKUP_CHUNK = 2_000
_DECORATION = re.compile(r"[（(【\[].*?[）)】\]]|[*＊:：\s_]")


@dataclass(frozen=True)
class ImportIssue:
    row: int
    id_masked: str
    reason: Any  # lazy, rendered in the reader's language
    code: str

    @property
    def text(self) -> Any:
        return msg(_("第%(row)d行（%(id)s）：%(reason)s"), {"row": self.row, "id": self.id_masked or "-",
                                                          "reason": self.reason})

    def as_dict(self) -> dict[str, Any]:
        """The finding in both languages, for the API and the error workbook."""
        with translation.override("zh-hans"):
            zh = str(self.text)
        with translation.override("en"):
            en = str(self.text)
        return {"row": self.row, "id_masked": self.id_masked, "code": self.code, "message_zh": zh,
                "message_en": en}


@dataclass
class ImportReport:
    rows: int = 0  # data rows read, blank ones not counted
    valid: int = 0  # rows that enrol someone new (or did, once committed)
    already: int = 0  # members enrolled in the plan before
    issue_count: int = 0
    issues: list[ImportIssue] = field(default_factory=list)
    committed: bool = False
    result: EnrolmentResult | None = None

    def add(self, row: int, id_masked: str, reason: Any, code: str) -> None:
        self.issue_count += 1
        if len(self.issues) < MAX_ISSUES:
            self.issues.append(ImportIssue(row, id_masked, reason, code))


@dataclass
class _Row:
    row: int
    index: str
    masked: str
    name: str
    others: list[str] = field(default_factory=list)  # its index under the other keys while the key rotates


def import_scope(actor: Any, plan: MutualAidPlan) -> Scope:
    """Where the actor may enrol members in this plan: its grants inside the plan's branch, or the
    whole branch under a grant above it. Nothing there: the plan is not found, as if missing."""
    scope = scope_for(actor, Perm.MUTUAL_AID_MANAGE)
    if scope.covers(plan.org_path):
        return scope
    inside = [root for root in scope.roots if root.startswith(plan.org_path)]
    if not inside:
        raise NotFound()
    return Scope.of(inside, Perm.MUTUAL_AID_MANAGE)


def _key(title: Any) -> str:
    return _DECORATION.sub("", normalize_text(str(title) if title is not None else "")).lower()


def _header(cells: list[Any]) -> dict[str, int] | None:
    wanted = {_key(t): name for name, titles in TITLES.items() for t in titles}
    columns: dict[str, int] = {}
    for position, cell in enumerate(cells):
        name = wanted.get(_key(cell))
        if name and name not in columns:
            columns[name] = position
    return columns if "id_number" in columns else None


def _cell(cells: list[Any], columns: dict[str, int], name: str) -> Any:
    position = columns.get(name)
    return cells[position] if position is not None and position < len(cells) else None


def _blank(cells: list[Any]) -> bool:
    return all(c is None or normalize_text(str(c)) == "" for c in cells)


def _read_rows(file: IO[bytes], filename: str, report: ImportReport) -> Iterator[_Row]:
    table = open_table(file, filename)
    columns: dict[str, int] | None = None
    first_rows: list[int] = []
    seen: dict[str, int] = {}
    for number, cells in table.rows:
        if columns is None:
            columns = _header(cells)
            first_rows.append(number)
            if columns is None and len(first_rows) >= HEADER_SEARCH_ROWS:
                break
            continue
        if _blank(cells):
            continue
        report.rows += 1
        if report.rows > MAX_ROWS:
            raise ValidationFailed(msg(_("名单不能超过%(n)d行，请分批导入。"), {"n": MAX_ROWS}), field="file",
                                   code="too_many_rows")
        raw_id = _cell(cells, columns, "id_number")
        try:
            id_type = choice(IdType, _cell(cells, columns, "id_type"), "id_type") or IdType.RESIDENT
            if raw_id is None or normalize_text(str(raw_id)) == "":
                raise ValidationFailed(_("请填写证件号码。"), field="id_number", code="required")
            identity = parse_identity(id_type, raw_id)
        except ValidationFailed as exc:
            report.add(number, "", exc.message, exc.code)
            continue
        index, *others = identity_index_candidates(identity)
        if index in seen:
            report.add(number, identity.masked, msg(_("与第%(row)d行重复。"), {"row": seen[index]}), "duplicate")
            continue
        seen[index] = number
        yield _Row(number, index, identity.masked, normalize_text(str(_cell(cells, columns, "name") or "")), others)
    if columns is None:
        raise UnreadableFile(_("找不到“证件号码”（或“身份证号”）列：请在前20行内放一行列标题。"))


NOT_HERE = _("本计划范围内您管辖的工会中没有此证件号码的在册会员：尚未入会的请先办理入会；"
              "是其他工会会员的，请由其所在工会办理参保。")


def _chunks(rows: list[_Row]) -> Iterator[list[_Row]]:
    for start in range(0, len(rows), LOOKUP_CHUNK):
        yield rows[start:start + LOOKUP_CHUNK]


def _judge(plan: MutualAidPlan, scope: Scope, rows: list[_Row], report: ImportReport) -> list[Candidate]:
    """Look every row up, a chunk at a time (one query for the people, one for earlier enrolments)."""
    valid: list[Candidate] = []
    for chunk in _chunks(rows):
        alias = {other: row.index for row in chunk for other in row.others}
        people = {alias.get(r[0], r[0]): r[1:] for r in Member.objects.filter(
            id_index__in=[row.index for row in chunk] + list(alias))
                  .values_list("id_index", "pk", "name", "status", "union_id", "org_path", "gender")}
        enrolled = already_enrolled(plan, [p[0] for p in people.values()])
        for row in chunk:
            person = people.get(row.index)
            # Nobody, or somebody outside the plan or the importer's scope: the same words, so the
            # file cannot be used to learn who is a member elsewhere (docs/decisions.md).
            if person is None or not person[4] or not person[4].startswith(plan.org_path) \
                    or not scope.covers(person[4]):
                report.add(row.row, row.masked, NOT_HERE, "not_found_here")
                continue
            pk, name, status, union_id, org_path, gender = person
            if status not in LIVE_STATUSES:
                report.add(row.row, row.masked, _("此人目前不是在册会员（已退会、转出或去世），不能参保。"),
                           "not_member")
            elif row.name and row.name != name:
                report.add(row.row, row.masked, _("姓名与该证件号码登记的姓名不一致。"), "name_mismatch")
            elif plan.women_only and gender != Gender.FEMALE:
                report.add(row.row, row.masked, _("本计划仅限女职工参加。"), "ineligible")
            elif pk in enrolled:
                report.already += 1
            else:
                valid.append(Candidate(pk, union_id, org_path, gender))
    report.valid = len(valid)
    return valid


def enrolment_import(*, actor: Any, plan: MutualAidPlan, file: IO[bytes], filename: str, commit: bool = False,
                     enrolled_on: datetime.date | None = None, paid_on: datetime.date | None = None
                     ) -> ImportReport:
    """Judge every row; with `commit`, enrol every valid row in one transaction (bad rows stay
    reported, never written). The commit judges the rows again against the database as it is then."""
    scope = import_scope(actor, plan)
    id_lookup_take(actor=actor, what="mutualaid_import")  # the whole file is one look-up; MAX_ROWS bounds it
    enrolled_on = enrolled_on or timezone.localdate()
    if paid_on is not None and paid_on > timezone.localdate():
        raise ValidationFailed(_("缴费日期不能晚于今天。"), field="paid_on", code="future")
    check_open_for_enrolment(plan, enrolled_on)
    report = ImportReport()
    rows = list(_read_rows(file, filename, report))
    if not commit:
        _judge(plan, scope, rows, report)
        return report
    try:
        with transaction.atomic():
            # Locked before judging, so nobody enrols one of these people between the check and the write.
            MutualAidPlan.objects.select_for_update().get(pk=plan.pk)
            valid = _judge(plan, scope, rows, report)
            report.result = enrol_candidates(
                actor=actor, plan=plan, candidates=valid, source=EnrolmentSource.IMPORT, enrolled_on=enrolled_on,
                paid_on=paid_on, detail={"file": filename[:100], "rows": report.rows, "issues": report.issue_count})
    except IntegrityError as exc:
        raise EnrolmentConflict() from exc
    report.committed = True
    return report
