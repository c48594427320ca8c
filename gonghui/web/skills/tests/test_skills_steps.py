"""The steps, as a cadre takes them on the console: a plan from the form to its results with a 公示
countdown, a team entry with a bad member named, a suggestion to its benefit, a studio's assessment
and revocation, 出师, and a training course recorded and deleted."""

import pytest
from django.utils import timezone

from gonghui.skills.models import Competition, TrainingCourse
from gonghui.testing.world import make_person_id

pytestmark = pytest.mark.django_db


def plan_form(world, **kw):
    return {"organiser": world.county.pk, "title": "锦江区电工技能竞赛", "kind": "skill", "trade": "电工",
            "budget": "30000", "start_on": "2026-03-01", "end_on": "2026-11-30", "score_min": "0",
            "score_max": "100", "tie_rule": "shared", "max_entries": "100", "team_size": "0",
            "notice_workdays": "5", "stage_preliminary": "on", "advance_preliminary": "1", "stage_final": "on",
            "plan": "", **kw}


def test_a_plan_goes_from_the_form_to_final_results(world, login):
    client = login("county_admin")
    bad = client.post("/skills/competitions/new/", plan_form(world, score_max="0"))
    assert bad.status_code == 400 and "应大于最低分" in bad.content.decode()
    assert client.post("/skills/competitions/new/", plan_form(world)).status_code == 302
    c = Competition.objects.get()
    assert client.post(f"/skills/competitions/{c.pk}/do/submit/", {"version": c.version}).status_code == 302
    client.logout()
    province = login("province_officer")
    c.refresh_from_db()
    assert province.post(f"/skills/competitions/{c.pk}/do/approve/", {"version": c.version}).status_code == 302
    province.logout()
    client = login("county_admin")
    for name in ("周一", "吴二"):
        assert client.post(f"/skills/competitions/{c.pk}/do/enter/",
                           {"people": f"{name} {make_person_id()}"}).status_code == 302
    first, final = c.stages.order_by("order")
    a, b = c.entries.order_by("seq")
    client.post(f"/skills/competitions/{c.pk}/stages/{first.pk}/scores/",
                {f"score_{a.pk}": "70", f"score_{b.pk}": "90"})
    assert client.post(f"/skills/competitions/{c.pk}/do/advance/",
                       {"stage": first.pk, "on": "2026-06-01"}).status_code == 302
    client.post(f"/skills/competitions/{c.pk}/stages/{final.pk}/scores/", {f"score_{b.pk}": "96"})
    award = {"entry": b.pk, "grade": "first", "title": "技术能手", "skill_level": "grade3"}
    assert client.post(f"/skills/competitions/{c.pk}/do/award/", award).status_code == 302
    c.refresh_from_db()
    today = timezone.localdate().isoformat()
    published = client.post(f"/skills/competitions/{c.pk}/do/publish/", {"version": c.version, "on": today})
    assert published.status_code == 302
    page = client.get(f"/skills/competitions/{c.pk}/").content.decode()
    assert 'data-testid="notice-left"' in page and "还剩" in page and "技术能手" in page
    c.refresh_from_db()
    early = client.post(f"/skills/competitions/{c.pk}/do/finalise/", {"version": c.version, "on": today})
    assert early.status_code == 400 and "期满后方可确定结果" in early.content.decode()


def test_a_team_entry_names_the_member_whose_number_is_wrong(world, login):
    from gonghui.skills.tests.competition_helpers import approved

    c = approved(world.county_admin, world.county, world.province_officer, kind="ankang", trade="", team_size=3)
    response = login("county_admin").post(f"/skills/competitions/{c.pk}/do/enter/", {
        "team_name": "检修一班", "people": f"甲 {make_person_id()}\n乙 123"})
    assert response.status_code == 400 and "第2名队员" in response.content.decode()
    assert not c.entries.exists()


def test_a_suggestion_is_adopted_implemented_and_its_benefit_shown_in_wan_yuan(world, login, mine):
    client = login("county_admin")
    s = mine.suggestion
    url = f"/skills/suggestions/{s.pk}/do/"
    assert client.post(url + "adopt/", {"on": "2025-04-01", "version": 1}).status_code == 302
    assert client.post(url + "implement/", {"on": "2025-05-01", "version": 2}).status_code == 302
    assert client.post(url + "assess/", {"benefit": "12.5", "assessor": "财务部 王会计", "assessed_on": "2025-06-01",
                                         "version": 3}).status_code == 302
    assert client.post(url + "reward/", {"amount": "2000", "paid_on": "2025-06-10"}).status_code == 302
    page = client.get(f"/skills/suggestions/{s.pk}/").content.decode()
    assert "12.50 万元" in page and "财务部 王会计" in page and "2,000.00" in page
    figures = client.get("/skills/figures/?start=2025-01-01&end=2025-12-31").content.decode()
    assert 'data-testid="fig-benefit">12.50' in figures


def test_a_studio_is_assessed_then_revoked_and_offers_no_more_steps(world, login, mine):
    client = login("county_admin")
    url = f"/skills/studios/{mine.studio.pk}/do/"
    assessed = client.post(url + "assess/", {"year": "2025", "grade": "fail", "assessed_on": "2026-01-10"})
    assert assessed.status_code == 302
    assert client.post(url + "revoke/", {"reason": "考核不合格", "revoked_on": "2026-01-20",
                                         "version": mine.studio.version}).status_code == 302
    page = client.get(f"/skills/studios/{mine.studio.pk}/").content.decode()
    assert "考核不合格" in page and 'data-testid="no-actions"' in page


def test_an_apprentice_graduates_with_the_level_reached(world, login, mine):
    client = login("county_admin")
    url = f"/skills/apprenticeships/{mine.pair.pk}/do/"
    assert client.post(url + "start/", {"on": "2025-01-15", "version": 1}).status_code == 302
    missing = client.post(url + "graduate/", {"on": "2026-01-14", "version": 2})
    assert missing.status_code == 400 and "出师技能等级" in missing.content.decode()
    done = client.post(url + "graduate/", {"on": "2026-01-14", "version": 2, "outcome_level": "grade4"})
    assert done.status_code == 302
    assert "中级工（四级）" in client.get(f"/skills/apprenticeships/{mine.pair.pk}/").content.decode()


def test_a_course_is_recorded_with_level_counts_and_deleted(world, login):
    client = login("county_admin")
    form = {"union": world.county.pk, "title": "电工取证班", "kind": "certification", "starts_on": "2026-05-01",
            "ends_on": "2026-05-20", "trainees": "30", "level_grade5": "40"}
    over = client.post("/skills/training/new/", form)
    assert over.status_code == 400 and "超过培训人次" in over.content.decode()
    assert client.post("/skills/training/new/", {**form, "level_grade5": "20"}).status_code == 302
    course = TrainingCourse.objects.get()
    assert "初级工（五级） 20" in client.get("/skills/training/?year=2026").content.decode()
    assert client.post(f"/skills/training/{course.pk}/delete/").status_code == 302
    assert not TrainingCourse.objects.exists()


def test_a_studio_records_a_patent_with_its_number_and_date_and_a_result_with_its_benefit(world, login, mine):
    client = login("county_admin")
    url = f"/skills/studios/{mine.studio.pk}/do/"
    page = client.get(f"/skills/studios/{mine.studio.pk}/").content.decode()
    assert url + "patent/" in page
    done = client.post(url + "patent/", {"number": "ZL 2025 2 0765432.1", "kind": "utility", "title": "快速换模装置",
                                         "granted_on": "2025-09-01"})
    assert done.status_code == 302
    again = client.post(url + "patent/", {"number": "ZL202520765432.1", "kind": "utility", "title": "快速换模装置",
                                          "granted_on": "2025-09-01"})
    assert again.status_code == 400 and "专利号 ZL202520765432.1 已登记" in again.content.decode()
    result = client.post(url + "result/", {"kind": "project", "title": "焊接变形攻关", "year": "2025",
                                           "benefit": "35.5", "note": ""})
    assert result.status_code == 302
    page = client.get(f"/skills/studios/{mine.studio.pk}/").content.decode()
    assert "ZL202520765432.1" in page and "快速换模装置" in page and "焊接变形攻关" in page
    assert mine.studio.patents.get().granted_on.isoformat() == "2025-09-01"


def test_a_revoked_studio_takes_no_patent(world, login, mine):
    from gonghui.skills.services.studios import studio_revoke

    studio_revoke(actor=world.county_admin, studio=mine.studio, reason="考核不合格",
                  revoked_on=timezone.localdate(), version=mine.studio.version)
    response = login("county_admin").post(f"/skills/studios/{mine.studio.pk}/do/patent/", {
        "number": "ZL1", "kind": "utility", "title": "x", "granted_on": "2025-09-01"})
    assert response.status_code == 400 and not mine.studio.patents.exists()
