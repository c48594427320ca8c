"""A full media disk: the attachment is refused naming its field, and nothing is left half-written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.cases.models import Case
from gonghui.cases.record_models import CaseAttachment, CaseEvent
from gonghui.cases.services import case_attach, case_submit
from gonghui.core.errors import StorageFailed
from gonghui.members.services.applications import PortalWorker

pytestmark = pytest.mark.django_db


def pdf(name: str = "工资条.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.7 payslip", content_type="application/pdf")


def test_it_refuses_an_attachment_on_a_full_disk_leaving_no_row_event_or_file(world, hotline, new_case, full_media):
    case = new_case()
    events = CaseEvent.objects.filter(case=case).count()
    with pytest.raises(StorageFailed) as refused:
        case_attach(actor=hotline, case=case, upload=pdf())
    assert (refused.value.code, refused.value.field) == ("storage_full", "file")
    assert not CaseAttachment.objects.exists() and CaseEvent.objects.filter(case=case).count() == events
    assert full_media.files() == []


def test_it_refuses_a_workers_request_whose_second_file_finds_the_disk_full_and_removes_the_first(world,
                                                                                                  full_media):
    full_media.after = 1
    with pytest.raises(StorageFailed) as refused:
        case_submit(worker=PortalWorker(phone="13912345678"), union=world.province,
                    data={"caller_name": "李四", "description": "加班费未支付"}, attachments=[pdf(), pdf("合同.pdf")])
    assert refused.value.field == "attachments"
    assert not Case.objects.exists() and not CaseAttachment.objects.exists()
    assert full_media.files() == []
