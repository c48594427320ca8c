"""The checks on a list of nominees, set-based: a fixed number of queries whatever the list's length.

Open 12351 cases against the nominee's employer (wage arrears named apart), the employer without a
collective contract in force or on the 劳动关系风险名单, the same honour of the same level within the
kind's years, and the person's existing honours and register entry. The facts are read across the whole registry (a case
against the employer handled by another union still counts); only counts and titles come back, never
a caller's details. The checker decides what they mean: nothing here hides a nominee.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from gonghui.cases.choices import OPEN_STATUSES, Category
from gonghui.cases.models import Case
from gonghui.contracts.models import EmployerCoverage
from gonghui.core.crypto import blind_index_candidates, index_rotating
from gonghui.core.errors import msg
from gonghui.honours.choices import AwardStatus, NomineeType
from gonghui.honours.models import Award, HonourNomination, ModelWorker
from gonghui.orgs.models import EmployerRiskListing
from gonghui.orgs.scope import Scope
from gonghui.orgs.selectors import current_risk_listings


@dataclass(frozen=True)
class Finding:
    code: str  # open_cases, wage_cases, no_contract, risk_listed, employer_unregistered, repeat_honour,
    #            existing_honours, model_worker
    message: Any  # lazy, translatable
    count: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": str(self.message), "count": self.count}


@dataclass
class Screening:
    nomination_id: int
    findings: list[Finding] = field(default_factory=list)

    @property
    def clear(self) -> bool:
        return not self.findings

    @property
    def codes(self) -> list[str]:
        return [f.code for f in self.findings]


def _case_counts(nominations: QuerySet[HonourNomination]) -> tuple[dict[int, tuple[int, int]],
                                                                    dict[str, tuple[int, int]]]:
    """Open cases (all, wages) per registry employer, and per credit code for cases whose caller
    named an employer the registry did not match."""
    tally = {"n": Count("pk"), "wages": Count("pk", filter=Q(category=Category.WAGES))}
    by_id = {row["employer_id"]: (row["n"], row["wages"]) for row in
             Case.objects.filter(status__in=OPEN_STATUSES,
                                 employer_id__in=nominations.filter(employer__isnull=False).values("employer_id"))
             .values("employer_id").annotate(**tally)}
    by_code = {row["employer_credit_code"]: (row["n"], row["wages"]) for row in
               Case.objects.filter(status__in=OPEN_STATUSES, employer__isnull=True,
                                   employer_credit_code__in=nominations.exclude(employer_credit_code="")
                                   .values("employer_credit_code"))
               .values("employer_credit_code").annotate(**tally)}
    return by_id, by_code


def _other_key_indexes(visible: Any) -> dict[str, str]:
    """While the index key rotates: each nominee's identity index under the other keys -> the one the
    nomination holds, from the nominations' decrypted numbers (one more query), so an earlier award or
    a register entry not yet recomputed (or recomputed first) is still the same person's. Empty with one key."""
    if not index_rotating():
        return {}
    aliases: dict[str, str] = {}
    for index, id_type, number in visible.exclude(id_index="").values_list("id_index", "id_type", "id_number"):
        for other in blind_index_candidates(f"{id_type}:{number}") if number else []:
            if other != index:
                aliases[other] = index
    return aliases


def screen_nominations(*, scope: Scope, nominations: Any,
                       today: datetime.date | None = None) -> dict[int, Screening]:
    """The findings for every nomination of `nominations` (a queryset of HonourNomination) the scope
    sees, keyed by its id: seven queries whatever the number of nominees (eight while the index key
    rotates)."""
    del today  # the rules count calendar years of the call, not today's date
    visible = nominations.visible_to(scope)
    rows = list(visible.values("pk", "employer_id", "employer_credit_code", "nominee_key", "nominee_type",
                               "id_index", "call__year", "call__kind__honour", "call__kind__level",
                               "call__kind__repeat_years"))
    by_id, by_code = _case_counts(visible)
    covered = set(EmployerCoverage.objects.filter(
        employer_id__in=visible.filter(employer__isnull=False).values("employer_id")).values_list("employer_id",
                                                                                                   flat=True))
    # A fact about the employer like its cases: read across the whole registry, whoever listed it.
    risky = current_risk_listings(scope=Scope.all(), employer_ids=visible.filter(employer__isnull=False)
                                  .values("employer_id"))
    aliases = _other_key_indexes(visible)
    awards: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_person = Q(nominee_key__in=visible.values("nominee_key"))
    if aliases:
        by_person |= Q(nominee_key__in=["p:" + other for other in aliases])
    for award in (Award.objects.filter(by_person, status=AwardStatus.ACTIVE)
                  .values("nominee_key", "nomination_id", "honour", "level", "year", "kind__name",
                          "kind__enters_register")
                  .order_by("year", "pk")):
        key = award["nominee_key"]
        awards["p:" + aliases[key[2:]] if key[2:] in aliases else key].append(award)
    in_register = Q(id_index__in=visible.exclude(id_index="").values("id_index"))
    if aliases:
        in_register |= Q(id_index__in=list(aliases))
    register = {aliases.get(r["id_index"], r["id_index"]): r for r in ModelWorker.objects.filter(in_register)
                .values("id_index", "title", "year", "status")}
    result: dict[int, Screening] = {}
    for row in rows:
        screening = Screening(row["pk"])
        _employer_findings(screening, row, by_id, by_code, covered, risky.get(row["employer_id"]))
        held = awards.get(row["nominee_key"], [])
        earlier = [a for a in held if a["nomination_id"] != row["pk"]]
        entry = register.get(row["id_index"])
        # The register entry this nomination's own award made is no earlier title of the nominee's.
        if not any(a["kind__enters_register"] for a in earlier) and any(
                a["kind__enters_register"] for a in held if a["nomination_id"] == row["pk"]):
            entry = None
        _honour_findings(screening, row, earlier, entry)
        result[row["pk"]] = screening
    return result


def _employer_findings(screening: Screening, row: dict[str, Any], by_id: dict[int, tuple[int, int]],
                       by_code: dict[str, tuple[int, int]], covered: set[int],
                       listing: EmployerRiskListing | None) -> None:
    n, wages = by_id.get(row["employer_id"], (0, 0)) if row["employer_id"] else (0, 0)
    extra_n, extra_wages = by_code.get(row["employer_credit_code"], (0, 0)) if row["employer_credit_code"] else (0, 0)
    n, wages = n + extra_n, wages + extra_wages
    if n:
        screening.findings.append(Finding("open_cases", msg(_("所在单位有%(n)s件12351诉求尚未办结。"), {"n": n}), n))
    if wages:
        screening.findings.append(Finding("wage_cases", msg(_("其中%(n)s件涉及劳动报酬（欠薪）。"), {"n": wages}),
                                          wages))
    if row["employer_id"] is None:
        screening.findings.append(Finding("employer_unregistered",
                                          _("工作单位未关联用人单位名录，无法核对12351诉求和集体合同。")))
    elif row["employer_id"] not in covered:
        screening.findings.append(Finding("no_contract", _("所在单位没有生效的集体合同。")))
    if listing is not None:
        screening.findings.append(Finding("risk_listed", msg(
            _("所在单位在劳动关系风险名单中（%(reason)s，%(date)s列入）。"),
            {"reason": listing.get_reason_display(), "date": listing.listed_on.isoformat()})))


def _honour_findings(screening: Screening, row: dict[str, Any], earlier: list[dict[str, Any]],
                     entry: dict[str, Any] | None) -> None:
    years = row["call__kind__repeat_years"]
    for award in earlier:
        same = award["honour"] == row["call__kind__honour"] and award["level"] == row["call__kind__level"]
        if same and years and row["call__year"] - award["year"] < years:
            screening.findings.append(Finding("repeat_honour", msg(_(
                "%(year)s年已获%(kind)s，%(years)s年内不得重复获得同级同类荣誉。"), {
                "year": award["year"], "kind": award["kind__name"], "years": years})))
    if earlier:
        titles = "、".join(f"{a['year']}年{a['kind__name']}" for a in earlier)
        screening.findings.append(Finding("existing_honours", msg(_("已获荣誉：%(titles)s。"), {"titles": titles}),
                                          len(earlier)))
    if entry is not None and row["nominee_type"] == NomineeType.PERSON:
        screening.findings.append(Finding("model_worker", msg(_("已在劳模名册：%(title)s（%(year)s年）。"), {
            "title": entry["title"], "year": entry["year"]})))


def screen_one(*, scope: Scope, nomination: HonourNomination) -> Screening:
    """The findings for one nomination (its page; the console's check form)."""
    found = screen_nominations(scope=scope, nominations=HonourNomination.objects.filter(pk=nomination.pk))
    return found.get(nomination.pk, Screening(nomination.pk))


__all__ = ["Finding", "Screening", "screen_nominations", "screen_one"]
