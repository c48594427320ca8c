"""The clients of bench/load.py: signed-in sessions over HTTPS through nginx, and the mixes they run.

A mix is a weighted list of operations; an operation is what one person does with one click (a search
is its POST and the page it leads to) and is timed whole. It is an error when the site answers
other than 2xx/3xx, when a page meant for a signed-in user sends to a login page, or on a timeout.
"""

import contextlib
import random
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from gonghui.accounts.sms_log import last_sms_code

PASSWORD = "Gonghui@2026"  # noqa: S105 - the demo's published password (README)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TIMEOUT_S = 30
SETUP_TIMEOUT_S = 180  # a worker's first page loads every URLconf and template: slow on a busy machine


class SetupFailed(Exception):
    pass


@dataclass
class Client:
    """One person's session; each load thread gets its own copy (requests.Session is not shared)."""

    base: str
    ca: str
    cookies: dict[str, str | None] = field(default_factory=dict)
    csrf: str = ""
    data: dict[str, Any] = field(default_factory=dict)  # the person's own: a case number, a phone

    def session(self) -> requests.Session:
        http = requests.Session()
        http.trust_env, http.verify = False, self.ca
        http.cookies.update({k: v for k, v in self.cookies.items() if v is not None})
        return http


def _open(base: str, ca: str) -> requests.Session:
    return Client(base, ca).session()


def warm(base: str, ca: str, workers: int) -> None:
    """Each app worker's first pages, before anything is timed or logged in. nginx answers 502 until
    gunicorn's workers have booted."""
    http, deadline = _open(base, ca), time.monotonic() + SETUP_TIMEOUT_S
    while True:
        with contextlib.suppress(requests.RequestException):
            if http.get(base + "/healthz/stack", timeout=SETUP_TIMEOUT_S).status_code == 200:
                break
        if time.monotonic() > deadline:
            raise SetupFailed("the site did not answer /healthz/stack")
        time.sleep(1)

    def visit() -> None:
        http = _open(base, ca)
        for path in ("/login/", "/portal/", "/portal/login/", "/healthz/stack"):
            with contextlib.suppress(requests.RequestException):
                http.get(base + path, timeout=SETUP_TIMEOUT_S)

    pool = [threading.Thread(target=visit) for _ in range(workers * 2)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()


def _token(http: requests.Session, url: str) -> str:
    page = http.get(url, timeout=SETUP_TIMEOUT_S)
    match = CSRF.search(page.text)
    if not match:
        raise SetupFailed(f"no CSRF token on {url} ({page.status_code})")
    return match.group(1)


def _post(http: requests.Session, url: str, data: dict[str, Any], token: str,
          timeout: float = TIMEOUT_S) -> requests.Response:
    return http.post(url, data={"csrfmiddlewaretoken": token, **data}, headers={"Referer": url},
                     timeout=timeout, allow_redirects=False)


def console_client(base: str, ca: str, username: str) -> Client:
    http = _open(base, ca)
    signed = _post(http, base + "/login/", {"username": username, "password": PASSWORD}, _token(http, base + "/login/"),
                   SETUP_TIMEOUT_S)
    if signed.status_code != 302 or "/login" in signed.headers.get("Location", ""):
        raise SetupFailed(f"console login as {username}: {signed.status_code}")
    token = _token(http, base + "/members/")  # the login rotated the token: the one every later form uses
    return Client(base, ca, http.cookies.get_dict(), token)


def portal_client(base: str, ca: str, app_log: Path, phone: str) -> Client:
    """Signed in by SMS: the code is read from the app's log (the console SMS backend, as in the smoke
    test), one phone at a time so each code is the one just sent."""
    http = _open(base, ca)
    since = app_log.stat().st_size
    sent = _post(http, base + "/portal/login/", {"phone": phone}, _token(http, base + "/portal/login/"),
                 SETUP_TIMEOUT_S)
    if sent.status_code != 302:
        raise SetupFailed(f"portal login: {sent.status_code}")
    deadline, code = time.monotonic() + 20, None
    while code is None and time.monotonic() < deadline:
        time.sleep(0.2)
        code = last_sms_code(app_log, since)
    if code is None:
        raise SetupFailed("no SMS code in the app log")
    signed = _post(http, base + "/portal/login/code/", {"code": code}, _token(http, base + "/portal/login/code/"),
                   SETUP_TIMEOUT_S)
    if signed.status_code != 302:
        raise SetupFailed(f"portal code: {signed.status_code}")
    client = Client(base, ca, {}, _token(http, base + "/portal/cases/new/"))
    client.cookies = http.cookies.get_dict()
    # One case of the worker's own, for 查询进度 to follow.
    asked = ask_for_help(client, http)
    number = re.search(r"/portal/cases/([^/]+)/", asked.headers.get("Location", ""))
    if asked.status_code != 302 or not number:
        raise SetupFailed(f"我要求助: {asked.status_code}")
    client.data["case"] = number.group(1)
    return client


def ask_for_help(client: Client, http: requests.Session) -> requests.Response:
    return _post(http, client.base + "/portal/cases/new/", {
        "kind": "complaint", "description": "2026年9月起被拖欠工资两个月，希望足额支付。（压测）",
        "employer_name": "压测测试公司", "caller_name": "压测", "consent": "on"}, client.csrf)


def self_check_query(client: Client) -> str:
    """A filled 困难自测 (a GET form): the first area and the first cause the page offers."""
    page = client.session().get(client.base + "/portal/hardship/check/", timeout=SETUP_TIMEOUT_S).text
    area = re.search(r'name="area"[^>]*>.*?<option value="(\d+)"', page, re.S)
    cause = re.search(r'name="causes" value="([^"]+)"', page)
    if not area or not cause:
        raise SetupFailed("the 困难自测 form has no area or cause to choose")
    return f"?area={area.group(1)}&household_size=3&household_income=2400&rigid_expenses=600&causes={cause.group(1)}"


Op = Callable[[requests.Session, Client], bool]


def get(path: str | Callable[[Client], str], *, signed_in: bool = True) -> Op:
    def op(http: requests.Session, client: Client) -> bool:
        url = client.base + (path(client) if callable(path) else path)
        answer = http.get(url, timeout=TIMEOUT_S, allow_redirects=False)
        return answer.status_code < 400 and not (signed_in and "login" in answer.headers.get("Location", ""))
    return op


def help_submitted(http: requests.Session, client: Client) -> bool:
    return ask_for_help(client, http).status_code == 302


def member_search(http: requests.Session, client: Client) -> bool:
    posted = _post(http, client.base + "/members/", {"q": client.data["surname"]}, client.csrf)
    where = posted.headers.get("Location", "")
    if posted.status_code != 302 or "login" in where:
        return False
    return http.get(client.base + where, timeout=TIMEOUT_S).status_code == 200


def verify_member(http: requests.Session, client: Client) -> bool:
    answer = http.post(client.base + "/api/v1/verify/id", json={"id_number": random.choice(client.data["ids"])},
                       headers={"X-Partner-Key": client.data["partner_key"]}, timeout=TIMEOUT_S)
    return answer.status_code == 200 and answer.json().get("member") is True


# (name, weight, operation). 我要求助 writes a case each time: a small share, as in real use.
HELLO = [("/healthz/stack", 1, get("/healthz/stack", signed_in=False))]
PORTAL = [
    ("home", 30, get("/portal/", signed_in=False)),
    ("查询进度", 20, get(lambda c: f"/portal/cases/{c.data['case']}/")),
    ("member card", 25, get("/portal/card/")),
    ("困难自测", 22, get(lambda c: "/portal/hardship/check/" + c.data["self_check"], signed_in=False)),
    ("我要求助 submitted", 3, help_submitted),
]
CONSOLE = [
    ("工作台", 30, get("/")),
    ("case queue", 25, get("/cases/")),
    ("member search", 20, member_search),
    ("dashboard", 25, get("/reports/dashboard/")),
]
API = [("member verification", 1, verify_member)]
