"""The 困难职工档案 console forms: 摸底登记 for a member or not, the household table, the assessment
rules and their what-if, the 帮扶统计 dashboard, and the navigation."""

import pytest

from gonghui.assistance.models import AssessmentRule, HardshipFile
from gonghui.testing.world import make_person_id
from gonghui.web.hardship.tests.hardship_setup import *  # noqa: F403 (the fixtures)
from gonghui.web.hardship.tests.hardship_setup import JINJIANG, rows

pytestmark = pytest.mark.django_db


def survey_post(world, **overrides):
    worker_id = make_person_id()
    data = {"union": world.grassroots.pk, "member": "", "worker_name": "钱困难", "worker_id_type": "resident",
            "worker_id_number": worker_id, "worker_phone": "13900002222", "employer_name": "示例科技有限公司",
            "address": "锦江区春熙路1号", "causes": ["illness", "education"], "rigid_expenses": "6,000",
            "adcode": JINJIANG, "survey_note": "入户走访发现", "consent_signer": "钱困难",
            "consent_text_version": "2026-01",
            **rows({"relation": "self", "name": "钱困难", "annual_income": "30000"},
                   {"relation": "spouse", "name": "钱妻", "id_number": make_person_id(born="19850101"),
                    "annual_income": "0", "health_notes": "慢性肾病"},
                   {"relation": "child", "name": "钱子", "annual_income": ""}),
            "save": "1", **overrides}
    return data, worker_id


def test_a_clerk_surveys_a_worker_who_is_not_a_member(world, chengdu_rule, login):
    client = login("county_clerk")
    page = client.get("/hardship/new/").content.decode()
    assert 'data-testid="survey-form"' in page and world.county.name in page and "本人" in page
    data, worker_id = survey_post(world)
    response = client.post("/hardship/new/", data)
    file = HardshipFile.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/hardship/{file.pk}/"
    assert (file.union, file.member, file.household_size, file.has_consent) == (world.grassroots, None, 3, True)
    assert file.worker_id_number == worker_id and file.rigid_expenses == 6000
    assert file.suggested_class == "deep"  # (30,000 - 6,000) / 3 / 12 = 666.67 a head
    assert file.household.get(relation="spouse").health_notes == "慢性肾病"
    text = client.get(response["Location"]).content.decode()
    assert "可以提交申请" in text and "666.67" in text and worker_id not in text and "慢性肾病" not in text


def test_a_clerk_finds_a_member_in_the_registry_and_surveys_them(world, chengdu_rule, login):
    member = world.membership.member
    client = login("county_clerk")
    found = client.post("/hardship/new/", {"union": world.grassroots.pk, "member_q": "李四", "find_member": "1",
                                           **rows({"relation": "self", "name": "李四"})})
    text = found.content.decode()
    assert found.status_code == 200 and f'value="{member.pk}"' in text and member.id_masked in text
    assert not HardshipFile.objects.exists()
    data, _id = survey_post(world, member=str(member.pk), worker_name="", worker_id_number="", worker_phone="")
    response = client.post("/hardship/new/", data)
    file = HardshipFile.objects.get()
    assert response.status_code == 302 and file.member == member and file.worker_name == "李四"
    assert file.worker_id_index == member.id_index


def test_bad_survey_input_names_the_field_and_the_row_and_keeps_what_was_typed(world, chengdu_rule, login):
    client = login("county_clerk")
    data, _id = survey_post(world, union="", worker_phone="12345", **{"household-1-id_number": "510104198501010000",
                                                                      "household-2-annual_income": "很多"})
    response = client.post("/hardship/new/", data)
    text = response.content.decode()
    assert response.status_code == 400 and not HardshipFile.objects.exists()
    assert "请选择建档工会" in text and 'value="钱妻"' in text and 'value="锦江区春熙路1号"' in text
    data["union"] = world.grassroots.pk
    text = client.post("/hardship/new/", data).content.decode()
    assert "手机号码应为11位" in text and "第2位家庭成员" in text and "校验位" in text
    assert "第3位家庭成员" in text and "年收入应为金额" in text and not HardshipFile.objects.exists()
    outside = client.post("/hardship/new/", {**data, "union": world.county2.pk}).content.decode()
    assert "不在您的管辖范围内" in outside and not HardshipFile.objects.exists()


def test_a_second_open_file_for_the_same_person_is_refused_with_the_holder_named(world, survey, login):
    existing = survey()
    client = login("county_clerk")
    data, _id = survey_post(world, worker_id_number=existing.worker_id_number)
    text = client.post("/hardship/new/", data).content.decode()
    assert "已有在办的困难职工档案" in text and world.grassroots.name in text
    assert HardshipFile.objects.count() == 1


def test_adding_a_row_saves_nothing_and_keeps_the_table(world, chengdu_rule, login):
    client = login("county_clerk")
    data, _id = survey_post(world)
    del data["save"]
    response = client.post("/hardship/new/", {**data, "add_row": "1"})
    text = response.content.decode()
    assert response.status_code == 200 and not HardshipFile.objects.exists()
    assert 'name="household-TOTAL_FORMS" value="4"' in text and 'value="钱妻"' in text


def test_the_household_page_changes_what_was_typed_and_keeps_what_was_not(world, survey, login):
    file = survey()
    self_row, spouse, child = file.household.order_by("position")
    client = login("county_clerk")
    page = client.get(f"/hardship/{file.pk}/household/").content.decode()
    assert spouse.id_masked in page and spouse.id_number not in page and "12000" not in page
    data = {"causes": ["illness", "disaster"], "rigid_expenses": "0", "adcode": JINJIANG, "note": "配偶失业",
            "version": file.version, "save": "1",
            **rows({"existing": self_row.pk, "relation": "self", "name": self_row.name},
                   {"existing": spouse.pk, "relation": "spouse", "name": spouse.name, "annual_income": "0"},
                   {"existing": child.pk, "relation": "child", "name": child.name, "DELETE": "on"},
                   {"relation": "parent", "name": "张父", "annual_income": "6000"}, initial=3)}
    response = client.post(f"/hardship/{file.pk}/household/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    file.refresh_from_db()
    people = {m.name: m for m in file.household.all()}
    assert set(people) == {self_row.name, spouse.name, "张父"} and file.household_size == 3
    assert people[self_row.name].annual_income == 24000 and people[self_row.name].id_number == self_row.id_number
    assert people[spouse.name].annual_income == 0 and people[spouse.name].id_number == spouse.id_number
    assert set(file.causes.values_list("cause", flat=True)) == {"illness", "disaster"}
    assert "已保存家庭情况" in client.get(f"/hardship/{file.pk}/").content.decode()


def test_the_household_page_puts_a_row_error_on_its_row_and_refuses_a_second_self(world, survey, county2_admin,
                                                                                  grassroots_reviewer, login):
    file = survey(consent=None)
    client = login("county_clerk")
    data = {"causes": ["illness"], "rigid_expenses": "-5", "adcode": JINJIANG, "version": file.version, "save": "1",
            **rows({"relation": "self", "name": "甲"}, {"relation": "self", "name": "乙", "health_notes": "残疾"})}
    text = client.post(f"/hardship/{file.pk}/household/", data).content.decode()
    assert "只能有一位“本人”" in text and "不小于0" in text and "须先登记本人" in text
    assert file.household.count() == 3
    assert login("county2_admin").get(f"/hardship/{file.pk}/household/").status_code == 404
    assert login("grassroots_reviewer").get(f"/hardship/{file.pk}/household/").status_code == 403


def test_a_watched_household_is_not_edited_from_its_page(world, filed_file, login):
    from gonghui.assistance.services import hardship_exit

    file = hardship_exit(actor=world.county_clerk, file=filed_file(), reason="employed")
    client = login("county_clerk")
    assert 'data-testid="edit-household"' not in client.get(f"/hardship/{file.pk}/").content.decode()
    response = client.get(f"/hardship/{file.pk}/household/", follow=True)
    assert "当前状态下不能修改家庭情况" in response.content.decode()


def test_rules_are_listed_per_area_added_by_a_city_approver_and_previewed(world, chengdu_rule, city_admin, login):
    county = login("county_admin")
    page = county.get("/hardship/rules/").content.decode()
    assert "成都市" in page and 'data-testid="in-force"' in page and 'data-testid="rule-form"' not in page
    assert county.post("/hardship/rules/", {"add_rule": "1", "adcode": "510100"}).status_code == 403
    city = login("city_admin")
    new = {"add_rule": "1", "adcode": "510100", "area_name": "成都市", "min_living_monthly": "1100",
           "deep_factor": "1.0", "relative_factor": "0.8", "accident_factor": "2", "effective_from": "2026-01-01",
           "source": "成民发〔2025〕1号"}
    refused = city.post("/hardship/rules/", new)
    assert refused.status_code == 400 and "相对困难系数不能小于深度困难系数" in refused.content.decode()
    bad_date = city.post("/hardship/rules/", {**new, "relative_factor": "1.5", "effective_from": "明年"})
    assert "生效日期应为日期" in bad_date.content.decode()
    response = city.post("/hardship/rules/", {**new, "relative_factor": "1.5"})
    assert response.status_code == 302 and response["Location"].endswith("?adcode=510100")
    assert AssessmentRule.objects.filter(adcode="510100").count() == 2
    preview = county.post("/hardship/rules/", {"preview": "1", "adcode": JINJIANG, "incomes": "24000，12000 0",
                                                "causes": ["illness"]}).content.decode()
    assert 'data-testid="preview"' in preview and "深度困难" in preview
    wrong = county.post("/hardship/rules/", {"preview": "1", "adcode": JINJIANG, "incomes": "两万"})
    assert wrong.status_code == 400 and "年收入应为金额" in wrong.content.decode()


def test_the_dashboard_gives_the_figures_of_a_subtree_and_period(world, filed_file, login):
    filed_file()
    client = login("province_officer")
    page = client.get("/hardship/dashboard/?period=year").content.decode()
    assert 'data-testid="in-file"' in page and 'data-chart="chart-class"' in page
    assert 'data-chart="chart-movement"' in page and 'data-testid="aid-figures"' in page
    branch = client.get(f"/hardship/dashboard/?period=year&union={world.city2.pk}").content.decode()
    assert 'data-testid="chart-class-empty"' in branch and "暂无数据" in branch
    assert client.get("/hardship/dashboard/?period=quarter&quarter=9&year=x").status_code == 200
    assert login("county_admin").get(f"/hardship/dashboard/?union={world.city2.pk}").status_code == 404
    assert login("auditor").get("/hardship/dashboard/").status_code == 403


def test_the_nav_shows_the_section_to_hardship_cadres_only(world, county_reviewer, login):
    page = login("county_clerk").get("/hardship/").content.decode()
    assert "困难帮扶" in page and "/hardship/new/" in page and "/hardship/rules/" in page
    reviewer_nav = login("county_reviewer").get("/").content.decode()
    assert "困难职工档案" in reviewer_nav and "/hardship/new/" not in reviewer_nav
    assert "困难帮扶" not in login("auditor").get("/").content.decode()
