"""条款对比 page: topic tabs, filters, the wide table with 未约定, flagged cells in words, the summary
rows, its export; each cadre sees their own subtree, and no query string makes it fail."""

import io

import openpyxl
import pytest

from gonghui.contracts.services import minimum_wage_set
from gonghui.contracts.tests.conftest import D, in_force
from gonghui.orgs.models import Region
from gonghui.reports.services import export_start
from gonghui.testing.world import SYSTEM, make_employer

pytestmark = pytest.mark.django_db
URL = "/contracts/comparison/"


@pytest.fixture
def contracts(world):
    city = Region.objects.create(adcode="510100", name="成都市", level=2, dataset="test")
    minimum_wage_set(actor=SYSTEM, region=city, monthly="2100", effective_from=D(2022, 4, 1), source="演示")
    low = make_employer(world.grassroots, "低薪单位", region=city)
    in_force(world.grassroots_clerk, world.grassroots, employer=low,
             terms={"wages.lowest_paid": "1800", "hours.weekly": "40"})
    in_force(world.grassroots_clerk, world.grassroots, employer=world.employer, terms={"wages.increase_rate": "5"})
    township = make_employer(world.township, "街道直属单位")
    in_force(world.township_clerk, world.township, employer=township, terms={"wages.lowest_paid": "2600"})
    in_force(SYSTEM, world.county2, employer=make_employer(world.county2, "绵阳单位"),
             terms={"wages.lowest_paid": "1500"})
    return low


def body(client, query=""):
    response = client.get(URL + query)
    assert response.status_code == 200
    return response.content.decode()


def test_a_county_cadre_compares_its_contracts_with_flags_in_words_and_the_summary_rows(world, login, contracts):
    page = body(login("county_clerk"), "?topic=wages")
    table = page.split('data-testid="comparison-table"')[1].split("</table>")[0]
    assert "低薪单位" in table and "示例科技有限公司" in table and "街道直属单位" in table
    assert "绵阳单位" not in page
    assert "未约定" in table
    flag = table.split('data-testid="cell-flag"')[1].split("</div>")[0]
    assert "低于当地最低工资标准 2100 元（成都市）" in flag
    summary = page.split('data-testid="comparison-summary"')[1].split("</tfoot>")[0]
    assert "中位数" in summary and "最低" in summary and "最高" in summary
    assert ">1800<" in summary and ">2600<" in summary and ">2200<" in summary  # lowest, highest, median
    assert 'data-testid="topic-women"' in page and "contracts.comparison" in page


def test_another_topic_shows_its_own_terms(world, login, contracts):
    page = body(login("county_clerk"), "?topic=hours")
    table = page.split('data-testid="comparison-table"')[1].split("</table>")[0]
    assert "每周工作时间" in table and "企业最低工资" not in table


def test_a_grassroots_cadre_sees_only_its_own_unions_contracts(world, login, contracts):
    page = body(login("grassroots_clerk"), f"?union={world.county.pk}")
    assert "低薪单位" in page and "示例科技有限公司" in page
    assert "街道直属单位" not in page and "绵阳单位" not in page


@pytest.mark.parametrize("query", [
    "?topic=nope", "?kind=abc", "?kind=99999999999999999999", "?union=-1", "?union=99999999999999999999",
    "?status=%00", "?reach=x&industry=%E4%B8%AD", "?sort=hours.weekly", "?page=abc", "?page=99999",
    "?union=&topic=&kind=&status=&industry=&sort=", "?topic=wages&topic=hours",
])
def test_a_bad_query_string_is_ignored_never_an_error(world, login, contracts, query):
    page = body(login("county_clerk"), query)
    assert "低薪单位" in page or "示例科技有限公司" in page


def test_an_out_of_scope_union_is_ignored_rather_than_shown(world, login, contracts):
    page = body(login("county_clerk"), f"?union={world.county2.pk}")
    assert "绵阳单位" not in page and "低薪单位" in page


def test_the_list_and_the_figures_page_link_to_it(world, login, contracts):
    client = login("county_clerk")
    for url in ("/contracts/", "/contracts/figures/"):
        assert 'data-testid="contract-comparison"' in client.get(url).content.decode()


def test_the_export_has_the_topics_terms_as_columns_and_the_flag_in_words(world, contracts):
    out = io.BytesIO()
    export_start(actor=world.county_clerk, name="contracts.comparison", out=out,
                 filters={"union": str(world.county.pk), "topic": "wages"})
    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
    rows = [[v for v in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0][7:] == ["工资增长幅度（%）", "企业最低工资（元/月）", "工资支付日（日）", "加班工资计发", "提示"]
    low = next(r for r in rows if r[1] == "低薪单位")
    assert low[8] == 1800 and low[9] == "未约定" and "低于当地最低工资标准" in low[-1]
    assert [r[0] for r in rows[-3:]] == ["中位数", "最低", "最高"]
    assert not any(r[1] == "绵阳单位" for r in rows)
