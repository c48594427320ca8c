"""Every error leaves the API in one shape: {code, field, message, message_zh, message_en}.

Domain errors carry their own status and lazy message; request validation (422) and ninja's own
HTTP errors are turned into the same shape here, so a client has one thing to parse.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from gonghui.core.errors import DomainError, msg

# The statuses an operation may answer besides its success, as listed in the OpenAPI document.
READ_ERRORS = frozenset({401, 404, 422})
WRITE_ERRORS = frozenset({400, 401, 403, 404, 409, 413, 422})
# Django refuses these while reading the body (DATA_UPLOAD_MAX_MEMORY_SIZE, _NUMBER_FIELDS, _NUMBER_FILES).
TOO_LARGE = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)

BEARER_CHALLENGE = 'Bearer realm="gonghui"'
UNAUTHENTICATED = _("请先登录，或在请求头中提供有效的 API 令牌。")
_HTTP_MESSAGES: dict[int, tuple[str, Any]] = {
    400: ("bad_request", _("请求格式无效，请提交有效的 JSON。")),
    401: ("unauthenticated", UNAUTHENTICATED),
    403: ("forbidden", _("您没有执行此操作的权限。")),
    404: ("not_found", _("找不到该记录，或您无权查看。")),
    405: ("method_not_allowed", _("不支持该请求方法。")),
    429: ("throttled", _("请求过于频繁，请稍后再试。")),
}

# pydantic error types -> a message naming the field; anything else gets the generic one.
_FIELD_MESSAGES: dict[str, Any] = {
    "missing": _("缺少必填字段 %(field)s。"),
    "extra_forbidden": _("不支持字段 %(field)s。"),
    "string_too_long": _("字段 %(field)s 不能超过 %(max_length)s 个字符。"),
    "string_too_short": _("字段 %(field)s 不能为空。"),
    "string_pattern_mismatch": _("字段 %(field)s 格式无效或含有不可见字符。"),
    "string_unicode": _("字段 %(field)s 含有无效字符。"),
    "string_type": _("字段 %(field)s 应为文本。"),
    "int_parsing": _("字段 %(field)s 应为整数。"),
    "int_type": _("字段 %(field)s 应为整数。"),
    "int_from_float": _("字段 %(field)s 应为整数。"),
    "greater_than_equal": _("字段 %(field)s 不能小于 %(ge)s。"),
    "less_than_equal": _("字段 %(field)s 不能大于 %(le)s。"),
    "bool_parsing": _("字段 %(field)s 应为 true 或 false。"),
    "bool_type": _("字段 %(field)s 应为 true 或 false。"),
    "date_from_datetime_parsing": _("字段 %(field)s 应为日期，格式 YYYY-MM-DD。"),
    "date_parsing": _("字段 %(field)s 应为日期，格式 YYYY-MM-DD。"),
    "date_type": _("字段 %(field)s 应为日期，格式 YYYY-MM-DD。"),
    "enum": _("字段 %(field)s 不是允许的取值。"),
    "literal_error": _("字段 %(field)s 不是允许的取值。"),
    "not_null": _("字段 %(field)s 不能为 null。"),
    "decimal_parsing": _("字段 %(field)s 应为金额或数字。"),
    "decimal_type": _("字段 %(field)s 应为金额或数字。"),
    "decimal_max_places": _("字段 %(field)s 最多保留 %(decimal_places)s 位小数。"),
    "decimal_max_digits": _("字段 %(field)s 的数值过大。"),
    "decimal_whole_digits": _("字段 %(field)s 的数值过大。"),
    "finite_number": _("字段 %(field)s 应为有限的数值。"),
    "greater_than": _("字段 %(field)s 应大于 %(gt)s。"),
    "too_long": _("字段 %(field)s 最多 %(max_length)s 项。"),
    "list_type": _("字段 %(field)s 应为数组。"),
    "datetime_parsing": _("字段 %(field)s 应为时间，格式 YYYY-MM-DDTHH:MM:SS+08:00。"),
    "datetime_type": _("字段 %(field)s 应为时间，格式 YYYY-MM-DDTHH:MM:SS+08:00。"),
    "datetime_from_date_parsing": _("字段 %(field)s 应为时间，格式 YYYY-MM-DDTHH:MM:SS+08:00。"),
    "timezone_aware": _("字段 %(field)s 须带时区，如 +08:00。"),
    "model_attributes_type": _("请求体应为 JSON 对象。"),
    "model_type": _("请求体应为 JSON 对象。"),
    "dict_type": _("请求体应为 JSON 对象。"),
}
_GENERIC = _("字段 %(field)s 无效。")


def _both(message: Any) -> tuple[str, str, str]:
    with translation.override("zh-hans"):
        zh = str(message)
    with translation.override("en"):
        en = str(message)
    return str(message), zh, en


def error_body(code: str, message: Any, field: str | None = None) -> dict[str, Any]:
    current, zh, en = _both(message)
    return {"code": code, "field": field, "message": current, "message_zh": zh, "message_en": en}


def too_large_body() -> dict[str, Any]:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
    return error_body("too_large", msg(_("请求体过大或字段过多，请求体不能超过 %(limit)s。"),
                                       {"limit": f"{limit / 1024 / 1024:.1f} MB"}))


def too_large_response() -> HttpResponse:
    """For a body refused before the API's own handlers run (in a middleware): the same shape."""
    return JsonResponse(too_large_body(), status=413)


# pydantic names the member of a union it tried (`X | Omit` is such a union) inside the location:
# "constrained-int", "str-enum[Category]", "function-wrap[...]", or a bare type name.
_UNION_MEMBERS = frozenset({"none", "int", "str", "float", "bool", "decimal", "date", "datetime", "list", "dict"})


def _union_member(part: str) -> bool:
    return part in _UNION_MEMBERS or "[" in part or bool(re.fullmatch(r"[a-z]+(-[a-z]+)+", part))


def _field_name(loc: Any) -> str | None:
    # ninja prefixes the source ("body", "query", "path"), and for a body also the parameter name
    # (always `payload` here); a client knows the field only by its key in what it sent.
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header", "cookie", "form"}:
        parts = parts[1:]
    if parts and parts[0] in {"payload", "filters", "ninja_pagination"}:
        parts = parts[1:]
    # A tag never comes first: the field it belongs to does.
    parts = parts[:1] + [p for p in parts[1:] if not _union_member(p)]
    return ".".join(parts) or None


def _union_noise(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop "should be None" for a field that may be left out: it is the other member of the union
    failing, said beside the real reason, which names the same field."""
    real = {_field_name(e.get("loc", ())) for e in errors if e.get("type") != "none_required"}
    return [e for e in errors if e.get("type") != "none_required" or _field_name(e.get("loc", ())) not in real]


def _field_message(error: dict[str, Any], field: str | None) -> Any:
    template = _FIELD_MESSAGES.get(str(error.get("type")), _GENERIC)
    params = {k: v for k, v in (error.get("ctx") or {}).items() if isinstance(v, int | str)}
    params["field"] = field or "?"
    if not set(re.findall(r"%\((\w+)\)", str(template))) <= params.keys():
        template = _GENERIC
    return msg(template, params)


def validation_body(errors: list[dict[str, Any]]) -> dict[str, Any]:
    items = []
    for error in _union_noise(errors) or [{}]:
        field = _field_name(error.get("loc", ()))
        items.append(error_body(str(error.get("type", "invalid")), _field_message(error, field), field))
    body = {**items[0], "code": "invalid_input", "errors": items}
    return body


@contextmanager
def fields_renamed(names: dict[str, str]) -> Iterator[None]:
    """Services name a field by its model attribute; the client sent it under its API key."""
    try:
        yield
    except DomainError as exc:
        # Several fields wrong at once (InvalidFields) carry one error each, and each is renamed.
        for error in [exc, *(getattr(exc, "errors", None) or [])]:
            if isinstance(error, DomainError) and error.field in names:
                error.field = names[error.field]
        raise


def install(api: NinjaAPI) -> None:
    @api.exception_handler(DomainError)
    def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        response = api.create_response(request, exc.as_dict(), status=exc.status)
        # A domain error may carry what its status needs in the headers: a 401's challenge, a 429's wait.
        if exc.status == 401:
            response["WWW-Authenticate"] = getattr(exc, "challenge", BEARER_CHALLENGE)
        if getattr(exc, "retry_after", None):
            response["Retry-After"] = str(exc.retry_after)  # type: ignore[attr-defined]
        return response

    @api.exception_handler(ValidationError)
    def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return api.create_response(request, validation_body(list(exc.errors)), status=422)

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        code, message = _HTTP_MESSAGES.get(exc.status_code, ("error", _("请求无效。")))
        response = api.create_response(request, error_body(code, message), status=exc.status_code)
        if isinstance(exc, AuthenticationError):
            response["WWW-Authenticate"] = BEARER_CHALLENGE
        return response

    def on_too_large(request: HttpRequest, exc: Any) -> HttpResponse:
        # Django's own answer is an HTML 400 page (and ninja's, under DEBUG, a 500 with the traceback).
        return api.create_response(request, too_large_body(), status=413)

    for too_large in TOO_LARGE:
        api.add_exception_handler(too_large, on_too_large)

    @api.exception_handler(Http404)
    def on_404(request: HttpRequest, exc: Http404) -> HttpResponse:
        code, message = _HTTP_MESSAGES[404]
        return api.create_response(request, error_body(code, message), status=404)
