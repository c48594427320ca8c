"""Checking an uploaded file before it is stored: a type from the allowed list, an extension that
agrees with it, a size within the limit, leading bytes that agree with the claimed type (a renamed
file is refused), and the SHA-256 kept so a document shown later can be proved the one received."""

import hashlib
import os
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ValidationFailed, msg

# content type → (extensions, accepted leading bytes; empty when the format has no fixed signature)
FileTypes = dict[str, tuple[tuple[str, ...], tuple[bytes, ...]]]

PDF_AND_IMAGES: FileTypes = {
    "application/pdf": ((".pdf",), (b"%PDF",)),
    "image/jpeg": ((".jpg", ".jpeg"), (b"\xff\xd8\xff",)),
    "image/png": ((".png",), (b"\x89PNG\r\n\x1a\n",)),
}


@dataclass(frozen=True)
class UploadRule:
    types: FileTypes
    what: Any  # what the users call the file (附件, 证明材料)
    kinds: Any  # the allowed kinds, as said to them
    max_mb: int


def check_upload(upload: UploadedFile, rule: UploadRule, *, field: str) -> tuple[str, str]:
    """Return (content type, sha256) or raise a ValidationFailed naming `field`."""
    content_type = (upload.content_type or "").split(";")[0].strip().lower()
    name = os.path.basename(upload.name or "")
    words = {"what": rule.what, "kinds": rule.kinds, "n": rule.max_mb}
    if content_type not in rule.types:
        raise ValidationFailed(msg(_("%(what)s只能是%(kinds)s。"), words), field=field, code="content_type")
    extensions, signatures = rule.types[content_type]
    if not name.lower().endswith(extensions):
        raise ValidationFailed(msg(_("%(what)s的扩展名与文件类型不符。"), words), field=field, code="extension")
    if upload.size is None or upload.size > rule.max_mb * 1024 * 1024:
        raise ValidationFailed(msg(_("%(what)s不能超过%(n)dMB。"), words), field=field, code="too_large")
    if upload.size == 0:
        raise ValidationFailed(msg(_("%(what)s是空文件。"), words), field=field, code="empty")
    upload.seek(0)
    if signatures and not upload.read(16).startswith(signatures):
        raise ValidationFailed(msg(_("%(what)s的内容与文件类型不符。"), words), field=field, code="signature")
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return content_type, digest.hexdigest()


def safe_download_name(name: str, fallback: str = "document") -> str:
    """A stored name fit for Content-Disposition: no directory, no control character (a header cannot be
    split by a name), never empty."""
    base = os.path.basename(str(name or "").replace("\\", "/"))
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in '"\r\n').strip(" .")
    return cleaned[:200] or fallback


def upload_response(stored: Any, *, file: Any = None) -> Any:
    """A stored upload handed back to someone allowed to read it, the one way every console page and API
    endpoint does it: an attachment (never shown inline) under a safe name, with the type checked on
    upload, never sniffed by the browser. `file` names the file field when it is not `file`."""
    from django.http import FileResponse

    field = file if file is not None else stored.file
    response = FileResponse(field.open("rb"), as_attachment=True, filename=safe_download_name(stored.name),
                            content_type=stored.content_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
