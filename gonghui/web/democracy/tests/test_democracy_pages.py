"""The 民主管理 console: the congress page with its composition table, votes refused with their
numbers, the proposal page offering only the steps the viewer may take now, disclosures, seats,
figures, scope per role and bad input named by field."""

import pytest

from gonghui.accounts.roles import RoleCode
from gonghui.democracy.choices import AgendaKind, ProposalStatus
from gonghui.democracy.models import AgendaItem, Disclosure, Proposal
from gonghui.democracy.services import agenda_item_add, proposal_submit
from gonghui.democracy.tests.setup import make_congress
from gonghui.testing.world import make_user

pytestmark = pytest.mark.django_db

PAGES = ["/democracy/", "/democracy/proposals/", "/democracy/disclosures/", "/democracy/seats/",
         "/democracy/figures/"]


@pytest.fixture
def congress(world):
    return make_congress(world.grassroots)


def _proposal(world, c):
    return proposal_submit(actor=world.grassroots_clerk, congress=c.congress, submitter=c.delegates[10],
                           title="夜班供餐",
                           content="夜班没有热饭。", cosigners=c.delegates[11:13])


def test_each_page_answers_a_cadre_and_the_menu_names_democratic_management(world, login, congress):
    client = login("grassroots_clerk")
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
    assert "民主管理" in client.get("/democracy/").content.decode()
    page = client.get(f"/democracy/congresses/{congress.congress.pk}/").content.decode()
    assert 'data-testid="composition"' in page and "不超过 6 人（20%）" in page and "6 人（20.0%）" in page


def test_a_cadre_without_the_permission_is_refused_and_the_auditor_too(world, login, congress):
    for persona in ("no_grants", "auditor"):
        client = login(persona)
        assert client.get("/democracy/proposals/").status_code == 403
        client.logout()


def test_another_countys_cadre_gets_404_for_every_row(world, login, congress):
    make_user("fucheng_admin", world.county2, RoleCode.UNION_ADMIN)
    client = login("fucheng_admin")
    p = _proposal(world, congress)
    for url in (f"/democracy/congresses/{congress.congress.pk}/", f"/democracy/sessions/{congress.session.pk}/",
                f"/democracy/proposals/{p.pk}/"):
        assert client.get(url).status_code == 404, url
    response = client.post(f"/democracy/proposals/{p.pk}/do/accept/", {"version": p.version})
    assert response.status_code == 404
    assert Proposal.objects.get(pk=p.pk).status == ProposalStatus.SUBMITTED
    assert "夜班供餐" not in client.get("/democracy/proposals/").content.decode()


def test_a_vote_short_of_its_quorum_is_refused_on_the_page_with_the_numbers(world, login, congress):
    item = agenda_item_add(actor=world.grassroots_clerk, session=congress.session, kind=AgendaKind.CONTRACT_DRAFT,
                           title="集体合同草案")
    client = login("grassroots_clerk")

    response = client.post(f"/democracy/items/{item.pk}/vote/", {"present": "19", "in_favour": "19"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "实到 19 人" in page and "至少 20 人" in page and 'data-testid="error-summary"' in page
    assert AgendaItem.objects.get(pk=item.pk).voted_at is None
    response = client.post(f"/democracy/items/{item.pk}/vote/", {"present": "20", "in_favour": "15",
                                                                  "against": "4", "abstained": "2"})
    assert response.status_code == 400 and "多于实到人数 20" in response.content.decode()
    response = client.post(f"/democracy/items/{item.pk}/vote/", {"present": "24", "in_favour": "20"})
    assert response.status_code == 302 and AgendaItem.objects.get(pk=item.pk).passed is True


def test_a_term_whose_dates_run_backwards_is_refused_on_the_end_date(world, login, congress):
    client = login("grassroots_clerk")
    response = client.post(f"/democracy/congresses/{congress.congress.pk}/term/",
                           {"starts_on": "2026-01-01", "ends_on": "2025-01-01", "workforce": "400",
                            "women_workforce": "0", "dispatched_workforce": "0"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "任期届满（2025-01-01）须晚于任期开始（2026-01-01）" in page and 'id="id_term_ends_on_error"' in page
    assert congress.congress.terms.count() == 1


def test_the_proposal_page_offers_only_the_steps_the_viewer_may_take_now(world, login, congress):
    p = _proposal(world, congress)
    client = login("grassroots_clerk")

    page = client.get(f"/democracy/proposals/{p.pk}/").content.decode()
    assert 'data-testid="do-accept"' in page and 'data-testid="do-convert"' in page
    assert 'data-testid="do-answer"' not in page

    response = client.post(f"/democracy/proposals/{p.pk}/do/convert/", {"version": p.version, "reason": ""})
    assert response.status_code == 400 and "理由" in response.content.decode()
    assert client.post(f"/democracy/proposals/{p.pk}/do/accept/", {"version": p.version}).status_code == 302
    response = client.post(f"/democracy/proposals/{p.pk}/do/assign/", {"version": p.version + 1,
                                                                       "department": "后勤部"})
    assert response.status_code == 302 and Proposal.objects.get(pk=p.pk).due_at is not None

    reviewer = make_user("county_reviewer", world.county, RoleCode.REVIEWER)
    client.logout()
    client = login(reviewer.username)
    page = client.get(f"/democracy/proposals/{p.pk}/").content.decode()
    assert "do-answer" not in page and "您目前没有可办理的步骤" in page
    assert client.post(f"/democracy/proposals/{p.pk}/do/answer/", {"version": p.version + 2,
                                                                   "answer": "好"}).status_code == 403


def test_submitting_a_proposal_with_too_few_cosigners_names_the_field(world, login, congress):
    client = login("grassroots_clerk")
    url = f"/democracy/congresses/{congress.congress.pk}/proposals/new/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"submitter": congress.delegates[0].pk, "cosigners": [congress.delegates[1].pk],
                                 "title": "增设母婴室", "content": "女职工多。"})
    assert response.status_code == 400 and "至少 2 名" in response.content.decode()
    response = client.post(url, {"submitter": congress.delegates[0].pk, "title": "增设母婴室", "content": "女职工多。",
                                 "cosigners": [congress.delegates[1].pk, congress.delegates[2].pk]})
    assert response.status_code == 302 and Proposal.objects.filter(title="增设母婴室").exists()


def test_a_roster_breaking_the_leader_share_is_refused_with_the_rule_named(world, login, congress):
    client = login("grassroots_clerk")
    lines = [f"代表{i},第1选区,{'领导' if i < 7 else '一线'},{'女' if i >= 18 else ''}" for i in range(30)]

    response = client.post(f"/democracy/congresses/{congress.congress.pk}/roster/", {"roster": "\n".join(lines)})

    assert response.status_code == 400
    assert "中层以上管理人员和领导人员" in response.content.decode() and "7 人（23.3%）" in response.content.decode()
    assert congress.term.delegates.count() == 30


def test_disclosures_are_created_published_and_refused_when_the_period_runs_backwards(world, login, congress):
    client = login("grassroots_clerk")
    data = {"employer": congress.employer.pk, "category": "wages", "channel": "board", "title": "工资调整",
            "content": "人均增长5%。", "period_start": "2025-03-31", "period_end": "2025-03-01"}
    response = client.post("/democracy/disclosures/new/", data)
    assert response.status_code == 400 and "公开期止" in response.content.decode()
    assert not Disclosure.objects.exists()
    response = client.post("/democracy/disclosures/new/", {**data, "period_start": "2025-03-01",
                                                           "period_end": "2025-03-31"})
    assert response.status_code == 302 and Disclosure.objects.get().published_at is None
    client.post(f"/democracy/disclosures/{Disclosure.objects.get().pk}/publish/")
    assert Disclosure.objects.get().published_at is not None


def test_the_seats_page_lists_companies_lacking_a_worker_director_and_the_figures_show_the_rate(world, login,
                                                                                             congress):
    client = login("county_admin")
    page = client.get("/democracy/seats/").content.decode()
    assert congress.employer.name in page
    page = client.get("/democracy/figures/", {"start": "2025-01-01", "end": "2025-12-31"}).content.decode()
    assert 'data-testid="rate"' in page and "50.0" in page  # two unionised employers, one congress
    response = client.get("/democracy/figures/", {"start": "2025-12-31", "end": "2025-01-01"})
    assert response.status_code == 400


def test_the_home_page_shows_the_committees_to_do(world, login, congress):
    _proposal(world, congress)
    page = login("grassroots_clerk").get("/").content.decode()
    assert "提案待审查" in page


def test_the_root_changes_a_rules_number_and_others_only_read_it(world, login):
    client = login("grassroots_clerk")
    page = client.get("/democracy/rules/").content.decode()
    assert 'data-testid="rule-max_leader_percent">20<' in page and "全体代表半数以上同意" in page
    response = client.post("/democracy/rules/max_leader_percent/", {"value": "10"})
    assert response.status_code == 403
    assert 'data-testid="rule-max_leader_percent">20<' in client.get("/democracy/rules/").content.decode()
    client.logout()
    client = login("national_admin")
    response = client.post("/democracy/rules/max_leader_percent/", {"value": "abc"})
    assert response.status_code == 400 and "须为数字" in response.content.decode()
    assert client.post("/democracy/rules/max_leader_percent/", {"value": "15"}).status_code == 302
    assert 'value="15"' in client.get("/democracy/rules/").content.decode()


def test_the_root_edits_an_agenda_kinds_thresholds_and_bad_ones_are_named(world, login):
    from gonghui.democracy.models import AgendaRule

    clerk = login("county_clerk")
    assert 'data-testid="agenda-form-worker_rules"' not in clerk.get("/democracy/rules/").content.decode()
    assert clerk.post("/democracy/rules/agenda/worker_rules/", {"majority": "1/2"}).status_code == 403
    clerk.logout()
    admin = login("national_admin")
    assert 'data-testid="agenda-form-worker_rules"' in admin.get("/democracy/rules/").content.decode()
    bad = admin.post("/democracy/rules/agenda/worker_rules/", {
        "quorum": "3/2", "quorum_base": "entitled", "majority": "", "majority_base": "entitled"})
    page = bad.content.decode()
    assert bad.status_code == 400 and "出席比例须为大于0、不超过1的分数" in page and "请填写同意比例" in page
    ok = admin.post("/democracy/rules/agenda/worker_rules/", {
        "quorum": "3/4", "quorum_base": "entitled", "quorum_inclusive": "on", "majority": "2/3",
        "majority_base": "present"})
    assert ok.status_code == 302
    row = AgendaRule.objects.get(kind="worker_rules")
    assert (row.quorum_numerator, row.quorum_denominator, row.majority_numerator, row.majority_base,
            row.majority_inclusive) == (3, 4, 2, "present", False)
    assert "2/3 实到人数（不含本数）" in admin.get("/democracy/rules/").content.decode()


def test_the_roster_links_delegates_by_id_number_and_shows_the_member_masked(world, login, congress):
    from gonghui.members.models import Member
    from gonghui.members.services.registry import member_admit
    from gonghui.testing.world import SYSTEM, make_person_id, member_data

    ids = [make_person_id(), make_person_id()]
    for number in ids:  # two workers of one name: a name alone links neither
        data = member_data(name="王小明", id_number=number)
        Member.objects.filter(pk=member_admit(actor=SYSTEM, union=world.grassroots, data=data).member.pk).update(
            employer=congress.employer)
    lines = [f"代表{i},第1选区,{'领导' if i < 6 else '一线'},{'女' if i >= 18 else ''}" for i in range(28)]
    lines += [f"王小明 第2选区 一线 {ids[0]} 女", f"王小明,第2选区,一线,女,,{ids[1]}"]
    client = login("grassroots_clerk")
    url = f"/democracy/congresses/{congress.congress.pk}/roster/"
    stranger = client.post(url, {"roster": "\n".join([*lines[:29], f"王小明,第2选区,一线,女,,{make_person_id()}"])})
    assert stranger.status_code == 400 and "第 30 行：该身份证号码不是本单位职工会员" in stranger.content.decode()
    assert client.post(url, {"roster": "\n".join(lines)}).status_code == 302
    linked = congress.term.delegates.filter(name="王小明").order_by("pk")
    assert [d.member.id_index for d in linked] == [m.id_index for m in Member.objects.filter(
        name="王小明", employer=congress.employer).order_by("pk")]
    page = client.get(f"/democracy/congresses/{congress.congress.pk}/").content.decode()
    masked = [m.id_masked for m in Member.objects.filter(name="王小明", employer=congress.employer)]
    assert all(m in page for m in masked) and not any(number in page for number in ids)
    assert page.count('data-testid="delegate-member"') == 30 and "未关联" in page
