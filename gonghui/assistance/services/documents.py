"""Supporting documents (证明材料): scans and photos of income, medical, disability and other proofs.
Only known types, within a size limit, and the first bytes must agree with the claimed type."""

import os
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from gonghui.assistance.choices import Action, DocumentKind
from gonghui.assistance.models import HardshipDocument, HardshipFile
from gonghui.assistance.services.common import clean_choice, who
from gonghui.assistance.services.transition import hardship_transition
from gonghui.core.storage import atomic_with_files, create_with_file
from gonghui.core.uploads import PDF_AND_IMAGES, UploadRule, check_upload


# content type → (extensions, accepted leading bytes)
def check_document(upload: UploadedFile) -> tuple[str, str]:
    """Return (content type, sha256) or raise naming the field `file`."""
    rule = UploadRule(PDF_AND_IMAGES, _("证明材料"), _("PDF 或图片（JPG/PNG）"),
                      int(settings.GONGHUI_HARDSHIP_DOCUMENT_MAX_MB))
    return check_upload(upload, rule, field="file")


@atomic_with_files()
def hardship_attach(*, actor: Any, file: HardshipFile, kind: str, upload: UploadedFile,
                    version: int | None = None, by_worker: bool = False) -> HardshipDocument:
    """`by_worker`: the worker's own file, checked by the portal service (see hardship_transition)."""
    kind = clean_choice(kind, DocumentKind, field="kind")
    content_type, sha256 = check_document(upload)
    name = os.path.basename(upload.name or "")[:200]
    file = hardship_transition(actor=actor, file=file, action=Action.ATTACH, version=version, note=name,
                               detail={"kind": kind, "sha256": sha256, "size": upload.size}, by_worker=by_worker)
    actor_row = who(actor)
    return create_with_file(HardshipDocument, upload=upload, field="file", what=_("证明材料"), file_field="upload",
                            file=file, kind=kind, name=name, content_type=content_type, size=upload.size or 0,
                            sha256=sha256, uploaded_by_id=actor_row.id, uploaded_by_label=actor_row.shown)
