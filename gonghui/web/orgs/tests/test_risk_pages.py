"""The 风险名单 card on an employer's page, its forms, and the list page of a scope."""

import pytest

from gonghui.accounts.roles import RoleCode
from gonghui.core.audit_models import AuditEntry
from gonghui.orgs.models import EmployerRiskListing
from gonghui.orgs.services import employer_risk_list
from gonghui.testing.world import SYSTEM, make_employer, make_user

pytestmark = pytest.mark.django_db


def test_a_clerk_lists_an_employer_from_its_page_and_takes_it_off_again(login, world):
    client = login("county_clerk")
    url = f"/employers/{world.employer.pk}/"
    page = client.get(url).content.decode()
    assert 'data-testid="risk-card"' in page and "该单位目前不在劳动关系风险名单中。" in page
    assert 'data-testid="risk-list-form"' in page and 'data-testid="risk-remove-form"' not in page
    response = client.post(f"{url}risk/list/", {"list-reason": "wage_arrears", "list-listed_on": "2025-06-01",
                                                "list-note": "连续两月延期发薪"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "在名单中" in page and "欠薪隐患" in page and "2025-06-01" in page and "连续两月延期发薪" in page
    assert 'data-testid="risk-remove-form"' in page and 'data-testid="risk-list-form"' not in page
    refused = client.post(f"{url}risk/remove/", {"remove-reason": ""})
    assert refused.status_code == 400 and "移出原因" in refused.content.decode()
    assert client.post(f"{url}risk/remove/", {"remove-reason": "工资已补发"}).status_code == 302
    page = client.get(url).content.decode()
    assert 'data-testid="risk-history"' in page and "工资已补发" in page and "未列入" in page
    assert AuditEntry.objects.filter(action__startswith="employer.risk_").count() == 2


def test_a_refusal_is_shown_beside_the_field_on_the_employers_page(login, world):
    client = login("county_clerk")
    response = client.post(f"/employers/{world.employer.pk}/risk/list/", {"list-reason": "other", "list-note": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "请填写情况说明。" in page and 'data-testid="error-summary"' in page
    assert not EmployerRiskListing.objects.exists()


def test_a_cadre_who_only_sees_the_employer_gets_no_forms(login, world):
    make_user("county_viewer", world.county, RoleCode.AUDITOR)
    employer_risk_list(actor=SYSTEM, employer=world.employer, reason="layoffs", listed_on="2025-06-01")
    client = login("county_viewer")
    page = client.get(f"/employers/{world.employer.pk}/").content.decode()
    assert "欠薪隐患" not in page and "裁员" in page
    assert "risk-remove-form" not in page and "risk-list-form" not in page
    refused = client.post(f"/employers/{world.employer.pk}/risk/remove/", {"remove-reason": "越权"})
    assert refused.status_code == 400 and 'data-testid="form-error"' in refused.content.decode()
    assert EmployerRiskListing.objects.current().count() == 1


def test_another_county_is_refused_everywhere(login, world):
    make_user("county2_clerk", world.county2, RoleCode.CLERK)
    employer_risk_list(actor=SYSTEM, employer=world.employer, reason="layoffs", listed_on="2025-06-01")
    client = login("county2_clerk")
    pk = world.employer.pk
    assert client.get(f"/employers/{pk}/").status_code == 404
    assert client.post(f"/employers/{pk}/risk/list/", {"list-reason": "layoffs"}).status_code == 404
    assert client.post(f"/employers/{pk}/risk/remove/", {"remove-reason": "越权"}).status_code == 404
    assert "示例科技有限公司" not in client.get("/employers/risk/").content.decode()
    assert EmployerRiskListing.objects.current().count() == 1


def test_the_list_page_shows_the_scopes_listed_employers_with_filters(login, world):
    mine = make_employer(world.township, "春熙停产服装厂")
    theirs = make_employer(world.county2, "涪城欠薪建筑公司")
    employer_risk_list(actor=SYSTEM, employer=world.employer, reason="wage_arrears", listed_on="2025-02-01")
    employer_risk_list(actor=SYSTEM, employer=mine, reason="shutdown", listed_on="2025-05-01")
    employer_risk_list(actor=SYSTEM, employer=theirs, reason="wage_arrears", listed_on="2025-05-01")
    client = login("county_admin")
    page = client.get("/employers/risk/").content.decode()
    assert "示例科技有限公司" in page and "春熙停产服装厂" in page and "涪城欠薪建筑公司" not in page
    assert 'export="orgs.risk_listings"' not in page and "导出Excel" in page
    by_reason = client.get("/employers/risk/", {"reason": "shutdown"}).content.decode()
    assert "春熙停产服装厂" in by_reason and "示例科技有限公司" not in by_reason
    by_date = client.get("/employers/risk/", {"listed_from": "2025-03-01"}).content.decode()
    assert "春熙停产服装厂" in by_date and "示例科技有限公司" not in by_date
    garbled = client.get("/employers/risk/", {"listed_from": "明天", "reason": "nonsense"})
    assert garbled.status_code == 200 and "示例科技有限公司" in garbled.content.decode()


def test_the_nav_offers_the_list_next_to_the_employers(login, world):
    page = login("county_clerk").get("/employers/risk/").content.decode()
    assert page.index('href="/employers/"') < page.index('href="/employers/risk/"')
