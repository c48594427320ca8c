"""Membership statuses and the changes allowed between them."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ValidationFailed, msg
from gonghui.members.choices import MembershipStatus as S

TRANSITIONS: dict[str, set[str]] = {
    S.ACTIVE: {S.RETAINED, S.LEFT, S.TRANSFERRED, S.DECEASED},
    S.RETAINED: {S.ACTIVE, S.LEFT, S.DECEASED, S.TRANSFERRED},
    S.LEFT: set(),
    S.TRANSFERRED: set(),
    S.DECEASED: set(),
}


def check_transition(old: str, new: str) -> None:
    if new not in TRANSITIONS.get(old, set()):
        raise ValidationFailed(
            msg(_("会籍状态不能从“%(old)s”变为“%(new)s”。"), {"old": S(old).label, "new": S(new).label}),
            code="bad_transition",
        )
