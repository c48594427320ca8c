"""Two deployments, two databases, two processes: the national one is this test's live server; the
province (四川, 510000) is a second process with its own SQLite database, migrated for the test. The
province makes its key pair with `federation_keygen`, the national operator registers the printed
public key with `federation_peer`, and the province's `federation_send` reaches the national server."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from gonghui.reports.federation.models import ReceivedFigure

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[3]
PROVINCE_DATA = """
from gonghui.orgs.choices import Level, UnionKind
from gonghui.orgs.services import union_create_root
from gonghui.testing.world import SYSTEM, make_member, make_union
root = union_create_root(actor=SYSTEM, name="四川省总工会", kind=UnionKind.FEDERATION, level=Level.PROVINCE)
chengdu = make_union(root, "成都市总工会", Level.CITY)
mianyang = make_union(root, "绵阳市总工会", Level.CITY)
for union, n in ((chengdu, 3), (mianyang, 2)):
    for _ in range(n):
        make_member(union)
"""


def _province(tmp_path: Path, upper: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGHUI_", "DJANGO_"))}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'province.sqlite3'}", GONGHUI_DEPLOYMENT_CODE="510000",
               GONGHUI_UPPER_URL=upper, GONGHUI_TASKS="immediate")
    return env


def _run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,  # noqa: S603
                          timeout=300, check=False)
    assert done.returncode == 0, (args, done.stdout[-2000:], done.stderr[-2000:])
    return done.stdout


def test_a_province_on_its_own_deployment_sends_its_figures_to_the_national_one(live_server, tmp_path):
    env = _province(tmp_path, live_server.url)
    _run(env, "migrate", "-v0")
    _run(env, "shell", "-c", PROVINCE_DATA)
    printed = _run(env, "federation_keygen", "--out", str(tmp_path / "province.pem"))
    env["GONGHUI_DEPLOYMENT_KEY"] = str(tmp_path / "province.pem")
    call_command("federation_peer", "add", "510000", "四川省总工会", printed.strip().splitlines()[-1])

    assert "sent" in _run(env, "federation_send", "--period", "2026")

    root = ReceivedFigure.objects.get(peer__code="510000", period="2026", metric="members.total", is_root=True)
    assert root.value == 5 and root.unit == "510000" and root.unit_name == "四川省总工会"
    cities = ReceivedFigure.objects.filter(peer__code="510000", period="2026", metric="members.total", is_root=False)
    assert sorted((c.unit_name, int(c.value)) for c in cities) == [("成都市总工会", 3), ("绵阳市总工会", 2)]
