"""The metric pages: the glossary for every cadre, one metric's figure, change, children, split and
rows for the cadre's subtree and period, stored figures stating 数据截至, and the rows' export."""

import io

import openpyxl
import pytest
from django.test import override_settings
from django.urls import reverse

from gonghui.core.metrics import all_metrics
from gonghui.orgs.choices import Level, UnionKind
from gonghui.reports.metrics.rollup import refresh_metric_figures
from gonghui.testing.world import SYSTEM, make_member, make_union

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(world):
    hotel = make_union(world.township, "锦江宾馆工会", Level.GRASSROOTS, UnionKind.ENTERPRISE)
    make_member(hotel, name="赵一")
    make_member(world.grassroots, name="钱二")
    return hotel


def test_the_glossary_lists_every_metric_with_its_words_for_any_cadre(world, login):
    page = login("no_grants").get("/reports/metrics/").content.decode()
    for metric in all_metrics():
        assert f'id="metric-{metric.name}"' in page
    assert "按时办结率" in page and "不是下级比率的平均" in page and "维权服务" in page


def test_a_metric_page_shows_the_figure_children_split_and_rows_of_the_cadres_union(world, members, login):
    client = login("county_admin")
    page = client.get("/reports/metrics/members.total/?period=2026").content.decode()
    assert world.county.name in page and "实时计算" in page
    assert f'?under={world.township.pk}&period=2026' in page  # the child goes down
    assert 'data-testid="metric-split-gender"' in page
    assert "赵一" in page and "钱二" in page and f"/members/{world.membership.member.pk}/" in page
    down = client.get(f"/reports/metrics/members.total/?under={world.grassroots.pk}&period=2026").content.decode()
    assert "钱二" in down and "赵一" not in down


def test_a_rate_without_a_denominator_and_a_missing_change_show_a_dash(world, login):
    page = login("county_admin").get("/reports/metrics/cases.on_time_rate/?period=2026").content.decode()
    assert "无法比较" in page
    assert '<span title="无数据">—</span>' in page


def test_a_county_cannot_read_a_union_beside_it_and_bad_input_is_not_an_error(world, login):
    client = login("county_admin")
    assert client.get(f"/reports/metrics/members.total/?under={world.county2.pk}").status_code == 404
    assert client.get("/reports/metrics/no.such/").status_code == 404
    for query in ("under=99999999999999999999", "period=2026Q9", "grain=month&year=abc", "after=-1", "by=x&value=1",
                  "grain=range&start=2026-05-01&end=2026-01-01"):
        assert client.get(f"/reports/metrics/members.total/?{query}").status_code == 200, query


@override_settings(GONGHUI_METRIC_STORED_ABOVE=0)
def test_a_big_subtree_reads_the_stored_figure_and_says_as_of_when(world, members, login):
    refresh_metric_figures(actor=SYSTEM, names=["members.total"])
    page = login("county_admin").get("/reports/metrics/members.total/").content.decode()
    assert "数据截至" in page


def test_the_rows_export_through_the_shared_framework_within_the_scope(world, members, login):
    client = login("county_admin")
    response = client.post(f"/exports/reports.metric_rows/?metric=members.total&under={world.county.pk}&period=2026")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    names = sorted(row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0])
    assert names == ["李四", "赵一", "钱二"]
    outside = client.post(f"/exports/reports.metric_rows/?metric=members.total&under={world.county2.pk}&period=2026")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(outside.streaming_content))).active
    assert sheet.max_row <= 2


def test_a_statistics_reader_sees_the_figures_without_the_rows(client, world):
    from gonghui.accounts.roles import RoleCode
    from gonghui.testing.world import make_user

    reader = make_user("county_figures_reader", world.county, RoleCode.STATS_VIEWER)
    client.force_login(reader)
    page = client.get(reverse("web:metric", args=["members.total"]) + f"?under={world.county.pk}&period=2026")
    body = page.content.decode()
    assert page.status_code == 200 and 'data-testid="rows-withheld"' in body and 'data-testid="metric-rows"' not in body
    client.force_login(world.county_admin)
    body = client.get(reverse("web:metric", args=["members.total"]) + f"?under={world.county.pk}&period=2026"
                      ).content.decode()
    assert 'data-testid="metric-rows"' in body and "李四" in body
