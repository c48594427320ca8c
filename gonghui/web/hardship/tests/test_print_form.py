"""困难职工帮扶申请审批表: the file page on paper, masked as the page is, with each level's opinion and
signature lines; opened by whoever may open the file page, and by no one else."""

import pytest

from gonghui.assistance.services import hardship_apply, hardship_reject, hardship_review
from gonghui.web.hardship.tests.hardship_setup import *  # noqa: F403 (the fixtures)

pytestmark = pytest.mark.django_db


def test_the_form_shows_the_household_masked_the_standard_each_opinion_and_the_signature_lines(
        world, filed_file, login):
    file = filed_file(name="王困难", phone="13800001234")
    page = login("county_clerk").get(f"/hardship/{file.pk}/print/")
    text = page.content.decode()
    assert page.status_code == 200
    for shown in ("困难职工帮扶申请审批表", file.number, "王困难", file.worker_id_masked, "138****1234", "成员2",
                  "1,000.00 元", "深度困难", "因病", "示例科技有限公司工会委员会", "基层工会审核意见",
                  "县级工会审批意见",
                  "grassroots_reviewer", "county_reviewer", "经办人（签字）", "审核人（签字）", "审批人（签字）",
                  "申请人（签字）", "（盖章）"):
        assert shown in text, shown
    # Per-head income against the rule's line: both the page's stored figures.
    assert 'data-testid="per-head">1,000.00 元<' in text and 'data-testid="standard">1,000.00 元/人·月<' in text
    # Each member's income and the identity numbers stay masked, as on the file page before 显示完整信息.
    assert "12,000.00" not in text and "****" in text
    assert "13800001234" not in text


def test_a_refusal_stands_in_the_box_of_the_level_that_refused(world, survey, grassroots_reviewer, login):
    file = hardship_reject(actor=grassroots_reviewer, file=hardship_apply(actor=world.county_clerk, file=survey()),
                           reason="家庭收入超过标准")
    text = login("county_clerk").get(f"/hardship/{file.pk}/print/").content.decode()
    review = text.split('data-testid="review">')[1].split("</td>")[0]
    assert "不同意。家庭收入超过标准" in review
    assert "同意。" not in text.split('data-testid="approve">')[1].split("</td>")[0]


def test_the_file_page_links_to_the_form(world, survey, login):
    file = survey()
    assert f'href="/hardship/{file.pk}/print/"' in login("county_clerk").get(f"/hardship/{file.pk}/").content.decode()


def test_another_county_gets_404_and_a_cadre_without_registry_work_403_as_on_the_file_page(
        world, survey, county2_admin, login):
    file = hardship_review(actor=world.county_admin, file=hardship_apply(actor=world.county_clerk, file=survey()))
    other = login("county2_admin")
    assert other.get(f"/hardship/{file.pk}/").status_code == 404
    assert other.get(f"/hardship/{file.pk}/print/").status_code == 404
    nobody = login("no_grants")
    assert nobody.get(f"/hardship/{file.pk}/").status_code == 403
    assert nobody.get(f"/hardship/{file.pk}/print/").status_code == 403
