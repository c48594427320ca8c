"""统计总览: each domain's headline figures for the cadre's union with 同比, each opening its metric."""

import pytest
from django.urls import reverse

from gonghui.accounts.roles import RoleCode
from gonghui.core.periods import Period
from gonghui.orgs.scope import Scope
from gonghui.reports.metrics import figure
from gonghui.reports.metrics.dashboard import headline_names
from gonghui.testing.world import make_member, make_user

pytestmark = pytest.mark.django_db


def test_a_county_sees_every_headline_with_its_metric_link(client, world):
    make_member(world.grassroots, name="王芳")
    client.force_login(world.county_admin)
    page = client.get(reverse("web:reports_dashboard") + "?period=2026")
    body = page.content.decode()
    assert page.status_code == 200
    for name in headline_names():
        assert f'data-testid="card-{name}"' in body, name
        assert f'href="/reports/metrics/{name}/?under={world.county.pk}&period=2026"' in body
    members = figure("members.total", scope=Scope.all(), under=world.county.path, period=Period.parse("2026")).value
    card = body.split('data-testid="card-members.total"')[1].split("</a>")[0]
    assert f">{members}<" in card
    assert 'data-testid="children-chart"' in body
    assert page.context["chart"]["labels"] == ["春熙路街道工会"]
    assert page.context["chart"]["series"][0]["values"] == [float(members)]


def test_a_statistics_reader_opens_it_and_another_county_is_not_found(client, world):
    reader = make_user("county_reader", world.county, RoleCode.STATS_VIEWER)
    client.force_login(reader)
    assert client.get(reverse("web:reports_dashboard")).status_code == 200
    assert client.get(reverse("web:reports_dashboard") + f"?under={world.county2.pk}").status_code == 404


@pytest.mark.parametrize("query", ["?under=abc", "?period=2026Q9", "?chart=nonsense", "?under=99999999999999999"])
def test_a_bad_query_never_breaks_the_page(client, world, query):
    client.force_login(world.county_admin)
    assert client.get(reverse("web:reports_dashboard") + query).status_code in (200, 404)
