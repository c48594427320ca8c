"""Typed domain errors, raised by services and selectors and mapped once at each edge.

A message is a lazy translation, so the edge can render it in Chinese and in English.
"""

from typing import Any

from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    status = 400
    code = "invalid"

    def __init__(self, message: Any = None, *, code: str | None = None, field: str | None = None):
        self.message = message if message is not None else self.default_message()
        if code:
            self.code = code
        self.field = field
        super().__init__(str(self.message))

    @classmethod
    def default_message(cls) -> Any:
        return _("请求无效。")

    def as_dict(self) -> dict[str, Any]:
        with translation.override("zh-hans"):
            zh = str(self.message)
        with translation.override("en"):
            en = str(self.message)
        return {"code": self.code, "field": self.field, "message": str(self.message), "message_zh": zh,
                "message_en": en}


class ValidationFailed(DomainError):
    status = 400
    code = "invalid"


class NotFound(DomainError):
    """Missing and out-of-scope look the same, so scope never leaks through an error."""

    status = 404
    code = "not_found"

    @classmethod
    def default_message(cls) -> Any:
        return _("找不到该记录，或您无权查看。")


class PermissionDenied(DomainError):
    status = 403
    code = "forbidden"

    @classmethod
    def default_message(cls) -> Any:
        return _("您没有执行此操作的权限。")


class Conflict(DomainError):
    status = 409
    code = "conflict"

    @classmethod
    def default_message(cls) -> Any:
        return _("记录已被他人修改，请刷新后重试。")


class InvalidFields(ValidationFailed):
    """Several fields are wrong at once; each error names its own field."""

    code = "invalid_fields"

    def __init__(self, errors: list[ValidationFailed]):
        self.errors = errors
        super().__init__(errors[0].message, code=errors[0].code, field=errors[0].field)

    def as_dict(self) -> dict[str, Any]:
        return {**super().as_dict(), "errors": [e.as_dict() for e in self.errors]}


def _interpolate(template: Any, params: dict[str, Any]) -> str:
    return str(template) % params


# `_("…%(x)s") % {...}` would freeze the message in the language active at raise time; this keeps
# it lazy, so the edge can still render it in both Chinese and English.
_lazy_interpolate = lazy(_interpolate, str)


def msg(template: Any, params: dict[str, Any]) -> Any:
    return _lazy_interpolate(template, params)


class StorageFailed(ValidationFailed):
    """Media storage refused a write (disk or quota full, or the store unreachable): nothing was kept,
    and the user is told to try again later (gonghui/core/storage.py raises it)."""

    code = "storage_full"
