"""The 劳动关系风险名单 over the API: list, take off, the scope's list and one employer's spells."""

import pytest

from gonghui.accounts.roles import RoleCode
from gonghui.orgs.models import EmployerRiskListing
from gonghui.orgs.services import employer_risk_list
from gonghui.testing.world import SYSTEM, make_employer, make_user

pytestmark = pytest.mark.django_db


def test_a_clerk_lists_and_takes_off_an_employer_and_its_spells_are_kept(world, api_as):
    api = api_as("county_clerk")
    url = f"/employers/{world.employer.pk}/risk-listings"
    created = api.post(url, {"reason": "wage_arrears", "note": "连续两月延期发薪", "listed_on": "2025-06-01"})
    assert created.status_code == 201
    body = created.json()
    assert (body["employer"]["id"], body["current"], body["reason_label"], body["listed_on"]) == (
        world.employer.pk, True, "欠薪隐患", "2025-06-01")
    assert body["listed_by"] == "county_clerk（成都市锦江区总工会）"
    again = api.post(url, {"reason": "layoffs"})
    assert (again.status_code, again.json()["field"], again.json()["code"]) == (400, "employer", "duplicate")
    removed = api.post(f"{url}/remove", {"reason": "工资已全部补发", "removed_on": "2025-07-01"})
    assert removed.status_code == 200
    assert (removed.json()["current"], removed.json()["removed_on"]) == (False, "2025-07-01")
    history = api.get(url).json()
    assert [(h["reason"], h["current"], h["removal_reason"]) for h in history] == [
        ("wage_arrears", False, "工资已全部补发")]


def test_bad_input_names_the_field(world, api_as):
    api = api_as("county_clerk")
    url = f"/employers/{world.employer.pk}/risk-listings"
    assert api.post(url, {"reason": "bankrupt"}).json()["field"] == "reason"
    assert api.post(url, {"reason": "other"}).json()["field"] == "note"
    assert api.post(url, {"reason": "layoffs", "listed_on": "2099-01-01"}).json()["field"] == "listed_on"
    missing = api.post(f"{url}/remove", {"reason": "已整改"})
    assert (missing.status_code, missing.json()["field"]) == (400, "employer")
    assert not EmployerRiskListing.objects.exists()


def test_the_scopes_list_filters_and_hides_another_county(world, api_as):
    mine = make_employer(world.township, "春熙停产服装厂")
    theirs = make_employer(world.county2, "涪城欠薪建筑公司")
    employer_risk_list(actor=SYSTEM, employer=world.employer, reason="wage_arrears", listed_on="2025-02-01")
    employer_risk_list(actor=SYSTEM, employer=mine, reason="shutdown", listed_on="2025-05-01")
    employer_risk_list(actor=SYSTEM, employer=theirs, reason="wage_arrears", listed_on="2025-05-01")
    api = api_as("county_admin")

    def names(**params):
        return [i["employer"]["name"] for i in api.get("/risk-listings", **params).json()["items"]]

    assert names() == ["春熙停产服装厂", "示例科技有限公司"]
    assert names(reason="wage_arrears") == ["示例科技有限公司"]
    assert names(listed_from="2025-03-01") == ["春熙停产服装厂"]
    assert names(q="服装") == ["春熙停产服装厂"]


def test_another_county_is_refused(world, api_as):
    world.people["county2_clerk"] = make_user("county2_clerk", world.county2, RoleCode.CLERK)
    employer_risk_list(actor=SYSTEM, employer=world.employer, reason="layoffs", listed_on="2025-06-01")
    api = api_as("county2_clerk")
    url = f"/employers/{world.employer.pk}/risk-listings"
    assert api.get(url).status_code == 404
    assert api.post(url, {"reason": "layoffs"}).status_code == 404
    assert api.post(f"{url}/remove", {"reason": "越权"}).status_code == 404
    assert api.get("/risk-listings").json()["items"] == []
    assert EmployerRiskListing.objects.current().count() == 1
