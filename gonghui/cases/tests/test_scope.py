import pytest

from gonghui.accounts.roles import RoleCode
from gonghui.cases.models import Case
from gonghui.cases.selectors import case_board, case_detail, case_get, case_list, case_queue
from gonghui.cases.services import (
    case_accept,
    case_classify,
    case_dispatch,
    case_escalate,
    case_intake,
    case_start,
    case_supervise,
    supervision_reply,
)
from gonghui.cases.tests.conftest import call_data
from gonghui.core.errors import NotFound, PermissionDenied, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for
from gonghui.testing.world import make_user

pytestmark = pytest.mark.django_db


def _view(user):
    return scope_for(user, Perm.CASE_VIEW)


def test_a_county_sees_its_cases_the_city_its_counties_and_another_county_none(
        world, hotline, city_admin, county2_admin, classified_case):
    case = case_dispatch(actor=hotline, case=classified_case(), union=world.county)
    assert list(case_list(scope=_view(world.county_clerk))) == [case]
    assert list(case_list(scope=_view(city_admin))) == [case]
    assert list(case_list(scope=_view(county2_admin))) == []
    assert list(case_list(scope=_view(world.other_province_officer))) == []
    assert list(case_list(scope=_view(world.no_grants))) == []
    for outsider in (county2_admin, world.other_province_officer, world.no_grants):
        with pytest.raises(NotFound) as hidden:
            case_get(scope=_view(outsider), pk=case.pk)
        with pytest.raises(NotFound) as missing:
            case_get(scope=_view(outsider), pk=10**9)
        assert hidden.value.as_dict() == missing.value.as_dict()


def test_intake_needs_the_intake_permission_at_the_receiving_union(world, hotline):
    with pytest.raises(PermissionDenied):
        case_intake(actor=world.county_clerk, union=world.county, data=call_data())
    with pytest.raises(NotFound):
        case_intake(actor=hotline, union=world.other_city, data=call_data())


def test_dispatch_checks_both_ends(world, hotline, county2_admin, classified_case):
    case = classified_case()
    with pytest.raises(NotFound):
        case_dispatch(actor=hotline, case=case, union=world.other_city)  # not below the dispatcher
    with pytest.raises(NotFound):
        case_dispatch(actor=county2_admin, case=case, union=world.county2)  # the case is not theirs to send
    case = case_dispatch(actor=hotline, case=case, union=world.county2)
    case = case_accept(actor=county2_admin, case=case)
    with pytest.raises(NotFound):
        case_dispatch(actor=county2_admin, case=case, union=world.county)  # sideways, out of its subtree
    assert Case.objects.get(pk=case.pk).handling_union == world.county2


def test_escalation_climbs_one_level_and_only_from_the_handling_end(world, hotline, city_admin, classified_case):
    case = case_accept(actor=world.county_clerk,
                       case=case_dispatch(actor=hotline, case=classified_case(), union=world.county))
    with pytest.raises(NotFound):
        case_escalate(actor=world.other_province_officer, case=case, reason="超期")
    case = case_escalate(actor=world.county_clerk, case=case, reason="涉及多个区县，需市总协调")
    assert (case.handling_union, case.status, case.escalation_level) == (world.city, "dispatched", 1)
    # The county no longer holds it; the city does, and may return it to the county.
    assert not case_list(scope=_view(world.county_clerk)).exists()
    assert case_get(scope=_view(city_admin), pk=case.pk) == case
    with pytest.raises(NotFound):
        case_escalate(actor=world.county_clerk, case=case, reason="再上报")


def test_escalation_stops_at_the_top(world):
    agent = make_user("national_agent", world.national, RoleCode.HOTLINE_AGENT)
    top = case_intake(actor=agent, union=world.national, data=call_data()).case
    top = case_classify(actor=agent, case=top, category="wages", difficulty="hard")
    with pytest.raises(ValidationFailed) as refused:
        case_escalate(actor=agent, case=top, reason="上报")
    assert refused.value.code == "top"


def test_supervision_comes_from_above_and_leaves_the_status(world, hotline, city_admin, classified_case):
    case = case_dispatch(actor=hotline, case=classified_case(), union=world.county)
    with pytest.raises(ValidationFailed):
        case_supervise(actor=world.county_admin, case=case, by_union=world.county, note="请加快")
    with pytest.raises(NotFound):
        case_supervise(actor=world.other_province_officer, case=case, by_union=world.other_province, note="请加快")
    supervision = case_supervise(actor=city_admin, case=case, by_union=world.city, note="请三日内答复")
    case.refresh_from_db()
    assert case.status == "dispatched"
    assert list(case_queue(scope=_view(city_admin), queue="supervised")) == [case]
    supervision_reply(actor=world.county_clerk, supervision=supervision, reply="已约谈用人单位")
    assert not case_queue(scope=_view(city_admin), queue="supervised").exists()
    detail = case_detail(scope=_view(city_admin), pk=case.pk)
    assert [e.action for e in detail.events][-2:] == ["supervise", "supervise_reply"]
    assert detail.supervisions[0].reply == "已约谈用人单位"


def test_the_board_holds_the_overdue_and_the_supervised_open_cases_in_scope(world, hotline, city_admin,
                                                                           classified_case, county2_admin):
    overdue = case_dispatch(actor=hotline, case=classified_case(), union=world.county)
    supervised = case_dispatch(actor=hotline, case=classified_case(), union=world.county)
    answered = case_dispatch(actor=hotline, case=classified_case(), union=world.county)
    elsewhere = case_dispatch(actor=hotline, case=classified_case(), union=world.county2)
    Case.objects.filter(pk__in=[overdue.pk, elsewhere.pk]).update(overdue=True)
    case_supervise(actor=city_admin, case=supervised, by_union=world.city, note="请三日内答复")
    reply = case_supervise(actor=city_admin, case=answered, by_union=world.city, note="请三日内答复")
    supervision_reply(actor=world.county_clerk, supervision=reply, reply="已约谈用人单位")
    assert set(case_board(scope=_view(city_admin))) == {overdue, supervised}  # county2 is another city's
    assert list(case_board(scope=_view(county2_admin))) == [elsewhere]
    Case.objects.filter(pk=supervised.pk).update(status="closed")
    Case.objects.filter(pk=overdue.pk).update(status="resolved")  # no longer open: the flag alone does not count
    assert not case_board(scope=_view(city_admin)).exists()


def test_the_queues(world, hotline, classified_case):
    mine = case_dispatch(actor=hotline, case=classified_case(), union=world.county)
    mine = case_start(actor=world.county_clerk, case=case_accept(actor=world.county_clerk, case=mine))
    other = case_dispatch(actor=hotline, case=classified_case(), union=world.township)
    scope = _view(world.county_clerk)
    assert list(case_queue(scope=scope, queue="mine", user=world.county_clerk)) == [mine]
    assert list(case_queue(scope=scope, queue="union", union=world.county)) == [mine]
    assert set(case_queue(scope=scope, queue="all")) == {mine, other}
    assert not case_queue(scope=scope, queue="nonsense").exists()
