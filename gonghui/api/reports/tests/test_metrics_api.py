"""Metrics over the API: the glossary, a figure with its change and children or split, the rows a
keyset page at a time, another county's union a 404 and a bad period or dimension a named 400."""

import pytest

from gonghui.accounts.login import api_token_issue
from gonghui.api.conftest import ApiClient
from gonghui.core.metrics import all_metrics
from gonghui.orgs.choices import Level, UnionKind
from gonghui.testing.world import make_member, make_union

pytestmark = pytest.mark.django_db


def api_of(user) -> ApiClient:
    _token, raw = api_token_issue(user=user)
    return ApiClient(raw)


@pytest.fixture
def api(world):
    hotel = make_union(world.township, "锦江宾馆工会", Level.GRASSROOTS, UnionKind.ENTERPRISE)
    for name in ("赵一", "钱二", "孙三"):
        make_member(hotel, name=name)
    return api_of(world.county_admin)


def test_the_glossary_lists_every_metric(world, api):
    rows = api.get("/metrics").json()
    assert {r["name"] for r in rows} == {m.name for m in all_metrics()}
    rate = next(r for r in rows if r["name"] == "cases.on_time_rate")
    assert rate["aggregation"] == "ratio" and rate["denominator"] == "cases.resolved"
    assert rate["domain_label"] == "维权服务"


def test_a_figure_comes_with_its_change_and_children_or_its_split(world, api):
    answer = api.get("/metrics/members.total", period="2026").json()
    assert (answer["union"]["id"], answer["value"], answer["live"]) == (world.county.pk, "4", True)
    assert answer["year_ago"]["value"] == "0" and answer["year_ago"]["percent"] is None
    assert [c["value"] for c in answer["children"]] == ["4"]
    split = api.get("/metrics/members.total", period="2026", by="gender").json()
    assert split["children"] == [] and sum(int(p["figure"]) for p in split["split"]) == 4
    assert api.get("/metrics/cases.on_time_rate", period="2026").json()["value"] is None


def test_the_rows_come_a_keyset_page_at_a_time(world, api):
    first = api.get("/metrics/members.total/rows", period="2026", limit=3).json()
    assert len(first["items"]) == 3 and first["next_after"] == first["items"][-1]["id"]
    rest = api.get("/metrics/members.total/rows", period="2026", limit=3, after=first["next_after"]).json()
    assert len(rest["items"]) == 1 and rest["next_after"] is None
    names = {i["cells"][0] for i in first["items"] + rest["items"]}
    assert names == {"赵一", "钱二", "孙三", "李四"}


def test_a_union_beside_the_callers_is_a_404_and_bad_input_a_named_400(world, api):
    assert api.get("/metrics/members.total", under=world.county2.pk).status_code == 404
    assert api.get("/metrics/no.such").status_code == 404
    bad = api.get("/metrics/members.total", period="2026Q7")
    assert bad.status_code == 400 and bad.json()["field"] == "period"
    assert api.get("/metrics/members.total", by="shoe_size").json()["field"] == "by"
    assert api_of(world.no_grants).get("/metrics/members.total").status_code == 403


def test_a_statistics_reader_gets_the_figure_but_not_the_rows(world, api):
    from gonghui.accounts.roles import RoleCode
    from gonghui.testing.world import make_user

    reader = api_of(make_user("api_stats_reader", world.county, RoleCode.STATS_VIEWER))
    figure = reader.get("/metrics/members.total", period="2026")
    assert figure.status_code == 200 and figure.json()["value"] == "4"
    assert reader.get("/metrics/members.total/rows", period="2026").status_code == 403
