import pytest

from gonghui.testing.world import PASSWORD, build_world
from tests.e2e.conftest import nav_link, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, username: str, password: str = PASSWORD) -> None:
    page.goto(page.base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_test_id("login-submit").click()


def test_a_county_cadre_browses_the_tree_and_meets_404_outside_it(page):
    world = build_world()
    log_in(page, "county_admin")
    page.wait_for_url(page.base + "/")
    assert page.get_by_test_id("summary").is_visible()
    nav_link(page, "组织机构").click()
    page.wait_for_url("**/orgs/")
    tree = page.get_by_test_id("org-tree")
    tree.get_by_text("成都市锦江区总工会").wait_for()
    page.get_by_test_id(f"toggle-{world.county.pk}").click()
    tree.get_by_text("春熙路街道工会").wait_for()
    page.get_by_test_id(f"toggle-{world.township.pk}").click()
    tree.get_by_text("示例科技有限公司工会委员会").click()
    page.wait_for_url(f"**/orgs/{world.grassroots.pk}/")
    assert page.get_by_test_id("org-name").inner_text() == "示例科技有限公司工会委员会"
    shot(page, "county-org-detail")
    assert page.errors == []
    response = page.goto(page.base + f"/orgs/{world.county2.pk}/")
    assert response.status == 404
    assert "找不到" in page.get_by_test_id("error-title").inner_text()


def test_search_by_pinyin_from_the_tree_page(page):
    build_world()
    log_in(page, "province_officer")
    page.goto(page.base + "/orgs/")
    page.get_by_test_id("org-search").fill("cdsjjq")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="成都市锦江区总工会").wait_for()


def test_switching_to_english_and_back(page):
    build_world()
    log_in(page, "county_admin")
    page.wait_for_url(page.base + "/")
    picker = page.get_by_test_id("language")
    # From the keyboard one arrow key changes a closed select: that alone must not reload the page.
    picker.focus()
    page.keyboard.press("ArrowDown")
    assert picker.input_value() == "en"
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.locator(".gh-lang-form .gh-apply").is_visible()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("html").get_attribute("lang") == "en"
    assert nav_link(page, "Organisations").is_visible()
    # A pick with the pointer applies at once.
    with page.expect_navigation():
        page.get_by_test_id("language").dispatch_event("pointerdown")
        page.get_by_test_id("language").select_option("zh-hans")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert nav_link(page, "组织机构").is_visible()


def test_five_wrong_passwords_lock_the_account(page):
    build_world()
    for _ in range(5):
        log_in(page, "county_admin", "wrong-password")
    assert "账号已被锁定" in page.get_by_test_id("form-error").inner_text()
    log_in(page, "county_admin")
    assert "账号已被锁定" in page.get_by_test_id("form-error").inner_text()


def test_moving_a_union_with_the_picker(page):
    world = build_world()
    log_in(page, "province_officer")
    page.goto(page.base + f"/orgs/{world.township.pk}/move/")
    page.get_by_test_id("pick-search").fill("涪城")
    page.locator(f"input[name=target][value='{world.county2.pk}']").check()
    page.get_by_role("button", name="确认移动").click()
    page.wait_for_url(f"**/orgs/{world.township.pk}/")
    assert "绵阳市涪城区总工会" in page.locator(".breadcrumb").inner_text()


def test_the_dashboard_works_at_phone_width(phone):
    build_world()
    log_in(phone, "county_admin")
    phone.wait_for_url(phone.base + "/")
    assert phone.get_by_test_id("summary").is_visible()
    phone.get_by_role("button", name="菜单").click()
    nav_link(phone, "组织机构", menu="#gh-mobile-nav").click()
    phone.wait_for_url("**/orgs/")
    shot(phone, "phone-org-tree")
