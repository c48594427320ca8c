"""统计年报 console pages: a clerk opens a pre-filled return, sees failed checks beside their fields,
signs off; the level above sees it on its status page, aggregates, exports and prints; out of scope is a 404."""

import io

import openpyxl
import pytest
from django.urls import reverse

from gonghui.reports.stats.models import StatReturn
from gonghui.reports.stats.tests.conftest import YEAR
from gonghui.reports.stats.tests.test_returns import GOOD
from gonghui.testing.world import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def start(client, union):
    response = client.post(reverse("web:stats_open"), {"union": union.pk, "year": YEAR})
    assert response.status_code == 302
    return StatReturn.objects.get(union=union, year=YEAR)


def post_values(client, ret, values):
    ret.refresh_from_db()
    data = {"version": ret.version, **{f"v_{k}": v for k, v in values.items()}}
    return client.post(reverse("web:stats_return", args=[ret.pk]), data)


def test_a_clerk_fills_a_prefilled_return_fixes_a_check_and_signs_off(client, stats_world):
    w = stats_world
    login(client, w.county_clerk)
    ret = start(client, w.grassroots)
    page = client.get(reverse("web:stats_return", args=[ret.pk])).content.decode()
    assert "系统生成" in page and "会员人数" in page and 'data-testid="failures"' in page  # required fields empty
    post_values(client, ret, GOOD | {"A02": "11"})
    page = client.get(reverse("web:stats_return", args=[ret.pk])).content.decode()
    assert 'data-testid="failure-A02"' in page and "may not exceed" in page
    bad = post_values(client, ret, {"A01": "abc"})
    assert bad.status_code == 400 and "职工人数" in bad.content.decode()
    refused = post_values(client, ret, {"B01": "99"})
    assert refused.status_code == 400 and "由系统生成" in refused.content.decode()
    post_values(client, ret, GOOD)
    ret.refresh_from_db()
    client.post(reverse("web:stats_act", args=[ret.pk, "sign"]), {"version": ret.version, "name": "王芳"})
    ret.refresh_from_db()
    assert ret.status == "signed" and ret.signed_name == "王芳"
    locked = post_values(client, ret, {"A01": "11"})
    assert locked.status_code == 400 and "已签报锁定" in locked.content.decode()
    status = client.get(reverse("web:stats_status") + f"?union={w.township.pk}&year={YEAR}").content.decode()
    assert "已签报" in status and w.grassroots.name in status


def test_the_level_above_aggregates_sees_a_reopen_and_exports(client, stats_world):
    w = stats_world
    login(client, w.county_clerk)
    child = start(client, w.mill)
    post_values(client, child, GOOD)
    child.refresh_from_db()
    client.post(reverse("web:stats_act", args=[child.pk, "sign"]), {"version": child.version, "name": "王芳"})
    county = start(client, w.county)
    county.refresh_from_db()
    client.post(reverse("web:stats_act", args=[county.pk, "aggregate"]), {"version": county.version})
    page = client.get(reverse("web:stats_return", args=[county.pk])).content.decode()
    assert 'data-testid="field-A01"' in page and "下级汇总" in page
    assert 'data-testid="gaps"' in page and w.township.name in page  # the township has not reported
    child.refresh_from_db()
    client.post(reverse("web:stats_act", args=[child.pk, "reopen"]), {"version": child.version, "reason": "漏报"})
    status = client.get(reverse("web:stats_status") + f"?union={w.county.pk}&year={YEAR}").content.decode()
    assert 'data-testid="stale"' in status and "漏报" in status
    child.refresh_from_db()
    post_values(client, child, GOOD)
    child.refresh_from_db()
    client.post(reverse("web:stats_act", args=[child.pk, "sign"]), {"version": child.version, "name": "王芳"})
    response = client.get(reverse("web:stats_export") + f"?union={w.county.pk}&year={YEAR}&kind=grassroots")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("TYSHXYDM", "GHBM", "GHMC", "A01") and rows[2][2] == w.mill.name and rows[2][3] == 10
    printed = client.get(reverse("web:stats_print", args=[child.pk])).content.decode()
    assert "基层工会调查表" in printed and 'data-testid="print-A01"' in printed


def test_a_text_cell_that_looks_like_a_formula_is_exported_as_text(client, stats_world):
    w = stats_world
    login(client, w.county_clerk)
    ret = start(client, w.mill)
    post_values(client, ret, GOOD | {"C01": "=HYPERLINK(1)"})
    ret.refresh_from_db()
    client.post(reverse("web:stats_act", args=[ret.pk, "sign"]), {"version": ret.version, "name": "王芳"})
    response = client.get(reverse("web:stats_export") + f"?union={w.county.pk}&year={YEAR}")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cell = next(c for c in sheet[3] if c.value == "=HYPERLINK(1)")
    assert cell.data_type == "s"


def test_another_province_sees_none_of_it(client, stats_world):
    w = stats_world
    login(client, w.county_clerk)
    ret = start(client, w.grassroots)
    login(client, w.other_province_officer)
    assert client.get(reverse("web:stats_return", args=[ret.pk])).status_code == 404
    assert client.get(reverse("web:stats_print", args=[ret.pk])).status_code == 404
    assert client.get(reverse("web:stats_status") + f"?union={w.county.pk}").status_code == 404
    assert client.post(reverse("web:stats_open"), {"union": w.grassroots.pk, "year": YEAR}).status_code == 404
    assert client.get(reverse("web:stats_export") + f"?union={w.county.pk}").status_code == 404


def test_a_county_prefills_its_subtree_and_signs_the_passing_grassroots_returns_on_their_behalf(client, stats_world):
    w = stats_world
    login(client, w.county_clerk)
    status = reverse("web:stats_status") + f"?union={w.county.pk}&year={YEAR}"
    page = client.get(status).content.decode()
    assert 'data-testid="bulk"' in page and "批量预填" in page and "代为签报" in page
    done = client.post(reverse("web:stats_prefill"), {"union": w.county.pk, "year": YEAR}, follow=True)
    assert "已为 5 个单位开始填报" in done.content.decode()
    assert StatReturn.objects.filter(year=YEAR).count() == 5
    for union in (w.grassroots, w.mill):
        post_values(client, StatReturn.objects.get(union=union, year=YEAR), GOOD)
    done = client.post(reverse("web:stats_sign_on_behalf"), {"union": w.county.pk, "year": YEAR, "level": "6",
                                                              "name": "李静"}, follow=True).content.decode()
    assert "已代为签报 2 份报表" in done and "锦江宾馆工会" in done and "职工人数" in done  # left open, naming why
    assert set(StatReturn.objects.filter(status="signed").values_list("union_id", flat=True)) == {
        w.grassroots.pk, w.mill.pk}
    unnamed = client.post(reverse("web:stats_sign_on_behalf"), {"union": w.county.pk, "year": YEAR, "level": "5"},
                          follow=True).content.decode()
    assert "签报人" in unnamed and not StatReturn.objects.filter(union=w.township, status="signed").exists()


def test_only_a_reporting_cadre_of_the_subtree_may_act_for_it(client, stats_world):
    w = stats_world
    login(client, w.other_province_officer)
    assert client.post(reverse("web:stats_prefill"), {"union": w.county.pk, "year": YEAR}).status_code == 404
    assert client.post(reverse("web:stats_sign_on_behalf"), {"union": w.county.pk, "year": YEAR,
                                                              "name": "李静"}).status_code == 404
    assert not StatReturn.objects.exists()
    login(client, w.county_clerk)
    assert client.get(reverse("web:stats_prefill")).status_code == 405
