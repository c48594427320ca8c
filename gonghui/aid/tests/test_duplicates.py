"""No person and no household is aided twice by one programme in one cycle, in any union."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction

from gonghui.aid.choices import GrantStatus
from gonghui.aid.errors import DuplicateGrant
from gonghui.aid.models import AidGrant
from gonghui.aid.recipients import clean_worker
from gonghui.aid.services import batch_add_recipients, batch_remove_grants, batch_select_eligible, grant_add
from gonghui.aid.tests.conftest import make_file, worker
from gonghui.testing.world import make_person_id

ONE_WRITER = pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite's in-memory test database has one "
                                "writer; CI runs this on PostgreSQL")


@pytest.mark.django_db
def test_the_same_person_twice_in_a_cycle_is_refused_with_the_earlier_grant_named(world, batch, new_batch, campaign):
    person = worker()
    first = grant_add(actor=world.county_clerk, batch=batch, data=person)
    second_batch = new_batch(campaign, title="第二批")
    with pytest.raises(DuplicateGrant) as refused:
        grant_add(actor=world.county_clerk, batch=second_batch, data={**person, "name": "赵大勇（重复）"})
    earlier = refused.value.earlier[0]
    assert earlier["grant"] == first.pk and earlier["union"] == world.county.name and not earlier["other_union"]
    assert "不能重复发放" in str(refused.value.message) and world.county.name in str(refused.value.message)
    assert AidGrant.objects.filter(batch=second_batch).count() == 0


@pytest.mark.django_db
def test_a_person_known_by_phone_only_is_guarded_by_the_phone(world, batch, new_batch, campaign):
    grant_add(actor=world.county_clerk, batch=batch, data=worker(id_number="", phone="13912345678"))
    with pytest.raises(DuplicateGrant):
        grant_add(actor=world.county_clerk, batch=new_batch(campaign), data=worker(id_number="", phone="139 1234 5678"))


@pytest.mark.django_db
def test_the_next_cycle_is_allowed(world, programme, batch, new_campaign, new_batch):
    person = worker()
    grant_add(actor=world.county_clerk, batch=batch, data=person)
    next_year = new_batch(new_campaign(programme, year=2027))
    assert grant_add(actor=world.county_clerk, batch=next_year, data=person).cycle_key == "2027"


@pytest.mark.django_db
def test_another_unions_programme_of_the_same_kind_is_the_same_programme_and_tells_neither_union_nor_date(
        world, batch, new_programme, new_campaign, new_batch, county2_admin):
    person = worker()
    grant_add(actor=world.county_clerk, batch=batch, data=person)
    theirs = new_programme(union=world.county2, actor=county2_admin, name="涪城区送温暖")
    their_batch = new_batch(new_campaign(theirs, actor=county2_admin), union=world.county2, actor=county2_admin)
    with pytest.raises(DuplicateGrant) as refused:
        grant_add(actor=county2_admin, batch=their_batch, data=person)
    earlier = refused.value.earlier[0]
    assert earlier == {"other_union": True, "grant": None, "union": None, "batch": None, "batch_title": "",
                       "date": ""}
    message = str(refused.value.message)
    assert "已在本周期内领取过该项目" in message
    for secret in ("另一工会", "2026-01-20", world.county.name, batch.title):
        assert secret not in message


@pytest.mark.django_db
def test_a_custom_programme_is_only_itself(world, batch, new_programme, new_campaign, new_batch):
    person = worker()
    grant_add(actor=world.county_clerk, batch=batch, data=person)
    custom = new_programme(kind="custom", name="环卫工人关爱", members_only=False)
    assert grant_add(actor=world.county_clerk, batch=new_batch(new_campaign(custom)), data=person)


@pytest.mark.django_db
def test_a_failed_or_removed_grant_frees_the_place(world, batch, new_batch, campaign):
    person = worker()
    grant = grant_add(actor=world.county_clerk, batch=batch, data=person)
    batch_remove_grants(actor=world.county_clerk, batch=batch, grant_ids=[grant.pk], reason="信息有误")
    again = grant_add(actor=world.county_clerk, batch=new_batch(campaign), data=person)
    AidGrant.objects.filter(pk=again.pk).update(status=GrantStatus.FAILED)
    assert grant_add(actor=world.county_clerk, batch=new_batch(campaign), data=person)


@pytest.mark.django_db
def test_a_household_in_file_is_aided_once_even_through_a_household_member_typed_by_hand(world, batch, new_batch,
                                                                                          campaign):
    from gonghui.assistance.models import HouseholdMember
    from gonghui.core.crypto import blind_index

    household = make_file(world.grassroots)
    spouse_id = make_person_id("110101", "19800101")
    HouseholdMember.objects.create(file=household, relation="spouse", name="孙三", id_number=spouse_id,
                                   id_index=blind_index(f"resident:{spouse_id}"), id_masked=spouse_id[:6])
    selected = batch_select_eligible(actor=world.county_clerk, batch=batch)
    assert selected.added == 1
    with pytest.raises(DuplicateGrant):
        grant_add(actor=world.county_clerk, batch=new_batch(campaign), data=worker(name="孙三", id_number=spouse_id))


@pytest.mark.django_db
def test_a_bulk_selection_sets_duplicates_aside_and_writes_the_rest(world, batch, new_batch, campaign):
    people = [worker() for _ in range(3)]
    grant_add(actor=world.county_clerk, batch=batch, data=people[0])
    listed = [clean_worker(p) for p in people] + [clean_worker(people[1])]
    result = batch_add_recipients(actor=world.county_clerk, batch=new_batch(campaign), recipients=listed)
    assert result.added == 2
    assert sorted(d["reason"] for d in result.duplicates) == ["already_aided", "listed_twice"]


@pytest.mark.django_db
def test_the_database_refuses_a_second_place_whatever_the_services_missed(world, batch):
    grant = grant_add(actor=world.county_clerk, batch=batch, data=worker())
    grant.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        grant.save()


@pytest.mark.django_db(transaction=True)
@ONE_WRITER
def test_two_unions_selecting_the_same_person_at_once_leave_one_place(world, new_programme, new_campaign,
                                                                      new_batch, county2_admin):
    mine = new_batch(new_campaign(new_programme()))
    theirs_programme = new_programme(union=world.county2, actor=county2_admin, name="涪城区送温暖")
    theirs = new_batch(new_campaign(theirs_programme, actor=county2_admin), union=world.county2, actor=county2_admin)
    person = worker()
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def add(actor, batch):
        try:
            barrier.wait()
            grant_add(actor=actor, batch=batch, data=person)
            outcomes.append("ok")
        except DuplicateGrant as exc:
            outcomes.append(exc.code)
        except Exception as exc:  # anything else surfacing is itself a failure to explain
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=add, args=(world.county_clerk, mine)),
               threading.Thread(target=add, args=(county2_admin, theirs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["duplicate_grant", "ok"]
    assert AidGrant.objects.filter(status=GrantStatus.PENDING).count() == 1
