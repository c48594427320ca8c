"""对用人单位保密身份: a field of the case, taken by every intake path and never written into the
worker's own words."""

import pytest

from gonghui.accounts.sms import Purpose, sms_send
from gonghui.cases.services import case_intake, case_submit, case_submit_as_guest
from gonghui.cases.tests.conftest import call_data
from gonghui.core.errors import InvalidFields
from gonghui.members.services.applications import PortalWorker

pytestmark = pytest.mark.django_db
PHONE = "13912340001"


def test_the_hotline_records_the_wish_as_a_field_and_leaves_the_description_alone(world, hotline):
    data = call_data(identity_withheld=True)
    case = case_intake(actor=hotline, union=world.province, data=data).case
    assert case.identity_withheld and case.description == data["description"]
    assert not case_intake(actor=hotline, union=world.province, data=call_data()).case.identity_withheld


def test_a_form_yes_is_read_as_yes_and_nonsense_is_named(world, hotline):
    assert case_intake(actor=hotline, union=world.province, data=call_data(identity_withheld="on")).case \
        .identity_withheld
    assert not case_intake(actor=hotline, union=world.province, data=call_data(identity_withheld="false")).case \
        .identity_withheld
    with pytest.raises(InvalidFields) as bad:
        case_intake(actor=hotline, union=world.province, data=call_data(identity_withheld="maybe"))
    assert [e.field for e in bad.value.errors] == ["identity_withheld"]


def test_a_signed_in_worker_and_a_guest_can_both_ask_for_it(world, sms_outbox):
    data = {"caller_name": "王五", "description": "被拖欠工资", "identity_withheld": True}
    signed_in = case_submit(worker=PortalWorker(phone=PHONE), union=world.province, data=data)
    sms_send(phone=PHONE, purpose=Purpose.PORTAL_LOGIN)
    guest = case_submit_as_guest(phone=PHONE, code=sms_outbox[-1].code, union=world.province, data=data)
    assert signed_in.identity_withheld and guest.identity_withheld
    assert guest.description == "被拖欠工资"
