"""The 发放批次 and 发放统计 exports: what the pages show, within scope, money as numbers."""

import datetime
from decimal import Decimal

import pytest

from gonghui.core.exports import list_export
from gonghui.orgs.scope import scope_for_any

pytestmark = pytest.mark.django_db


def rows(user, name, **filters):
    export = list_export(name)
    return list(export.rows(actor=user, scope=scope_for_any(user, export.permission), filters=filters))


def test_the_batch_export_holds_the_filtered_batches_of_the_exporters_scope(world, new_programme, new_campaign,
                                                                            new_batch, county2_admin):
    campaign = new_campaign(new_programme())
    mine = new_batch(campaign, title="元旦慰问")
    other_campaign = new_campaign(new_programme(union=world.county2, actor=county2_admin), actor=county2_admin)
    new_batch(other_campaign, union=world.county2, actor=county2_admin, title="绵阳慰问")
    got = rows(world.county_admin, "aid.batches")
    assert [r[0] for r in got] == [mine.title]
    assert got[0][-1] == Decimal("0.00") and got[0][5] == datetime.date(2026, 1, 20)
    assert rows(world.county_admin, "aid.batches", status="paid") == []


def test_the_figures_export_needs_a_union_and_a_period_in_scope(world):
    assert rows(world.county_admin, "aid.figures", union=str(world.county.pk), start="2026-01-01",
                end="2026-12-31")[-1][0] == "合计"
    assert rows(world.county_admin, "aid.figures") == []


def test_the_programme_export_holds_the_kind_asked_for_within_scope_with_its_ledger(world, new_programme,
                                                                                  county2_admin):
    warmth = new_programme(name="锦江送温暖", budget="10000")
    new_programme(kind="autumn_study_aid", name="锦江金秋助学", fund_source="union_funds", standard_goods_value="0")
    new_programme(union=world.county2, actor=county2_admin, name="绵阳送温暖")
    got = rows(world.county_admin, "aid.programmes")
    assert sorted(r[0] for r in got) == ["锦江送温暖", "锦江金秋助学"]
    only = rows(world.county_admin, "aid.programmes", kind="winter_warmth")
    assert only == [[warmth.name, "送温暖", "成都市锦江区总工会", "送温暖资金", "", Decimal("10000.00"),
                     Decimal("0.00"), Decimal("0.00"), Decimal("10000.00")]]
