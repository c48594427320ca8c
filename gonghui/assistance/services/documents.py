"""Supporting documents (证明材料): scans and photos of income, medical, disability and other proofs.
Only known types, within a size limit, and the first bytes must agree with the claimed type."""

import hashlib
import os
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gonghui.assistance.choices import Action, DocumentKind
from gonghui.assistance.models import HardshipDocument, HardshipFile
from gonghui.assistance.services.common import clean_choice, who
from gonghui.assistance.services.transition import hardship_transition
from gonghui.core.errors import ValidationFailed, msg

# content type → (extensions, accepted leading bytes)
ALLOWED_TYPES: dict[str, tuple[tuple[str, ...], tuple[bytes, ...]]] = {
    "application/pdf": ((".pdf",), (b"%PDF",)),
    "image/jpeg": ((".jpg", ".jpeg"), (b"\xff\xd8\xff",)),
    "image/png": ((".png",), (b"\x89PNG\r\n\x1a\n",)),
}


def _limit_mb() -> int:
    return int(settings.GONGHUI_HARDSHIP_DOCUMENT_MAX_MB)


def check_document(upload: UploadedFile) -> tuple[str, str]:
    """Return (content type, sha256) or raise naming the field `file`."""
    content_type = (upload.content_type or "").split(";")[0].strip().lower()
    name = os.path.basename(upload.name or "")
    if content_type not in ALLOWED_TYPES:
        raise ValidationFailed(_("证明材料只能是 PDF 或图片（JPG/PNG）。"), field="file", code="content_type")
    extensions, signatures = ALLOWED_TYPES[content_type]
    if not name.lower().endswith(extensions):
        raise ValidationFailed(_("证明材料的扩展名与文件类型不符。"), field="file", code="extension")
    if upload.size is None or upload.size > _limit_mb() * 1024 * 1024:
        raise ValidationFailed(msg(_("证明材料不能超过%(n)dMB。"), {"n": _limit_mb()}), field="file",
                               code="too_large")
    if upload.size == 0:
        raise ValidationFailed(_("证明材料是空文件。"), field="file", code="empty")
    upload.seek(0)
    if not upload.read(16).startswith(signatures):
        raise ValidationFailed(_("证明材料的内容与文件类型不符。"), field="file", code="signature")
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return content_type, digest.hexdigest()


@transaction.atomic
def hardship_attach(*, actor: Any, file: HardshipFile, kind: str, upload: UploadedFile,
                    version: int | None = None) -> HardshipDocument:
    kind = clean_choice(kind, DocumentKind, field="kind")
    content_type, sha256 = check_document(upload)
    name = os.path.basename(upload.name or "")[:200]
    file = hardship_transition(actor=actor, file=file, action=Action.ATTACH, version=version, note=name,
                               detail={"kind": kind, "sha256": sha256, "size": upload.size})
    actor_row = who(actor)
    return HardshipDocument.objects.create(file=file, kind=kind, upload=upload, name=name, content_type=content_type,
                                           size=upload.size or 0, sha256=sha256, uploaded_by_id=actor_row.id,
                                           uploaded_by_label=actor_row.label[:150])
