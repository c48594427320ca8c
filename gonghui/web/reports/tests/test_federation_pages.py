import datetime

import pytest
from django.utils import timezone

from gonghui.reports.federation.models import FederationSend, ReceivedFigure
from gonghui.reports.tests.federation_helpers import registered

pytestmark = pytest.mark.django_db
BOARD, SENDS = "/reports/federation/", "/reports/federation/sends/"


def _received(peer, value, as_of):
    return ReceivedFigure.objects.create(peer=peer, period="2026", metric="members.total", version=1,
                                         unit=peer.code, unit_name=peer.name, is_root=True, metric_label="会员总数",
                                         measure="人", value=value, as_of=as_of)


def test_the_board_shows_each_deployments_figure_with_its_as_of_and_a_missing_one_as_missing(client, world):
    _k, sichuan = registered("510000", "四川省总工会")
    _k, guizhou = registered("520000", "贵州省总工会")
    _k, _yunnan = registered("530000", "云南省总工会")
    tz = timezone.get_current_timezone()
    _received(sichuan, 1200, datetime.datetime(2026, 12, 1, 8, 30, tzinfo=tz))
    _received(guizhou, 800, datetime.datetime(2026, 11, 30, 23, 0, tzinfo=tz))
    client.force_login(world.national_admin)
    page = client.get(BOARD, {"metric": "members.total", "period": "2026"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "2026-12-01 08:30" in html and "2026-11-30 23:00" in html
    rows = html.split('data-code="')[1:]
    assert [r[:6] for r in rows] == ["510000", "520000", "530000"]
    assert ">1200<" in rows[0] and 'data-testid="missing"' in rows[2] and 'data-testid="missing"' not in rows[0]


def test_a_hand_typed_period_that_is_not_one_falls_back_to_the_latest_received(client, world):
    _k, sichuan = registered()
    _received(sichuan, 5, timezone.now())
    client.force_login(world.national_admin)
    page = client.get(BOARD, {"metric": "nothing.such", "period": "2026-13"})
    assert page.status_code == 200 and 'value="2026"' in page.content.decode()


def test_the_pages_are_the_roots_and_the_menu_says_so(client, world):
    FederationSend.objects.create(period="2026-11", status=FederationSend.Status.FAILED,
                                  error="401 bad_signature: 签名校验失败")
    client.force_login(world.national_admin)
    home = client.get("/").content.decode()
    assert f'href="{BOARD}"' in home and f'href="{SENDS}"' in home
    sends = client.get(SENDS)
    assert sends.status_code == 200 and "401 bad_signature" in sends.content.decode()
    for person in ("province_officer", "county_admin", "sysadmin"):
        client.force_login(world.people[person])
        assert client.get(BOARD).status_code == 403, person
        assert client.get(SENDS).status_code == 403, person
        assert f'href="{BOARD}"' not in client.get("/").content.decode()


def test_the_send_log_says_how_many_figures_were_stored_and_how_many_parts_arrived(client, world):
    FederationSend.objects.create(period="2026", status=FederationSend.Status.FAILED, figures=9000, stored=8800,
                                  parts=2, parts_sent=1, error="503: 维护中")
    FederationSend.objects.create(period="2026-11", status=FederationSend.Status.SENT, figures=153, stored=153)
    client.force_login(world.national_admin)
    page = client.get(SENDS).content.decode()
    assert "分 2 批，已送达 1 批" in page and "存储 8800，其余实时" in page and "发送失败" in page
    assert "均为存储数据" in page and "已发送" in page
