"""民主管理 on the portal: 厂务公开 of one's own employer only, each read counted once, the yearly
assessment once, and a delegate's own proposals, submitted, followed and rated by them alone."""

import datetime
import re

import pytest

from gonghui.democracy.choices import ProposalAction, ProposalStatus
from gonghui.democracy.models import DisclosureRead, OpennessAssessment, Proposal
from gonghui.democracy.services import disclosure_create, proposal_submit, proposal_transition
from gonghui.democracy.tests.setup import make_company, make_congress, worker_at
from gonghui.testing.world import SYSTEM

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(world):
    c = make_congress(world.grassroots)
    delegate, member = worker_at(c.employer, world.grassroots, delegate=c.delegates[10])
    item = disclosure_create(actor=SYSTEM, employer=c.employer, category="wages", title="2026年工资调整方案",
                             content="人均增长5%。", channel="online", period_start=datetime.date(2026, 1, 1),
                             period_end=datetime.date(2026, 12, 31), publish=True)
    draft = disclosure_create(actor=SYSTEM, employer=c.employer, category="safety", title="未发布的安全通报",
                              content="草稿", channel="board", period_start=datetime.date(2026, 1, 1),
                              period_end=datetime.date(2026, 12, 31))
    return c, delegate, member, item, draft


def test_a_visitor_is_sent_to_login_from_every_page(client, setting):
    _c, _d, _m, item, _draft = setting
    for url in ("/portal/democracy/", f"/portal/democracy/disclosures/{item.pk}/", "/portal/democracy/proposals/new/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/portal/login/?next="), url
    assert client.post("/portal/democracy/assess/", {"rating": "satisfied"}).status_code == 302
    assert not OpennessAssessment.objects.exists()


def test_the_home_page_has_a_tile_that_needs_login(client):
    page = client.get("/portal/").content.decode()
    tile = re.search(r'<a [^>]*data-testid="service-democracy"[^>]*>.*?</a>', page, re.S).group(0)
    assert "需登录" in tile and "%2Fportal%2Fdemocracy%2F" in tile


def test_a_member_reads_their_employers_published_items_counted_once(as_worker, world, setting):
    c, _d, _m, item, draft = setting
    worker, _member = worker_at(c.employer, world.grassroots)
    client = as_worker(worker.phone)

    page = client.get("/portal/democracy/").content.decode()
    assert "2026年工资调整方案" in page and "未发布的安全通报" not in page and 'data-testid="unread"' in page
    for _ in range(3):
        assert "人均增长5%" in client.get(f"/portal/democracy/disclosures/{item.pk}/").content.decode()
    assert client.get(f"/portal/democracy/disclosures/{draft.pk}/").status_code == 404

    assert DisclosureRead.objects.filter(disclosure=item).count() == 1
    assert 'data-testid="unread"' not in client.get("/portal/democracy/").content.decode()


def test_a_member_of_another_employer_sees_nothing_of_it(as_worker, world, setting):
    _c, _d, _m, item, _draft = setting
    worker, _member = worker_at(make_company(world.grassroots), world.grassroots)
    client = as_worker(worker.phone)

    page = client.get("/portal/democracy/").content.decode()
    assert "2026年工资调整方案" not in page and 'data-testid="no-disclosures"' in page
    assert client.get(f"/portal/democracy/disclosures/{item.pk}/").status_code == 404
    assert not DisclosureRead.objects.exists()


def test_the_years_assessment_is_taken_once_per_member(as_worker, world, setting):
    c, _d, _m, _item, _draft = setting
    worker, _member = worker_at(c.employer, world.grassroots)
    client = as_worker(worker.phone)

    assert client.post("/portal/democracy/assess/", {"rating": "basic"}).status_code == 302
    again = client.post("/portal/democracy/assess/", {"rating": "dissatisfied"}, follow=True).content.decode()

    row = OpennessAssessment.objects.get(employer=c.employer)
    assert (row.satisfied, row.basic, row.dissatisfied) == (0, 1, 0)
    assert 'data-testid="assessed"' in again and "您已参加" in again


def test_a_non_delegate_cannot_submit_a_proposal(as_worker, world, setting):
    c, _d, _m, _item, _draft = setting
    worker, _member = worker_at(c.employer, world.grassroots)
    client = as_worker(worker.phone)

    assert 'data-testid="delegate"' not in client.get("/portal/democracy/").content.decode()
    assert client.get("/portal/democracy/proposals/new/").status_code == 403
    response = client.post("/portal/democracy/proposals/new/", {"title": "t", "content": "c",
                                                                 "cosigners": [c.delegates[1].pk, c.delegates[2].pk]})
    assert response.status_code == 403 and not Proposal.objects.exists()


def test_a_delegate_submits_with_cosigners_and_follows_the_answer(as_worker, world, setting):
    c, delegate, _m, _item, _draft = setting
    client = as_worker(delegate.phone)
    assert 'data-testid="new-proposal"' in client.get("/portal/democracy/").content.decode()

    few = client.post("/portal/democracy/proposals/new/", {"title": "夜班供餐", "content": "夜班没有热饭。",
                                                           "cosigners": [c.delegates[11].pk]})
    assert few.status_code == 400 and "至少 2 名" in few.content.decode()
    done = client.post("/portal/democracy/proposals/new/", {"title": "夜班供餐", "content": "夜班没有热饭。",
                                                            "cosigners": [c.delegates[11].pk, c.delegates[12].pk]})
    p = Proposal.objects.get()
    assert done.status_code == 302 and done["Location"] == f"/portal/democracy/proposals/{p.pk}/"
    assert p.submitter == c.delegates[10] and p.cosigns.count() == 2

    for action, kw in ((ProposalAction.ACCEPT, {}), (ProposalAction.ASSIGN, {"department": "后勤部"}),
                       (ProposalAction.ANSWER, {"answer": "十月起夜班供应热餐。"})):
        p = proposal_transition(actor=world.grassroots_clerk, proposal=p, action=action, **kw)
    page = client.get(f"/portal/democracy/proposals/{p.pk}/").content.decode()
    assert "十月起夜班供应热餐" in page and 'data-testid="rate-form"' in page


def test_only_the_submitter_rates_the_answer(as_worker, world, setting):
    c, delegate, _m, _item, _draft = setting
    cosigner, _cm = worker_at(c.employer, world.grassroots, delegate=c.delegates[11])
    p = proposal_submit(actor=SYSTEM, congress=c.congress, submitter=c.delegates[10], title="夜班供餐",
                        content="夜班没有热饭。", cosigners=c.delegates[11:13])
    for action, kw in ((ProposalAction.ACCEPT, {}), (ProposalAction.ASSIGN, {"department": "后勤部"}),
                       (ProposalAction.ANSWER, {"answer": "已安排。"})):
        p = proposal_transition(actor=world.grassroots_clerk, proposal=p, action=action, **kw)

    other = as_worker(cosigner.phone)
    assert other.get(f"/portal/democracy/proposals/{p.pk}/").status_code == 404
    assert other.post(f"/portal/democracy/proposals/{p.pk}/rate/", {"rating": "dissatisfied"}).status_code == 404
    other.post("/portal/logout/")
    own = as_worker(delegate.phone)
    assert own.post(f"/portal/democracy/proposals/{p.pk}/rate/", {"rating": "satisfied", "note": "很好"}
                    ).status_code == 302

    p.refresh_from_db()
    assert p.status == ProposalStatus.RATED and p.rating == "satisfied" and p.rating_note == "很好"
    assert p.events.last().actor_label.startswith("portal:")
