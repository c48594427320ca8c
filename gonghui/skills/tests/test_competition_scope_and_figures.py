import pytest

from gonghui.accounts.roles import RoleCode
from gonghui.core.errors import NotFound
from gonghui.core.permissions import Perm
from gonghui.orgs.choices import Level
from gonghui.orgs.scope import scope_for
from gonghui.skills.competition_choices import CompetitionAction, CompetitionKind, PrizeGrade, StageKind
from gonghui.skills.competition_figures import (
    awaiting_finalising,
    awaiting_my_approval,
    competition_figures,
    competition_todo_counts,
)
from gonghui.skills.competition_selectors import (
    competition_actions,
    competition_entries,
    competition_get,
    competition_list,
    competition_ranking,
    competition_results_of_member,
)
from gonghui.skills.services.competitions import (
    PersonIn,
    StageIn,
    competition_award,
    competition_enter,
    competition_finalise,
    competition_publish,
    competition_submit,
)
from gonghui.skills.tests.competition_helpers import D, approved, draft, enter, score
from gonghui.testing.world import make_user

pytestmark = pytest.mark.django_db


def test_another_countys_cadre_neither_sees_nor_changes_a_competition(world):
    c = approved(world.county_clerk, world.county, world.province_officer)
    e = enter(world.county_clerk, c)
    other = make_user("county2_clerk", world.county2, RoleCode.CLERK)
    view = scope_for(other, Perm.SKILLS_VIEW)
    assert not competition_list(scope=view).exists()
    with pytest.raises(NotFound):
        competition_get(scope=view, pk=c.pk)
    with pytest.raises(NotFound):
        competition_ranking(scope=view, stage=c.stages.first())
    with pytest.raises(NotFound):
        enter(other, c, "外县选手")
    with pytest.raises(NotFound):
        score(other, c.stages.first(), (e, 50))
    # Those above see it.
    assert competition_list(scope=scope_for(world.province_officer, Perm.SKILLS_VIEW)).get() == c


def test_lists_filter_by_kind_level_year_and_text(world):
    approved(world.county_clerk, world.county, world.province_officer)
    draft(world.province_officer, world.province, title="全省建筑业劳动竞赛", kind=CompetitionKind.LABOUR,
          project="成渝中线高铁", trade="")
    scope = scope_for(world.province_officer, Perm.SKILLS_VIEW)
    assert competition_list(scope=scope).count() == 2
    assert competition_list(scope=scope, kind=CompetitionKind.LABOUR).get().title == "全省建筑业劳动竞赛"
    assert competition_list(scope=scope, level=Level.COUNTY).get().kind == CompetitionKind.SKILL
    assert competition_list(scope=scope, query="高铁").count() == 1
    assert competition_list(scope=scope, year=2027).count() == 0
    assert competition_list(scope=scope, union=world.county).count() == 1


def test_to_dos_list_plans_waiting_for_my_approval_and_notices_ended(world):
    c = competition_submit(actor=world.county_clerk, competition=draft(world.county_clerk, world.county))
    county_scope = scope_for(world.county_admin, Perm.SKILLS_MANAGE)
    province_scope = scope_for(world.province_officer, Perm.SKILLS_MANAGE)
    assert not awaiting_my_approval(manage_scope=county_scope).exists()
    assert list(awaiting_my_approval(manage_scope=province_scope)) == [c]
    assert CompetitionAction.APPROVE in competition_actions(manage_scope=province_scope, competition=c)
    assert CompetitionAction.APPROVE not in competition_actions(manage_scope=county_scope, competition=c)
    done = approved(world.county_clerk, world.county, world.province_officer, stages=[StageIn(StageKind.FINAL)])
    score(world.county_clerk, done.stages.get(), (enter(world.county_clerk, done), 80))
    competition_publish(actor=world.county_clerk, competition=done, on=D(2026, 6, 5))
    assert not awaiting_finalising(manage_scope=county_scope, today=D(2026, 6, 12)).exists()
    assert competition_todo_counts(manage_scope=county_scope, today=D(2026, 6, 13)) == {"to_approve": 0,
                                                                                       "to_finalise": 1}


def test_figures_count_competitions_by_kind_and_level_entries_and_final_awards(world):
    c = approved(world.county_clerk, world.county, world.province_officer, stages=[StageIn(StageKind.FINAL)],
                 team_size=3)
    a = enter(world.county_clerk, c)
    competition_enter(actor=world.county_clerk, competition=c, team_name="一班",
                      members=[PersonIn(member=world.membership.member)])
    score(world.county_clerk, c.stages.get(), (a, 90))
    competition_award(actor=world.county_clerk, entry=a, grade=PrizeGrade.FIRST, title="技术能手")
    draft(world.county_clerk, world.county, title="未立项的竞赛")  # not approved: not counted
    scope = scope_for(world.province_officer, Perm.SKILLS_VIEW)
    f = competition_figures(scope=scope, union=world.province, year=2026)
    assert f.competitions == 1 and [(k.kind, k.level, k.count) for k in f.by_kind_level] == [
        (CompetitionKind.SKILL, Level.COUNTY, 1)]
    assert (f.entries, f.team_entries, f.people) == (2, 1, 2)
    assert f.awards_by_grade == {}  # awards count once final
    c = competition_publish(actor=world.county_clerk, competition=c, on=D(2026, 6, 5))
    competition_finalise(actor=world.county_clerk, competition=c, on=D(2026, 6, 15))
    f = competition_figures(scope=scope, union=world.province, year=2026)
    assert f.awards_by_grade == {PrizeGrade.FIRST: 1} and f.titles == 1
    with pytest.raises(NotFound):
        competition_figures(scope=scope_for(world.other_province_officer, Perm.SKILLS_VIEW), union=world.province,
                            year=2026)


def test_a_members_results_are_found_by_identity_and_numbers_are_never_loaded_in_lists(world):
    member = world.membership.member
    c = approved(world.county_clerk, world.county, world.province_officer)
    competition_enter(actor=world.county_clerk, competition=c, person=PersonIn(member.name, member.id_number))
    scope = scope_for(world.province_officer, Perm.SKILLS_VIEW)
    assert competition_results_of_member(scope=scope, member=member).get().competition == c
    entry = competition_entries(scope=scope, competition=c).get()
    assert "id_number" in entry.participants.all()[0].get_deferred_fields()


def test_a_union_that_moves_takes_its_competitions_entries_and_awards_along(world):
    from gonghui.orgs.services.unions import union_move
    from gonghui.skills.competition_models import CompetitionAward, CompetitionEntry
    from gonghui.testing.world import SYSTEM

    c = approved(world.county_clerk, world.township, world.county_admin, stages=[StageIn(StageKind.FINAL)])
    e = enter(world.county_clerk, c)
    competition_award(actor=world.county_clerk, entry=e, grade=PrizeGrade.MERIT)
    township = union_move(actor=SYSTEM, union=world.township, new_parent=world.county2)
    c.refresh_from_db()
    assert c.org_path == township.path
    assert CompetitionEntry.objects.get(pk=e.pk).org_path == township.path
    assert CompetitionAward.objects.get(entry=e).org_path == township.path
    with pytest.raises(NotFound):
        competition_get(scope=scope_for(world.county_clerk, Perm.SKILLS_VIEW), pk=c.pk)
