"""The 审核关系: a form's checks run over a return's values (and last year's signed return, for the
year-on-year change). Each failed check names its fields in Chinese and English."""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from gonghui.core.errors import msg
from gonghui.reports.stats.choices import CheckKind
from gonghui.reports.stats.models import StatCheck, StatField


@dataclass(frozen=True)
class Failure:
    check: str  # the check's code
    kind: str
    fields: tuple[str, ...]  # the field codes it names, the first being the one to fix or explain
    message: str


@dataclass(frozen=True)
class Entry:
    """What a check reads of one field: its value and the explanation written beside it."""

    value: Decimal | None
    text: str = ""
    explanation: str = ""

    @property
    def empty(self) -> bool:
        return self.value is None and not self.text.strip()


def _names(field: StatField) -> dict[str, str]:
    return {"a": field.label, "a_en": field.label_en or field.label, "a_code": field.code}


def _le(check: StatCheck, fields: Mapping[str, StatField], entries: Mapping[str, Entry]) -> Failure | None:
    left, right = fields[check.left], fields[check.right[0]]
    a, b = entries[left.code].value, entries[right.code].value
    if a is None or b is None or a <= b:
        return None
    text = msg(_("“%(a)s”（%(a_code)s）%(av)s 不能大于“%(b)s”（%(b_code)s）%(bv)s。 / "
                 "\"%(a_en)s\" (%(a_code)s) %(av)s may not exceed \"%(b_en)s\" (%(b_code)s) %(bv)s."),
               {**_names(left), "b": right.label, "b_en": right.label_en or right.label, "b_code": right.code,
                "av": _shown(a), "bv": _shown(b)})
    return Failure(check.code, check.kind, (left.code, right.code), str(text))


def _sum(check: StatCheck, fields: Mapping[str, StatField], entries: Mapping[str, Entry]) -> Failure | None:
    left = fields[check.left]
    total = entries[left.code].value
    parts = [entries[code].value for code in check.right]
    if total is None or all(p is None for p in parts):
        return None
    added = sum((p or Decimal(0) for p in parts), Decimal(0))
    if added == total:
        return None
    codes = "、".join(check.right)
    text = msg(_("“%(a)s”（%(a_code)s）%(av)s 应等于 %(parts)s 之和 %(sum)s。 / "
                 "\"%(a_en)s\" (%(a_code)s) %(av)s must equal the sum of %(parts)s, %(sum)s."),
               {**_names(left), "parts": codes, "av": _shown(total), "sum": _shown(added)})
    return Failure(check.code, check.kind, (left.code, *check.right), str(text))


def _yoy(check: StatCheck, fields: Mapping[str, StatField], entries: Mapping[str, Entry],
         last_year: Mapping[str, Decimal | None]) -> Failure | None:
    left = fields[check.left]
    entry, before = entries[left.code], last_year.get(left.code)
    if entry.value is None or not before or check.bound is None or entry.explanation.strip():
        return None
    change = (entry.value - before) * 100 / before
    if abs(change) <= check.bound:
        return None
    text = msg(_("“%(a)s”（%(a_code)s）比上年 %(before)s 变动 %(change)s%%，超过 %(bound)s%%，请在该项填写说明。 / "
                 "\"%(a_en)s\" (%(a_code)s) changed by %(change)s%% on last year's %(before)s, more than "
                 "%(bound)s%%: write an explanation beside it."),
               {**_names(left), "before": _shown(before), "change": f"{change:+.1f}", "bound": _shown(check.bound)})
    return Failure(check.code, check.kind, (left.code,), str(text))


def _required(check: StatCheck, fields: Mapping[str, StatField], entries: Mapping[str, Entry]) -> Failure | None:
    left = fields[check.left]
    if not entries[left.code].empty:
        return None
    text = msg(_("请填写“%(a)s”（%(a_code)s）。 / Fill in \"%(a_en)s\" (%(a_code)s)."), _names(left))
    return Failure(check.code, check.kind, (left.code,), str(text))


def _shown(value: Decimal) -> str:
    return f"{value.normalize():f}" if value == value.to_integral_value() else f"{value:f}"


def run_checks(checks: list[StatCheck], fields: Mapping[str, StatField], entries: Mapping[str, Entry],
               last_year: Mapping[str, Decimal | None]) -> list[Failure]:
    """Every failed check, in the checks' order. A check naming a field the form lacks is skipped
    (the form's own test refuses such a form)."""
    failures = []
    for check in checks:
        if any(code not in fields for code in (check.left, *check.right)):
            continue
        out: Any
        if check.kind == CheckKind.NOT_ABOVE:
            out = _le(check, fields, entries)
        elif check.kind == CheckKind.SUM:
            out = _sum(check, fields, entries)
        elif check.kind == CheckKind.YEAR_ON_YEAR:
            out = _yoy(check, fields, entries, last_year)
        else:
            out = _required(check, fields, entries)
        if out is not None:
            failures.append(out)
    return failures
