"""A create an API client may retry (the `Idempotency-Key` header): the first request with a key
creates the record and remembers it; a repeat with the same key from the same actor finds it and
creates nothing. The key and the record are written in one transaction, so a create that fails
leaves no key behind and a key never points at a record that was rolled back."""

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import Conflict


class IdempotentCreate(models.Model):
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)
    # What was asked (the operation and a digest of the request), so a key reused for another
    # request is refused instead of answering with an unrelated record.
    operation = models.CharField(max_length=60)
    digest = models.CharField(max_length=64)
    object_id = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["actor", "key"], name="idempotent_create_key_per_actor")]

    def __str__(self) -> str:
        return f"{self.operation} -> {self.object_id}"


class KeyReused(Conflict):
    code = "idempotency_key_reused"

    @classmethod
    def default_message(cls) -> Any:
        return _("该 Idempotency-Key 已用于另一项请求（操作或内容不同）；新的请求请使用新的键。")


def request_digest(*parts: Any) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()


def _earlier(actor_id: int, key: str, operation: str, digest: str) -> str | None:
    row = IdempotentCreate.objects.filter(actor_id=actor_id, key=key).first()
    if row is None:
        return None
    if (row.operation, row.digest) != (operation, digest):
        raise KeyReused(field="Idempotency-Key")
    return row.object_id


def create_once(*, actor: Any, key: str, operation: str, digest: str,
                create: Callable[[], models.Model]) -> tuple[str, bool]:
    """The primary key of the record `create` makes (or made for the first request with this key),
    and whether this was a repeat. Without a key (or an actor) it simply creates."""
    actor_id = getattr(actor, "pk", None)
    if not key or actor_id is None:
        return str(create().pk), False
    found = _earlier(actor_id, key, operation, digest)
    if found is not None:
        return found, True
    try:
        with transaction.atomic():
            made = create()
            IdempotentCreate.objects.create(actor_id=actor_id, key=key, operation=operation, digest=digest,
                                            object_id=str(made.pk))
    except IntegrityError:
        # The same key at the same time: the other request committed first and its record stands;
        # this one's record was rolled back with the key.
        found = _earlier(actor_id, key, operation, digest)
        if found is None:
            raise
        return found, True
    return str(made.pk), False
