"""A full media disk on 我要求助: the worker reads why on the form, never a 500, nothing kept."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.cases.models import Case, CaseAttachment
from gonghui.portal.cases.tests.test_cases_portal import PHONE, _request

pytestmark = pytest.mark.django_db


def test_a_request_whose_evidence_finds_the_disk_full_is_refused_on_the_form(as_worker, world, full_media):
    full_media.after = 1  # the first file is stored, the second finds the disk full
    client = as_worker(PHONE)
    files = [SimpleUploadedFile(name, b"%PDF-1.4 x", content_type="application/pdf")
             for name in ("合同.pdf", "工资条.pdf")]
    response = client.post("/portal/cases/new/", {**_request(), "attachments": files})
    page = response.content.decode()
    assert response.status_code in (200, 400)
    assert "存储空间不足，文件“工资条.pdf”未能保存，请稍后重试或联系管理员。" in page
    assert 'data-testid="error-attachments"' in page and 'value="赵六"' in page
    assert not Case.objects.exists() and not CaseAttachment.objects.exists()
    assert full_media.files() == []
