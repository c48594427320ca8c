"""Drive the production shape started by scripts/prod_smoke.sh, over HTTPS through nginx, as a cadre
and a worker would, and check each step where it must have happened: in the primary, on the worker,
on the replica. Exits non-zero naming the step that failed."""

import argparse
import io
import random
import re
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import openpyxl
import psycopg
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from gonghui.core.idnumbers import resident_check_character

PASSWORD = "Gonghui@2026"  # noqa: S105 - the demo's published password (README)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Failed(Exception):
    pass


def step(name: str) -> None:
    print(f"[drive {time.strftime('%H:%M:%S')}] {name}", flush=True)


def wait_for(what: str, check: Any, seconds: float = 60, every: float = 0.5) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(every)
    raise Failed(f"timed out after {seconds:.0f} s waiting for {what}")


class Browser:
    def __init__(self, base: str) -> None:
        self.base, self.http = base, requests.Session()
        self.http.verify = False  # the smoke test's own self-signed certificate

    def get(self, path: str, **kw: Any) -> requests.Response:
        return self.http.get(self.base + path, timeout=30, **kw)

    def post(self, path: str, data: dict[str, Any], files: Any = None, page: str | None = None) -> requests.Response:
        form = self.get(page or path)
        token = CSRF.search(form.text)
        if not token:
            raise Failed(f"no CSRF token on {page or path} ({form.status_code})")
        return self.http.post(self.base + path, data={"csrfmiddlewaretoken": token.group(1), **data}, files=files,
                              headers={"Referer": self.base + (page or path)}, timeout=60, allow_redirects=False)


def person_id(n: int) -> str:
    body = f"510104199{n % 10}0{1 + n % 9}1{n % 10}{random.randint(100, 999)}"
    return body + resident_check_character(body)


def roster_file(ids: list[str], phones: list[str]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["姓名", "身份证号", "性别", "民族", "手机", "文化程度", "户口性质", "用工形式", "入会日期"])
    for n, (number, phone) in enumerate(zip(ids, phones, strict=True)):
        sheet.append([f"冒烟{n}", number, "", "汉族", phone, "高中", "农业户口", "劳务派遣", "2026-03-01"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def replica_scans(replica: str) -> int:
    with psycopg.connect(replica, autocommit=True) as db:
        return int(db.execute("SELECT COALESCE(SUM(seq_scan + COALESCE(idx_scan, 0)), 0) FROM pg_stat_user_tables")
                   .fetchone()[0])


def ready(site: Browser) -> None:
    step("/readyz: ready, with the replica, Redis and the queue")
    body = wait_for("/readyz to answer ready", lambda: (r := site.get("/readyz")).status_code == 200 and r.json())
    checks = body["checks"]
    for name in ("database", "replica", "redis", "queue"):
        if not checks.get(name, {}).get("ok"):
            raise Failed(f"/readyz check {name}: {checks.get(name)}")


def console_login(site: Browser, username: str) -> None:
    response = site.post("/login/", {"username": username, "password": PASSWORD})
    if response.status_code != 302 or "/login" in response.headers.get("Location", ""):
        raise Failed(f"console login as {username}: {response.status_code} {response.headers.get('Location')}")


def roster_import(site: Browser, primary: str, ids: list[str], phones: list[str]) -> None:
    step("a cadre uploads a roster; the worker validates it; the cadre commits; the worker writes the members")
    with psycopg.connect(primary) as db:
        union = db.execute("SELECT g.org_id FROM accounts_grant g JOIN accounts_user u ON u.id = g.user_id "
                           "WHERE u.username = 'grassroots' AND g.revoked_at IS NULL LIMIT 1").fetchone()[0]
        joined = "SELECT count(*) FROM members_membership WHERE union_id = %s AND channel = 'roster'"
        before = db.execute(joined, [union]).fetchone()[0]
    console_login(site, "grassroots")
    page = f"/orgs/{union}/members/roster/"
    upload = site.post(page, {}, files={"file": ("名单.xlsx", roster_file(ids, phones))})
    match = re.search(r"/members/roster/(\d+)/", upload.headers.get("Location", ""))
    if upload.status_code != 302 or not match:
        raise Failed(f"roster upload: {upload.status_code} {upload.text[:300]}")
    pk = int(match.group(1))

    def status() -> str:
        with psycopg.connect(primary) as db:
            return str(db.execute("SELECT status FROM members_rosterimport WHERE id = %s", [pk]).fetchone()[0])

    wait_for("the worker to validate the roster", lambda: status() == "validated", 120)
    commit = site.post(f"/members/roster/{pk}/commit/", {}, page=f"/members/roster/{pk}/")
    if commit.status_code != 302:
        raise Failed(f"roster commit: {commit.status_code}")
    wait_for("the worker to commit the roster", lambda: status() == "committed", 180)
    with psycopg.connect(primary) as db:
        made = db.execute(joined, [union]).fetchone()[0] - before
    if made != len(ids):
        raise Failed(f"roster commit wrote {made} memberships, not {len(ids)}")


def sms_code(root: Path, since: int) -> str | None:
    text = (root / "app.log").read_text(errors="replace")[since:]
    codes = re.findall(r"\b(\d{6})\b", text)
    return codes[-1] if codes else None


def portal_case(base: str, root: Path, primary: str, phone: str) -> str:
    step("a worker logs in to the portal by SMS and asks for help (我要求助)")
    worker = Browser(base)
    since = (root / "app.log").stat().st_size
    sent = worker.post("/portal/login/", {"phone": phone})
    if sent.status_code != 302:
        raise Failed(f"portal login: {sent.status_code}")
    code = wait_for("the SMS code in the app log", lambda: sms_code(root, since), 20)
    signed = worker.post("/portal/login/code/", {"code": code})
    if signed.status_code != 302:
        raise Failed(f"portal code: {signed.status_code}")
    asked = worker.post("/portal/cases/new/", {
        "kind": "complaint", "description": "2026年9月起被拖欠工资两个月，希望足额支付。",
        "employer_name": "冒烟测试公司",
        "caller_name": "冒烟测试", "consent": "on"})
    number = re.search(r"/portal/cases/([^/]+)/", asked.headers.get("Location", ""))
    if asked.status_code != 302 or not number:
        raise Failed(f"portal case: {asked.status_code} {asked.headers.get('Location')} {asked.text[:300]}")
    with psycopg.connect(primary) as db:
        if not db.execute("SELECT 1 FROM cases_case WHERE number = %s", [number.group(1)]).fetchone():
            raise Failed(f"case {number.group(1)} is not in the primary")
    return number.group(1)


def dashboard_from_replica(site: Browser, replica: str) -> None:
    step("the county's 统计总览 is read from the replica, except right after a write")
    console_login(site, "county")  # a write: the next pages stay on the primary for a moment
    before = replica_scans(replica)
    if site.get("/reports/dashboard/").status_code != 200:
        raise Failed("dashboard right after login")
    # Table statistics reach pg_stat_user_tables when a backend has been idle a while (up to ~10 s).
    time.sleep(12)
    if replica_scans(replica) != before:
        raise Failed("the dashboard right after a write was read from the replica")
    site.http.cookies.set("gh_wrote", None)  # GONGHUI_REPLICA_STICKY_S=2 has passed: the browser drops it
    if site.get("/reports/dashboard/").status_code != 200:
        raise Failed("dashboard")
    wait_for("the replica to count the dashboard's reads", lambda: replica_scans(replica) > before, 30, 1)


def no_personal_data_in_logs(root: Path, secrets: list[str]) -> None:
    step("no identity or phone number in any log")
    for log in [*root.glob("*.log"), *root.glob("nginx/logs/*.log")]:
        text = log.read_text(errors="replace")
        leaked = [s for s in secrets if s in text]
        if leaked:
            raise Failed(f"{log.name} holds personal data: {len(leaked)} value(s), e.g. one ending {leaked[0][-4:]}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--root", required=True, type=Path)
    parser.add_argument("--primary", required=True)
    parser.add_argument("--replica", required=True)
    args = parser.parse_args()
    warnings.filterwarnings("ignore", message="Unverified HTTPS request")
    site = Browser(args.base)
    ids = [person_id(n) for n in range(3)]
    phones = [f"139{random.randint(10_000_000, 99_999_999)}" for _ in range(4)]
    try:
        ready(site)
        roster_import(site, args.primary, ids, phones[:3])
        number = portal_case(args.base, args.root, args.primary, phones[3])
        dashboard_from_replica(Browser(args.base), args.replica)
        no_personal_data_in_logs(args.root, ids + phones)
    except (Failed, requests.RequestException, psycopg.Error) as exc:
        print(f"SMOKE FAILED: {exc}", file=sys.stderr)
        return 1
    step(f"done: roster imported on the worker, case {number} submitted, dashboard read from the replica")
    return 0


if __name__ == "__main__":
    sys.exit(main())
