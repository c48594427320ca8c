import datetime

import pyotp
import pytest
from django.utils import timezone

from gonghui.accounts.middleware import LAST_SEEN
from gonghui.accounts.models import User
from gonghui.testing.world import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_lands_on_the_dashboard_with_a_new_session_key(client, world):
    client.get("/login/")
    before = client.cookies.get("sessionid")
    response = client.post("/login/?next=/orgs/", {"username": "county_admin", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/orgs/"
    assert client.cookies["sessionid"].value != (before.value if before else None)


def test_a_wrong_password_shows_the_lockout_rule(client, world):
    response = client.post("/login/", {"username": "county_admin", "password": "bad"})
    assert "连续输错5次" in response.content.decode()


def test_the_fifth_failure_says_the_account_is_locked(client, world):
    for _ in range(5):
        response = client.post("/login/", {"username": "county_admin", "password": "bad"})
    assert "账号已被锁定" in response.content.decode()


def test_an_off_site_next_is_ignored(client, world):
    response = client.post("/login/?next=https://evil.example/", {"username": "county_admin", "password": PASSWORD})
    assert response["Location"] == "/"


def test_a_manager_enrols_totp_before_the_first_login(client, world):
    response = client.post("/login/", {"username": "sysadmin", "password": PASSWORD})
    assert response["Location"] == "/login/totp/enrol/"
    page = client.get("/login/totp/enrol/").content.decode()
    assert "data:image/svg+xml" in page
    user = User.objects.get(username="sysadmin")
    response = client.post("/login/totp/enrol/", {"code": pyotp.TOTP(user.totp_secret).now()})
    assert response["Location"] == "/"
    assert client.get("/users/").status_code == 200


def test_an_enrolled_manager_is_asked_for_the_code(client, world):
    user = User.objects.get(username="secadmin")
    User.objects.filter(pk=user.pk).update(totp_secret="", totp_confirmed=True)
    user.totp_secret = pyotp.random_base32()
    user.save(update_fields=["totp_secret"])
    response = client.post("/login/", {"username": "secadmin", "password": PASSWORD})
    assert response["Location"] == "/login/totp/"
    assert "动态验证码错误" in client.post("/login/totp/", {"code": "000000"}).content.decode()
    assert client.get("/").status_code == 302  # still not logged in
    assert client.post("/login/totp/", {"code": pyotp.TOTP(user.totp_secret).now()})["Location"] == "/"


def test_an_idle_session_ends(login, world):
    client = login("county_admin")
    session = client.session
    session[LAST_SEEN] = timezone.now().timestamp() - 31 * 60
    session.save()
    response = client.get("/orgs/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert client.get("/orgs/").status_code == 302


def test_an_expired_password_must_be_changed_first(client, world):
    User.objects.filter(username="county_admin").update(
        password_changed_at=timezone.now() - datetime.timedelta(days=100))
    client.post("/login/", {"username": "county_admin", "password": PASSWORD})
    assert client.get("/orgs/")["Location"] == "/account/password/"
    response = client.post("/account/password/", {"old_password": PASSWORD, "new_password": "Brand#New2026",
                                                   "confirm": "Brand#New2026"})
    assert response["Location"] == "/"
    assert client.get("/orgs/").status_code == 200


def test_logout_needs_post_and_ends_the_session(login, world):
    client = login("county_admin")
    assert client.get("/logout/").status_code == 405
    client.post("/logout/")
    assert client.get("/").status_code == 302


def test_the_language_is_chinese_unless_english_is_chosen(login, world):
    client = login("county_admin")
    page = client.get("/orgs/", HTTP_ACCEPT_LANGUAGE="en-US")
    assert page["Content-Language"] == "zh-hans"
    client.post("/i18n/setlang/", {"language": "en", "next": "/orgs/"})
    page = client.get("/orgs/")
    assert page["Content-Language"] == "en"
    assert "Organisations" in page.content.decode()


def test_every_page_carries_a_strict_csp(login, world):
    client = login("county_admin")
    csp = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
