"""Where verification codes go: one small interface, one adapter per SMS provider.

A provider adapter is a class with a no-argument constructor and one method,
`send(message: SmsMessage) -> None`, that delivers the message or raises `SmsDeliveryFailed`.
Chinese providers (Aliyun, Tencent Cloud, the carriers' gateways) send only pre-approved templates
with a registered signature, so the message carries the template's parameters (`purpose`, `code`,
`minutes`, or a notice's `params`) as well as a rendered `text` for gateways that take free
text. An adapter reads its own credentials from the environment.
Settings: GONGHUI_SMS_BACKEND = "package.module.ClassName".
"""

import logging
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from gonghui.core.idnumbers import mask_phone
from gonghui.core.monitoring import store

logger = logging.getLogger("gonghui.sms")


class SmsDeliveryFailed(Exception):
    """The provider did not accept the message (network, quota, a blocked number)."""


@dataclass(frozen=True)
class SmsMessage:
    phone: str = field(repr=False)
    purpose: str
    code: str
    minutes: int
    text: str
    # A notice's template parameters (a case's number and step), for providers that send templates.
    params: dict[str, str] = field(default_factory=dict)


class SmsBackend(Protocol):
    def send(self, message: SmsMessage) -> None: ...


class ConsoleBackend:
    """Development: the code goes to the server log, so nobody needs a real phone to log in."""

    def send(self, message: SmsMessage) -> None:
        # The phone is masked even here: no plaintext phone in any log (ARCHITECTURE.md §6a).
        logger.warning("SMS to %s (%s): %s", mask_phone(message.phone), message.purpose, message.text)


# Like django.core.mail.outbox: tests read what would have been sent.
outbox: list[SmsMessage] = []


class LocmemBackend:
    """Tests: keeps every message in `outbox` in this process (the live test server's thread too)."""

    def send(self, message: SmsMessage) -> None:
        outbox.append(message)


class DisabledBackend:
    """Production until a provider is configured: sends nothing, and never writes a code anywhere."""

    def send(self, message: SmsMessage) -> None:
        logger.error("GONGHUI_SMS_BACKEND is not configured; an SMS code was not sent.")
        raise SmsDeliveryFailed("no SMS provider configured")


@lru_cache(maxsize=4)
def _backend_class(path: str) -> type:
    return import_string(path)  # type: ignore[no-any-return]


class _Counted:
    """Every send, whichever code path makes it, counted by purpose and outcome (/metrics)."""

    def __init__(self, backend: SmsBackend) -> None:
        self.backend = backend

    def send(self, message: SmsMessage) -> None:
        try:
            self.backend.send(message)
        except Exception:
            store.inc("gonghui_sms_sent_total", {"purpose": message.purpose, "outcome": "failed"})
            raise
        store.inc("gonghui_sms_sent_total", {"purpose": message.purpose, "outcome": "sent"})


def get_backend() -> SmsBackend:
    # Looked up per message, so a test can switch the setting.
    return _Counted(_backend_class(settings.GONGHUI_SMS_BACKEND)())
