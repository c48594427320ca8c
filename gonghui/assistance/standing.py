"""What a hardship file itself refuses, whatever its status and the actor's grant: the one guard the
services raise and the console pages ask before offering a step (as `cases.standing` for cases)."""

from django.utils.translation import gettext_lazy as _

from gonghui.assistance.models import HardshipFile
from gonghui.core.errors import DomainError, ValidationFailed


def archived_refusal(file: HardshipFile) -> DomainError | None:
    """An archived file (assistance.retention) has lost its household's identities and texts: nothing
    more is done on it."""
    if file.archived_at is not None:
        return ValidationFailed(_("该档案已按保存期限归档，个人信息已删除，不能再办理。"), field="status",
                                code="archived")
    return None
