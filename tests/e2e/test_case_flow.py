"""A 12351 call from intake to the worker's rating: the hotline agent takes it on the console and
dispatches it to the county, the county accepts and resolves it on the console, and the worker
follows and rates it on a phone."""

import re

import pytest

from gonghui.accounts import sms_backends
from gonghui.accounts.roles import RoleCode
from gonghui.cases.models import Case
from gonghui.testing.world import build_world, make_user
from tests.e2e.conftest import shot
from tests.e2e.test_console import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CALLER = "13800138555"


def _open(page, action: str):
    """The action's card on the console's case page: the main step is open already, the others wait
    folded under 更多操作."""
    card = page.locator(f"[data-action={action}]")
    if not card.is_visible():
        page.get_by_test_id("more-actions").locator("summary").first.click()
    if card.evaluate("el => el.tagName === 'DETAILS' && !el.open"):
        card.locator("summary").click()
    return card


def _act(page, action: str, **fields: str) -> None:
    """Open one action card, fill it and submit it."""
    card = _open(page, action)
    for name, value in fields.items():
        card.locator(f"[name={name}]").fill(value)
    card.get_by_test_id(f"do-{action}").click()
    page.wait_for_load_state()


def _agent_takes_the_call_and_dispatches_it(page, county_name: str) -> int:
    log_in(page, "hotline")
    page.wait_for_url(page.base + "/")
    page.goto(page.base + "/cases/intake/")
    page.fill("#id_caller_name", "周晓红")
    page.fill("#id_caller_phone", CALLER)
    page.fill("#id_employer_name", "示例科技有限公司")
    page.fill("#id_address", "成都市锦江区春熙路1号")
    page.fill("#id_description", "公司拖欠两个月加班费共六千元。")
    page.select_option("#id_category", "wages")
    page.select_option("#id_difficulty", "hard")
    page.get_by_test_id("intake-submit").click()
    page.wait_for_url(re.compile(r".*/cases/\d+/$"))
    pk = int(page.url.rstrip("/").rsplit("/", 1)[1])
    card = _open(page, "dispatch")
    card.locator("#dispatch-q").fill("锦江")
    card.locator("label", has_text=county_name).locator("[data-testid=pick-union]").check()
    card.get_by_test_id("do-dispatch").click()
    page.get_by_test_id("handling-union").filter(has_text=county_name).wait_for()
    shot(page, "console-case-dispatched")
    return pk


def _county_accepts_and_resolves(browser, base: str, pk: int) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base = base
    log_in(page, "county_admin")
    page.wait_for_url(page.base + "/")
    page.goto(page.base + f"/cases/{pk}/")
    _act(page, "accept")
    _act(page, "start")
    _act(page, "resolve", outcome="经协调单位已补发加班费六千元。", money_recovered="6000", people_helped="1")
    page.get_by_test_id("timeline").filter(has_text="办结").wait_for()
    context.close()


def test_a_call_is_dispatched_resolved_and_rated_by_the_worker_on_a_phone(browser, page, phone):
    world = build_world()
    make_user("hotline", world.province, RoleCode.HOTLINE_AGENT)
    pk = _agent_takes_the_call_and_dispatches_it(page, world.county.name)
    _county_accepts_and_resolves(browser, page.base, pk)
    case = Case.objects.get(pk=pk)
    assert (case.status, case.handling_union) == ("resolved", world.county)
    errors: list[str] = []
    phone.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    phone.on("pageerror", lambda e: errors.append(str(e)))

    phone.goto(phone.base + "/portal/cases/")
    phone.get_by_test_id("go-follow").click()
    phone.get_by_test_id("case-number").fill(case.number)
    phone.get_by_test_id("guest-phone").fill("138 0013 8555")
    phone.get_by_test_id("send-code").click()
    phone.get_by_test_id("message").wait_for()
    assert phone.get_by_test_id("case-number").input_value() == case.number  # kept across the send
    code = next(m.code for m in reversed(sms_backends.outbox) if m.phone == CALLER)
    phone.fill("#id_code", code)
    phone.get_by_test_id("follow").click()
    phone.wait_for_url(re.compile(rf".*/portal/cases/{case.number}/$"))

    assert phone.get_by_test_id("case-status").inner_text() == "已办结"
    assert phone.get_by_test_id("handling-union").inner_text() == "成都市锦江区总工会"
    assert "补发加班费" in phone.get_by_test_id("outcome").inner_text()
    timeline = phone.get_by_test_id("timeline").inner_text()
    assert "派单" in timeline and "签收" in timeline and "county_admin" not in phone.content()
    shot(phone, "portal-case-resolved")

    phone.get_by_test_id("rating-satisfied").click()
    phone.fill("#id_note", "办得很快谢谢工会")
    phone.get_by_test_id("submit-rating").click()
    phone.get_by_test_id("rated").wait_for()
    assert phone.get_by_test_id("rating-value").inner_text() == "满意"
    shot(phone, "portal-case-rated")
    case = Case.objects.get(pk=case.pk)
    assert (case.status, case.rating, case.callback_note) == ("called_back", "satisfied", "办得很快谢谢工会")
    assert errors == []
