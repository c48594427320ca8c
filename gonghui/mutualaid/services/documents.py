"""Claim documents: scans and photos of discharge summaries, invoices, diagnosis certificates.

Only PDF, JPEG and PNG are taken (what hospitals issue and phones photograph), within a size limit,
and the first bytes must agree with the type the browser claimed: a renamed file is refused. The
SHA-256 of each is kept, so a document later shown can be proved to be the one submitted.
"""

import os
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ValidationFailed, msg
from gonghui.core.storage import create_with_file
from gonghui.core.uploads import PDF_AND_IMAGES, UploadRule, check_upload
from gonghui.mutualaid.models import MutualAidClaim, MutualAidClaimDocument
from gonghui.mutualaid.services.common import who

MAX_DOCUMENTS = 20


def validate_document(upload: UploadedFile) -> tuple[str, str]:
    """Return (content type, sha256) or raise naming the field `documents`."""
    rule = UploadRule(PDF_AND_IMAGES, _("证明材料"), _("PDF 文件或 JPG、PNG 图片"),
                      int(settings.GONGHUI_MUTUAL_AID_DOCUMENT_MAX_MB))
    return check_upload(upload, rule, field="documents")


def store_document(*, actor: Any, claim: MutualAidClaim, upload: UploadedFile, content_type: str,
                   sha256: str) -> MutualAidClaimDocument:
    """Save a document already validated; the caller records the event inside its transaction."""
    if claim.documents.count() >= MAX_DOCUMENTS:
        raise ValidationFailed(msg(_("每笔给付申请最多上传%(n)d份证明材料。"), {"n": MAX_DOCUMENTS}), field="documents",
                               code="too_many")
    actor_row = who(actor)
    return create_with_file(
        MutualAidClaimDocument, upload=upload, field="documents", what=_("证明材料"), claim=claim,
        name=os.path.basename(upload.name or "")[:200], content_type=content_type, size=upload.size or 0, sha256=sha256,
        uploaded_by_id=actor_row.id, uploaded_by_label=actor_row.shown)

