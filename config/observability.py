"""Logs and metrics settings (README "Monitoring"), read from the environment like the rest of
config/settings.py, which imports this module at its end.

Every record goes through one console handler (stderr: the service manager or the container runtime
collects it) with two filters: the request's id, user id and view, and the masking of ID and mobile
numbers. Django's own loggers are routed to it too, so no line (runserver's request lines included)
reaches the console unfiltered.
"""

import ipaddress

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_list, env_str


def _log_format(production: bool) -> str:
    value = env_str("GONGHUI_LOG_FORMAT", "json" if production else "plain").strip().lower()
    if value not in ("json", "plain"):
        raise ImproperlyConfigured(f"GONGHUI_LOG_FORMAT must be 'json' or 'plain', not {value!r}.")
    return value


def metrics_allow() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    networks = []
    for item in env_list("GONGHUI_METRICS_ALLOW", ["127.0.0.1/32", "::1/128"]):
        try:
            # strict: "10.0.0.5/8" is refused rather than silently widened to all of 10.0.0.0/8.
            networks.append(ipaddress.ip_network(item, strict=True))
        except ValueError:
            raise ImproperlyConfigured(f"GONGHUI_METRICS_ALLOW: {item!r} is not an address or a network "
                                       "(e.g. 10.0.0.0/8, with no bits set after the prefix).") from None
    return networks


def metrics_token() -> str:
    token = env_str("GONGHUI_METRICS_TOKEN", "").strip()
    if token and len(token) < 32:
        raise ImproperlyConfigured("GONGHUI_METRICS_TOKEN must be at least 32 characters (a random string).")
    return token


def logging_config(*, log_format: str, level: str, log_requests: bool) -> dict:
    handler = {"class": "logging.StreamHandler", "formatter": log_format, "filters": ["request", "redact"]}
    routed = {"handlers": ["console"], "propagate": False}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request": {"()": "gonghui.core.logs.RequestContextFilter"},
            "redact": {"()": "gonghui.core.logs.RedactFilter"},
        },
        "formatters": {
            "json": {"()": "gonghui.core.logs.JsonFormatter"},
            "plain": {"()": "gonghui.core.logs.PlainFormatter"},
        },
        "handlers": {"console": handler},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's defaults give these their own handlers, without our filters: route them here.
            "django": {**routed, "level": level},
            "django.server": {**routed, "level": "INFO"},
            # One line per request (view, status, duration), at INFO whatever the root level.
            "gonghui.request": {**routed, "level": "INFO" if log_requests else "WARNING"},
        },
    }


def logging_settings(*, production: bool) -> dict:
    return logging_config(log_format=_log_format(production),
                          level=env_str("GONGHUI_LOG_LEVEL", "WARNING").strip().upper(),
                          log_requests=env_bool("GONGHUI_LOG_REQUESTS", production))
