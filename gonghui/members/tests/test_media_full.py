"""A full media disk: a roster upload is refused naming its field, a validation that cannot keep its
checked copy fails with a message the cadre reads, and neither leaves a half-written file."""

import pytest
from django.utils import translation

from gonghui.core.errors import StorageFailed
from gonghui.members.models import RosterImport
from gonghui.members.services.roster import roster_upload, roster_validate
from gonghui.members.tests.roster_files import csv_bytes, person, upload

pytestmark = pytest.mark.django_db


def test_it_refuses_a_roster_on_a_full_disk_leaving_no_import_or_file(world, full_media):
    with pytest.raises(StorageFailed) as refused:
        roster_upload(actor=world.county_admin, union=world.grassroots, file=upload(csv_bytes([person("甲")]), "r.csv"))
    assert (refused.value.code, refused.value.field) == ("storage_full", "file")
    assert not RosterImport.objects.exists()
    assert full_media.files() == []


def test_a_validation_that_finds_the_disk_full_fails_with_a_message_and_no_staged_copy(world, full_media):
    full_media.after = 1  # the upload itself is stored
    roster = upload(csv_bytes([person("甲")]), "r.csv")
    ri = roster_upload(actor=world.county_admin, union=world.grassroots, file=roster)
    with translation.override("zh-hans"):
        ri = roster_validate(actor=world.county_admin, roster_import=ri)
    assert (ri.status, ri.staged.name) == (RosterImport.Status.FAILED, "")
    assert ri.failure_zh == "存储空间不足，名单文件未能保存，请稍后重试或联系管理员。"
    assert [p.name for p in full_media.files()] == [ri.file.name.rsplit("/", 1)[-1]]
