"""A full media disk through the API: 400 naming the field, never a 500, nothing stored."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.api.cases.tests.test_cases_api import county_case, hotline  # noqa: F401  (fixtures)
from gonghui.cases.record_models import CaseAttachment

pytestmark = pytest.mark.django_db


def test_an_attachment_on_a_full_disk_is_a_400_naming_the_field(world, county_case, api_as,  # noqa: F811
                                                                 full_media):
    api = api_as("county_admin")
    upload = SimpleUploadedFile("合同.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    answer = api.client.post(f"/api/v1/cases/{county_case.pk}/attachments", {"file": upload}, headers=api.headers)
    assert answer.status_code == 400
    body = answer.json()
    assert (body["code"], body["field"]) == ("storage_full", "file")
    assert body["message_zh"] == "存储空间不足，附件未能保存，请稍后重试或联系管理员。"
    assert not CaseAttachment.objects.exists() and full_media.files() == []
