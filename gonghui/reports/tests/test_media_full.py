"""A full media disk: a background export fails with a message its owner can read, and leaves no file."""

import pytest
from django.utils import translation

from gonghui.reports.models import ExportJob
from gonghui.reports.tests.test_export_jobs import case, export_bytes  # noqa: F401  (the `case` fixture)

pytestmark = pytest.mark.django_db


def test_a_background_export_on_a_full_disk_fails_with_a_clear_message_and_no_file(world, case,  # noqa: F811
                                                                                   settings, full_media):
    case(world.county)
    settings.GONGHUI_EXPORT_DIRECT_ROWS = 0
    with translation.override("zh-hans"):
        answer, _nothing = export_bytes(world.county_admin)
    job = ExportJob.objects.get(pk=answer.job.pk)
    assert (job.status, job.file.name) == ("failed", "")
    assert job.failure == "存储空间不足，导出文件未能保存，请稍后重试或联系管理员。"
    assert full_media.files() == []
