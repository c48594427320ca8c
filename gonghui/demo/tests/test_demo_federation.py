"""The demo's national tier: three of the province's cities registered as deployments of their own,
two of which sent their figures (a ratio with its parts), the third shown as 未上报."""

import pytest

from gonghui.core.metrics import all_metrics
from gonghui.demo.federation import build_demo_federation
from gonghui.orgs.choices import Level, UnionKind
from gonghui.orgs.models import Region
from gonghui.orgs.scope import SystemActor
from gonghui.orgs.services import union_create_root
from gonghui.orgs.services.regions import regions_load
from gonghui.reports.federation.models import PeerDeployment, ReceivedFigure

pytestmark = pytest.mark.django_db


def test_the_demo_registers_three_city_deployments_and_two_have_sent(world_free_province):
    made = build_demo_federation(world_free_province, seed=7)
    assert made["peers"] == 3 and PeerDeployment.objects.count() == 3
    sent = set(ReceivedFigure.objects.values_list("peer__code", flat=True).distinct())
    assert len(sent) == 2 and made["received"] == 2 * 3 * len(all_metrics())
    share = ReceivedFigure.objects.filter(metric="members.women_share").first()
    assert share is not None and share.denominator and share.numerator <= share.denominator


@pytest.fixture
def world_free_province():
    system = SystemActor("test")
    regions_load(actor=system, towns=False)
    return union_create_root(actor=system, name="四川省总工会", kind=UnionKind.FEDERATION, level=Level.PROVINCE,
                             region=Region.objects.get(adcode="510000"))
