"""The case page offers each viewer the steps of their own role on the case, the main one first;
a step not offered is still refused when posted."""

import re

import pytest

from gonghui.accounts.roles import RoleCode
from gonghui.cases.models import Case
from gonghui.cases.services import case_accept, case_assign, case_classify, case_dispatch, case_intake
from gonghui.testing.world import make_user
from gonghui.web.cases.tests.test_case_pages import act, call
from gonghui.web.cases.tests.test_case_pages import login as login  # a fresh browser per persona

pytestmark = pytest.mark.django_db
ACTION = re.compile(r'data-action="([a-z_]+)"')


@pytest.fixture
def hotline(world):
    return make_user("hotline_agent", world.province, RoleCode.HOTLINE_AGENT)


@pytest.fixture
def at_county(world, hotline):
    """A call taken by the provincial centre and dispatched to 成都市锦江区总工会."""
    case = case_intake(actor=hotline, union=world.province, data=call()).case
    case = case_classify(actor=hotline, case=case, category="wages", difficulty="hard")
    return case_dispatch(actor=hotline, case=case, union=world.county)


def offered_in(page: str) -> list[str]:
    return ACTION.findall(page.split('data-testid="actions"', 1)[1])


def offered(client, case) -> list[str]:
    return offered_in(client.get(f"/cases/{case.pk}/").content.decode())


def test_the_supervising_province_is_offered_only_its_supervision(world, at_county, login):
    assert offered(login("province_officer"), at_county) == ["supervise"]


def test_the_holding_county_signs_for_it_first_and_finds_the_rest_under_more(world, at_county, login):
    client = login("county_admin")
    actions = offered(client, at_county)
    assert actions[0] == "accept"
    assert set(actions) == {"accept", "return", "note", "assign", "attach", "escalate"}
    page = client.get(f"/cases/{at_county.pk}/").content.decode()
    assert 'gh-action-main" data-action="accept"' in page and 'data-testid="more-actions"' in page


def test_the_hotline_that_sent_it_on_is_told_who_holds_it_and_offered_nothing(world, at_county, login):
    client = login("hotline_agent")
    page = client.get(f"/cases/{at_county.pk}/").content.decode()
    assert offered(client, at_county) == []
    assert "本案件现由成都市锦江区总工会承办" in page


def test_an_assigned_lawyer_works_the_case_but_does_not_sign_send_or_assign(world, at_county, login):
    lawyer = make_user("lawyer", world.city, RoleCode.LAWYER)
    case = case_accept(actor=world.county_admin, case=at_county)
    case_assign(actor=world.county_admin, case=case, lawyer=lawyer)
    actions = offered(login("lawyer"), case)
    assert actions[0] == "start"
    assert set(actions) == {"start", "note", "attach"}


def test_a_supervision_is_answered_by_the_county_not_by_the_province_that_made_it(world, at_county, login):
    province = login("province_officer")
    assert act(province, at_county, "supervise", by_union=world.province.pk, note="请加快办理").status_code == 302
    assert "supervise_reply" not in offered(province, at_county)
    assert "supervise_reply" in offered(login("county_admin"), at_county)


@pytest.mark.parametrize(("action", "data"), [("accept", {}), ("return", {"reason": "不归我管"}),
                                              ("escalate", {"reason": "上报"}), ("note", {"note": "代为记录"})])
def test_a_step_the_page_hides_from_the_province_is_refused_when_posted(world, at_county, login, action, data):
    before = Case.objects.get(pk=at_county.pk)
    response = act(login("province_officer"), at_county, action, **data)
    after = Case.objects.get(pk=at_county.pk)
    assert response.status_code == 400 and "只有承办工会或承办人可以" in response.content.decode()
    assert (after.status, after.version, after.handling_union_id) == (before.status, before.version, world.county.pk)



def test_the_dispatch_picker_starts_at_the_routing_suggestion_with_its_reason(world, hotline, login):
    case = case_intake(actor=hotline, union=world.province, data=call(employer_name="示例科技有限公司")).case
    case_classify(actor=hotline, case=case, category="wages", difficulty="hard")
    page = login("hotline_agent").get(f"/cases/{case.pk}/").content.decode()
    assert offered_in(page)[0] == "dispatch"
    suggestion = page.split('data-testid="dispatch-suggestion"', 1)[1].split("</fieldset>", 1)[0]
    assert "示例科技有限公司工会委员会" in suggestion and "按用人单位所属工会" in suggestion
    assert "checked" in suggestion
    assert re.search(rf'name="union" value="{world.grassroots.pk}"', page)


def test_the_picker_lists_the_holders_branches_in_pinyin_order(world, hotline, login):
    from gonghui.orgs.choices import Level
    from gonghui.testing.world import make_union

    for name in ("乐山市总工会", "德阳市总工会"):
        make_union(world.province, name, Level.CITY)
    case = case_classify(actor=hotline, case=case_intake(actor=hotline, union=world.province, data=call()).case,
                         category="wages", difficulty="hard")
    listed = login("hotline_agent").get(f"/cases/{case.pk}/unions/").content.decode()
    names = re.findall(r'<span class="fw-semibold">([^<]+)</span>', listed)
    assert names == ["成都市总工会", "德阳市总工会", "乐山市总工会", "绵阳市总工会"]
