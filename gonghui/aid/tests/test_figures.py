"""The annual report's aid figures: 人, 人次, 户, 场次 and 万元, members and non-members apart."""

import datetime
from decimal import Decimal

import pytest

from gonghui.aid.figures import aid_figures
from gonghui.aid.services import batch_approve, batch_mark_paid, batch_submit, grant_add
from gonghui.aid.tests.conftest import make_file, worker
from gonghui.assistance.models import HouseholdMember
from gonghui.core.crypto import blind_index
from gonghui.core.errors import NotFound
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for
from gonghui.testing.world import make_person_id

YEAR = (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


def paid(world, batch, people):
    for person in people:
        grant_add(actor=world.county_clerk, batch=batch, data=person)
    batch_submit(actor=world.county_clerk, batch=batch)
    batch_approve(actor=world.county_admin, batch=batch)
    return batch_mark_paid(actor=world.county_clerk, batch=batch)


@pytest.fixture
def year_of_aid(world, new_programme, new_campaign, new_batch):
    a, b, c, d = (worker(is_member=True), worker(group="outdoor"), worker(group="new_form"), worker(group="outdoor"))
    warmth = new_programme()  # 500 cash + 200 goods
    paid(world, new_batch(new_campaign(warmth)), [a, b, c])
    cooling = new_programme(kind="summer_cooling", name="夏送清凉", standard_amount="0", standard_goods_value="50",
                            budget="1000")
    summer = new_campaign(cooling)
    july = datetime.date(2026, 7, 10)
    paid(world, new_batch(summer, granted_on=july), [a, b])
    paid(world, new_batch(summer, union=world.grassroots, granted_on=july), [d])
    study = new_programme(kind="autumn_study_aid", name="金秋助学", standard_amount="1000", standard_goods_value="0")
    household = make_file(world.grassroots, member=world.membership.member)
    students = []
    for name in ("周一", "周二"):
        number = make_person_id("510104", "20060101")
        HouseholdMember.objects.create(file=household, relation="child", name=name, id_number=number,
                                       id_index=blind_index(f"resident:{number}"), id_masked=number[:6])
        students.append(worker(name=name, id_number=number, is_member=True, student_name=name, school="四川大学",
                               grade="大一"))
    paid(world, new_batch(new_campaign(study), granted_on=datetime.date(2026, 9, 1)), students)
    # Approved but not yet paid: not counted.
    waiting = new_batch(new_campaign(warmth, year=2027), granted_on=datetime.date(2026, 12, 30))
    grant_add(actor=world.county_clerk, batch=waiting, data=worker())
    return warmth


@pytest.mark.django_db
def test_the_county_counts_people_times_households_events_and_money(world, year_of_aid,
                                                                  django_assert_max_num_queries):
    scope = scope_for(world.county_admin, Perm.HARDSHIP_VIEW)
    with django_assert_max_num_queries(5):  # however many programmes, batches and grants
        figures = aid_figures(scope=scope, root_path=world.county.path, start=YEAR[0], end=YEAR[1])
    by = {p.key: p for p in figures.programmes}
    warmth, cooling, study = by["winter_warmth"], by["summer_cooling"], by["autumn_study_aid"]
    assert (warmth.counts.people, warmth.counts.times, warmth.counts.households, warmth.counts.events) == (3, 3, 3, 1)
    assert warmth.counts.amount_wan == Decimal("0.2100")
    assert (warmth.members.people, warmth.non_members.people) == (1, 2)
    assert (warmth.members.amount_wan, warmth.non_members.amount_wan) == (Decimal("0.0700"), Decimal("0.1400"))
    assert (cooling.counts.people, cooling.counts.times, cooling.counts.events) == (3, 3, 2)
    assert cooling.counts.goods == Decimal("150.00") and cooling.counts.cash == 0
    assert (study.counts.people, study.counts.households, study.members) == (2, 1, None)
    # Across programmes a person aided twice is one 人 and two 人次.
    assert (figures.total.people, figures.total.times) == (6, 8)
    assert figures.total.amount_wan == Decimal("0.4250")
    assert (warmth.budget, warmth.paid, warmth.budget_used_rate) == (Decimal("10000"), Decimal("2100"),
                                                                      Decimal("21.0"))


@pytest.mark.django_db
def test_the_period_counts_only_what_was_paid_in_it(world, year_of_aid):
    figures = aid_figures(scope=scope_for(world.county_admin, Perm.HARDSHIP_VIEW), root_path=world.county.path,
                          start=datetime.date(2026, 1, 1), end=datetime.date(2026, 6, 30))
    assert (figures.total.people, figures.total.times) == (3, 3)
    assert {p.key for p in figures.programmes if p.counts.times} == {"winter_warmth"}


@pytest.mark.django_db
def test_the_province_sees_the_same_figures_and_another_county_none(world, year_of_aid, county2_admin):
    province = aid_figures(scope=scope_for(world.province_officer, Perm.HARDSHIP_VIEW),
                           root_path=world.province.path, start=YEAR[0], end=YEAR[1])
    assert province.total.times == 8
    with pytest.raises(NotFound):
        aid_figures(scope=scope_for(county2_admin, Perm.HARDSHIP_VIEW), root_path=world.county.path,
                    start=YEAR[0], end=YEAR[1])
    theirs = aid_figures(scope=scope_for(county2_admin, Perm.HARDSHIP_VIEW), root_path=world.county2.path,
                         start=YEAR[0], end=YEAR[1])
    assert theirs.total.times == 0 and theirs.programmes == []
