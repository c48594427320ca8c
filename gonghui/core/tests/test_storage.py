"""Media storage refusing a write: the user gets a clear refusal naming the field, nothing is left
behind, the operator gets one error line and a counter."""

import errno
import logging

import pytest
from botocore.exceptions import ClientError, EndpointConnectionError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.utils import translation

from gonghui.core.errors import StorageFailed
from gonghui.core.monitoring import recorded_families, store
from gonghui.core.storage import atomic_with_files, files_removed_on_failure, save_to_storage


@pytest.fixture(autouse=True)
def _fresh_metrics():
    store.reset()
    yield
    store.reset()


def _failures() -> dict[str, float]:
    (family,) = [f for f in recorded_families() if f.name == "gonghui_media_write_failures_total"]
    return {s.labels["reason"]: s.value for s in family.samples}


def test_a_full_disk_refuses_the_file_naming_the_field_and_leaves_no_partial_file(full_media, caplog):
    with caplog.at_level(logging.ERROR, logger="gonghui.storage"), pytest.raises(StorageFailed) as refused:
        save_to_storage(default_storage, "cases/张三身份证.pdf", ContentFile(b"%PDF-1.7"), field="file", what="附件")

    assert (refused.value.code, refused.value.field, refused.value.status) == ("storage_full", "file", 400)
    with translation.override("zh-hans"):
        assert str(refused.value.message) == "存储空间不足，附件未能保存，请稍后重试或联系管理员。"
    assert full_media.files() == []
    (line,) = [r for r in caplog.records if r.name == "gonghui.storage"]
    assert line.levelno == logging.ERROR and "ENOSPC" in line.getMessage()
    assert "张三" not in line.getMessage()  # a file's name may carry a person's name
    assert _failures() == {"full": 1.0}


def test_a_full_quota_is_a_full_disk_and_another_write_error_says_storage_is_unavailable(full_media):
    full_media.error = errno.EDQUOT
    with pytest.raises(StorageFailed) as quota:
        save_to_storage(default_storage, "a.pdf", ContentFile(b"x"), field="file", what="附件")
    full_media.error = errno.EIO
    with pytest.raises(StorageFailed) as broken:
        save_to_storage(default_storage, "b.pdf", ContentFile(b"x"), field="file", what="附件")

    assert (quota.value.code, broken.value.code) == ("storage_full", "storage_unavailable")
    with translation.override("zh-hans"):
        assert "未能保存" in str(broken.value.message)
    assert full_media.files() == [] and _failures() == {"full": 1.0, "error": 1.0}


@pytest.mark.parametrize(("error", "code"), [
    (ClientError({"Error": {"Code": "XMinioStorageFull", "Message": "full"}}, "PutObject"), "storage_full"),
    (ClientError({"Error": {"Code": "QuotaExceeded", "Message": "quota"}}, "PutObject"), "storage_full"),
    (ClientError({"Error": {"Code": "AccessDenied", "Message": "no"}}, "PutObject"), "storage_unavailable"),
    (EndpointConnectionError(endpoint_url="http://s3.invalid"), "storage_unavailable"),
])
def test_an_s3_store_that_refuses_or_cannot_be_reached_is_refused_the_same_way(settings, tmp_path, monkeypatch,
                                                                                error, code):
    settings.MEDIA_ROOT = tmp_path

    def refuse(storage, name, content):
        raise error

    monkeypatch.setattr(FileSystemStorage, "_save", refuse)
    with pytest.raises(StorageFailed) as refused:
        save_to_storage(default_storage, "a.pdf", ContentFile(b"x"), field="documents", what="证明材料")
    assert (refused.value.code, refused.value.field) == (code, "documents")


def test_files_written_in_a_block_that_fails_later_are_removed_with_it(full_media, db):
    full_media.after = 1
    with pytest.raises(StorageFailed), atomic_with_files():
        with files_removed_on_failure():  # the first file's own block succeeds: the outer one decides
            save_to_storage(default_storage, "one.pdf", ContentFile(b"one"), field="file", what="附件")
        assert [p.name for p in full_media.files()] == ["one.pdf"]
        save_to_storage(default_storage, "two.pdf", ContentFile(b"two"), field="file", what="附件")

    assert full_media.files() == []


def test_files_written_in_a_block_that_succeeds_stay(full_media, db):
    full_media.after = 2
    with atomic_with_files():
        save_to_storage(default_storage, "one.pdf", ContentFile(b"one"), field="file", what="附件")
        save_to_storage(default_storage, "two.pdf", ContentFile(b"two"), field="file", what="附件")
    assert [p.name for p in full_media.files()] == ["one.pdf", "two.pdf"]


def test_a_store_that_cannot_be_reached_even_to_choose_a_name_is_refused_the_same_way(settings, tmp_path,
                                                                                      monkeypatch):
    settings.MEDIA_ROOT = tmp_path

    def unreachable(storage, name):
        raise EndpointConnectionError(endpoint_url="http://s3.invalid")

    monkeypatch.setattr(FileSystemStorage, "exists", unreachable)
    with pytest.raises(StorageFailed) as refused:
        save_to_storage(default_storage, "a.pdf", ContentFile(b"x"), field="file", what="附件")
    assert refused.value.code == "storage_unavailable"
