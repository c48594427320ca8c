"""Structured logs: one JSON object a line, each carrying the id of the request it belongs to, and
never an identity number or a mobile number (ARCHITECTURE.md §6a).

The request middleware (core/request_observer.py) puts the request in a context variable for the
time of the request; `RequestContextFilter` copies its id, user id and view onto every record logged
meanwhile, from any logger. `RedactFilter` is the last line of defence: the code logs masked values
or row ids, but whatever slips through (a library's message, an exception's text, a query string in
a server's access line) is masked before it reaches a handler. Both filters sit on the handlers in
config/observability.py, so they apply to records propagated from every logger.
"""

import contextvars
import datetime
import json
import logging
import re
from typing import Any

from django.http import HttpRequest
from django.utils.functional import empty

# The request being served by this thread or task, set by the request middleware.
current_request: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar("gonghui_request", default=None)

# An 18-character resident ID (17 digits and a digit or X check character), and a mainland mobile
# number, alone or with +86 and the usual spaces or hyphens (138 0013 8000, 138-0013-8000).
_ID_NUMBER = re.compile(r"(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?!\d)")
_MOBILE = re.compile(r"(?<!\d)((?:\+?86[ -]?)?1[3-9]\d)[ -]?\d{4}[ -]?(\d{4})(?!\d)")


def redact(text: str) -> str:
    """Mask what looks like an ID or mobile number the way the pages show them (510104********1234,
    138****8000): enough to tell two apart in a log, not enough to identify anyone."""
    if not any(c.isdigit() for c in text):
        return text
    text = _ID_NUMBER.sub(lambda m: m.group(1) + "********" + m.group(2), text)
    return _MOBILE.sub(lambda m: m.group(1) + "****" + m.group(2), text)


def _user_id(request: HttpRequest) -> int | None:
    # Only a user already loaded: loading one here would query the database from inside logging,
    # which itself logs (django.db.backends) and would recurse.
    user = request.__dict__.get("user")
    wrapped = getattr(user, "_wrapped", user)
    if user is None or wrapped is empty:
        return None
    return getattr(wrapped, "pk", None) if getattr(wrapped, "is_authenticated", False) else None


class RequestContextFilter(logging.Filter):
    """Adds request_id, user_id and view (the route's name, never the path) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = current_request.get()
        if request is None:
            record.__dict__.setdefault("request_id", None)
            record.__dict__.setdefault("user_id", None)
            record.__dict__.setdefault("view", None)
            return True
        record.__dict__.setdefault("request_id", getattr(request, "request_id", None))
        record.__dict__.setdefault("user_id", _user_id(request))
        match = getattr(request, "resolver_match", None)
        record.__dict__.setdefault("view", match.view_name if match else None)
        return True


class RedactFilter(logging.Filter):
    """Renders the message with its arguments, masks it, and masks an exception's text too."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed call must not lose the record, nor leak its args
            message = str(record.msg)
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


# Extra fields a record may carry (the request middleware's access line sets status and duration_ms).
_FIELDS = ("request_id", "user_id", "view", "method", "status", "duration_ms")


class JsonFormatter(logging.Formatter):
    """time, level, logger, message, then the request's fields; exc when there is a traceback."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in _FIELDS:
            value = record.__dict__.get(name)
            if value is not None:
                entry[name] = value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exc"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False, default=str)


class PlainFormatter(logging.Formatter):
    """Development: a readable line with the request id, when there is one."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s%(rid)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        request_id = record.__dict__.get("request_id")
        record.rid = f" [{request_id}]" if request_id else ""
        return super().format(record)
