"""Log lines: one JSON object each, with the request's id, user id and view; ID and mobile numbers
masked whatever logged them; the settings that choose the format refuse what they do not know."""

import io
import json
import logging

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.urls import ResolverMatch

from config.observability import logging_settings, metrics_allow, metrics_token
from gonghui.core.logs import JsonFormatter, PlainFormatter, RedactFilter, RequestContextFilter, current_request, redact

ID = "51010419900101123X"
PHONE = "13800138000"


def _capture(formatter: logging.Formatter) -> tuple[logging.Logger, io.StringIO]:
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.addFilter(RequestContextFilter())
    handler.addFilter(RedactFilter())
    handler.setFormatter(formatter)
    logger = logging.getLogger("gonghui.tests.logs")
    logger.handlers, logger.propagate = [handler], False
    logger.setLevel(logging.DEBUG)
    return logger, buffer


@pytest.mark.parametrize(("raw", "shown"), [
    (f"id {ID} ok", "id 510104********123X ok"),
    ("id 510104199001011234,", "id 510104********1234,"),
    (f"phone={PHONE}&x=1", "phone=138****8000&x=1"),
    ("+86 138 0013 8000", "+86 138****8000"),
    ("call 138-0013-8000.", "call 138****8000."),
])
def test_it_masks_id_and_mobile_numbers_the_way_pages_show_them(raw, shown):
    assert redact(raw) == shown


@pytest.mark.parametrize("kept", [
    "member 12345 case 2026-000123", "1733412345678 ms", "order 123456789012345678901", "¥1,380.00 2026-12-05",
])
def test_it_leaves_numbers_that_are_not_ids_or_mobiles_alone(kept):
    assert redact(kept) == kept


def test_a_json_line_carries_the_fields_and_masks_the_message_and_its_arguments():
    logger, buffer = _capture(JsonFormatter())
    logger.warning("looked up %s for %s", ID, PHONE, extra={"status": 200, "duration_ms": 1.5})
    entry = json.loads(buffer.getvalue())
    assert entry["level"] == "WARNING" and entry["logger"] == "gonghui.tests.logs"
    assert entry["message"] == "looked up 510104********123X for 138****8000"
    assert entry["status"] == 200 and entry["duration_ms"] == 1.5 and entry["time"].endswith("+00:00")
    assert "request_id" not in entry  # outside a request there is none


def test_an_exceptions_text_is_masked_too():
    logger, buffer = _capture(JsonFormatter())
    try:
        raise ValueError(f"no member with {ID}")
    except ValueError:
        logger.exception("import failed")
    entry = json.loads(buffer.getvalue())
    assert "ValueError: no member with 510104********123X" in entry["exc"] and ID not in buffer.getvalue()


def test_a_record_logged_during_a_request_carries_its_id_user_id_and_view(django_user_model):
    logger, buffer = _capture(JsonFormatter())
    request = HttpRequest()
    request.request_id = "abcdef0123456789"  # type: ignore[attr-defined]
    request.user = django_user_model(pk=7, username="cadre")  # type: ignore[assignment]
    request.resolver_match = ResolverMatch(lambda r: None, (), {}, url_name="member_detail", namespaces=["web"])
    token = current_request.set(request)
    try:
        logger.info("something")
    finally:
        current_request.reset(token)
    entry = json.loads(buffer.getvalue())
    assert (entry["request_id"], entry["user_id"], entry["view"]) == ("abcdef0123456789", 7, "web:member_detail")
    assert "cadre" not in buffer.getvalue()  # the id, never the name


def test_the_plain_format_shows_the_request_id_when_there_is_one():
    logger, buffer = _capture(PlainFormatter())
    logger.warning("no request")
    request = HttpRequest()
    request.request_id = "req-0001-abcd"  # type: ignore[attr-defined]
    token = current_request.set(request)
    try:
        logger.warning("in a request")
    finally:
        current_request.reset(token)
    first, second = buffer.getvalue().splitlines()
    assert first.endswith("gonghui.tests.logs no request") and "[req-0001-abcd] in a request" in second


def test_the_format_is_json_in_production_plain_in_development_and_nothing_else(monkeypatch):
    monkeypatch.delenv("GONGHUI_LOG_FORMAT", raising=False)
    assert logging_settings(production=True)["handlers"]["console"]["formatter"] == "json"
    assert logging_settings(production=False)["handlers"]["console"]["formatter"] == "plain"
    monkeypatch.setenv("GONGHUI_LOG_FORMAT", "xml")
    with pytest.raises(ImproperlyConfigured, match="GONGHUI_LOG_FORMAT"):
        logging_settings(production=True)


def test_every_handler_and_djangos_own_loggers_pass_through_the_filters(monkeypatch):
    monkeypatch.delenv("GONGHUI_LOG_FORMAT", raising=False)
    config = logging_settings(production=True)
    assert all(h["filters"] == ["request", "redact"] for h in config["handlers"].values())
    assert config["loggers"]["django.server"]["handlers"] == ["console"]
    assert config["loggers"]["django"]["propagate"] is False


def test_the_metrics_settings_refuse_a_bad_network_or_a_short_token(monkeypatch):
    monkeypatch.setenv("GONGHUI_METRICS_ALLOW", "10.0.0.0/8, 192.168.1.300")
    with pytest.raises(ImproperlyConfigured, match=r"192\.168\.1\.300"):
        metrics_allow()
    monkeypatch.setenv("GONGHUI_METRICS_ALLOW", "10.0.0.5/8")  # not widened to all of 10.0.0.0/8
    with pytest.raises(ImproperlyConfigured, match=r"10\.0\.0\.5/8"):
        metrics_allow()
    monkeypatch.setenv("GONGHUI_METRICS_TOKEN", "short")
    with pytest.raises(ImproperlyConfigured, match="GONGHUI_METRICS_TOKEN"):
        metrics_token()
