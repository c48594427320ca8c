"""The radar's refresh: each component equals a count made here independently, the score stays in
its subtree, an alert is raised once per crossing, and the refresh costs the same few queries
whatever the number of employers."""

import pytest
from django.core.management import call_command

from gonghui.cases.choices import Category, Line, Status
from gonghui.cases.models import Case
from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import InvalidFields, PermissionDenied
from gonghui.core.permissions import Perm
from gonghui.orgs.choices import Level, UnionKind, UnionStatus
from gonghui.orgs.models import Employer, TradeUnion
from gonghui.orgs.scope import Scope, SystemActor, scope_for
from gonghui.reports.risk.choices import AlertStatus, Component, RuleCode
from gonghui.reports.risk.rules import DEFAULTS, current_rules
from gonghui.reports.risk.selectors import RadarFilters, radar_page
from gonghui.reports.risk.services import risk_refresh, risk_rules_set
from gonghui.reports.risk_models import EmployerRiskScore, RiskAlert, RiskRule
from gonghui.reports.tests.risk_helpers import case_about, covered, hardship_file
from gonghui.testing.world import make_employer, make_member, make_union

SYSTEM = SystemActor("test")


def refresh():
    return risk_refresh(actor=SYSTEM)


def comps(employer):
    return EmployerRiskScore.objects.get(employer=employer).components


def test_the_migration_seeds_every_rule_at_its_first_value(world):
    assert dict(RiskRule.objects.values_list("code", "value")) == DEFAULTS


def test_each_component_equals_an_independent_count_of_its_rows(world):
    e = world.employer
    for _ in range(3):
        case_about(e, category=Category.WAGES)
    case_about(e, caller="same")
    case_about(e, caller="same")
    case_about(e, days_ago=400)  # outside the 12-month window
    case_about(e, line=Line.MEDIATION)  # not a 12351 case
    covered(e, has_wage=False)
    member = make_member(world.grassroots, name="王困难").member
    type(member).objects.filter(pk=member.pk).update(employer=e)
    hardship_file(member, world.grassroots)
    refresh()
    c = comps(e)
    since = current_rules().window_months
    assert since == 12
    counted = Case.objects.filter(employer=e, line=Line.HOTLINE, received_at__gte=Case.objects.order_by(
        "received_at").filter(received_at__gt=e.created_at.replace(year=e.created_at.year - 1)).values_list(
        "received_at", flat=True).first())
    assert c[Component.CASES]["value"] == counted.count() == 5
    assert c[Component.CASES]["wages"] == counted.filter(category=Category.WAGES).count() == 3
    assert c[Component.CASES]["points"] == min(40, 3 * 8 + 2 * 4)
    assert c[Component.REPEAT_CALLERS] == {"value": 1, "points": 5}
    assert c[Component.UNION]["value"] == (0 if e.unionized else 1)
    assert c[Component.CONTRACT] == {"value": 1, "points": 5}  # a contract, no 工资专项
    assert c[Component.HARDSHIP] == {"value": 1, "points": 3}
    assert c[Component.OBJECTIONS] == {"value": 0, "points": 0}
    score = EmployerRiskScore.objects.get(employer=e)
    assert score.score == sum(v["points"] for v in c.values()) and score.org_path == e.org_path


def test_a_lapsed_union_and_a_missing_contract_score_their_own_points(world):
    union = make_union(world.township, "某厂工会", Level.GRASSROOTS, UnionKind.ENTERPRISE)
    e = make_employer(union, "失效工会单位")
    Employer.objects.filter(pk=e.pk).update(unionized=True)
    TradeUnion.objects.filter(pk=union.pk).update(status=UnionStatus.DISSOLVED)
    refresh()
    TradeUnion.objects.filter(pk=union.pk).update(status=UnionStatus.ACTIVE)  # the tree's totals count it
    c = comps(e)
    assert c[Component.UNION] == {"value": 2, "points": DEFAULTS[RuleCode.LAPSED_UNION_POINTS]}
    assert c[Component.CONTRACT] == {"value": 2, "points": DEFAULTS[RuleCode.NO_CONTRACT_POINTS]}


def test_an_employer_in_another_county_never_appears_on_a_county_radar(world):
    here = make_employer(world.county, "本区单位")
    there = make_employer(world.county2, "外区单位")
    for _ in range(5):
        case_about(there, category=Category.WAGES)
    refresh()
    scope = scope_for(world.people["county_admin"], Perm.STATS_VIEW)
    shown = {r.employer_id for r in radar_page(scope=scope, filters=RadarFilters()).rows}
    assert here.pk in shown and world.employer.pk in shown and there.pk not in shown
    everything = {r.employer_id for r in radar_page(scope=Scope.all(), filters=RadarFilters()).rows}
    assert there.pk in everything


def test_crossing_the_threshold_raises_one_alert_and_staying_above_raises_none(world):
    e = world.employer
    refresh()
    assert not RiskAlert.objects.exists()
    for _ in range(5):
        case_about(e, category=Category.WAGES)
    refresh()
    alert = RiskAlert.objects.get()
    assert alert.status == AlertStatus.OPEN and alert.union_id == e.union_id and alert.org_path == e.org_path
    assert alert.score >= alert.threshold > alert.previous_score
    assert AuditEntry.objects.filter(action="risk.alert_raised").count() == 1
    case_about(e, category=Category.WAGES)
    refresh()
    assert RiskAlert.objects.count() == 1


def test_an_employer_that_falls_below_and_crosses_again_with_its_alert_answered_gets_a_new_one(world):
    e = world.employer
    wages = [case_about(e, category=Category.WAGES) for _ in range(5)]
    refresh()
    RiskAlert.objects.update(status=AlertStatus.DISMISSED, reason="已核实")
    Case.objects.filter(pk__in=[c.pk for c in wages]).update(line=Line.MEDIATION)
    refresh()
    Case.objects.filter(pk__in=[c.pk for c in wages]).update(line=Line.HOTLINE, status=Status.RECEIVED)
    refresh()
    assert RiskAlert.objects.count() == 2


def _employers(world, n):
    for i in range(n):
        e = make_employer(world.county, f"测试单位{i}")
        case_about(e, category=Category.WAGES, caller="c")
        case_about(e, caller="c")
        covered(e, has_wage=i % 2 == 0)


@pytest.mark.parametrize("n", [3, 30])
def test_the_refresh_costs_a_bounded_number_of_queries_whatever_the_number_of_employers(
        world, n, django_assert_max_num_queries):
    _employers(world, n)
    refresh()  # the second refresh also reads and updates every score, and raises alerts
    for e in list(EmployerRiskScore.objects.all()[:3]):
        for _ in range(6):
            case_about(e.employer, category=Category.WAGES)
    with django_assert_max_num_queries(20):
        refresh()
    assert EmployerRiskScore.objects.count() == n + 1 and RiskAlert.objects.count() == 3


def test_the_scores_are_written_a_batch_at_a_time_and_every_one_arrives(world, monkeypatch):
    from gonghui.reports.risk.services import refresh as refresh_module

    _employers(world, 7)
    monkeypatch.setattr(refresh_module, "BATCH", 3)  # 8 employers: two full batches and a part
    writes = []
    real = EmployerRiskScore.objects.bulk_create

    def counted(objs, **kwargs):
        writes.append(len(objs))
        return real(objs, **kwargs)

    monkeypatch.setattr(EmployerRiskScore.objects, "bulk_create", counted)
    result = risk_refresh(actor=SYSTEM)
    assert writes == [3, 3, 2] and result.employers == 8
    assert EmployerRiskScore.objects.count() == 8 == Employer.objects.filter(status="active").count()


def test_the_periodic_refresh_waits_until_the_last_one_is_old_and_the_command_always_runs(world):
    first = risk_refresh(actor=SYSTEM, if_due=True)
    assert not first.skipped and first.employers == 1
    assert risk_refresh(actor=SYSTEM, if_due=True).skipped
    call_command("risk_refresh")
    assert EmployerRiskScore.objects.get().computed_at > first.computed_at


def test_a_root_cadre_changes_the_rules_and_the_next_refresh_uses_them(world):
    case_about(world.employer)
    risk_rules_set(actor=world.people["national_admin"], values={"case_points": "7", "cases_cap": "50"})
    refresh()
    assert comps(world.employer)[Component.CASES]["points"] == 7
    entry = AuditEntry.objects.get(action="risk.rules_set")
    assert entry.detail["case_points"] == {"from": 4, "to": 7}


def test_it_names_every_bad_rule_at_once_and_changes_nothing(world):
    with pytest.raises(InvalidFields) as refused:
        risk_rules_set(actor=world.people["national_admin"], values={"threshold": "0", "window_months": "x",
                                                                      "case_points": "6"})
    assert {e.field for e in refused.value.errors} == {"threshold", "window_months"}
    assert current_rules()[RuleCode.CASE_POINTS] == 4


def test_it_refuses_a_rule_change_by_anyone_below_the_root(world):
    with pytest.raises(PermissionDenied):
        risk_rules_set(actor=world.people["province_officer"], values={"threshold": "50"})
    with pytest.raises(PermissionDenied):
        risk_refresh(actor=world.people["county_admin"])
