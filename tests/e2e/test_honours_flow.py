"""A provincial 劳动模范 call on the real pages (issue #13): the grassroots union nominates a worker of
its own; the county and then the city pass it within their places; the province passes it and publishes
the 公示; a member of the public on a phone objects, proving the phone by SMS; the objection is a 12351
case the province answers on the case pages, and concludes; once the 公示 has run out the province
awards the honour, which the worker sees on the portal's 我的 and which enters the 劳模 register."""

import datetime
import re

import pytest
from django.utils import timezone

from gonghui.accounts import sms_backends
from gonghui.accounts.roles import RoleCode
from gonghui.cases.models import Case
from gonghui.honours.choices import NominationStatus
from gonghui.honours.models import Award, AwardKind, HonourNomination, ModelWorker, Objection, PublicNotice
from gonghui.honours.services import call_issue, call_quota_set
from gonghui.testing.world import add_holding_cadres, build_world, make_member, make_person_id, make_user
from tests.e2e.conftest import pick_employer, shot
from tests.e2e.test_console import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WORKER = "周建国"
WORKER_PHONE = "13800138321"
OBJECTOR_PHONE = "13900139456"
GRASSROOTS = "示例科技有限公司工会委员会"
EMPLOYER = "示例科技有限公司"
DECISION = "川工发〔2026〕18号"
CERTIFICATE = "SCLM2026-0007"


def _setup():
    """What is not the point here: the personas, the worker in the registry, the call and its places."""
    world = add_holding_cadres(build_world())
    make_user("city_clerk", world.city, RoleCode.CLERK)
    id_number = make_person_id(born="19800315")
    make_member(world.grassroots, name=WORKER, phone=WORKER_PHONE, id_number=id_number)
    today = timezone.localdate()
    call = call_issue(actor=world.province_officer, union=world.province,
                      kind=AwardKind.objects.get(code="province_model_worker"), year=today.year,
                      title=f"关于评选{today.year}年四川省劳动模范的通知", document_number="川工发〔2026〕3号",
                      nominations_due=today + datetime.timedelta(days=30),
                      reviews_due=today + datetime.timedelta(days=60), places=10, notice_working_days=5)
    # 成都市 and 锦江区 each review at their level, one place each.
    call_quota_set(actor=world.province_officer, call=call, union=world.city, places=1)
    call_quota_set(actor=world.province_officer, call=call, union=world.county, places=1)
    return world, call, id_number


def _console(browser, base: str, username: str):
    """One browser context per cadre, as people at their own desks."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base = base
    log_in(page, username)
    page.wait_for_url(base + "/")
    return context, page


def _fill(box, **fields: str) -> None:
    for name, value in fields.items():
        field = box.locator(f"[name='{name}']")
        if field.first.get_attribute("type") == "radio":
            box.locator(f"[name='{name}'][value='{value}']").check()
        elif field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)


def _step(page, action: str, **fields: str) -> None:
    """One step on the nomination's page: its card unfolded, filled and sent; the page comes back."""
    form = page.get_by_test_id(f"do-{action}")
    if not form.is_visible():
        page.locator("details", has=form).locator("summary").click()
    _fill(form, **fields)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def _pass_and_submit(page, call_pk: int, nomination_pk: int, level: str) -> None:
    """A level checks the nominee (the findings shown), passes it, and submits its list upwards."""
    page.goto(page.base + f"/honours/nominations/{nomination_pk}/")
    assert page.get_by_test_id("at-union").inner_text() == level
    page.get_by_test_id("checks").wait_for()
    _step(page, "check", decision="clear")
    _step(page, "pass")
    page.goto(page.base + f"/honours/calls/{call_pk}/")
    assert "名单符合评选通知的各项要求" in page.get_by_test_id("level-list").inner_text()
    page.get_by_test_id("level-submit").locator("button").click()
    page.wait_for_load_state()


def _nominate(browser, base: str, call_pk: int, id_number: str) -> HonourNomination:
    context, page = _console(browser, base, "grassroots_clerk")
    page.goto(page.base + "/honours/calls/")
    page.get_by_test_id("call-table").get_by_role("link", name=re.compile("四川省劳动模范")).click()
    page.get_by_test_id("nominate").click()
    page.wait_for_url(f"**/honours/calls/{call_pk}/nominate/")
    form = page.get_by_test_id("nomination-form")
    form.locator("[name=union]").select_option(label=GRASSROOTS)
    pick_employer(form, "示例科技", EMPLOYER)
    _fill(form, name=WORKER, id_number=id_number, post="数控车间班组长", category="front_line",
          deeds="扎根生产一线二十年，带领班组完成技术革新十二项，年创效益三百余万元。",
          deeds_summary="数控车间班组长，带领班组完成技术革新十二项。", employer_opinion="同意推荐")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/honours/nominations/\d+/$"))
    nomination = HonourNomination.objects.get(call_id=call_pk)
    assert page.get_by_test_id("id-masked").inner_text() == nomination.id_masked != id_number
    # The union amends its deeds while it still holds the nomination.
    page.get_by_test_id("edit").click()
    page.wait_for_url(f"**/honours/nominations/{nomination.pk}/edit/")
    page.get_by_test_id("nomination-form").locator("[name=employer_opinion]").fill("同意推荐，单位党委已审核")
    page.get_by_test_id("nomination-form").locator("button[type=submit]").click()
    page.wait_for_url(f"**/honours/nominations/{nomination.pk}/")
    _pass_and_submit(page, call_pk, nomination.pk, GRASSROOTS)
    context.close()
    return nomination


def _province_publishes(page, call_pk: int, nomination_pk: int) -> PublicNotice:
    _pass_and_submit(page, call_pk, nomination_pk, "四川省总工会")
    assert HonourNomination.objects.get(pk=nomination_pk).status == NominationStatus.FINAL
    form = page.get_by_test_id("publish-form")
    page.locator("details", has=form).locator("summary").click()
    _fill(form, starts_on=timezone.localdate().isoformat(), contact="028-12351")
    form.locator("button[type=submit]").click()
    page.get_by_test_id("notice").wait_for()
    shot(page, "honours-call-in-notice")
    return PublicNotice.objects.get(call_id=call_pk)


def _public_objects_on_a_phone(browser, base: str, notice: PublicNotice, nomination_pk: int) -> str:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    phone.set_default_timeout(15_000)
    phone.goto(base + "/portal/honours/")
    phone.get_by_test_id(f"notice-{notice.pk}").click()
    phone.wait_for_url(f"**/portal/honours/{notice.pk}/")
    entry = phone.get_by_test_id(f"entry-{nomination_pk}")
    text = entry.inner_text()
    assert WORKER in text and "数控车间班组长" in text and WORKER_PHONE not in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    entry.get_by_role("link", name=f"对{WORKER}提出异议").click()
    phone.wait_for_url(f"**/portal/honours/{notice.pk}/object/{nomination_pk}/")
    phone.fill("#id_text", "据了解该同志所在班组的技术革新成果系他人完成，请核实。")
    phone.fill("#id_objector_name", "王女士")
    phone.get_by_test_id("guest-phone").fill("139 0013 9456")
    phone.get_by_test_id("send-code").click()
    phone.wait_for_load_state()
    # The page comes back with what was typed, and the code is in the outbox.
    assert "技术革新成果系他人完成" in phone.locator("#id_text").input_value()
    code = next(m.code for m in reversed(sms_backends.outbox) if m.phone == OBJECTOR_PHONE)
    phone.fill("#id_code", code)
    phone.get_by_test_id("submit-objection").click()
    phone.wait_for_url("**/portal/honours/objected/")
    number = phone.get_by_test_id("case-number").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "portal-honours-objection-filed")
    context.close()
    return number


def _case_step(page, action: str, **fields: str) -> None:
    """One action card on the console's case page (the main one open, the others under 更多操作)."""
    card = page.locator(f"[data-action={action}]")
    if not card.is_visible():
        page.get_by_test_id("more-actions").locator("summary").first.click()
    if card.evaluate("el => el.tagName === 'DETAILS' && !el.open"):
        card.locator("summary").click()
    _fill(card, **fields)
    card.get_by_test_id(f"do-{action}").click()
    page.wait_for_load_state()


def _province_answers_the_objection(page, nomination_pk: int, number: str) -> None:
    page.goto(page.base + "/honours/objections/")
    assert number in page.get_by_test_id("objection-table").inner_text()
    assert OBJECTOR_PHONE not in page.content()
    page.goto(page.base + f"/honours/nominations/{nomination_pk}/")
    objections = page.get_by_test_id("objections")
    assert "技术革新成果系他人完成" in objections.inner_text()
    objections.get_by_role("link", name=number).click()
    page.wait_for_url(re.compile(r".*/cases/\d+/$"))
    _case_step(page, "classify", category="other", difficulty="hard", kind="complaint")
    _case_step(page, "start")
    _case_step(page, "resolve",
               outcome="经向所在单位和班组核实，技术革新成果由该同志主持完成，异议不成立，已电话答复异议人。")
    page.get_by_test_id("timeline").filter(has_text="办结").wait_for()
    page.goto(page.base + f"/honours/nominations/{nomination_pk}/")
    objection = Objection.objects.get(case__number=number)
    form = page.get_by_test_id(f"conclude-{objection.pk}")
    page.locator("details", has=form).locator("summary").click()
    _fill(form, verdict="dismissed", note="经核实，成果由其主持完成，异议不成立。")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "异议不成立" in page.get_by_test_id("objections").inner_text()


def test_a_model_worker_is_nominated_passed_up_objected_to_on_a_phone_and_awarded(browser, live_server):
    world, call, id_number = _setup()
    base = live_server.url
    nomination = _nominate(browser, base, call.pk, id_number)

    for username, level in (("county_clerk", "成都市锦江区总工会"), ("city_clerk", "成都市总工会")):
        context, page = _console(browser, base, username)
        _pass_and_submit(page, call.pk, nomination.pk, level)
        # The level's one place is taken, and the nominee has moved on to the level above.
        assert "名额1个" in page.get_by_test_id("level-list").inner_text()
        assert HonourNomination.objects.get(pk=nomination.pk).at_union.name != level
        context.close()

    context, page = _console(browser, base, "province_officer")
    notice = _province_publishes(page, call.pk, nomination.pk)
    number = _public_objects_on_a_phone(browser, base, notice, nomination.pk)
    case = Case.objects.get(number=number)
    assert Objection.objects.get(case=case).nomination_id == nomination.pk
    assert case.handling_union_id == world.province.pk

    page.goto(page.base + f"/honours/nominations/{nomination.pk}/")
    assert "期满后才能作出表彰决定" in page.get_by_test_id("award-waits").inner_text()

    # The 公示's working days run out: the notice is moved back so that it ended yesterday.
    length = notice.ends_on - notice.starts_on
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    PublicNotice.objects.filter(pk=notice.pk).update(starts_on=yesterday - length, ends_on=yesterday)
    page.reload()
    assert number in page.get_by_test_id("award-waits").inner_text()  # the award waits for the answer
    _province_answers_the_objection(page, nomination.pk, number)
    assert page.get_by_test_id("award-waits").count() == 0
    _step(page, "award", decision_number=DECISION, decided_on=timezone.localdate().isoformat(),
          certificate_number=CERTIFICATE)
    assert page.get_by_test_id("status").inner_text() == "已表彰"
    award = Award.objects.get(nomination=nomination)
    assert (award.decision_number, award.certificate_number) == (DECISION, CERTIFICATE)
    shot(page, "honours-nominee-awarded")

    page.goto(page.base + "/honours/awards/")
    page.get_by_test_id("award-table").get_by_role("link", name=WORKER).click()
    page.wait_for_url(f"**/honours/awards/{award.pk}/")
    assert DECISION in page.get_by_test_id("award").inner_text()
    page.goto(page.base + "/honours/register/")
    page.get_by_test_id("register-table").get_by_role("link", name=WORKER).click()
    entry = ModelWorker.objects.get(id_index=nomination.id_index)
    page.wait_for_url(f"**/honours/register/{entry.pk}/")
    assert "省劳动模范" in page.get_by_test_id("honours").inner_text()
    assert entry.id_masked in page.get_by_test_id("entry").inner_text()
    shot(page, "honours-register-entry")
    # The lists a province cadre also reads along the way.
    for path in ("/honours/calls/", "/honours/calls/new/", "/honours/nominations/?show=awarded"):
        page.goto(page.base + path)
    context.close()

    # The worker sees the honour on the portal's 我的.
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    phone.set_default_timeout(15_000)
    phone.goto(base + "/portal/me/")
    phone.wait_for_url("**/portal/login/**")
    phone.get_by_test_id("phone").fill(WORKER_PHONE)
    phone.get_by_test_id("send-code").click()
    phone.wait_for_url("**/portal/login/code/")
    phone.get_by_test_id("code").fill(next(m.code for m in reversed(sms_backends.outbox) if m.phone == WORKER_PHONE))
    phone.get_by_test_id("verify").click()
    phone.wait_for_url("**/portal/me/")
    honour = phone.get_by_test_id(f"honour-{award.pk}").inner_text()
    assert "省劳动模范" in honour and DECISION in honour and CERTIFICATE in honour
    shot(phone, "portal-mine-honour")
    context.close()
