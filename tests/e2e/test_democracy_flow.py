"""民主管理 on the real pages: a grassroots union's cadre records a 职代会 term and its delegates (the
composition table shows every rule met), holds a session whose contract draft passes after a count
short of the quorum is refused with its numbers, and takes a proposal from submitted to answered; the
county's cadre reads the figures, exports the companies that have no 职工董事 and records 指导意见
on the congress."""

import datetime
import re

import openpyxl
import pytest
from django.utils import timezone

from gonghui.accounts.roles import RoleCode
from gonghui.democracy.choices import CongressForm, DelegateCategory
from gonghui.democracy.services import congress_establish
from gonghui.democracy.tests.setup import make_company, roster
from gonghui.orgs.choices import Ownership
from gonghui.testing.world import SYSTEM, build_world, make_user
from tests.e2e.conftest import shot
from tests.e2e.test_console import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
COMPANY = "成都锦城机械制造有限公司"
UNCOVERED = "成都蜀川汽车零部件有限公司"
LABELS = {value: str(label) for value, label in DelegateCategory.choices}


def _cadre(browser, base: str, username: str, *, width: int = 1366):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base = base
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, username)
    page.wait_for_url(base + "/")
    return page


def _roster_text() -> str:
    """30 delegates for 400 workers: 6 leaders (20%), 12 women, 3 dispatched, one a line."""
    return "\n".join(f"{d.name} {d.constituency} {LABELS[d.category]} {'女' if d.is_woman else '-'} "
                     f"{'派遣' if d.is_dispatched else '-'}" for d in roster())


def test_a_grassroots_congress_votes_a_contract_draft_and_answers_a_proposal(browser, live_server, tmp_path):
    world = build_world()
    make_user("grassroots_admin", world.grassroots, RoleCode.UNION_ADMIN)
    employer = make_company(world.grassroots, name=COMPANY, workforce=400, women=160)
    congress = congress_establish(actor=SYSTEM, employer=employer, form=CongressForm.REPRESENTATIVE,
                                  established_on=datetime.date(2019, 3, 1))
    make_company(world.grassroots, name=UNCOVERED, workforce=650, women=200, ownership=Ownership.PRIVATE)
    today = timezone.localdate()

    cadre = _cadre(browser, live_server.url, "grassroots_admin")
    cadre.goto(f"{cadre.base}/democracy/congresses/{congress.pk}/")
    cadre.get_by_text("登记新一届任期").click()
    form = cadre.get_by_test_id("term-form")
    form.locator("#id_term_starts_on").fill((today - datetime.timedelta(days=200)).isoformat())
    form.locator("#id_term_ends_on").fill((today - datetime.timedelta(days=201)).replace(
        year=today.year + 3).isoformat())
    form.locator("#id_term_workforce").fill("400")
    form.locator("#id_term_women_workforce").fill("160")
    form.locator("#id_term_dispatched_workforce").fill("20")
    form.locator("button[type=submit]").click()
    cadre.get_by_test_id("terms").get_by_text("第1届").wait_for()

    cadre.get_by_text("登记本届代表名单").click()
    cadre.locator("#id_roster_roster").fill(_roster_text())
    cadre.get_by_test_id("roster-form").locator("button[type=submit]").click()
    composition = cadre.get_by_test_id("composition")
    composition.wait_for()
    assert composition.locator("tbody tr").count() == 4
    assert composition.locator(".badge.text-bg-success").count() == 4
    assert composition.get_by_text("不符合").count() == 0
    cadre.get_by_test_id("delegates").get_by_text("职工代表（30 人）").wait_for()

    cadre.get_by_text("登记会议", exact=True).click()
    cadre.locator("#id_session_title").fill("第一届第一次职工代表大会")
    cadre.locator("#id_session_held_on").fill((today - datetime.timedelta(days=30)).isoformat())
    cadre.get_by_test_id("session-form").locator("button[type=submit]").click()
    cadre.get_by_test_id("sessions").get_by_role("link", name="第一届第一次职工代表大会").click()
    cadre.wait_for_url(re.compile(r".*/democracy/sessions/\d+/$"))
    items = cadre.get_by_test_id("item-form")
    items.get_by_label("事项类型").select_option(label="集体合同草案")
    items.get_by_label("议题").fill("审议《工资专项集体合同（草案）》")
    items.locator("button[type=submit]").click()

    vote = cadre.get_by_test_id("vote-form")
    vote.get_by_label("实到人数").fill("19")
    vote.get_by_label("赞成票").fill("19")
    vote.locator("button[type=submit]").click()
    summary = cadre.get_by_test_id("error-summary")
    summary.wait_for()
    assert "实到 19 人" in summary.inner_text() and "至少 20 人" in summary.inner_text()
    vote = cadre.get_by_test_id("vote-form")
    vote.get_by_label("实到人数").fill("28")
    vote.get_by_label("赞成票").fill("25")
    vote.get_by_label("反对票").fill("2")
    vote.get_by_label("弃权票").fill("1")
    vote.locator("button[type=submit]").click()
    cadre.get_by_test_id("outcome").filter(has_text="通过").wait_for()
    cadre.get_by_test_id("resolve-form").get_by_label("决议").fill("大会审议通过集体合同草案，由双方首席代表签字。")
    cadre.get_by_test_id("resolve-form").locator("button[type=submit]").click()
    cadre.get_by_text("大会审议通过集体合同草案，由双方首席代表签字。").wait_for()
    shot(cadre, "democracy-session-vote")

    cadre.goto(f"{cadre.base}/democracy/congresses/{congress.pk}/")
    cadre.get_by_test_id("new-proposal").click()
    proposal = cadre.get_by_test_id("proposal-form")
    proposal.get_by_label("提案人").select_option(label="代表10（第1选区）")
    proposal.get_by_label("代表11（第2选区）").check()
    proposal.get_by_label("代表12（第3选区）").check()
    proposal.get_by_label("案由").fill("关于夜班职工热餐供应的提案")
    proposal.get_by_label("提案内容").fill("夜班职工没有热饭，建议食堂为夜班提供热餐。")
    proposal.locator("button[type=submit]").click()
    cadre.wait_for_url(re.compile(r".*/democracy/proposals/\d+/$"))
    status = cadre.get_by_test_id("proposal-status")
    assert "待审查" in status.inner_text()
    cadre.get_by_test_id("do-accept").locator("button[type=submit]").click()
    status.filter(has_text="已立案").wait_for()
    cadre.get_by_test_id("do-assign").get_by_label("承办部门").fill("行政后勤部")
    cadre.get_by_test_id("do-assign").locator("button[type=submit]").click()
    status.filter(has_text="已交办").wait_for()
    cadre.get_by_test_id("do-answer").get_by_label("答复内容").fill("自下月起食堂为夜班职工供应热餐。")
    cadre.get_by_test_id("do-answer").locator("button[type=submit]").click()
    status.filter(has_text="已答复").wait_for()
    assert "自下月起食堂为夜班职工供应热餐" in cadre.get_by_test_id("answer").inner_text()
    assert cadre.get_by_test_id("timeline").locator("li").count() == 4
    assert not cadre.errors

    county = _cadre(browser, live_server.url, "county_admin")
    county.goto(county.base + "/democracy/figures/")
    figures = county.get_by_test_id("democracy-figures")
    figures.wait_for()
    assert county.get_by_test_id("proposal-figures").get_by_role("row", name="提交").inner_text().endswith("1")
    county.goto(county.base + "/democracy/seats/")
    missing = county.get_by_test_id("missing-directors")
    assert missing.get_by_text(UNCOVERED).is_visible() and missing.get_by_text(COMPANY).is_visible()
    with county.expect_download() as download_info:
        county.get_by_test_id("list-export").click()
    path = tmp_path / "missing-directors.xlsx"
    download_info.value.save_as(path)
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    names = {row[0] for row in rows if row}
    assert {COMPANY, UNCOVERED} <= names, rows
    shot(county, "democracy-missing-directors")
    # The county reads the congress and records 指导意见; the records themselves are the union's.
    county.goto(f"{county.base}/democracy/congresses/{congress.pk}/")
    assert county.get_by_test_id("term-form").count() == 0
    county.get_by_text("提出指导意见").click()
    county.locator("#id_guidance_note").fill("请在年内召开职代会审议工资集体协商草案。")
    county.get_by_test_id("guidance-form").locator("button[type=submit]").click()
    county.get_by_test_id("guidance").get_by_text("请在年内召开职代会审议工资集体协商草案。").wait_for()
    assert "成都市锦江区总工会" in county.get_by_test_id("guidance").inner_text()
    shot(county, "democracy-guidance")
    assert not county.errors
