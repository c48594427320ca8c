"""Attachments: contracts, pay slips, photos, call recordings. Only known types, within a size limit,
and the first bytes must agree with the type the browser claimed."""

import os
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from gonghui.cases.choices import Action
from gonghui.cases.models import Case, CaseAttachment
from gonghui.cases.services.common import record_case_event, who
from gonghui.cases.services.transition import case_transition
from gonghui.core.errors import InvalidFields, ValidationFailed, msg
from gonghui.core.storage import atomic_with_files, create_with_file
from gonghui.core.uploads import PDF_AND_IMAGES, FileTypes, UploadRule, check_upload

_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0",)
ALLOWED_TYPES: FileTypes = {
    "application/pdf": ((".pdf",), (b"%PDF",)),
    "image/jpeg": ((".jpg", ".jpeg"), (b"\xff\xd8\xff",)),
    "image/png": ((".png",), (b"\x89PNG\r\n\x1a\n",)),
    "application/msword": ((".doc",), _OLE),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ((".docx",), _ZIP),
    "application/vnd.ms-excel": ((".xls",), _OLE),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ((".xlsx",), _ZIP),
    "audio/mpeg": ((".mp3",), (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2")),
    "audio/amr": ((".amr",), (b"#!AMR",)),
    "text/plain": ((".txt",), ()),
}

# What a worker sends with 我要求助: photos and scanned or typed documents. Recordings and plain text
# stay with the hotline's agents (text has no signature to check its content by).
WORKER_TYPES: FileTypes = {**PDF_AND_IMAGES, **{k: v for k, v in ALLOWED_TYPES.items() if "word" in k}}
MAX_WORKER_ATTACHMENTS = 6


def validate_upload(upload: UploadedFile) -> tuple[str, str]:
    """Return (content type, sha256) or raise naming the field `file`."""
    rule = UploadRule(ALLOWED_TYPES, _("附件"), _("PDF、图片（JPG/PNG）、Word、Excel、录音（MP3/AMR）或文本文件"),
                      int(settings.GONGHUI_CASE_ATTACHMENT_MAX_MB))
    return check_upload(upload, rule, field="file")


@atomic_with_files()
def case_attach(*, actor: Any, case: Case, upload: UploadedFile,
                version: int | None = None) -> CaseAttachment:
    content_type, sha256 = validate_upload(upload)
    name = os.path.basename(upload.name or "")[:200]
    case = case_transition(actor=actor, case=case, version=version, action=Action.ATTACH, note=name,
                           detail={"sha256": sha256, "size": upload.size})
    actor_row = who(actor)
    return create_with_file(CaseAttachment, upload=upload, field="file", what=_("附件"), case=case, name=name,
                            content_type=content_type, size=upload.size or 0, sha256=sha256,
                            uploaded_by_id=actor_row.id, uploaded_by_label=actor_row.shown)


def _file_name(upload: UploadedFile) -> str:
    return os.path.basename(upload.name or "")[:200]


def check_worker_attachments(uploads: Sequence[UploadedFile]) -> list[tuple[UploadedFile, str, str]]:
    """Every evidence file of a worker's request judged before anything is written, each refusal
    naming the file (the worker picked several at once; "附件" alone would not say which)."""
    if len(uploads) > MAX_WORKER_ATTACHMENTS:
        raise ValidationFailed(msg(_("一次最多上传%(n)d个证据材料，其余可在工会联系您时提供。"),
                                   {"n": MAX_WORKER_ATTACHMENTS}), field="attachments", code="too_many")
    errors: list[ValidationFailed] = []
    checked = []
    for upload in uploads:
        rule = UploadRule(WORKER_TYPES, msg(_("文件“%(name)s”"), {"name": _file_name(upload)}),
                          _("图片（JPG/PNG）、PDF 或 Word 文档"), int(settings.GONGHUI_CASE_ATTACHMENT_MAX_MB))
        try:
            checked.append((upload, *check_upload(upload, rule, field="attachments")))
        except ValidationFailed as exc:
            errors.append(exc)
    if errors:
        raise InvalidFields(errors)
    return checked


def store_worker_attachments(*, actor: Any, case: Case, checked: Sequence[tuple[UploadedFile, str, str]]) -> None:
    """Inside the submission's transaction, so a case is never left with some of its files."""
    actor_row = who(actor)
    for upload, content_type, sha256 in checked:
        name = _file_name(upload)
        create_with_file(CaseAttachment, upload=upload, field="attachments",
                         what=msg(_("文件“%(name)s”"), {"name": name}), case=case, name=name,
                         content_type=content_type, size=upload.size or 0, sha256=sha256,
                         uploaded_by_id=actor_row.id, uploaded_by_label=actor_row.shown)
        record_case_event(actor=actor, case=case, action=Action.ATTACH, note=name,
                          detail={"sha256": sha256, "size": upload.size})
