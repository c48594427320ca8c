"""Drive the production shape started by scripts/prod_smoke.sh, over HTTPS through nginx, as a cadre
and a worker would, and check each step where it must have happened: in the primary, on the worker,
on the replica. Exits non-zero naming the step that failed."""

import argparse
import contextlib
import io
import json
import os
import random
import re
import signal
import sys
import time
from pathlib import Path
from typing import Any

import openpyxl
import psycopg
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from gonghui.accounts.sms_log import last_sms_code
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
    def __init__(self, base: str, ca: Path) -> None:
        self.base, self.http = base, requests.Session()
        self.http.trust_env = False  # no proxy, and the smoke test's own certificate as the only authority
        self.http.verify = str(ca)

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
    return int(one(replica, "SELECT COALESCE(SUM(seq_scan + COALESCE(idx_scan, 0)), 0) FROM pg_stat_user_tables"))


def ready(site: Browser) -> None:
    step("/readyz: ready, with the replica, Redis and the queue")
    wanted = ("database", "replica", "redis", "queue")

    def all_ok() -> Any:
        response = site.get("/readyz")
        checks = response.json()["checks"] if response.status_code == 200 else {}
        return all(checks.get(name, {}).get("ok") for name in wanted) and checks

    try:
        # A replica just started streams within seconds; until then its lag is unknown.
        wait_for("/readyz to answer ready with every check ok", all_ok, 60, 1)
    except Failed:
        raise Failed(f"/readyz: {site.get('/readyz').text}") from None


def console_login(site: Browser, username: str) -> None:
    response = site.post("/login/", {"username": username, "password": PASSWORD})
    if response.status_code != 302 or "/login" in response.headers.get("Location", ""):
        raise Failed(f"console login as {username}: {response.status_code} {response.headers.get('Location')}")


JOINED = "SELECT count(*) FROM members_membership WHERE union_id = %s AND channel = 'roster'"


def one(primary: str, sql: str, params: list[Any] | None = None) -> Any:
    with psycopg.connect(primary) as db:
        row = db.execute(sql, params or []).fetchone()
    return row[0] if row else None


def roster_upload(site: Browser, primary: str, name: str, content: bytes) -> tuple[int, int]:
    """(the union, the import's id) once the grassroots cadre's upload is saved."""
    union = one(primary, "SELECT g.org_id FROM accounts_grant g JOIN accounts_user u ON u.id = g.user_id "
                         "WHERE u.username = 'grassroots' AND g.revoked_at IS NULL LIMIT 1")
    console_login(site, "grassroots")
    upload = site.post(f"/orgs/{union}/members/roster/", {}, files={"file": (name, content)})
    match = re.search(r"/members/roster/(\d+)/", upload.headers.get("Location", ""))
    if upload.status_code != 302 or not match:
        raise Failed(f"roster upload: {upload.status_code} {upload.text[:300]}")
    return union, int(match.group(1))


def roster_status(primary: str, pk: int) -> str:
    return str(one(primary, "SELECT status FROM members_rosterimport WHERE id = %s", [pk]))


def roster_import(site: Browser, primary: str, ids: list[str], phones: list[str]) -> None:
    step("a cadre uploads a roster; the worker validates it; the cadre commits; the worker writes the members")
    union, pk = roster_upload(site, primary, "名单.xlsx", roster_file(ids, phones))
    before = one(primary, JOINED, [union])
    wait_for("the worker to validate the roster", lambda: roster_status(primary, pk) == "validated", 120)
    roster_commit(site, primary, union, pk, before, len(ids))


def roster_commit(site: Browser, primary: str, union: int, pk: int, before: int, rows: int) -> None:
    def status() -> str:
        return roster_status(primary, pk)

    commit = site.post(f"/members/roster/{pk}/commit/", {}, page=f"/members/roster/{pk}/")
    if commit.status_code != 302:
        raise Failed(f"roster commit: {commit.status_code}")
    wait_for("the worker to commit the roster", lambda: status() == "committed", 180)
    made = one(primary, JOINED, [union]) - before
    if made != rows:
        raise Failed(f"roster commit wrote {made} memberships, not {rows}")


def portal_case(worker: Browser, root: Path, primary: str, phone: str) -> str:
    step("a worker logs in to the portal by SMS and asks for help (我要求助)")
    since = (root / "app.log").stat().st_size
    sent = worker.post("/portal/login/", {"phone": phone})
    if sent.status_code != 302:
        raise Failed(f"portal login: {sent.status_code}")
    code = wait_for("the SMS code in the app log", lambda: last_sms_code(root / "app.log", since), 20)
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


def replica_down(site: Browser, primary: str) -> None:
    step("the replica is stopped: /readyz stays ready and says so; the dashboard reads the primary")
    checks = wait_for("/readyz to notice the replica", lambda: (r := site.get("/readyz")).status_code == 200
                      and not r.json()["checks"]["replica"]["ok"] and r.json()["checks"], 30)
    if not checks["database"]["ok"]:
        raise Failed(f"/readyz with the replica stopped: {checks}")
    # Each app process re-measures within GONGHUI_REPLICA_CHECK_S (5 s); until then a read may still be
    # sent to the replica and wait in pgbouncer.
    time.sleep(6)
    console_login(site, "county")
    time.sleep(3)
    site.http.cookies.set("gh_wrote", None)
    if site.get("/reports/dashboard/").status_code != 200:
        raise Failed("the dashboard with the replica stopped")


def redis_down(site: Browser, primary: str, ids: list[str], phones: list[str], state: Path) -> None:
    step("Redis is stopped: the site serves, a roster upload is saved and its work waits in the database")
    checks = wait_for("/readyz to notice Redis", lambda: (r := site.get("/readyz")).status_code == 200
                      and not r.json()["checks"]["redis"]["ok"] and r.json()["checks"], 30)
    if not checks["database"]["ok"]:
        raise Failed(f"/readyz with Redis stopped: {checks}")
    union, pk = roster_upload(site, primary, "名单.xlsx", roster_file(ids, phones))
    if one(primary, "SELECT count(*) FROM core_pendingenqueue") < 1:
        raise Failed("the roster's validation was not kept while Redis was away")
    if roster_status(primary, pk) == "validated":
        raise Failed("the roster was validated with no queue")
    state.write_text(json.dumps({"union": union, "pk": pk, "before": one(primary, JOINED, [union]),
                                 "rows": len(ids)}))


def redis_back(site: Browser, primary: str, state: Path) -> None:
    step("Redis is back: the timer hands the kept work to the queue and the worker finishes the import")
    saved = json.loads(state.read_text())
    wait_for("the kept validation to run", lambda: roster_status(primary, saved["pk"]) == "validated", 120, 1)
    console_login(site, "grassroots")
    roster_commit(site, primary, saved["union"], saved["pk"], saved["before"], saved["rows"])
    if one(primary, "SELECT count(*) FROM core_pendingenqueue"):
        raise Failed("work is still kept in the database after Redis came back")


def many_people(count: int) -> tuple[list[str], list[str]]:
    """`count` distinct identity numbers (born on a run of days from a random one, 900 a day) and phones,
    apart from person_id's (born in the 1990s), from an earlier run's on the same clusters and from the
    demo's members: registered in Beijing (110101), where the demo province (Sichuan, 51…) has nobody. A
    Chengdu code collided now and then with a demo member of the roster's own union (已是本工会会员)."""
    first = 3_650 + random.randint(0, 5_000)  # days after 1960-01-01
    ids = []
    for n in range(count):
        born = time.strftime("%Y%m%d", time.gmtime((first + n // 900) * 86_400 - 315_619_200))
        body = f"110101{born}{100 + n % 900}"
        ids.append(body + resident_check_character(body))
    base = random.randint(10_000_000, 89_999_999)
    return ids, [f"137{base + n}" for n in range(count)]


def csv_roster(ids: list[str], phones: list[str]) -> bytes:
    lines = ["姓名,身份证号,性别,民族,手机,文化程度,户口性质,用工形式,入会日期"]
    lines += [f"大批{n},{number},,汉族,{phone},高中,农业户口,劳务派遣,2026-03-01"
              for n, (number, phone) in enumerate(zip(ids, phones, strict=True))]
    return "\n".join(lines).encode()


def commit_lock_held(primary: str, pk: int) -> bool:
    # roster_lock: a transaction-level advisory lock in namespace 0x6768 keyed by the import's id.
    return bool(one(primary, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = %s "
                             "AND objid = %s AND granted", [0x6768, pk]))


def kill_task_workers() -> int:
    """SIGKILL every `manage.py rqworker` process: the worker and the process it forked for the job."""
    killed = 0
    for proc in Path("/proc").iterdir():
        with contextlib.suppress(OSError, ValueError):
            argv = (proc / "cmdline").read_bytes().split(b"\0")
            if b"manage.py" in argv and b"rqworker" in argv:
                os.kill(int(proc.name), signal.SIGKILL)
                killed += 1
    return killed


def worker_killed(site: Browser, primary: str, rows: int) -> list[str]:
    step(f"the task worker is killed (SIGKILL) in the middle of a {rows:,}-row roster commit")
    ids, phones = many_people(rows)
    union, pk = roster_upload(site, primary, "大名单.csv", csv_roster(ids, phones))
    wait_for("the worker to validate the large roster", lambda: roster_status(primary, pk) == "validated", 300, 1)
    before = one(primary, JOINED, [union])
    if site.post(f"/members/roster/{pk}/commit/", {}, page=f"/members/roster/{pk}/").status_code != 302:
        raise Failed("roster commit")
    written = "SELECT processed_rows FROM members_rosterimport WHERE id = %s"
    wait_for("the commit to be writing rows", lambda: (one(primary, written, [pk]) or 0) > 0
             and commit_lock_held(primary, pk), 120, 0.05)
    if not kill_task_workers():
        raise Failed("no task worker process to kill")
    done_when_killed = one(primary, written, [pk])
    wait_for("the database to end the dead commit's transaction", lambda: not commit_lock_held(primary, pk), 60)
    if roster_status(primary, pk) != "committing" or one(primary, JOINED, [union]) != before:
        raise Failed("the killed commit left members written or its import not 提交中")
    if done_when_killed >= rows:
        raise Failed("the commit had finished before the worker was killed")
    step(f"killed after {done_when_killed:,} rows: none kept; the sweep queues the commit again (stalled 1 minute)")
    wait_for("the sweep and the restarted worker to commit the import", lambda: roster_status(primary, pk)
             == "committed", 240, 2)
    made = one(primary, JOINED, [union]) - before
    resumed = one(primary, "SELECT count(*) FROM core_auditentry WHERE action = 'member.roster_resumed' "
                           "AND object_id = %s", [str(pk)])
    if made != rows or resumed != 1:
        raise Failed(f"after the restart: {made} memberships for {rows} rows, {resumed} resumption(s)")
    return ids[:50] + phones[:50]


def restore_point(base: str, root: Path, primary: str, ca: Path, phones: list[str]) -> None:
    step("writes before and after a chosen moment, every WAL segment archived")
    before = portal_case(Browser(base, ca), root, primary, phones[0])
    moment = one(primary, "SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'")
    time.sleep(1.5)
    after = portal_case(Browser(base, ca), root, primary, phones[1])
    segment = one(primary, "SELECT pg_walfile_name(pg_switch_wal())")
    archived = "SELECT last_archived_wal FROM pg_stat_archiver"
    wait_for("the WAL to be archived", lambda: (one(primary, archived) or "") >= segment, 60, 0.5)
    (root / "restore-point.json").write_text(json.dumps({"moment": moment, "before": before, "after": after}))


def restored(root: Path, primary: str) -> None:
    step("the restored primary holds what was written before the moment, not after, and every upload")
    point = json.loads((root / "restore-point.json").read_text())
    if one(primary, "SELECT pg_is_in_recovery()"):
        raise Failed("the restored cluster is still in recovery")
    if not one(primary, "SELECT 1 FROM cases_case WHERE number = %s", [point["before"]]):
        raise Failed(f"case {point['before']}, written before the moment, is missing")
    if one(primary, "SELECT 1 FROM cases_case WHERE number = %s", [point["after"]]):
        raise Failed(f"case {point['after']}, written after the moment, was restored")
    with psycopg.connect(primary) as db:
        files = [row[0] for row in db.execute("SELECT file FROM members_rosterimport WHERE file <> ''")]
    missing = [name for name in files if not (root / "media" / name).is_file()]
    if not files or missing:
        raise Failed(f"uploads: {len(files)} named, {len(missing)} missing")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--root", required=True, type=Path)
    parser.add_argument("--primary", required=True)
    parser.add_argument("--replica", required=True)
    parser.add_argument("--rows", type=int, default=30_000, help="the worker-killed roster's size")
    parser.add_argument("--phase", default="main", choices=[
        "main", "worker-killed", "replica-down", "redis-down", "redis-back", "restore-point", "restored"])
    args = parser.parse_args()
    site_ca = args.root / "nginx" / "cert.pem"
    site = Browser(args.base, site_ca)
    ids = [person_id(n) for n in range(3)]
    phones = [f"139{random.randint(10_000_000, 99_999_999)}" for _ in range(4)]
    secrets = args.root / "personal-values.json"  # what must never reach a log, across the phases
    state = args.root / "redis-drill.json"
    seen = json.loads(secrets.read_text()) if secrets.exists() else []
    secrets.write_text(json.dumps(seen + ids + phones))
    try:
        if args.phase == "main":
            ready(site)
            roster_import(site, args.primary, ids, phones[:3])
            number = portal_case(Browser(args.base, site_ca), args.root, args.primary, phones[3])
            dashboard_from_replica(Browser(args.base, site_ca), args.replica)
            step(f"case {number} submitted")
        elif args.phase == "worker-killed":
            more = worker_killed(site, args.primary, args.rows)
            secrets.write_text(json.dumps(json.loads(secrets.read_text()) + more))
        elif args.phase == "replica-down":
            replica_down(site, args.primary)
        elif args.phase == "restore-point":
            restore_point(args.base, args.root, args.primary, site_ca, phones[:2])
        elif args.phase == "restored":
            restored(args.root, args.primary)
        elif args.phase == "redis-down":
            redis_down(site, args.primary, ids, phones[:3], state)
        else:
            redis_back(site, args.primary, state)
            no_personal_data_in_logs(args.root, json.loads(secrets.read_text()))
    except (Failed, requests.RequestException, psycopg.Error) as exc:
        print(f"SMOKE FAILED ({args.phase}): {exc}", file=sys.stderr)
        return 1
    step(f"{args.phase}: passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
