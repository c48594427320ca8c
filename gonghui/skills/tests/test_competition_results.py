import datetime

import pytest

from gonghui.core.errors import ValidationFailed
from gonghui.members.choices import SkillLevel
from gonghui.skills.competition_choices import CompetitionStatus, PrizeGrade, ReportKind, StageKind, StageStatus
from gonghui.skills.services.competitions import (
    StageIn,
    competition_award,
    competition_award_link_nomination,
    competition_commend,
    competition_finalise,
    competition_publish,
    competition_recall,
    competition_summarise,
    notice_end,
)
from gonghui.skills.tests.competition_helpers import D, approved, enter, score

pytestmark = pytest.mark.django_db

# Friday 2026-06-05: five working days run Monday 8 to Friday 12 June.
PUBLISHED_ON = D(2026, 6, 5)


def _final_scored(world):
    c = approved(world.county_clerk, world.county, world.province_officer, stages=[StageIn(StageKind.FINAL)])
    stage = c.stages.get()
    a, b = enter(world.county_clerk, c, "王焊"), enter(world.county_clerk, c, "刘焊")
    score(world.county_clerk, stage, (a, 96), (b, 88))
    return c, stage, a, b


def test_the_notice_lasts_working_days_on_the_organisers_calendar(world):
    due = notice_end(org_path=world.county.path, start=PUBLISHED_ON, workdays=5)
    assert due.day == D(2026, 6, 12)
    # 国庆: published on 30 September, five working days end after the holiday week.
    assert notice_end(org_path=world.county.path, start=D(2026, 9, 30), workdays=5).day > D(2026, 10, 7)


def test_awards_keep_the_place_and_the_results_stand_through_the_notice_before_they_are_final(world):
    c, stage, a, b = _final_scored(world)
    award = competition_award(actor=world.county_clerk, entry=a, grade=PrizeGrade.FIRST, title="技术能手",
                              skill_level=SkillLevel.GRADE2, on=D(2026, 6, 1))
    assert award.rank == 1 and award.score == 96 and award.org_path == c.org_path
    with pytest.raises(ValidationFailed) as err:
        competition_award(actor=world.county_clerk, entry=a, grade=PrizeGrade.SECOND)
    assert err.value.code == "already_awarded"
    with pytest.raises(ValidationFailed) as err:
        competition_award(actor=world.county_clerk, entry=b, grade=PrizeGrade.NONE)
    assert err.value.field == "grade"
    c = competition_publish(actor=world.county_clerk, competition=c, on=PUBLISHED_ON)
    assert c.status == CompetitionStatus.PUBLICISED and c.notice_ends_on == D(2026, 6, 12)
    stage.refresh_from_db()
    assert stage.status == StageStatus.CLOSED
    with pytest.raises(ValidationFailed) as err:
        competition_finalise(actor=world.county_clerk, competition=c, on=D(2026, 6, 12))
    assert err.value.code == "notice_running" and "2026-06-12" in str(err.value.message)
    c = competition_finalise(actor=world.county_clerk, competition=c, on=D(2026, 6, 13))
    assert c.status == CompetitionStatus.FINAL and c.finalised_on == D(2026, 6, 13)
    with pytest.raises(ValidationFailed):
        competition_award(actor=world.county_clerk, entry=b, grade=PrizeGrade.SECOND)


def test_an_award_keeps_the_entrys_own_place_in_the_stage_not_first_place(world):
    _c, _stage, _a, b = _final_scored(world)
    award = competition_award(actor=world.county_clerk, entry=b, grade=PrizeGrade.SECOND, on=D(2026, 6, 1))
    assert (award.rank, award.score) == (2, 88)


def test_a_recalled_notice_reopens_the_last_stage_for_corrections(world):
    c, stage, a, _b = _final_scored(world)
    c = competition_publish(actor=world.county_clerk, competition=c, on=PUBLISHED_ON)
    c = competition_recall(actor=world.county_clerk, competition=c, reason="异议成立，复核成绩")
    assert c.status == CompetitionStatus.APPROVED and c.notice_ends_on is None
    score(world.county_clerk, stage, (a, 90))


def test_results_are_not_published_before_the_last_stage_is_scored(world):
    c = approved(world.county_clerk, world.county, world.province_officer)
    with pytest.raises(ValidationFailed) as err:
        competition_publish(actor=world.county_clerk, competition=c)
    assert err.value.code == "no_scores"


def test_a_final_award_links_to_one_honours_nomination(world):
    c, _stage, a, _b = _final_scored(world)
    award = competition_award(actor=world.county_clerk, entry=a, grade=PrizeGrade.FIRST)
    with pytest.raises(ValidationFailed):  # not before the results are final
        competition_award_link_nomination(actor=world.county_clerk, award=award, nomination_id=7)
    c = competition_publish(actor=world.county_clerk, competition=c, on=PUBLISHED_ON)
    competition_finalise(actor=world.county_clerk, competition=c, on=D(2026, 6, 15))
    award = competition_award_link_nomination(actor=world.county_clerk, award=award, nomination_id=7)
    assert award.honour_nomination_id == 7
    with pytest.raises(ValidationFailed) as err:
        competition_award_link_nomination(actor=world.county_clerk, award=award, nomination_id=8)
    assert err.value.code == "already_linked"


def test_a_stage_summary_and_a_year_end_commendation_are_kept(world):
    c, _stage, a, _b = _final_scored(world)
    s = competition_summarise(actor=world.county_clerk, competition=c, title="初赛阶段总结", text="参赛120人……")
    assert s.kind == ReportKind.STAGE_SUMMARY and s.year == datetime.date.today().year
    with pytest.raises(ValidationFailed):  # 年终表扬 once the results are final
        competition_commend(actor=world.county_clerk, competition=c, year=2026, title="表扬", text="……", entries=[a])
    c = competition_publish(actor=world.county_clerk, competition=c, on=PUBLISHED_ON)
    c = competition_finalise(actor=world.county_clerk, competition=c, on=D(2026, 6, 15))
    r = competition_commend(actor=world.county_clerk, competition=c, year=2026, title="2026年度表扬", text="……",
                            entries=[a], on=D(2026, 12, 20))
    assert r.kind == ReportKind.YEAR_COMMENDATION and list(r.commended.all()) == [a]
