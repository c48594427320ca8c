"""会籍接转 across two deployments, two databases, two processes. A (四川, 510000) is this test's live
server and holds 李四's membership; B (贵州, 520000) is a second process serving its own SQLite database
(`runserver`), where its cadre's steps run as `manage.py shell` commands. B asks by identity number, the
worker reads A's SMS code to B's cadre, A's county releases, B admits under 会籍接转, and A's
membership ends as transferred."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command

from gonghui.accounts import sms_backends
from gonghui.members.choices import MembershipStatus
from gonghui.members.models import Membership
from gonghui.members.services.applications import PortalWorker
from gonghui.reports.federation.transfer_models import CrossTransfer
from gonghui.reports.federation.transfers_close import (
    cross_transfer_confirm_by_member,
    cross_transfer_withdraw_by_member,
)
from gonghui.reports.federation.transfers_out import cross_transfer_release
from gonghui.reports.tests.federation_helpers import act_as, keys

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[3]
B_DATA = """
from gonghui.orgs.choices import Level, UnionKind
from gonghui.orgs.services import union_create_root
from gonghui.testing.world import SYSTEM, make_union
root = union_create_root(actor=SYSTEM, name="贵州省总工会", kind=UnionKind.FEDERATION, level=Level.PROVINCE)
make_union(root, "贵阳市总工会", Level.CITY)
"""
B_STEP = """
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import SystemActor
from gonghui.reports.federation.models import PeerDeployment
from gonghui.reports.federation.transfer_models import CrossTransfer
from gonghui.reports.federation import transfers_in
cadre = SystemActor("b-cadre")
{step}
"""
ASK = B_STEP.format(step="""t = transfers_in.cross_transfer_request(
    actor=cadre, to_union=TradeUnion.objects.get(name="贵阳市总工会"), peer=PeerDeployment.objects.get(code="510000"),
    id_type="resident", id_number="{id_number}", reason="工作调动")
print(t.ref, t.status)""")
CONFIRM = B_STEP.format(step="""t = transfers_in.cross_transfer_confirm(
    actor=cadre, transfer=CrossTransfer.objects.get(), code="{code}")
print(t.status, t.other_union_name)""")
ACCEPT = B_STEP.format(step="""m = transfers_in.cross_transfer_accept(actor=cadre, transfer=CrossTransfer.objects.get())
t = CrossTransfer.objects.get()
print(m.member.name, m.union.name, m.channel, t.status, bool(t.delivered_at), repr(t.id_number),
      repr(t.released_data))""")
STATE = B_STEP.format(step="t = CrossTransfer.objects.get(); print(t.status)")
LATEST = B_STEP.format(step="t = CrossTransfer.objects.latest('pk'); print(t.status, t.other_union_name or '-')")
REFUSE = B_STEP.format(step="""from gonghui.reports.federation.transfers_close import cross_transfer_refuse
t = cross_transfer_refuse(actor=cadre, transfer=CrossTransfer.objects.latest('pk'), note="该职工未在本单位就业")
t.refresh_from_db()
print(t.status, t.delivery)""")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGHUI_", "DJANGO_"))}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'b.sqlite3'}", GONGHUI_DEPLOYMENT_CODE="520000",
               GONGHUI_TASKS="immediate", GONGHUI_SMS_BACKEND="gonghui.accounts.sms_backends.LocmemBackend")
    return env


def _run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,  # noqa: S603
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, (args, done.stdout[-3000:], done.stderr[-3000:])
    return done.stdout.strip()


def _shell(env: dict[str, str], script: str) -> str:
    return _run(env, "shell", "-v0", "-c", script).splitlines()[-1]


def _wait_until_up(url: str, server: subprocess.Popen) -> None:
    for _ in range(300):
        assert server.poll() is None, server.stderr.read() if server.stderr else "B's server stopped"
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2):  # noqa: S310
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("B's server did not come up")


@pytest.fixture
def deployment_b(tmp_path):
    env = _env(tmp_path)
    _run(env, "migrate", "-v0")
    _run(env, "shell", "-c", B_DATA)
    public = _run(env, "federation_keygen", "--out", str(tmp_path / "b.pem")).splitlines()[-1]
    env["GONGHUI_DEPLOYMENT_KEY"] = str(tmp_path / "b.pem")
    port = _free_port()
    server = subprocess.Popen([sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],  # noqa: S603
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_until_up(url, server)
        yield env, url, public
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_a_member_moves_from_a_union_on_one_deployment_to_a_union_on_another(live_server, world, settings,
                                                                                 deployment_b):
    env_b, url_b, public_b = deployment_b
    a = keys("510000")
    act_as(settings, a)
    call_command("federation_peer", "add", "520000", "贵州省总工会", public_b, "--url", url_b)
    _run(env_b, "federation_peer", "add", "510000", "四川省总工会", a.public, "--url", live_server.url)
    membership = world.membership
    member = membership.member

    ref, status = _shell(env_b, ASK.replace("{id_number}", member.id_number)).split()
    assert status == "awaiting"
    out = CrossTransfer.objects.get(ref=ref, side=CrossTransfer.Side.OUT)
    assert out.status == "awaiting" and out.member == member and out.other_union_name == "贵阳市总工会"
    code = sms_backends.outbox[-1].code  # A texted the phone on its member record

    assert _shell(env_b, CONFIRM.replace("{code}", code)) == "requested 示例科技有限公司工会委员会"
    out.refresh_from_db()
    assert out.status == "requested" and out.release_due_at is not None

    cross_transfer_release(actor=world.county_admin, transfer=out)  # A's county lets the member go; B hears of it
    out.refresh_from_db()
    assert out.status == "released" and out.delivered_at is not None
    assert _shell(env_b, STATE) == "released"

    admitted = _shell(env_b, ACCEPT)
    assert admitted == "李四 贵阳市总工会 transfer accepted True '' ''"
    membership.refresh_from_db()
    out.refresh_from_db()
    assert membership.status == MembershipStatus.TRANSFERRED and "贵阳市总工会" in membership.end_note
    assert out.status == "accepted"
    assert not Membership.objects.live().filter(member=member).exists()


def test_the_worker_agrees_on_the_portal_the_receiving_union_refuses_and_a_second_request_is_withdrawn(
        live_server, world, settings, deployment_b):
    env_b, url_b, public_b = deployment_b
    a = keys("510000")
    act_as(settings, a)
    call_command("federation_peer", "add", "520000", "贵州省总工会", public_b, "--url", url_b)
    _run(env_b, "federation_peer", "add", "510000", "四川省总工会", a.public, "--url", live_server.url)
    member = world.membership.member
    worker = PortalWorker(phone=member.phone)

    ref, _status = _shell(env_b, ASK.replace("{id_number}", member.id_number)).split()
    out = CrossTransfer.objects.get(ref=ref)
    cross_transfer_confirm_by_member(worker=worker, pk=out.pk)  # on A's portal, not by the SMS code
    out.refresh_from_db()
    assert out.status == "requested" and out.delivery == "sent"
    assert _shell(env_b, LATEST) == "requested 示例科技有限公司工会委员会"

    assert _shell(env_b, REFUSE) == "refused sent"  # B's word reached A in B's background task
    out.refresh_from_db()
    assert out.status == "refused" and out.note == "该职工未在本单位就业"

    ref2, _status = _shell(env_b, ASK.replace("{id_number}", member.id_number)).split()
    second = CrossTransfer.objects.get(ref=ref2)
    cross_transfer_confirm_by_member(worker=worker, pk=second.pk)
    cross_transfer_withdraw_by_member(worker=worker, pk=second.pk)
    second.refresh_from_db()
    assert second.status == "cancelled" and second.delivery == "sent"
    assert _shell(env_b, LATEST) == "cancelled 示例科技有限公司工会委员会"
    assert Membership.objects.live().filter(member=member).exists()
