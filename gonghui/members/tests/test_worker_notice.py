import logging

import pytest

from gonghui.accounts.sms_backends import SmsDeliveryFailed
from gonghui.core.audit_models import AuditEntry
from gonghui.members.models import JoinApplication
from gonghui.members.services.applications import (
    PortalWorker,
    application_approve,
    application_reject,
    application_submit,
)
from gonghui.members.services.transfers import transfer_accept, transfer_release
from gonghui.members.services.worker_notice import JOIN_APPROVED, JOIN_REFUSED, PARAM_MAX, TRANSFER_DONE
from gonghui.testing.world import confirmed_transfer, make_user, member_data

pytestmark = pytest.mark.django_db
PHONE = "13912345678"


class FailingBackend:
    def send(self, message):
        raise SmsDeliveryFailed("quota exceeded")


def apply(union, name="孙丽"):
    data = member_data(name=name)
    data.pop("phone")
    return application_submit(worker=PortalWorker(phone=PHONE), union=union, data=data)


def test_the_applicant_is_texted_once_when_approved(world, sms_outbox, django_capture_on_commit_callbacks):
    application = apply(world.grassroots)
    sms_outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        application_approve(actor=world.county_admin, application=application)

    assert [(m.phone, m.purpose) for m in sms_outbox] == [(PHONE, JOIN_APPROVED)]
    assert sms_outbox[0].params == {"union": "示例科技有限公司工会委员会"}
    assert "示例科技有限公司工会委员会" in sms_outbox[0].text and "审核通过" in sms_outbox[0].text
    assert AuditEntry.objects.filter(action="member.notice_sms", outcome="ok", object_id=str(application.pk)).exists()


def test_a_refusal_carries_its_reason_cut_to_the_template_variable_length(
        world, sms_outbox, django_capture_on_commit_callbacks):
    application = apply(world.grassroots)
    sms_outbox.clear()
    reason = "经核实您不是本单位在职职工，请向实际用工单位所在的工会申请入会，或联系街道工会咨询灵活就业人员入会办法"

    with django_capture_on_commit_callbacks(execute=True):
        application_reject(actor=world.county_admin, application=application, reason=reason)

    [message] = sms_outbox
    assert message.purpose == JOIN_REFUSED
    assert len(message.params["reason"]) == PARAM_MAX and message.params["reason"].endswith("…")
    assert message.params["reason"][:-1] in message.text


def test_a_provider_failure_never_undoes_the_decision_and_is_logged_without_the_phone(
        world, settings, caplog, django_capture_on_commit_callbacks):
    application = apply(world.grassroots)
    settings.GONGHUI_SMS_BACKEND = f"{__name__}.FailingBackend"

    with caplog.at_level(logging.ERROR, logger="gonghui.members"), django_capture_on_commit_callbacks(execute=True):
        application_approve(actor=world.county_admin, application=application)

    assert JoinApplication.objects.get(pk=application.pk).status == "approved"
    assert "not delivered" in caplog.text and PHONE not in caplog.text and PHONE[-4:] not in caplog.text
    failed = AuditEntry.objects.get(action="member.notice_sms", outcome="failed")
    assert failed.detail == {"purpose": JOIN_APPROVED} and PHONE not in str(failed.detail)


def test_the_member_is_told_the_new_union_when_a_transfer_completes(
        world, sms_outbox, django_capture_on_commit_callbacks):
    receiving = make_user("county2_admin", world.county2, "union_admin")
    member = world.membership.member
    transfer = confirmed_transfer(actor=receiving, member=member, to_union=world.county2)
    transfer = transfer_release(actor=world.county_admin, transfer=transfer)
    sms_outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        transfer_accept(actor=receiving, transfer=transfer)

    assert [(m.phone, m.purpose, m.params) for m in sms_outbox] == [
        (member.phone, TRANSFER_DONE, {"union": "绵阳市涪城区总工会"})]
    assert "已转入绵阳市涪城区总工会" in sms_outbox[0].text
