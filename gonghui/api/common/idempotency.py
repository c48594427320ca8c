"""`Idempotency-Key` on the API's creates (RFC draft "The Idempotency-Key HTTP Header Field"): a
client that did not hear the answer sends the same request with the same key and gets the record
the first one made, with nothing written twice (`core.idempotency.create_once`)."""

from collections.abc import Callable
from typing import Annotated, Any

from django.db import models
from django.http import HttpRequest
from ninja import Field, Header

from gonghui.core.idempotency import create_once, request_digest

# Visible ASCII, as sent.
IdempotencyKey = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[\x21-\x7e]+$",
                                      description="幂等键：同一操作者以同一键重复请求，返回第一次创建的记录，不再重复写入")]
IDEMPOTENCY_KEY = Header(None, alias="Idempotency-Key")


def create_once_for(request: HttpRequest, key: str | None, payload: Any, create: Callable[[], models.Model]) -> int:
    """The primary key of the record made by `create`, or by the first request with this key. The
    request is known by its method, path and parsed payload (a schema, or a dict of what it carries)."""
    body = payload.model_dump_json() if hasattr(payload, "model_dump_json") else repr(sorted(payload.items()))
    pk, _replayed = create_once(actor=request.user, key=key or "", operation=f"{request.method} {request.path}",
                                digest=request_digest(request.method, request.path, body), create=create)
    return int(pk)
