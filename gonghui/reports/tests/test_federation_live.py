"""The sending side over real HTTP: this process is both deployments (one database), so the signed
request leaves through urllib and comes back through the WSGI stack of a live server."""

import datetime

import pytest

from gonghui.core.metrics import all_metrics
from gonghui.core.periods import Period
from gonghui.reports.federation.models import FederationSend, ReceivedFigure
from gonghui.reports.federation.services import federation_send
from gonghui.reports.tests.federation_helpers import SYSTEM, act_as, registered

pytestmark = pytest.mark.django_db(transaction=True)


def test_figures_travel_signed_over_http_and_land_once(live_server, world, settings):
    k, peer = registered("100000", "全国总工会（测试）")
    act_as(settings, k)
    settings.GONGHUI_UPPER_URL = live_server.url
    for _ in range(2):
        log = federation_send(actor=SYSTEM, period=Period.year(2026), today=datetime.date(2026, 12, 5))
        assert (log.status, log.http_status, log.error) == (FederationSend.Status.SENT, 200, "")
    # One root figure per metric, and one per child union (the two provinces) of the sending root.
    assert ReceivedFigure.objects.filter(peer=peer, period="2026", is_root=True).count() == len(all_metrics())
    assert ReceivedFigure.objects.count() == log.figures == 3 * len(all_metrics())
