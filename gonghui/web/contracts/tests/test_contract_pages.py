"""The 集体合同 console: a contract walked from the offer to publication through its pages, refusals
named by field, the actions each role is offered, scope, and the figures page's two work lists."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gonghui.accounts.roles import RoleCode
from gonghui.contracts.choices import Status
from gonghui.contracts.models import CollectiveContract, ContractKind
from gonghui.contracts.tests.conftest import D, in_force, offer
from gonghui.testing.world import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def login(db):
    def as_user(username):
        client = Client()
        assert client.post("/login/", {"username": username, "password": PASSWORD}).status_code == 302
        return client

    return as_user


def act(client, contract, action, **data):
    contract.refresh_from_db()
    return client.post(f"/contracts/{contract.pk}/do/{action}/", {"version": contract.version, **data})


def test_the_union_sides_clerk_walks_a_wage_contract_from_offer_to_publication(world, login):
    clerk = login("grassroots_clerk")
    wage = ContractKind.objects.get(code="wage")
    page = clerk.get("/contracts/new/")
    assert page.status_code == 200 and "发起集体协商要约" in page.content.decode()
    response = clerk.post("/contracts/new/", {
        "kind": wage.pk, "reach": "employer", "union": world.grassroots.pk, "employer": world.employer.pk,
        "offered_by": "union", "received_on": "2026-03-02", "offer_text": "提出工资集体协商"})
    assert response.status_code == 302
    contract = CollectiveContract.objects.get()
    detail = clerk.get(response.url).content.decode()
    assert "2026-03-23" in detail and 'data-action="answer"' in detail
    assert act(clerk, contract, "answer", answered_on="2026-03-10").status_code == 302
    assert act(clerk, contract, "meet", held_on="2026-03-12", minutes="第一次协商，双方交换意见。").status_code == 302
    draft = {"start_on": "2026-04-01", "end_on": "2029-03-31", "text": "第一条 ……",
             "union_negotiators": "张主席，工会主席\n李代表\n王代表",
             "employer_negotiators": "赵总，总经理\n钱经理\n孙经理",
             "term_wages.increase_rate": "5.5", "term_wages.lowest_paid": "2300", "term_welfare.social_insurance": "1"}
    assert act(clerk, contract, "draft", **draft).status_code == 302
    assert act(clerk, contract, "vote", body="congress", held_on="2026-03-20", entitled=90, present=60,
               in_favour=45, against=0, abstained=0).status_code == 302
    assert act(clerk, contract, "sign", signed_on="2026-03-25").status_code == 302
    assert act(clerk, contract, "file", filed_on="2026-03-30").status_code == 302
    assert act(clerk, contract, "approve", effective_on="2026-04-10").status_code == 302
    assert act(clerk, contract, "publish", published_on="2026-04-12", note="厂务公开栏").status_code == 302
    contract.refresh_from_db()
    assert contract.status == Status.PUBLISHED
    page = clerk.get(f"/contracts/{contract.pk}/").content.decode()
    assert "工资增长幅度" in page and "5.5" in page and "张主席" in page
    assert act(clerk, contract, "attach", file=SimpleUploadedFile("决议.pdf", b"%PDF-1.4 x",
                                                                     content_type="application/pdf")).status_code == 302
    assert contract.attachments.count() == 1


def test_a_vote_short_of_the_quorum_is_refused_on_the_field_with_the_numbers(world, login):
    clerk = login("grassroots_clerk")
    from gonghui.contracts.tests.conftest import drafted

    contract = drafted(world.grassroots_clerk, world.grassroots, employer=world.employer)
    response = act(clerk, contract, "vote", body="congress", held_on="2026-03-20", entitled=90, present=59,
                   in_favour=50, against=0, abstained=0)
    assert response.status_code == 400
    form = response.context["main_form"][0][2]
    assert "59" in form.errors["present"][0] and "60" in form.errors["present"][0]
    contract.refresh_from_db()
    assert contract.status == Status.DRAFTED


def test_a_draft_with_bad_input_names_each_field_and_writes_nothing(world, login):
    clerk = login("grassroots_clerk")
    from gonghui.contracts.services import contract_answer

    contract = contract_answer(actor=world.grassroots_clerk, answered_on=D(2026, 3, 3),
                               contract=offer(world.grassroots_clerk, world.grassroots, employer=world.employer))
    response = act(clerk, contract, "draft", start_on="2026-04-01", end_on="2029-04-01", text="x",
                   union_negotiators="甲\n乙", employer_negotiators="丙\n丁", **{"term_hours.weekly": "四十"})
    assert response.status_code == 400
    form = dict((a, f) for a, _l, f in response.context["main_form"] + response.context["more_forms"])["draft"]
    assert "end_on" in form.errors and "term_hours.weekly" in form.errors
    assert any("3至10人" in e for e in form.non_field_errors())
    contract.refresh_from_db()
    assert (contract.status, contract.negotiators.count()) == (Status.NEGOTIATING, 0)


def test_a_second_wage_contract_for_the_employer_is_refused_with_a_clear_message(world, login):
    clerk = login("grassroots_clerk")
    in_force(world.grassroots_clerk, world.grassroots, employer=world.employer)
    from gonghui.contracts.tests.conftest import filed

    second = filed(world.grassroots_clerk, world.grassroots, employer=world.employer)
    response = act(clerk, second, "approve", effective_on="2026-04-10")
    assert response.status_code == 400
    assert "已有生效的工资专项集体合同" in response.content.decode()


def test_a_reader_sees_the_contract_without_any_action_and_another_county_gets_404(world, login):
    contract = offer(world.grassroots_clerk, world.grassroots, employer=world.employer)
    make_user("county_reader", world.county, RoleCode.STATS_VIEWER)
    page = login("county_reader").get(f"/contracts/{contract.pk}/")
    assert page.status_code == 200 and 'data-testid="no-actions"' in page.content.decode()
    assert login("county_reader").get("/contracts/new/").status_code == 403
    assert act(login("county_reader"), contract, "answer", answered_on="2026-03-05").status_code == 400
    make_user("county2_clerk", world.county2, RoleCode.CLERK)
    other = login("county2_clerk")
    assert other.get(f"/contracts/{contract.pk}/").status_code == 404
    assert act(other, contract, "answer", answered_on="2026-03-05").status_code == 404
    assert "示例科技" not in other.get("/contracts/").content.decode()
    assert login("auditor").get("/contracts/").status_code == 403


def test_an_offer_for_another_countys_employer_is_refused(world, login):
    make_user("county2_clerk", world.county2, RoleCode.CLERK)
    response = login("county2_clerk").post("/contracts/new/", {
        "kind": ContractKind.objects.get(code="wage").pk, "reach": "employer", "union": world.county2.pk,
        "employer": world.employer.pk, "offered_by": "union", "received_on": "2026-03-02"})
    assert response.status_code == 400  # not among the choices the form offers
    assert CollectiveContract.objects.count() == 0


def test_the_list_filters_and_the_tabs(world, login):
    in_force(world.grassroots_clerk, world.grassroots, employer=world.employer)
    offer(world.grassroots_clerk, world.grassroots, employer=world.employer, kind_code="women")
    clerk = login("grassroots_clerk")
    women = ContractKind.objects.get(code="women").pk
    page = clerk.get(f"/contracts/?kind={women}").content.decode()
    assert "女职工权益保护专项" in page and "工资专项集体合同" not in page
    assert "工资专项集体合同" in clerk.get("/contracts/?show=in_force").content.decode()
    assert 'data-testid="list-export"' in page


def test_the_figures_page_names_employers_without_a_wage_contract_and_what_lapses_this_quarter(world, login):
    from gonghui.testing.world import make_employer

    make_employer(world.grassroots, "第二单位")
    in_force(world.grassroots_clerk, world.grassroots, employer=world.employer)
    page = login("grassroots_clerk").get(f"/contracts/figures/?union={world.county.pk}").content.decode()
    assert "<td>第二单位</td>" in page.split('data-testid="no-wage"')[1].split("</section>")[0]
    assert "<td>示例科技有限公司</td>" not in page.split('data-testid="no-wage"')[1].split("</section>")[0]
    assert 'data-testid="lapsing"' in page and "建制率" in page


def test_the_home_page_shows_an_overdue_offer(world, login):
    offer(world.grassroots_clerk, world.grassroots, employer=world.employer, received=D(2026, 1, 5))
    page = login("grassroots_clerk").get("/").content.decode()
    assert "集体协商要约逾期未回应" in page


def test_the_root_adds_a_kind_and_a_province_records_its_minimum_wage(world, login):
    from gonghui.orgs.models import Region

    Region.objects.create(adcode="510000", name="四川省", level=1, dataset="test")
    from gonghui.orgs.models import TradeUnion

    TradeUnion.objects.filter(pk=world.province.pk).update(region="510000")
    national = login("national_admin")
    assert national.post("/contracts/settings/", {"form": "kind", "kind-name": "技能人才专项"}).status_code == 302
    assert ContractKind.objects.filter(name="技能人才专项").exists()
    province = login("province_officer")
    page = province.get("/contracts/settings/").content.decode()
    assert 'data-testid="kind-form"' not in page
    bad = province.post("/contracts/settings/", {"form": "wage", "wage-adcode": "999999", "wage-monthly": "2330",
                                                 "wage-effective_from": "2025-10-01", "wage-source": "文件"})
    assert bad.status_code == 400 and "找不到该行政区划代码" in bad.content.decode()
    ok = province.post("/contracts/settings/", {
        "form": "wage", "wage-adcode": "510000", "wage-monthly": "2330", "wage-effective_from": "2025-10-01",
        "wage-source": "川府规〔2025〕1号"})
    assert ok.status_code == 302
    assert "2330" in province.get("/contracts/settings/").content.decode()
    assert login("grassroots_clerk").get("/contracts/settings/").status_code == 200
    make_user("county_reader", world.county, RoleCode.STATS_VIEWER)
    assert login("county_reader").get("/contracts/settings/").status_code == 403


def test_the_root_deactivates_a_kind_which_leaves_the_offer_form_but_stays_on_its_contracts(world, login):
    existing = offer(world.grassroots_clerk, world.grassroots, employer=world.employer, kind_code="women")
    women = ContractKind.objects.get(code="women")
    clerk = login("grassroots_clerk")
    assert 'data-testid="kind-active-women"' not in clerk.get("/contracts/settings/").content.decode()
    clerk.post("/contracts/settings/", {"form": "kind_active", "kind": women.pk, "active": "0"})
    assert ContractKind.objects.get(code="women").is_active
    national = login("national_admin")
    response = national.post("/contracts/settings/", {"form": "kind_active", "kind": women.pk, "active": "0"},
                             follow=True)
    assert "已停用合同种类“女职工权益保护专项”" in response.content.decode()
    assert not ContractKind.objects.get(code="women").is_active
    assert "女职工权益保护专项" not in clerk.get("/contracts/new/").content.decode()
    assert "女职工权益保护专项" in clerk.get(f"/contracts/{existing.pk}/").content.decode()
    national.post("/contracts/settings/", {"form": "kind_active", "kind": women.pk, "active": "1"})
    assert "女职工权益保护专项" in clerk.get("/contracts/new/").content.decode()
