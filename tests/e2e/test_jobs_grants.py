"""报送授权 in a browser: a county cadre grants a job-posting partner key an employer and revokes it, on a
desktop and on a phone; axe checks each page (tests/e2e/a11y.py)."""

import pytest

from gonghui.members.services.partners import partner_create
from gonghui.testing.world import SYSTEM, build_world
from tests.e2e.conftest import shot
from tests.e2e.test_console import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_a_county_cadre_grants_a_partner_an_employer_and_revokes_it(browser, live_server, width):
    world = build_world()
    partner_create(actor=SYSTEM, union=world.province, name="蓉城招聘平台", purposes=["jobs"])
    partner_create(actor=SYSTEM, union=world.province, name="示例银行", purposes=["verify"])
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base = live_server.url
    log_in(page, "county_admin")
    page.wait_for_url(page.base + "/")
    page.goto(page.base + "/jobs/postings/review/")
    page.get_by_role("link", name="报送授权").click()
    form = page.get_by_test_id("grant-form")
    assert "示例银行" not in form.inner_text()
    form.locator("#id_partner").select_option(label=next(
        o for o in form.locator("#id_partner option").all_inner_texts() if o.startswith("蓉城招聘平台")))
    form.locator("#id_employer").select_option(label=world.employer.name)
    form.get_by_role("button", name="授权").click()
    table = page.get_by_test_id("grant-table")
    table.get_by_text("有效").wait_for()
    shot(page, f"jobs-grants-{width}")
    # Read in place on a phone: the table never scrolls sideways and 撤销 is on the screen.
    wrapper = table.locator("xpath=..")
    assert wrapper.evaluate("e => e.scrollWidth <= e.clientWidth")
    box = table.get_by_role("button", name="撤销").bounding_box()
    assert box is not None and box["x"] + box["width"] <= width
    table.get_by_role("button", name="撤销").click()
    table.get_by_text("已撤销").wait_for()
    context.close()
