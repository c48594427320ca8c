"""What every change of an account's credentials shares: the password rules, and ending API tokens.

Console sessions need no list here: Django ties a session to a hash of the password it was opened
with, so setting a password (or an unusable one, as a reset does) ends every other session of the
account on its next request; the view that changes the password keeps its own session alive.
"""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from gonghui.accounts.models import ApiToken, User
from gonghui.core.errors import ValidationFailed


def check_new_password(password: str, user: User | None, field: str = "password") -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationFailed(" ".join(exc.messages), field=field, code="weak_password") from None


def api_tokens_revoke(*, user: User) -> int:
    """A token is a password that outlives sessions: a new password or a reset must end it too."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
