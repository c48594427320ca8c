"""The worker's timeline says where the case went (union and level), never who handled it or their notes."""

import pytest

from gonghui.cases.services import case_classify, case_dispatch, case_escalate, case_follow, case_submit
from gonghui.members.services.applications import PortalWorker

pytestmark = pytest.mark.django_db
PHONE = "13912340003"
WORKER = PortalWorker(phone=PHONE)


def test_the_public_timeline_names_the_union_and_level_of_each_dispatch_and_escalation(world, hotline):
    case = case_submit(worker=WORKER, union=world.province, data={"caller_name": "王五", "description": "欠薪"})
    case = case_classify(actor=hotline, case=case, category="wages", difficulty="hard")
    case = case_dispatch(actor=hotline, case=case, union=world.county, note="内部：请核实")
    case_escalate(actor=world.county_admin, case=case, reason="需市总协调")
    steps = case_follow(number=case.number, phone=PHONE).steps
    handed_on = [(s.action, s.union, s.union_level) for s in steps if s.union]
    assert handed_on == [("dispatch", world.county.name, "县级"), ("escalate", world.city.name, "市级")]
    assert all(not hasattr(s, "note") and not hasattr(s, "actor") for s in steps)
