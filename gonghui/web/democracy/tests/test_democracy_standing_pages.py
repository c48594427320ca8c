"""The 民主管理 pages offer the employer's own union its forms and a union above only 指导意见, shown on
the congress page with its author; a form posted anyway by a union above is refused."""

import datetime

import pytest
from django.test import Client

from gonghui.democracy.choices import AgendaKind
from gonghui.democracy.models import CongressTerm, Disclosure
from gonghui.democracy.services import agenda_item_add, disclosure_create, proposal_submit
from gonghui.democracy.tests.setup import make_congress
from gonghui.testing.world import PASSWORD

pytestmark = pytest.mark.django_db
FORMS = ["term-form", "roster-form", "session-form", "seat-form", "assessment-form", "new-proposal"]


def login(username):
    client = Client()
    assert client.post("/login/", {"username": username, "password": PASSWORD}).status_code == 302
    return client


@pytest.fixture
def held(world):
    return make_congress(world.grassroots, actor=world.grassroots_clerk)


def test_a_union_above_sees_the_congress_with_the_guidance_form_only(world, held):
    for above in ("county_clerk", "province_officer"):
        page = login(above).get(f"/democracy/congresses/{held.congress.pk}/").content.decode()
        assert 'data-testid="guidance-form"' in page
        for name in FORMS:
            assert f'data-testid="{name}"' not in page
    holder = login("grassroots_clerk").get(f"/democracy/congresses/{held.congress.pk}/").content.decode()
    assert all(f'data-testid="{name}"' in holder for name in FORMS)
    assert 'data-testid="guidance-form"' not in holder


def test_a_term_posted_by_a_union_above_is_refused(world, held):
    response = login("county_clerk").post(f"/democracy/congresses/{held.congress.pk}/term/", {
        "starts_on": "2027-01-02", "ends_on": "2030-01-01", "workforce": "400", "women_workforce": "160",
        "dispatched_workforce": "0"})
    assert response.status_code == 400 and "只有该工会的干部可以登记和办理" in response.content.decode()
    assert CongressTerm.objects.filter(congress=held.congress).count() == 1


def test_guidance_from_the_county_shows_on_the_holders_page(world, held):
    done = login("county_clerk").post(f"/democracy/congresses/{held.congress.pk}/guidance/",
                                      {"note": "请在年内召开职代会审议工资调整方案。"})
    assert done.status_code == 302
    page = login("grassroots_clerk").get(f"/democracy/congresses/{held.congress.pk}/").content.decode()
    assert "请在年内召开职代会审议工资调整方案。" in page and "（成都市锦江区总工会）" in page
    refused = login("grassroots_clerk").post(f"/democracy/congresses/{held.congress.pk}/guidance/", {"note": "自评"})
    assert refused.status_code == 400


def test_votes_proposal_steps_and_publishing_are_offered_to_the_holder_only(world, held):
    agenda_item_add(actor=world.grassroots_clerk, session=held.session, kind=AgendaKind.WORKER_RULES, title="考勤制度")
    proposal = proposal_submit(actor=world.grassroots_clerk, congress=held.congress, submitter=held.delegates[10],
                               title="夜班供餐", content="夜班没有热饭。", cosigners=held.delegates[11:13])
    disclosure_create(actor=world.grassroots_clerk, employer=held.employer, category="wages", title="工资调整",
                      content="人均增长5%。", channel="board", period_start=datetime.date(2025, 3, 1),
                      period_end=datetime.date(2025, 3, 31))
    county, holder = login("county_clerk"), login("grassroots_clerk")
    assert 'data-testid="vote-form"' not in county.get(f"/democracy/sessions/{held.session.pk}/").content.decode()
    assert 'data-testid="vote-form"' in holder.get(f"/democracy/sessions/{held.session.pk}/").content.decode()
    assert 'data-testid="do-accept"' not in county.get(f"/democracy/proposals/{proposal.pk}/").content.decode()
    assert 'data-testid="do-accept"' in holder.get(f"/democracy/proposals/{proposal.pk}/").content.decode()
    refused = county.post(f"/democracy/proposals/{proposal.pk}/do/accept/", {"version": proposal.version})
    assert refused.status_code == 400 and "只有该工会的干部可以登记和办理" in refused.content.decode()
    item = held.session.items.get()
    vote = county.post(f"/democracy/items/{item.pk}/vote/", {"present": "25", "in_favour": "20"})
    assert vote.status_code == 400 and "只有该工会的干部可以登记和办理" in vote.content.decode()
    publish = f"/democracy/disclosures/{Disclosure.objects.get().pk}/publish/"
    assert publish not in county.get("/democracy/disclosures/").content.decode()
    assert publish in holder.get("/democracy/disclosures/").content.decode()
    pick = f"/employers/pick/?for=disclosure&q={held.employer.credit_code}"
    assert held.employer.name not in county.get(pick).content.decode()
    assert held.employer.name in holder.get(pick).content.decode()
