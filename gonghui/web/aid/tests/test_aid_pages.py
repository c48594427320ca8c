"""The aid console's programmes, campaigns and figures: budgets, campaigns and their counts, scope
(404 out of scope, 403 without a permission), bad input in both languages, the navigation."""

from decimal import Decimal

import pytest
from django.test import Client

from gonghui.aid.models import AidBatch, AidCampaign, AidProgramme
from gonghui.aid.tests.conftest import worker
from gonghui.testing.world import make_member
from gonghui.web.aid.tests.aid_setup import *  # noqa: F403 (the fixtures)
from gonghui.web.aid.tests.aid_setup import approved_batch, text

pytestmark = pytest.mark.django_db


# Programmes and campaigns


def test_the_programme_list_shows_budget_used_and_remaining(world, login, programme, campaign, batch):
    approved_batch(world, batch, worker())
    page = login("county_admin").get("/aid/programmes/")
    body = text(page)
    assert page.status_code == 200 and "送温暖" in body and "成都市锦江区总工会" in body
    # 10,000 budget, 700 committed by the approval: 9,300 left.
    assert "10,000.00" in body and "700.00" in body and "9,300.00" in body
    assert 'data-testid="new-programme"' in body


def test_the_aid_pages_need_an_aid_permission_and_a_login(world, login):
    assert Client().get("/aid/programmes/").status_code == 302
    client = login("no_grants")
    for url in ("/aid/programmes/", "/aid/batches/", "/aid/figures/", "/aid/programmes/new/"):
        assert client.get(url).status_code == 403, url
    # A clerk pays out but may not set up programmes.
    assert login("county_clerk").get("/aid/programmes/new/").status_code == 403


def test_a_manager_sets_up_a_programme_and_a_campaign(world, login):
    client = login("county_admin")
    form = client.get("/aid/programmes/new/")
    assert form.status_code == 200 and "成都市锦江区总工会" in text(form)
    response = client.post("/aid/programmes/new/", {
        "union": world.county.pk, "kind": "autumn_study_aid", "name": "金秋助学", "fund_source": "union_funds",
        "cycle": "yearly", "budget": "50,000", "standard_amount": "1000", "hardship_classes": ["deep", "relative"],
        "members_only": "", "once_per_household": ""})
    programme = AidProgramme.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/aid/programmes/{programme.pk}/"
    assert programme.budget == Decimal("50000") and programme.hardship_classes == ["deep", "relative"]
    assert not programme.once_per_household  # 金秋助学 aids each student by default
    page = client.get(response["Location"])
    assert "深度困难" in text(page) and "尚无帮扶活动" in text(page)
    made = client.post(f"/aid/programmes/{programme.pk}/campaigns/new/", {
        "year": 2026, "period": "", "name": "", "starts_on": "2026-08-01", "ends_on": "2026-09-30"})
    campaign = AidCampaign.objects.get()
    assert made["Location"] == f"/aid/programmes/campaigns/{campaign.pk}/"
    assert campaign.name == "2026年金秋助学"
    assert "2026年金秋助学" in text(client.get(made["Location"]))


def test_bad_programme_input_names_the_field_in_either_language(world, login):
    data = {"union": world.county.pk, "kind": "medical", "name": "医疗救助", "fund_source": "relief_fund",
            "cycle": "yearly", "budget": "十万", "members_only": "", "once_per_household": ""}
    page = login("county_admin").post("/aid/programmes/new/", data)
    assert page.status_code == 400 and "预算“十万”不是有效的金额。" in text(page)
    english = login("county_admin", language="en").post("/aid/programmes/new/", data)
    assert english.status_code == 400 and "is not a valid amount." in text(english)
    assert not AidProgramme.objects.exists()


def test_the_budget_cannot_go_below_what_is_committed(world, login, programme, batch):
    approved_batch(world, batch, worker(), worker())  # 1,400 committed
    client = login("county_admin")
    refused = client.post(f"/aid/programmes/{programme.pk}/budget/", {"budget": "1000"})
    assert refused.status_code == 400 and "预算不能低于已承诺的1,400.00元。" in text(refused)
    done = client.post(f"/aid/programmes/{programme.pk}/budget/", {"budget": "20000"})
    programme.refresh_from_db()
    assert done.status_code == 302 and programme.budget == Decimal("20000")


def test_a_campaign_that_exists_already_is_refused_on_the_year(world, login, programme, campaign):
    page = login("county_admin").post(f"/aid/programmes/{programme.pk}/campaigns/new/", {
        "year": 2026, "starts_on": "2026-01-01", "ends_on": "2026-02-01"})
    assert page.status_code == 400 and "该项目本年度（本期）的活动已存在。" in text(page)


def test_another_county_sees_neither_the_programme_nor_its_batches(world, login, county2_admin, programme,
                                                                   campaign, batch):
    client = login("aid_county2_admin")
    assert client.get(f"/aid/programmes/{programme.pk}/").status_code == 404
    assert client.get(f"/aid/programmes/campaigns/{campaign.pk}/").status_code == 404
    assert client.get(f"/aid/batches/{batch.pk}/").status_code == 404
    assert client.post(f"/aid/batches/{batch.pk}/do/submit/", {"version": 1}).status_code == 404
    assert f"/aid/programmes/{programme.pk}/" not in text(client.get("/aid/programmes/"))


def test_the_campaign_page_counts_people_times_households_and_non_members(world, login, campaign, batch):
    member = make_member(world.grassroots, name="会员甲").member
    known = worker(name="会员甲", id_number=member.id_number, is_member=True)
    approved_batch(world, batch, known, worker(group="outdoor"), worker(group="new_form"))
    login("county_clerk").post(f"/aid/batches/{batch.pk}/do/mark_paid/", {"version": AidBatch.objects.get().version})
    page = login("county_admin").get(f"/aid/programmes/campaigns/{campaign.pk}/")
    body = text(page)
    assert page.status_code == 200 and 'data-testid="member-split"' in body
    # 3 people, 3 times, 1 event, 3 × 700 = 2,100 元 = 0.21 万元.
    assert 'data-testid="people">3<' in body and 'data-testid="events">1<' in body
    assert 'data-testid="amount-wan">0.21<' in body
    assert "春节慰问第一批" in body


# Figures and navigation


def test_the_figures_page_gives_aid_by_programme_for_the_year(world, login, batch):
    approved_batch(world, batch, worker(is_member=True), worker(group="outdoor"))
    login("county_clerk").post(f"/aid/batches/{batch.pk}/do/mark_paid/", {"version": AidBatch.objects.get().version})
    page = login("county_admin").get("/aid/figures/?period=year&year=2026")
    body = text(page)
    assert page.status_code == 200 and 'data-testid="programme-figures"' in body
    assert 'data-testid="times">2<' in body and 'data-testid="amount-wan">0.14<' in body
    assert "其中：非会员" in body and "chart-money" in body and "14.0%" in body


def test_the_figures_of_a_union_out_of_scope_are_not_found(world, login, county2_admin):
    assert login("aid_county2_admin").get(f"/aid/figures/?union={world.county.pk}").status_code == 404


def test_the_navigation_shows_the_aid_entries_to_those_who_hold_them(world, login, reviewer):
    nav = text(login("county_clerk").get("/aid/batches/"))
    assert "帮扶项目与发放" in nav and "/aid/programmes/" in nav and "/aid/figures/" in nav
    reviewer_nav = text(login("aid_reviewer").get("/aid/batches/"))
    assert "/aid/batches/" in reviewer_nav and 'href="/aid/programmes/"' not in reviewer_nav
    assert "帮扶项目与发放" not in text(login("no_grants").get("/"))
