"""集体合同 on the portal: login required, a member reads the contracts covering their employer (its own
and a regional one) in plain words, a member elsewhere sees none of them, and a report that a term is
not kept becomes a 12351 case linked to the contract and listed on the console's contract page."""

import pytest
from django.test import Client

from gonghui.cases.models import Case
from gonghui.contracts.choices import Reach
from gonghui.contracts.models import ContractCase, ContractEvent
from gonghui.contracts.services import CoverageIn, minimum_wage_set
from gonghui.contracts.tests.conftest import D, in_force
from gonghui.orgs.choices import Level, UnionKind
from gonghui.orgs.models import Employer, Region, TradeUnion
from gonghui.portal.conftest import portal_login
from gonghui.testing.world import PASSWORD, make_employer, make_member, make_union

pytestmark = pytest.mark.django_db

TERMS = {"wages.increase_rate": "5", "wages.lowest_paid": "2300", "hours.weekly": "40",
         "women.special_checkup": "1"}


@pytest.fixture
def contract(world):
    province = Region.objects.create(adcode="510000", name="四川省", level=1, dataset="test")
    TradeUnion.objects.filter(pk=world.province.pk).update(region=province)
    Employer.objects.filter(pk=world.employer.pk).update(region=province)
    minimum_wage_set(actor=world.province_officer, region=province, monthly="2100", effective_from=D(2024, 1, 1),
                     source="川府规〔2023〕1号")
    return in_force(world.grassroots_clerk, world.grassroots, employer=world.employer, terms=TERMS)


@pytest.fixture
def member(world, client):
    return portal_login(client, world.membership.member.phone)


def test_a_visitor_is_sent_to_the_login_and_the_home_tile_says_so(world, client, contract):
    for url in ("/portal/contracts/", f"/portal/contracts/{contract.pk}/", f"/portal/contracts/{contract.pk}/report/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/portal/login/")
    home = client.get("/portal/").content.decode()
    tile = home[home.index('data-testid="service-contracts"'):][:600]
    assert "集体合同" in tile and 'data-testid="needs-login"' in tile


def test_a_member_reads_the_wage_terms_of_their_employers_contract_in_plain_words(world, member, contract):
    page = member.get("/portal/contracts/").content.decode()
    assert contract.title in page and "5%" in page and "2300" in page
    detail = member.get(f"/portal/contracts/{contract.pk}/").content.decode()
    assert "今年工资比上年平均提高的幅度" in detail and "5 %" in detail
    assert "比当地最低工资标准 2100 元/月高 200 元" in detail
    assert "每周工作多少小时" in detail and "40 小时" in detail
    assert 'data-testid="term-women.special_checkup"' in detail


def test_a_regional_contract_listing_the_employer_shows_beside_its_own(world, member, contract):
    regional = in_force(world.township_clerk, world.township, reach=Reach.REGIONAL, kind_code="comprehensive",
                        coverage=[CoverageIn(world.employer, 80)], terms={"rest.annual_leave_days": "7"})
    page = member.get("/portal/contracts/").content.decode()
    assert contract.title in page and regional.title in page and "区域性" in page
    assert "每年带薪年休假天数" in member.get(f"/portal/contracts/{regional.pk}/").content.decode()


def test_a_member_of_another_employer_sees_nothing_of_this_contract(world, contract):
    elsewhere = make_union(world.county2, "涪城某厂工会委员会", Level.GRASSROOTS, UnionKind.ENTERPRISE)
    make_employer(elsewhere, "涪城某厂")
    phone = make_member(elsewhere, name="赵六").member.phone
    client = portal_login(Client(), phone)
    page = client.get("/portal/contracts/").content.decode()
    assert 'data-testid="no-contracts"' in page and contract.title not in page
    assert client.get(f"/portal/contracts/{contract.pk}/").status_code == 404
    assert client.post(f"/portal/contracts/{contract.pk}/report/", {
        "term": "wages.increase_rate", "description": "没有涨工资", "caller_name": "赵六", "consent": "on"}
    ).status_code == 404
    assert not Case.objects.exists()


def test_a_report_that_a_term_is_not_kept_becomes_a_case_linked_to_the_contract(world, member, contract):
    form = member.get(f"/portal/contracts/{contract.pk}/report/?term=wages.increase_rate").content.decode()
    assert "李四" in form and 'value="wages.increase_rate" selected' in form
    refused = member.post(f"/portal/contracts/{contract.pk}/report/", {"term": "", "description": "",
                                                                        "caller_name": "李四"})
    assert refused.status_code == 400 and not Case.objects.exists()
    response = member.post(f"/portal/contracts/{contract.pk}/report/", {
        "term": "wages.increase_rate", "description": "4月起工资没有按合同上调。", "caller_name": "李四",
        "identity_withheld": "on", "consent": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    case = Case.objects.get()
    assert response["Location"].startswith(f"/portal/cases/{case.number}/")
    assert case.category == "wages" and case.identity_withheld and case.employer_name == world.employer.name
    assert contract.title in case.description and "工资增长幅度" in case.description
    link = ContractCase.objects.get()
    assert (link.contract_id, link.case_id, link.term.code) == (contract.pk, case.pk, "wages.increase_rate")
    assert ContractEvent.objects.filter(contract=contract, action="report", note=case.number).exists()
    console = Client()
    assert console.post("/login/", {"username": "grassroots_clerk", "password": PASSWORD}).status_code == 302
    page = console.get(f"/contracts/{contract.pk}/").content.decode()
    assert 'data-testid="linked-cases"' in page and case.number in page


def test_a_contract_not_in_force_is_not_shown(world, member):
    from gonghui.contracts.tests.conftest import drafted

    draft = drafted(world.grassroots_clerk, world.grassroots, employer=world.employer)
    assert draft.title not in member.get("/portal/contracts/").content.decode()
    assert member.get(f"/portal/contracts/{draft.pk}/").status_code == 404
