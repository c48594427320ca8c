import datetime

import pytest

from gonghui.core.errors import InvalidFields, NotFound, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.democracy.choices import SeatKind
from gonghui.democracy.selectors import disclosure_list, disclosures_for_member, employers_missing_director
from gonghui.democracy.services import (
    disclosure_create,
    disclosure_mark_read,
    disclosure_publish,
    openness_assess,
    seat_elect,
)
from gonghui.democracy.tests.setup import make_company, make_congress
from gonghui.members.models import Member
from gonghui.orgs.choices import Ownership
from gonghui.orgs.models import Employer
from gonghui.orgs.scope import scope_for

pytestmark = pytest.mark.django_db


def _disclosure(world, employer, publish=True, **kw):
    data = {"category": "wages", "title": "2025年工资调整方案", "content": "人均增长5%。", "channel": "board",
            "period_start": datetime.date(2025, 3, 1), "period_end": datetime.date(2025, 3, 31), **kw}
    return disclosure_create(actor=world.grassroots_clerk, employer=employer, publish=publish, **data)


def test_it_refuses_a_period_that_runs_backwards_and_a_missing_category(world):
    with pytest.raises(InvalidFields) as e:
        _disclosure(world, world.employer, category="", period_end=datetime.date(2025, 2, 1))
    assert {err.field for err in e.value.errors} == {"category", "period_end"}


def test_a_worker_reads_only_their_own_employers_published_items_and_is_counted_once(world):
    other = make_company(world.grassroots)
    mine = _disclosure(world, world.employer)
    _disclosure(world, world.employer, publish=False, title="草稿")
    _disclosure(world, other, title="别家")
    member = Member.objects.get(pk=world.membership.member_id)
    Member.objects.filter(pk=member.pk).update(employer=world.employer)
    member.refresh_from_db()

    assert list(disclosures_for_member(member)) == [mine]
    assert disclosure_mark_read(member=member, disclosure=mine) is True
    assert disclosure_mark_read(member=member, disclosure=mine) is False
    row = disclosure_list(scope=scope_for(world.grassroots_clerk, Perm.DEMOCRACY_VIEW), employer=world.employer,
                          published=True).get()
    assert row.read_count == 1


def test_an_unpublished_item_cannot_be_read_until_it_is_published(world):
    draft = _disclosure(world, world.employer, publish=False)
    member = Member.objects.get(pk=world.membership.member_id)
    with pytest.raises(NotFound):
        disclosure_mark_read(member=member, disclosure=draft)
    assert disclosure_publish(actor=world.grassroots_clerk, disclosure=draft).published_at is not None


def test_the_yearly_assessment_cannot_count_more_workers_than_there_are(world):
    with pytest.raises(ValidationFailed):
        openness_assess(actor=world.grassroots_clerk, employer=world.employer, year=2025, satisfied=90, basic=10,
                        dissatisfied=1)
    row = openness_assess(actor=world.grassroots_clerk, employer=world.employer, year=2025, satisfied=80, basic=15,
                          dissatisfied=5)
    assert (row.satisfied, row.basic, row.dissatisfied) == (80, 15, 5)


def test_a_company_of_300_without_a_worker_director_is_on_the_work_list_until_one_is_elected(world):
    c = make_congress(world.grassroots, workforce=300, women=120, dispatched=15)
    small = make_company(world.grassroots, workforce=299, women=100)
    public = make_company(world.grassroots, workforce=500, women=100, ownership=Ownership.PUBLIC)
    scope = scope_for(world.grassroots_clerk, Perm.DEMOCRACY_VIEW)
    listed = set(employers_missing_director(scope=scope).values_list("pk", flat=True))
    assert c.employer.pk in listed and small.pk not in listed and public.pk not in listed

    seat_elect(actor=world.grassroots_clerk, employer=c.employer, kind=SeatKind.DIRECTOR, holder_name="王芳",
               elected_by=c.session, starts_on=datetime.date(2025, 3, 1), ends_on=datetime.date(2028, 3, 1),)
    assert not employers_missing_director(scope=scope, today=datetime.date(2025, 6, 1)).filter(
        pk=c.employer.pk).exists()
    assert Employer.objects.filter(pk=c.employer.pk).exists()


def test_a_seat_cannot_start_before_the_session_that_elected_it(world):
    c = make_congress(world.grassroots)
    with pytest.raises(ValidationFailed) as e:
        seat_elect(actor=world.grassroots_clerk, employer=c.employer, kind=SeatKind.SUPERVISOR, holder_name="赵强",
                   elected_by=c.session, starts_on=datetime.date(2025, 2, 1), ends_on=datetime.date(2028, 2, 1))
    assert e.value.field == "starts_on"
