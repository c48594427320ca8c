import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from gonghui.core.errors import InvalidFields, NotFound, PermissionDenied, ValidationFailed
from gonghui.members.choices import MembershipStatus
from gonghui.members.models import Member, Membership, MembershipEvent
from gonghui.members.services.personal import member_reveal
from gonghui.members.services.registry import (
    AlreadyMember,
    member_admit,
    member_update,
    membership_death,
    membership_leave,
    membership_reinstate,
    membership_retain,
)
from gonghui.testing.world import make_person_id, member_data

pytestmark = pytest.mark.django_db


def test_admitting_stores_the_id_encrypted_and_masked(world):
    number = make_person_id()
    membership = member_admit(actor=world.county_admin, union=world.grassroots, data=member_data(id_number=number))
    member = membership.member
    assert member.id_masked == number[:6] + "********" + number[-4:]
    with connection.cursor() as cur:
        cur.execute("SELECT id_number, phone FROM members_member WHERE id = %s", [member.pk])
        stored_id, stored_phone = cur.fetchone()
    assert number not in stored_id and member.phone not in stored_phone
    assert Member.objects.get(pk=member.pk).id_number == number
    assert member.birth_date == datetime.date(1990, 1, 1)
    assert MembershipEvent.objects.filter(member=member, kind="admit").exists()


def _wrong_check_digit() -> str:
    good = make_person_id()
    return good[:17] + ("0" if good[17] != "0" else "1")


def test_every_bad_field_is_reported_at_once(world):
    with pytest.raises(InvalidFields) as exc:
        member_admit(actor=world.county_admin, union=world.grassroots,
                     data=member_data(name="", id_number=_wrong_check_digit(), phone="123", ethnicity="火星族"))
    fields = {e.field for e in exc.value.errors}
    assert fields == {"name", "id_number", "phone", "ethnicity"}


def test_a_person_cannot_join_twice(world):
    data = member_data(id_number=world.membership.member.id_number)
    with pytest.raises(AlreadyMember) as here:
        member_admit(actor=world.county_admin, union=world.grassroots, data=data)
    assert here.value.here
    with pytest.raises(AlreadyMember) as elsewhere:
        member_admit(actor=world.other_province_officer, union=world.other_city, data=data)
    assert "示例" not in str(elsewhere.value) and "其他工会" in str(elsewhere.value)
    with pytest.raises(AlreadyMember) as visible:
        member_admit(actor=world.province_officer, union=world.county2, data=data)
    assert "示例科技有限公司工会委员会" in str(visible.value)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite's in-memory test database has one writer; "
                    "CI runs this on PostgreSQL")
def test_two_concurrent_joins_of_one_person_leave_one_membership(world):
    data = member_data()
    outcomes: list[str] = []

    def join(union):
        try:
            member_admit(actor=world.province_officer, union=union, data=data)
            outcomes.append("ok")
        except (AlreadyMember, ValidationFailed) as exc:
            outcomes.append(exc.code)
        except Exception as exc:  # IntegrityError surfacing is itself a failure to explain
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=join, args=(u,)) for u in (world.grassroots, world.county2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["already_member", "ok"]
    assert Membership.objects.live().filter(member__name="王小明").count() == 1


def test_the_life_of_a_membership(world):
    member = world.membership.member
    membership_retain(actor=world.county_admin, member=member, reason="unemployed")
    assert Membership.objects.get(pk=world.membership.pk).status == MembershipStatus.RETAINED
    membership_reinstate(actor=world.county_admin, member=member)
    membership_leave(actor=world.county_admin, member=member, note="本人申请")
    left = Membership.objects.get(pk=world.membership.pk)
    assert (left.status, left.ended_on) == (MembershipStatus.LEFT, timezone.localdate())
    rejoined = membership_reinstate(actor=world.county_admin, member=member)
    assert rejoined.pk != left.pk and rejoined.status == MembershipStatus.ACTIVE
    membership_death(actor=world.county_admin, member=member)
    with pytest.raises(ValidationFailed):
        membership_reinstate(actor=world.county_admin, member=member)
    kinds = list(MembershipEvent.objects.filter(member=member).order_by("id").values_list("kind", flat=True))
    assert kinds == ["admit", "retain", "reinstate", "leave", "rejoin", "death"]


def test_leaving_needs_a_reason_and_the_right_scope(world):
    member = world.membership.member
    with pytest.raises(ValidationFailed) as exc:
        membership_leave(actor=world.county_admin, member=member, note=" ")
    assert exc.value.field == "note"
    with pytest.raises(NotFound):
        membership_leave(actor=world.other_province_officer, member=member, note="x")


def test_the_identity_document_cannot_be_edited(world):
    member = world.membership.member
    with pytest.raises(ValidationFailed):
        member_update(actor=world.county_admin, member=member, version=member.version,
                      data={"id_number": make_person_id()})
    updated = member_update(actor=world.county_admin, member=member, version=member.version,
                            data={"job": "焊工", "new_form_group": "快递员"})
    assert updated.job == "焊工" and updated.employment_form == "new_form"


def test_revealing_needs_the_permission_and_a_reason_and_is_logged(world):
    member = world.membership.member
    with pytest.raises(PermissionDenied):
        member_reveal(actor=world.county_clerk, member=member, field="id_number", reason="核对身份")
    with pytest.raises(ValidationFailed):
        member_reveal(actor=world.county_admin, member=member, field="id_number", reason="")
    assert member_reveal(actor=world.county_admin, member=member, field="id_number", reason="核对身份") == \
        member.id_number
    assert member.accesses.get().reason == "核对身份"


def test_admitting_to_a_single_employers_union_records_where_the_member_works(world):
    membership = member_admit(actor=world.county_admin, union=world.grassroots, data=member_data())
    assert membership.member.employer_id == world.employer.pk
    county = member_admit(actor=world.county_admin, union=world.county, data=member_data())
    assert county.member.employer_id is None
