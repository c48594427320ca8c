"""协商代表: who sits on each side of a draft, and the rule that one person represents one side only
(《集体合同规定》第十九、二十条). A person is known by the member behind the row when there is one (named
by the caller, or the only live member of the employer bearing the name), else by the name itself."""

from dataclasses import dataclass, replace
from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.contracts.choices import Side
from gonghui.core.errors import InvalidFields, ValidationFailed, msg
from gonghui.core.text import normalize_name, normalize_text
from gonghui.members.choices import LIVE_STATUSES
from gonghui.members.models import Member

MIN_NEGOTIATORS, MAX_NEGOTIATORS = 3, 10


@dataclass(frozen=True)
class NegotiatorIn:
    side: str
    name: str
    position: str = ""
    is_chief: bool = False
    member_id: int | None = None


def name_key(name: str) -> str:
    """"张 三" and "张三" are one name: spaces (full-width too) and letter case do not tell people apart."""
    return "".join(normalize_name(name).split()).casefold()


def _counts(cleaned: list[NegotiatorIn]) -> list[ValidationFailed]:
    errors: list[ValidationFailed] = []
    counts = {side: sum(1 for r in cleaned if r.side == side) for side in Side.values}
    for side, n in counts.items():
        if not MIN_NEGOTIATORS <= n <= MAX_NEGOTIATORS:
            errors.append(ValidationFailed(msg(_("%(side)s协商代表须为3至10人，现为%(n)s人。"), {
                "side": Side(side).label, "n": n}), field="negotiators", code="negotiator_count"))
        chiefs = sum(1 for r in cleaned if r.side == side and r.is_chief)
        if chiefs != 1:
            errors.append(ValidationFailed(msg(_("%(side)s须有且只有一名首席代表，现为%(n)s名。"), {
                "side": Side(side).label, "n": chiefs}), field="negotiators", code="chief_count"))
    if counts[Side.UNION] != counts[Side.EMPLOYER] and not errors:
        errors.append(ValidationFailed(msg(_("双方协商代表人数应当对等：职工方%(a)s人，用人单位方%(b)s人。"), {
            "a": counts[Side.UNION], "b": counts[Side.EMPLOYER]}), field="negotiators", code="negotiators_unequal"))
    return errors


def _same_person(a: NegotiatorIn, b: NegotiatorIn) -> bool:
    if a.member_id is not None and a.member_id == b.member_id:
        return True
    return name_key(a.name) == name_key(b.name)


def _identity(cleaned: list[NegotiatorIn]) -> list[ValidationFailed]:
    errors: list[ValidationFailed] = []
    union = [r for r in cleaned if r.side == Side.UNION]
    employer = [r for r in cleaned if r.side == Side.EMPLOYER]
    on_both = set()
    for a in union:
        for b in employer:
            if _same_person(a, b):
                on_both.update({id(a), id(b)})
                text = (_("%(union)s同时列为职工方和用人单位方的协商代表，一人只能代表一方。")
                        if name_key(a.name) == name_key(b.name) else
                        _("职工方协商代表%(union)s与用人单位方协商代表%(employer)s是同一会员，一人只能代表一方。"))
                errors.append(ValidationFailed(msg(text, {"union": a.name, "employer": b.name}),
                                               field="negotiators", code="negotiator_both_sides"))
    for side_rows in (union, employer):
        seen: list[NegotiatorIn] = []
        for r in side_rows:
            if id(r) not in on_both and any(_same_person(r, s) for s in seen):
                errors.append(ValidationFailed(msg(_("%(side)s协商代表%(name)s重复填写。"), {
                    "side": Side(r.side).label, "name": r.name}), field="negotiators", code="negotiator_twice"))
            seen.append(r)
    return errors


def clean_negotiators(rows: list[NegotiatorIn], *, employer_ids: set[int] | None = None) -> list[NegotiatorIn]:
    """Equal numbers a side, 3 to 10, one chief each, nobody on both sides or twice on one. With the
    employers of the contract given, each row is linked to its member (see `link_members`) first."""
    cleaned = [NegotiatorIn(r.side, normalize_name(r.name), normalize_text(r.position)[:60], bool(r.is_chief),
                            r.member_id) for r in rows if normalize_text(r.name)]
    errors = _counts(cleaned)
    if employer_ids is not None:
        try:
            cleaned = link_members(cleaned, employer_ids=employer_ids)
        except InvalidFields as exc:
            errors += exc.errors
    errors += _identity(cleaned)
    if errors:
        raise InvalidFields(errors)
    return cleaned


def link_members(rows: list[NegotiatorIn], *, employer_ids: set[int]) -> list[NegotiatorIn]:
    """The member behind each row: the one named, who must work at an employer of the contract; else
    the only live member of those employers bearing the name (two of a name link neither)."""
    named = {r.member_id for r in rows if r.member_id is not None}
    found = set(Member.objects.filter(pk__in=named, employer_id__in=employer_ids).values_list("pk", flat=True))
    errors = [ValidationFailed(msg(_("协商代表%(name)s：所选会员不是本合同用人单位的职工。"), {"name": r.name}),
                               field="negotiators", code="member_elsewhere")
              for r in rows if r.member_id is not None and r.member_id not in found]
    if errors:
        raise InvalidFields(errors)
    by_name: dict[str, list[int]] = {}
    for pk, name in Member.objects.filter(employer_id__in=employer_ids, status__in=LIVE_STATUSES,
                                          name__in={r.name for r in rows if r.member_id is None}
                                          ).values_list("pk", "name"):
        by_name.setdefault(name, []).append(pk)
    return [r if r.member_id is not None else
            replace(r, member_id=by_name[r.name][0] if len(by_name.get(r.name, [])) == 1 else None) for r in rows]


def negotiator_kwargs(row: NegotiatorIn) -> dict[str, Any]:
    return {"side": row.side, "name": row.name, "position": row.position, "is_chief": row.is_chief,
            "member_id": row.member_id}
