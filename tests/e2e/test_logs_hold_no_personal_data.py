"""A full browser run — a worker joins on a phone with an SMS code and a resident ID, a county cadre
approves and opens the member — logged at DEBUG through the production log configuration: every
request's lines carry its id, and no ID number or mobile number of anyone in the data appears."""

import json
import logging.config

import pytest
from django.conf import settings as django_settings

from config.observability import logging_config
from gonghui.accounts.sms_backends import ConsoleBackend, LocmemBackend, SmsMessage
from gonghui.members.models import JoinApplication, Member
from tests.e2e.test_portal import test_a_worker_joins_on_a_phone_and_the_county_approves as join_and_approve

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class ConsoleAndOutbox:
    """Development's console backend (it logs every code), keeping the message for the test to type."""

    def send(self, message: SmsMessage) -> None:
        ConsoleBackend().send(message)
        LocmemBackend().send(message)


@pytest.fixture
def log_file(tmp_path, settings):
    path = tmp_path / "gonghui.log"
    config = logging_config(log_format="json", level="DEBUG", log_requests=True)
    config["handlers"]["console"] = {**config["handlers"]["console"], "class": "logging.FileHandler",
                                     "filename": str(path), "encoding": "utf-8"}
    # Django logs SQL and its parameters at DEBUG only with DEBUG on: on, so they are searched too.
    settings.DEBUG = True
    settings.GONGHUI_SMS_BACKEND = f"{__name__}.ConsoleAndOutbox"
    logging.config.dictConfig(config)
    yield path
    logging.config.dictConfig(django_settings.LOGGING)


def test_a_portal_and_console_run_logs_request_ids_and_no_id_or_mobile_number(phone, page, log_file):
    join_and_approve(phone, page)
    member = Member.objects.get(name="周晓红")
    page.goto(page.base + f"/members/{member.pk}/")
    page.get_by_test_id("member-name").wait_for()

    text = log_file.read_text(encoding="utf-8")
    lines = [json.loads(line) for line in text.splitlines()]
    secrets = {m.id_number for m in Member.objects.all()} | {m.phone for m in Member.objects.all() if m.phone}
    secrets |= {a.id_number for a in JoinApplication.objects.all()} | {a.phone for a in JoinApplication.objects.all()}
    assert "13800138000" in secrets and len(secrets) >= 4
    leaked = {s for s in secrets if s in text or s.lower() in text}
    assert not leaked, f"personal numbers in the log: {len(leaked)}"
    assert "138 0013 8000" not in text

    accesses = [line for line in lines if line["logger"] == "gonghui.request"]
    assert len(accesses) > 10 and all(len(line["request_id"]) == 32 for line in accesses)
    assert {"portal:login", "web:member_detail"} <= {line["view"] for line in accesses}
    assert any(line["logger"] == "gonghui.sms" and "138****8000" in line["message"] for line in lines)
    assert any(line["logger"] == "django.db.backends" and line.get("request_id") for line in lines)
    approver = next(line for line in accesses if line["view"] == "web:member_detail")
    assert approver["user_id"] and approver["status"] == 200
