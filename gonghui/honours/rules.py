"""The call's rules over a level's list, as pure functions: each broken rule is named with its numbers.

Shares count persons only (a collective or a team has no category or gender); a list with no persons
breaks no share rule.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ValidationFailed, msg
from gonghui.honours.choices import FRONT_LINE_CATEGORIES, Gender, NomineeType, Rank


@dataclass(frozen=True)
class ListEntry:
    name: str
    nominee_type: str
    category: str
    gender: str
    rank: str


@dataclass(frozen=True)
class ListRules:
    front_line_min_pct: int
    women_min_pct: int
    excluded_ranks: tuple[str, ...]
    places: int | None  # the most this list may hold (the level's quota, or the call's places)


def pct(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}" if whole else "0"


def excluded_rank_error(entry: ListEntry, rules: ListRules) -> ValidationFailed | None:
    if entry.nominee_type == NomineeType.PERSON and entry.rank in rules.excluded_ranks:
        return ValidationFailed(msg(_("%(name)s的行政职级为%(rank)s，本次评选通知规定该职级人员不得推荐。"), {
            "name": entry.name, "rank": Rank(entry.rank).label}), field="rank", code="excluded_rank")
    return None


def list_errors(entries: Iterable[ListEntry], rules: ListRules) -> list[ValidationFailed]:
    """Every rule the list breaks, each with the rule and the numbers."""
    items = list(entries)
    errors: list[ValidationFailed] = []
    if rules.places is not None and len(items) > rules.places:
        errors.append(ValidationFailed(msg(_("名单共%(n)s个推荐对象，超过名额%(places)s个。"), {
            "n": len(items), "places": rules.places}), field="places", code="over_quota"))
    for entry in items:
        error = excluded_rank_error(entry, rules)
        if error is not None:
            errors.append(error)
    persons = [e for e in items if e.nominee_type == NomineeType.PERSON]
    total = len(persons)
    if total and rules.front_line_min_pct:
        front = sum(1 for e in persons if e.category in FRONT_LINE_CATEGORIES)
        if front * 100 < rules.front_line_min_pct * total:
            errors.append(ValidationFailed(msg(_(
                "一线职工和专业技术人员占比为%(share)s%%（%(n)s/%(total)s人），低于评选通知要求的%(min)s%%。"), {
                "share": pct(front, total), "n": front, "total": total, "min": rules.front_line_min_pct}),
                field="front_line_min_pct", code="front_line_share"))
    if total and rules.women_min_pct:
        women = sum(1 for e in persons if e.gender == Gender.FEMALE)
        if women * 100 < rules.women_min_pct * total:
            errors.append(ValidationFailed(msg(_(
                "女性占比为%(share)s%%（%(n)s/%(total)s人），低于评选通知要求的%(min)s%%。"), {
                "share": pct(women, total), "n": women, "total": total, "min": rules.women_min_pct}),
                field="women_min_pct", code="women_share"))
    return errors


def entry_of(nomination: Any) -> ListEntry:
    return ListEntry(name=nomination.name, nominee_type=nomination.nominee_type, category=nomination.category,
                     gender=nomination.gender, rank=nomination.rank)
