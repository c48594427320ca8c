"""职工创新 on the portal: login required, a member submits a suggestion as themself (a bad one is
refused beside the field), and sees only their own suggestions, results and 师带徒 agreements."""

import datetime

import pytest

from gonghui.portal.conftest import portal_login
from gonghui.skills.models import Suggestion
from gonghui.skills.services.competitions import (
    PersonIn,
    competition_advance,
    competition_award,
    competition_enter,
    competition_publish,
)
from gonghui.skills.services.suggestions import suggestion_reward, suggestion_transition
from gonghui.skills.tests.competition_helpers import approved, enter, score
from gonghui.skills.tests.innovation_setup import employer_in, pair, suggestion, worker
from gonghui.testing.world import SYSTEM

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def setting(world):
    employer = employer_in(world.grassroots, "示例机械厂")
    me, phone = worker(world.grassroots, employer, "王小明")
    other, _ = worker(world.grassroots, employer, "赵大海")
    return employer, me, phone, other


def test_a_visitor_is_sent_to_the_login_and_the_home_tile_says_so(client):
    for url in ("/portal/skills/", "/portal/skills/suggest/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/portal/login/")
    home = client.get("/portal/").content.decode()
    tile = home[home.index('data-testid="service-skills"'):][:600]
    assert "职工创新" in tile and 'data-testid="needs-login"' in tile


def test_a_member_submits_a_suggestion_as_themself(world, client, setting):
    employer, me, phone, _other = setting
    portal = portal_login(client, phone.phone)
    response = portal.post("/portal/skills/suggest/", {"kind": "renovation", "title": "改进焊接夹具",
                                                       "content": "改为快速定位式，每件节省两分钟。",
                                                       "co_proposers": "赵大海", "department": "焊接车间"})
    assert response.status_code == 302 and response["Location"] == "/portal/skills/?submitted=1"
    s = Suggestion.objects.get()
    assert (s.proposer, s.employer, s.channel, s.co_proposers) == (me, employer, "portal", "赵大海")
    page = portal.get("/portal/skills/?submitted=1").content.decode()
    assert "改进焊接夹具" in page and "待评审" in page and 'data-testid="submitted"' in page


def test_a_suggestion_without_a_kind_or_too_long_a_title_is_refused_beside_the_field(client, setting):
    portal = portal_login(client, setting[2].phone)
    response = portal.post("/portal/skills/suggest/", {"kind": "", "title": "改" * 121, "content": "内容"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-testid="error-kind"' in page and 'data-testid="error-title"' in page
    assert not Suggestion.objects.exists()


def test_a_worker_sees_only_their_own_suggestions_results_and_apprenticeship(world, client, setting):
    employer, me, phone, other = setting
    mine = suggestion(employer, title="我的建议")
    Suggestion.objects.filter(pk=mine.pk).update(proposer=me)
    mine.refresh_from_db()
    mine = suggestion_transition(actor=SYSTEM, suggestion=mine, action="adopt", on=D(2025, 3, 10), today=D(2025, 6, 30))
    suggestion_reward(actor=SYSTEM, suggestion=mine, amount="500", paid_on=D(2025, 4, 1), today=D(2025, 6, 30))
    theirs = suggestion(employer, title="别人的建议")
    Suggestion.objects.filter(pk=theirs.pk).update(proposer=other)
    competition = approved(SYSTEM, world.county, SYSTEM)
    entry = competition_enter(actor=SYSTEM, competition=competition, person=PersonIn(member=me))
    competition_award(actor=SYSTEM, entry=entry, grade="first", title="技术能手", on=D(2026, 6, 1))
    enter(SYSTEM, competition, "外人")
    pair(employer, other, me)
    page = portal_login(client, phone.phone).get("/portal/skills/").content.decode()
    assert "我的建议" in page and "别人的建议" not in page and "500.00 元" in page
    assert competition.title in page and "外人" not in page
    assert "我的师傅：赵大海" in page
    assert "技术能手" not in page  # an award shows once the results are published, not while being decided


def test_a_published_award_shows_with_its_place(world, client, setting):
    _employer, me, phone, _other = setting
    competition = approved(SYSTEM, world.county, SYSTEM)
    entry = competition_enter(actor=SYSTEM, competition=competition, person=PersonIn(member=me))
    stage = competition.stages.order_by("order").first()
    score(SYSTEM, stage, (entry, "91"))
    competition_advance(actor=SYSTEM, stage=stage, on=D(2026, 5, 10))
    score(SYSTEM, competition.stages.order_by("order").last(), (entry, "96"))
    entry.refresh_from_db()  # the award takes the place in the furthest stage the entry reached
    competition_award(actor=SYSTEM, entry=entry, grade="first", title="技术能手", on=D(2026, 6, 1))
    competition_publish(actor=SYSTEM, competition=competition, on=D(2026, 6, 2))
    page = portal_login(client, phone.phone).get("/portal/skills/").content.decode()
    block = page[page.index("data-testid=\"entries\""):][:1500]
    assert "一等奖 技术能手" in block and "第 1 名" in block and "96.00 分" in block, block
