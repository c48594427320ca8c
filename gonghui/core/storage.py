"""Writing an uploaded or generated file to media storage, the one way every service does it.

A full disk (ENOSPC), a full quota (EDQUOT), any other refused write, or an S3 store that refuses or
cannot be reached becomes a `StorageFailed` naming the form's field, so the user reads "存储空间不足…"
on the form instead of a server error. Nothing is left half-written: a partly written file is removed
at once, and a file written inside `atomic_with_files` is removed again when the block fails after it
(a later file of the same request, the event row, the audit row), so no row names a missing file and
no file outlives the rows that would have named it. The operator sees one error line in the log
(never the file's name, which may carry a person's name) and the `gonghui_media_write_failures_total`
counter.
"""

import errno
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.core.files.storage import Storage
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import StorageFailed, msg
from gonghui.core.monitoring import store as metrics

log = logging.getLogger("gonghui.storage")

M = TypeVar("M", bound=models.Model)

_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
# S3-compatible stores say "full" in their own words (MinIO XMinioStorageFull, Ceph QuotaExceeded).
_FULL_S3_WORDS = ("full", "quota")


def _write_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [OSError]
    try:
        from boto3.exceptions import Boto3Error
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:  # pragma: no cover - boto3 comes with django-storages' S3 backend
        return tuple(errors)
    return (*errors, BotoCoreError, ClientError, Boto3Error)


WRITE_ERRORS = _write_errors()

# The files written inside the innermost `files_removed_on_failure` block, as (storage, name).
_written: ContextVar[list[tuple[Storage, str]] | None] = ContextVar("gonghui_files_written", default=None)


def _is_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno in _FULL_ERRNOS
    code = str(getattr(exc, "response", {}).get("Error", {}).get("Code", "")).lower()
    return any(word in code for word in _FULL_S3_WORDS)


def _refusal(exc: BaseException, *, storage: Storage, field: str, what: Any) -> StorageFailed:
    full = _is_full(exc)
    reason = "full" if full else "error"
    detail = errno.errorcode.get(exc.errno or 0, "") if isinstance(exc, OSError) else type(exc).__name__
    log.error("media storage refused a write: reason=%s detail=%s field=%s storage=%s",
              reason, detail, field, type(storage).__name__)
    metrics.inc("gonghui_media_write_failures_total", {"reason": reason})
    if full:
        message = msg(_("存储空间不足，%(what)s未能保存，请稍后重试或联系管理员。"), {"what": what})
        return StorageFailed(message, field=field)
    message = msg(_("文件存储暂时无法写入，%(what)s未能保存，请稍后重试或联系管理员。"), {"what": what})
    return StorageFailed(message, field=field, code="storage_unavailable")


def _remove(storage: Storage, name: str) -> None:
    try:
        if storage.exists(name):
            storage.delete(name)
    except WRITE_ERRORS:
        log.warning("media storage: a file left by a failed write could not be removed")


def _remember(storage: Storage, name: str) -> None:
    written = _written.get()
    if written is not None:
        written.append((storage, name))


@contextmanager
def files_removed_on_failure() -> Iterator[None]:
    """Files written inside are removed if the block raises; a block nested in another hands its
    files to the outer one, which decides (the outer transaction may still fail after it)."""
    outer = _written.get()
    mine: list[tuple[Storage, str]] = []
    token = _written.set(mine)
    try:
        yield
    except BaseException:
        _written.reset(token)
        for storage, name in mine:
            _remove(storage, name)
        raise
    _written.reset(token)
    if outer is not None:
        outer.extend(mine)


@contextmanager
def atomic_with_files() -> Iterator[None]:
    """`transaction.atomic` for a service that stores files: rows and files stand or fall together."""
    with files_removed_on_failure(), transaction.atomic():
        yield


def save_to_storage(storage: Storage, name: str, content: Any, *, field: str, what: Any,
                    max_length: int | None = None) -> str:
    """Write `content` under `name` (or the free name next to it) and return the stored name; a refused
    write raises StorageFailed naming `field`, with no partial file left behind."""
    target = ""
    try:
        # Inside the try: an S3 store asks itself whether the name is taken, and may be unreachable.
        target = storage.get_available_name(name, max_length=max_length)
        stored = storage.save(target, content, max_length=max_length)
    except WRITE_ERRORS as exc:
        # A local disk that fills mid-write keeps the bytes written so far under the chosen name.
        if target:
            _remove(storage, target)
        raise _refusal(exc, storage=storage, field=field, what=what) from exc
    _remember(storage, stored)
    return stored


def save_file(field_file: FieldFile, name: str, content: Any, *, field: str, what: Any) -> str:
    """`FieldFile.save(name, content, save=False)` through `save_to_storage`."""
    model_field = field_file.field
    target = model_field.generate_filename(field_file.instance, name)
    stored = save_to_storage(field_file.storage, target, content, field=field, what=what,
                             max_length=model_field.max_length)
    field_file.name = stored
    setattr(field_file.instance, model_field.attname, stored)
    field_file._committed = True  # type: ignore[attr-defined]
    return stored


def create_with_file(model: type[M], *, upload: Any, field: str, what: Any, file_field: str = "file",
                     **values: Any) -> M:
    """`model.objects.create(**values, <file_field>=upload)`, the file stored through `save_file` and
    removed again if the row cannot be written."""
    with files_removed_on_failure():
        row = model(**values)
        save_file(getattr(row, file_field), os.path.basename(upload.name or ""), upload, field=field, what=what)
        row.save(force_insert=True)
    return row
