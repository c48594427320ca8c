import datetime

import pytest
from django.utils import timezone

from gonghui.accounts.sms_models import SmsCode
from gonghui.core.audit_models import AuditEntry
from gonghui.portal.common import session
from gonghui.portal.conftest import portal_login

pytestmark = pytest.mark.django_db
PHONE = "13800001111"


def test_an_anonymous_visitor_is_sent_to_the_portal_login(client):
    response = client.get("/portal/card/")
    assert response["Location"] == "/portal/login/?next=%2Fportal%2Fcard%2F"


def test_logging_in_with_an_sms_code_lands_on_the_page_asked_for(client, sms_outbox):
    client.get("/portal/login/?next=/portal/card/")
    response = client.post("/portal/login/", {"phone": "+86 138 0000 1111"})
    assert response["Location"] == "/portal/login/code/"
    page = client.get("/portal/login/code/").content.decode()
    assert "138****1111" in page and PHONE not in page
    before = client.session.session_key
    response = client.post("/portal/login/code/", {"code": sms_outbox[-1].code})
    assert response["Location"] == "/portal/card/"
    assert client.session.session_key != before
    # The session row holds the phone only encrypted.
    assert PHONE not in str(dict(client.session.items()))
    assert "138****1111" in client.get("/portal/me/").content.decode()


def test_a_wrong_code_is_explained_beside_the_field(client):
    client.post("/portal/login/", {"phone": PHONE})
    page = client.post("/portal/login/code/", {"code": "000000"}).content.decode()
    assert 'data-testid="error-code"' in page and "还可以再试" in page
    assert client.get("/portal/me/").status_code == 302


def test_a_bad_phone_and_a_resend_too_soon_are_explained(client):
    page = client.post("/portal/login/", {"phone": "12345"}).content.decode()
    assert "手机号码应为11位" in page
    client.post("/portal/login/", {"phone": PHONE})
    page = client.post("/portal/login/", {"phone": PHONE}).content.decode()
    assert "秒后再重新获取" in page
    response = client.post("/portal/login/code/", {"resend": "1"}, follow=True)
    assert "秒后再重新获取" in response.content.decode()


def test_english_messages_for_the_same_refusals(client):
    client.cookies["django_language"] = "en"
    client.post("/portal/login/", {"phone": PHONE})
    page = client.post("/portal/login/", {"phone": PHONE}).content.decode()
    assert "seconds" in page


def test_the_code_page_without_a_code_sent_goes_back_to_the_phone(client):
    assert client.get("/portal/login/code/")["Location"] == "/portal/login/"


def test_an_idle_portal_session_ends(client):
    portal_login(client, PHONE)
    s = client.session
    s[session.SEEN] = (timezone.now() - datetime.timedelta(minutes=31)).timestamp()
    s.save()
    response = client.get("/portal/me/")
    assert response["Location"].startswith("/portal/login/")
    assert AuditEntry.objects.filter(action="auth.member_logout", detail__reason="idle_timeout").exists()


def test_logout_ends_the_portal_session(client):
    portal_login(client, PHONE)
    client.post("/portal/logout/")
    assert client.get("/portal/me/")["Location"].startswith("/portal/login/")


def test_a_cadre_session_and_a_portal_session_do_not_mix(client, world):
    from gonghui.testing.world import PASSWORD

    client.post("/login/", {"username": "county_admin", "password": PASSWORD})
    assert client.get("/portal/me/")["Location"].startswith("/portal/login/")
    portal_login(client, PHONE)
    client.post("/portal/logout/")
    assert client.get("/orgs/").status_code == 200


def test_codes_are_stored_hashed(client, sms_outbox):
    client.post("/portal/login/", {"phone": PHONE})
    row = SmsCode.objects.get()
    assert sms_outbox[-1].code not in row.code_hash and row.phone_masked == "138****1111"


def test_a_portal_form_over_the_limit_gets_the_portal_413_page(client, db):
    response = client.post("/portal/login/", {"phone": "1" * (3 * 1024 * 1024)})
    assert response.status_code == 413 and "提交的内容过大" in response.content.decode()
