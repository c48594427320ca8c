"""From signals to points: each component's value, its points under the rules (capped), and the one
sentence that explains it, written when shown so it reads in the viewer's language."""

from typing import Any

from django.utils.translation import gettext as _

from gonghui.orgs.choices import UnionStatus
from gonghui.reports.risk.choices import Component
from gonghui.reports.risk.choices import RuleCode as R
from gonghui.reports.risk.rules import Rules
from gonghui.reports.risk.signals import Signals


def score_employer(*, employer_id: int, unionized: bool, union_status: str, signals: Signals,
                   rules: Rules) -> tuple[int, dict[str, dict[str, Any]]]:
    """(score, components): every component present, with value 0 and no points when absent, so a
    page or an export always shows the same columns."""
    comps: dict[str, dict[str, Any]] = {}
    n, wages = signals.cases.get(employer_id, (0, 0))
    comps[Component.CASES] = {"value": n, "wages": wages, "points": min(
        rules[R.CASES_CAP], (n - wages) * rules[R.CASE_POINTS] + wages * rules[R.WAGE_CASE_POINTS])}
    callers = signals.repeat_callers.get(employer_id, 0)
    comps[Component.REPEAT_CALLERS] = {"value": callers, "points": min(
        rules[R.REPEAT_CALLERS_CAP], callers * rules[R.REPEAT_CALLER_POINTS])}
    # value: 0 a live union, 1 none, 2 a union merged away or dissolved
    state = 1 if not unionized else (0 if union_status == UnionStatus.ACTIVE else 2)
    comps[Component.UNION] = {"value": state, "points": (0, rules[R.NO_UNION_POINTS],
                                                         rules[R.LAPSED_UNION_POINTS])[state]}
    contracts, has_wage = signals.coverage.get(employer_id, (0, False))
    # value: 0 covered with a 工资专项, 1 a contract but no 工资专项, 2 no contract at all
    cstate = 2 if not contracts else (0 if has_wage else 1)
    comps[Component.CONTRACT] = {"value": cstate, "points": (0, rules[R.NO_WAGE_CONTRACT_POINTS],
                                                             rules[R.NO_CONTRACT_POINTS])[cstate]}
    files = signals.hardship.get(employer_id, 0)
    comps[Component.HARDSHIP] = {"value": files, "points": min(rules[R.HARDSHIP_CAP],
                                                               files * rules[R.HARDSHIP_POINTS])}
    objections = signals.objections.get(employer_id, 0)
    comps[Component.OBJECTIONS] = {"value": objections, "points": min(rules[R.OBJECTIONS_CAP],
                                                                      objections * rules[R.OBJECTION_POINTS])}
    missing = employer_id in signals.missing_director
    comps[Component.DIRECTOR] = {"value": int(missing), "points": rules[R.NO_DIRECTOR_POINTS] if missing else 0}
    return sum(c["points"] for c in comps.values()), comps


def explain(code: str, comp: dict[str, Any], *, months: int) -> str:
    """One sentence saying what the component's value means."""
    value = int(comp.get("value", 0))
    if code == Component.CASES:
        if not value:
            return _("近%(months)d个月无涉及本单位的12351诉求。") % {"months": months}
        return _("近%(months)d个月有%(n)d件涉及本单位的12351诉求，其中欠薪%(wages)d件。") % {
            "months": months, "n": value, "wages": int(comp.get("wages", 0))}
    if code == Component.REPEAT_CALLERS:
        if not value:
            return _("无同一诉求人重复反映本单位的情况。")
        return _("%(n)d位诉求人近%(months)d个月内两次以上反映本单位。") % {"n": value, "months": months}
    if code == Component.UNION:
        return (_("已建立工会组织。"), _("尚未建立工会组织。"), _("所属工会已合并或撤销，需重新建会或接续。"))[
            min(value, 2)]
    if code == Component.CONTRACT:
        return (_("集体合同和工资专项集体合同均在有效期内。"), _("有集体合同，但无有效的工资专项集体合同。"),
                _("没有有效的集体合同。"))[min(value, 2)]
    if code == Component.HARDSHIP:
        if not value:
            return _("本单位职工中无在档困难职工。")
        return _("本单位职工中有%(n)d户在档困难职工。") % {"n": value}
    if code == Component.OBJECTIONS:
        if not value:
            return _("近%(months)d个月评选公示中无针对本单位人员的异议。") % {"months": months}
        return _("近%(months)d个月评选公示中有%(n)d件针对本单位人员的异议。") % {"months": months, "n": value}
    if code == Component.DIRECTOR:
        return _("按规定应设职工董事，目前没有在任的职工董事。") if value else _("无应设未设职工董事的情况。")
    return ""


def components_shown(components: dict[str, Any], *, months: int) -> list[dict[str, Any]]:
    """The stored components in the radar's order, each with its label and sentence."""
    out = []
    for code, label in Component.choices:
        comp = components.get(code) or {"value": 0, "points": 0}
        out.append({"code": code, "label": str(label), "value": int(comp.get("value", 0)),
                    "points": int(comp.get("points", 0)), "sentence": explain(code, comp, months=months)})
    return out
