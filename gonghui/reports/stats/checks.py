"""The 审核关系: a form's checks run over a return's values (and last year's signed return, for the
year-on-year change; for a union above, its reporting children's signed-off returns). Each failed
check names its fields in Chinese and English, and a check between forms names the children."""

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


@dataclass(frozen=True)
class ChildValue:
    """One reporting child's signed-off value of a field (a check between forms reads these)."""

    union: str  # the child union's name
    value: Decimal


CHILDREN_NAMED = 5  # a county with hundreds of children names the largest few, and says how many


def _children(rows: list[ChildValue]) -> tuple[Decimal, dict[str, str]]:
    total = sum((r.value for r in rows), Decimal(0))
    largest = sorted(rows, key=lambda r: (-r.value, r.union))[:CHILDREN_NAMED]
    names = "、".join(f"{r.union} {_shown(r.value)}" for r in largest)
    return total, {"count": str(len(rows)), "children": names + ("…" if len(rows) > CHILDREN_NAMED else ""),
                   "sum": _shown(total)}


def child_code(check: StatCheck) -> str:
    return check.right[0] if check.right else check.left


def _children_sum(check: StatCheck, fields: Mapping[str, StatField], entries: Mapping[str, Entry],
                  children: Mapping[str, list[ChildValue]]) -> Failure | None:
    """A field summed from the children still equals their signed-off values now (a child reopened,
    re-signed, moved away or newly signed since the sum). Fixed by aggregating again, never explained."""
    left = fields[check.left]
    rows = children.get(child_code(check), [])
    own = entries[left.code].value
    if not rows:
        if own is None or own == 0:
            return None
        total, named = Decimal(0), {"count": "0", "children": "—", "sum": "0"}
    else:
        total, named = _children(rows)
        if own == total:
            return None
    text = msg(_("“%(a)s”（%(a_code)s）%(av)s 与下级已签报报表之和 %(sum)s 不符（%(count)s个下级：%(children)s），"
                 "请重新汇总。 / \"%(a_en)s\" (%(a_code)s) %(av)s differs from the sum of the children's signed-off "
                 "returns, %(sum)s (%(count)s children: %(children)s): aggregate again."),
               {**_names(left), **named, "av": "—" if own is None else _shown(own)})
    return Failure(check.code, check.kind, (left.code,), str(text))


def _not_below_children(check: StatCheck, fields: Mapping[str, StatField], entries: Mapping[str, Entry],
                        children: Mapping[str, list[ChildValue]]) -> Failure | None:
    """An own total (entered, or from the records over the whole subtree) is at least what the
    children's signed-off returns add up to; a smaller one is corrected or explained."""
    left = fields[check.left]
    entry, rows = entries[left.code], children.get(child_code(check), [])
    if entry.value is None or not rows or entry.explanation.strip():
        return None
    total, named = _children(rows)
    if entry.value >= total:
        return None
    text = msg(_("“%(a)s”（%(a_code)s）%(av)s 小于下级已签报报表之和 %(sum)s（%(count)s个下级：%(children)s），"
                 "请核实，或在该项填写说明。 / \"%(a_en)s\" (%(a_code)s) %(av)s is less than the sum of the "
                 "children's signed-off returns, %(sum)s (%(count)s children: %(children)s): check it or write "
                 "an explanation beside it."),
               {**_names(left), **named, "av": _shown(entry.value)})
    return Failure(check.code, check.kind, (left.code,), str(text))


BETWEEN_FORMS = (CheckKind.CHILDREN_SUM, CheckKind.NOT_BELOW_CHILDREN)


def _shown(value: Decimal) -> str:
    return f"{value.normalize():f}" if value == value.to_integral_value() else f"{value:f}"


def run_checks(checks: list[StatCheck], fields: Mapping[str, StatField], entries: Mapping[str, Entry],
               last_year: Mapping[str, Decimal | None],
               children: Mapping[str, list[ChildValue]] | None = None) -> list[Failure]:
    """Every failed check, in the checks' order. A check naming a field the form lacks is skipped
    (the form's own test refuses such a form); a check between forms names the children's field
    code in `right`, read from `children` (by code: the reporting children's signed-off values)."""
    failures = []
    for check in checks:
        between = check.kind in BETWEEN_FORMS
        if any(code not in fields for code in ((check.left,) if between else (check.left, *check.right))):
            continue
        out: Any
        if check.kind == CheckKind.CHILDREN_SUM:
            out = _children_sum(check, fields, entries, children or {})
        elif check.kind == CheckKind.NOT_BELOW_CHILDREN:
            out = _not_below_children(check, fields, entries, children or {})
        elif check.kind == CheckKind.NOT_ABOVE:
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
