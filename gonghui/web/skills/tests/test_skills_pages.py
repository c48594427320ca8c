"""The 技能创新 console: every page answers per role, another county's records are a 404, a refused
step says why, a bad score row is named, and no query string makes a 500."""

import pytest

from gonghui.accounts.roles import RoleCode
from gonghui.skills.models import CompetitionScore, Suggestion
from gonghui.testing.world import make_user

pytestmark = pytest.mark.django_db

LISTS = ["/skills/", "/skills/suggestions/", "/skills/studios/", "/skills/apprenticeships/",
         "/skills/training/?year=2025", "/skills/figures/"]


def detail_urls(r):
    c = r.competition
    stage = c.stages.first()
    return [f"/skills/competitions/{c.pk}/", f"/skills/competitions/{c.pk}/stages/{stage.pk}/",
            f"/skills/competitions/{c.pk}/stages/{stage.pk}/scores/", f"/skills/suggestions/{r.suggestion.pk}/",
            f"/skills/studios/{r.studio.pk}/", f"/skills/apprenticeships/{r.pair.pk}/"]


def test_a_county_cadre_opens_every_page_and_is_offered_the_organisers_steps(world, login, mine):
    client = login("county_admin")
    for url in LISTS + detail_urls(mine) + ["/skills/competitions/new/", "/skills/suggestions/new/",
                                            "/skills/studios/new/", "/skills/apprenticeships/new/",
                                            "/skills/training/new/"]:
        assert client.get(url).status_code == 200, url
    page = client.get(f"/skills/competitions/{mine.competition.pk}/").content.decode()
    assert "技能创新" in page and 'data-testid="do-enter"' in page and 'data-testid="do-approve"' not in page
    # Identity numbers show masked only.
    number = mine.entries[0].participants.get().id_number
    assert number not in page and mine.entries[0].participants.get().id_masked in page


def test_a_reader_sees_the_pages_but_is_offered_no_step(world, login, mine):
    make_user("county_reader", world.county, RoleCode.REVIEWER)
    client = login("county_reader")
    for url in LISTS + detail_urls(mine)[:2] + detail_urls(mine)[3:]:
        assert client.get(url).status_code == 200, url
    page = client.get(f"/skills/competitions/{mine.competition.pk}/").content.decode()
    assert 'data-testid="no-actions"' in page and 'data-testid="do-enter"' not in page
    assert client.get("/skills/competitions/new/").status_code == 403


def test_a_grassroots_cadre_sees_its_employers_innovation_not_the_countys_competition(world, login, mine):
    client = login("grassroots_clerk")
    assert mine.suggestion.title in client.get("/skills/suggestions/").content.decode()
    assert client.get(f"/skills/competitions/{mine.competition.pk}/").status_code == 404
    assert client.get(f"/skills/suggestions/{mine.suggestion.pk}/").status_code == 200


def test_another_countys_records_are_not_found_to_read_or_act_on(world, login, mine, theirs):
    client = login("county_admin")
    for url in detail_urls(theirs):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/skills/suggestions/{theirs.suggestion.pk}/do/adopt/",
                       {"on": "2025-06-01", "version": "1"}).status_code == 404
    assert client.post(f"/skills/competitions/{theirs.competition.pk}/do/enter/",
                       {"people": "某人 110101199001011237"}).status_code == 404
    assert "绵阳" not in client.get("/skills/studios/").content.decode()
    assert Suggestion.objects.get(pk=theirs.suggestion.pk).status == "submitted"


def test_the_organiser_approving_its_own_plan_is_refused_with_the_rule(world, login):
    from gonghui.skills.services.competitions import competition_submit
    from gonghui.skills.tests.competition_helpers import draft

    c = competition_submit(actor=world.county_admin, competition=draft(world.county_admin, world.county))
    client = login("county_admin")
    response = client.post(f"/skills/competitions/{c.pk}/do/approve/", {"version": c.version})
    assert response.status_code == 400 and "竞赛立项须由主办工会的上级工会审批" in response.content.decode()
    client.logout()
    approved = login("province_officer").post(f"/skills/competitions/{c.pk}/do/approve/", {"version": c.version})
    assert approved.status_code == 302
    c.refresh_from_db()
    assert c.status == "approved"


def test_rejecting_a_suggestion_without_a_reason_names_the_field(world, login, mine):
    response = login("county_admin").post(f"/skills/suggestions/{mine.suggestion.pk}/do/reject/",
                                          {"on": "2025-06-01", "version": mine.suggestion.version})
    assert response.status_code == 400 and "请填写理由" in response.content.decode()


def test_a_score_out_of_range_names_its_entry_and_nothing_is_written(world, login, mine):
    c = mine.competition
    stage = c.stages.first()
    a, b, _c = mine.entries
    response = login("county_admin").post(f"/skills/competitions/{c.pk}/stages/{stage.pk}/scores/",
                                          {f"score_{a.pk}": "88", f"score_{b.pk}": "120"})
    text = response.content.decode()
    assert response.status_code == 400
    assert "李四（报名序号 2）" in text and "当前为120" in text and 'data-testid="sheet-row-2"' in text
    assert not CompetitionScore.objects.exists()


def test_a_score_sheet_ranks_the_stage(world, login, mine):
    c = mine.competition
    stage = c.stages.first()
    a, b, third = mine.entries
    client = login("county_admin")
    response = client.post(f"/skills/competitions/{c.pk}/stages/{stage.pk}/scores/",
                           {f"score_{a.pk}": "88", f"score_{b.pk}": "95.5", f"score_{third.pk}": "88"})
    assert response.status_code == 302
    page = client.get(f"/skills/competitions/{c.pk}/stages/{stage.pk}/").content.decode()
    assert page.index("李四") < page.index("张三") < page.index("王五")


@pytest.mark.parametrize("query", ["?page=x", "?year=abc", "?kind=nope&status=%00", "?start=2025-13-45&end=x",
                                   "?q=" + "长" * 500, "?union=999999", "?union=abc&start=2026-01-01",
                                   "?waiting=maybe&overdue=1&due=1", "?todo=approve", "?todo=finalise&page=-1",
                                   "?unscored=1&page=999"])
def test_no_query_string_makes_a_server_error(world, login, mine, query):
    client = login("county_admin")
    c = mine.competition
    stage = c.stages.first()
    for url in [*LISTS, f"/skills/competitions/{c.pk}/stages/{stage.pk}/",
                f"/skills/competitions/{c.pk}/stages/{stage.pk}/scores/"]:
        assert client.get(url.split("?")[0] + query).status_code in (200, 400, 404), (url, query)


def test_the_county_home_lists_the_skills_to_dos_and_each_link_opens_its_list(world, login, mine):
    from gonghui.skills.services.competitions import competition_submit
    from gonghui.skills.tests.competition_helpers import draft

    competition_submit(actor=world.township_clerk, competition=draft(world.township_clerk, world.township))
    client = login("county_admin")
    home = client.get("/").content.decode()
    assert 'data-testid="todo-skills.to_approve"' in home and 'href="/skills/?todo=approve"' in home
    assert 'data-testid="todo-skills.assessment"' in home and 'data-testid="todo-skills.apprenticeships"' in home
    listed = client.get("/skills/?todo=approve").content.decode()
    assert "2026年焊工技能竞赛" in listed and 'data-testid="todo-filter"' in listed
    assert mine.studio.name in client.get("/skills/studios/?due=1").content.decode()


def test_the_score_sheet_shows_the_scores_entered_and_a_closed_stage_read_only(world, login, mine):
    from gonghui.skills.tests.competition_helpers import score

    c = mine.competition
    stage = c.stages.first()
    score(world.county_admin, stage, (mine.entries[0], "87.5"))
    client = login("county_admin")
    sheet = client.get(f"/skills/competitions/{c.pk}/stages/{stage.pk}/scores/").content.decode()
    assert 'value="87.5"' in sheet and 'data-testid="sheet-closed"' not in sheet
    from gonghui.skills.models import CompetitionStage

    CompetitionStage.objects.filter(pk=stage.pk).update(status="closed")
    closed = client.get(f"/skills/competitions/{c.pk}/stages/{stage.pk}/scores/").content.decode()
    assert 'data-testid="sheet-closed"' in closed and 'data-testid="sheet-save"' not in closed
