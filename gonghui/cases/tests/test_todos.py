"""The case engine's to-dos: a case dispatched to a union waits for its 签收 there, a 督办 for its
reply, and each disappears once handled; nothing outside the user's scope is counted."""

import pytest

from gonghui.cases.selectors import case_queue
from gonghui.cases.services import case_accept, case_classify, case_dispatch, case_intake, case_start
from gonghui.cases.services.supervision import case_supervise, supervision_reply
from gonghui.cases.tests.conftest import call_data
from gonghui.cases.todos import cases_todos
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for

pytestmark = pytest.mark.django_db


def counts(user):
    return {t.key: t.count for t in cases_todos(user=user)}


@pytest.fixture
def dispatched(world, hotline):
    case = case_intake(actor=hotline, union=world.province, data=call_data()).case
    case = case_classify(actor=hotline, case=case, category="wages", difficulty="hard")
    return case_dispatch(actor=hotline, case=case, union=world.county)


def test_a_case_dispatched_to_the_county_waits_for_its_sign_there_and_nowhere_else(world, dispatched,
                                                                                    county2_admin):
    assert counts(world.county_admin)["cases.sign"] == 1
    # The province sees the case but does not sign for the county; another county sees nothing.
    assert counts(world.province_officer)["cases.sign"] == 0
    assert counts(county2_admin)["cases.sign"] == 0
    assert counts(world.other_province_officer)["cases.sign"] == 0


def test_signing_takes_the_case_off_the_sign_list_but_keeps_it_in_the_union_queue(world, dispatched):
    case_accept(actor=world.county_admin, case=dispatched)
    assert counts(world.county_admin)["cases.sign"] == 0
    view = scope_for(world.county_admin, Perm.CASE_VIEW)
    assert list(case_queue(scope=view, queue="todo", user=world.county_admin)) == [dispatched]


def test_the_new_default_queue_shows_new_work_the_old_mine_queue_missed(world, dispatched):
    view = scope_for(world.county_admin, Perm.CASE_VIEW)
    assert list(case_queue(scope=view, queue="mine", user=world.county_admin)) == []
    assert list(case_queue(scope=view, queue="todo", user=world.county_admin)) == [dispatched]
    # The county's townships hold their own cases: not the county's to answer.
    assert list(case_queue(scope=scope_for(world.province_officer, Perm.CASE_VIEW), queue="todo",
                           user=world.province_officer)) == []


def test_a_supervision_waits_for_the_handling_unions_reply_and_goes_once_answered(world, dispatched):
    case = case_start(actor=world.county_admin, case=case_accept(actor=world.county_admin, case=dispatched))
    supervision = case_supervise(actor=world.province_officer, case=case, by_union=world.province, note="请加快办理")
    assert counts(world.county_admin)["cases.reply"] == 1
    assert counts(world.province_officer)["cases.reply"] == 0
    supervision_reply(actor=world.county_admin, supervision=supervision, reply="已约谈企业，本周内答复。")
    assert counts(world.county_admin)["cases.reply"] == 0


def test_a_role_without_case_permissions_gets_no_case_todos(world):
    assert cases_todos(user=world.sysadmin) == []
    assert cases_todos(user=world.no_grants) == []
