"""Claim documents: scans and photos of discharge summaries, invoices, diagnosis certificates.

Only PDF, JPEG and PNG are taken (what hospitals issue and phones photograph), within a size limit,
and the first bytes must agree with the type the browser claimed: a renamed file is refused. The
SHA-256 of each is kept, so a document later shown can be proved to be the one submitted.
"""

import hashlib
import os
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ValidationFailed, msg
from gonghui.mutualaid.models import MutualAidClaim, MutualAidClaimDocument
from gonghui.mutualaid.services.common import who

# content type → (extensions, accepted leading bytes)
ALLOWED_TYPES: dict[str, tuple[tuple[str, ...], tuple[bytes, ...]]] = {
    "application/pdf": ((".pdf",), (b"%PDF",)),
    "image/jpeg": ((".jpg", ".jpeg"), (b"\xff\xd8\xff",)),
    "image/png": ((".png",), (b"\x89PNG\r\n\x1a\n",)),
}
MAX_DOCUMENTS = 20


def _limit_mb() -> int:
    return int(settings.GONGHUI_MUTUAL_AID_DOCUMENT_MAX_MB)


def validate_document(upload: UploadedFile) -> tuple[str, str]:
    """Return (content type, sha256) or raise naming the field `documents`."""
    content_type = (upload.content_type or "").split(";")[0].strip().lower()
    name = os.path.basename(upload.name or "")
    if content_type not in ALLOWED_TYPES:
        raise ValidationFailed(_("证明材料只能是 PDF 文件或 JPG、PNG 图片。"), field="documents", code="content_type")
    extensions, signatures = ALLOWED_TYPES[content_type]
    if not name.lower().endswith(extensions):
        raise ValidationFailed(_("证明材料的扩展名与文件类型不符。"), field="documents", code="extension")
    if upload.size is None or upload.size > _limit_mb() * 1024 * 1024:
        raise ValidationFailed(msg(_("每份证明材料不能超过%(n)dMB。"), {"n": _limit_mb()}), field="documents",
                               code="too_large")
    if upload.size == 0:
        raise ValidationFailed(_("证明材料是空文件。"), field="documents", code="empty")
    upload.seek(0)
    if not upload.read(16).startswith(signatures):
        raise ValidationFailed(_("证明材料的内容与文件类型不符。"), field="documents", code="signature")
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return content_type, digest.hexdigest()


def store_document(*, actor: Any, claim: MutualAidClaim, upload: UploadedFile, content_type: str,
                   sha256: str) -> MutualAidClaimDocument:
    """Save a document already validated; the caller records the event inside its transaction."""
    if claim.documents.count() >= MAX_DOCUMENTS:
        raise ValidationFailed(msg(_("每笔给付申请最多上传%(n)d份证明材料。"), {"n": MAX_DOCUMENTS}), field="documents",
                               code="too_many")
    actor_row = who(actor)
    return MutualAidClaimDocument.objects.create(
        claim=claim, file=upload, name=os.path.basename(upload.name or "")[:200], content_type=content_type,
        size=upload.size or 0, sha256=sha256, uploaded_by_id=actor_row.id, uploaded_by_label=actor_row.label[:150])

