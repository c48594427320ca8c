"""A county chairman generates the year's 工作报告, follows a figure to its metric, writes a chapter's
narrative and opens the Word document it downloads."""

import docx
import pytest

from gonghui.testing.world import build_world, make_member
from tests.e2e.conftest import nav_link, shot
from tests.e2e.test_console import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_county_writes_its_annual_work_report_and_opens_the_document(page, tmp_path):
    world = build_world()
    make_member(world.grassroots, name="王芳")
    log_in(page, "county_admin")
    page.wait_for_url(page.base + "/")
    nav_link(page, "工作报告").click()
    form = page.get_by_test_id("generate-form")
    form.locator("#id_union").select_option(str(world.county.pk))
    form.locator("#id_period").select_option("2026")
    form.get_by_role("button", name="生成报告").click()
    page.wait_for_url("**/reports/work-report/*/")
    assert page.get_by_role("heading", level=1).inner_text() == "成都市锦江区总工会2026年工作报告"
    org = page.get_by_test_id("chapter-org")
    assert "新发展会员" in org.inner_text()
    # A figure opens its metric: the definition, this union's figure for the year, the rows behind it.
    org.locator("a.gh-wr-figure").nth(1).click()
    page.wait_for_url("**/reports/metrics/unions.grassroots/**")
    assert page.get_by_test_id("metric-rows").locator("tbody tr").count() >= 1
    page.go_back()
    org = page.get_by_test_id("chapter-org")
    org.locator("textarea").fill("全年坚持“两个普遍”，推动新就业形态劳动者入会。")
    page.get_by_role("button", name="保存工作叙述").click()
    page.wait_for_selector(".alert-success")
    shot(page, "console-work-report")
    with page.expect_download() as download_info:
        page.get_by_test_id("download-docx").click()
    path = tmp_path / "report.docx"
    download_info.value.save_as(path)
    text = [p.text for p in docx.Document(str(path)).paragraphs]
    assert text[0] == "成都市锦江区总工会2026年工作报告"
    assert "一、组织建设" in text and "全年坚持“两个普遍”，推动新就业形态劳动者入会。" in text
    assert any("新发展会员" in t for t in text)
    assert not page.errors  # type: ignore[attr-defined]
