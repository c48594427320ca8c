"""A full media disk on the console: the case page says so on the attachment form, never a 500."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.cases.record_models import CaseAttachment
from gonghui.web.cases.tests.test_case_pages import act, county_case, hotline, login  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def test_the_case_page_says_the_storage_is_full_on_the_attachment_field(world, county_case, login,  # noqa: F811
                                                                        full_media):
    client = login("county_admin")
    upload = SimpleUploadedFile("工资条.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = act(client, county_case, "attach", file=upload)
    assert response.status_code in (200, 400)
    assert "存储空间不足，附件未能保存，请稍后重试或联系管理员。" in response.content.decode()
    assert not CaseAttachment.objects.exists() and full_media.files() == []
