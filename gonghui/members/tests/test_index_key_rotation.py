"""Admitting people while the blind-index key rotates: someone still indexed under the old key is
found, one by one and in bulk, so nobody is registered twice."""

import base64
import datetime
import hashlib

import pytest

from gonghui.core import crypto
from gonghui.core.key_rotation import rotate
from gonghui.members.cleaning import require_clean
from gonghui.members.models import Member
from gonghui.members.rights_selectors import members_of_phone, my_member_get
from gonghui.members.services.applications import PortalWorker
from gonghui.members.services.bulk import BulkAdmitConflict, members_bulk_admit
from gonghui.members.services.registry import AlreadyMember, member_admit, membership_leave
from gonghui.members.services.rights import data_request_correct
from gonghui.testing.world import SYSTEM, make_member, member_data

pytestmark = pytest.mark.django_db

DEV_INDEX = base64.b64encode(hashlib.sha256(b"gonghui-dev-index-key").digest()).decode()
NEW = base64.b64encode(b"n" * 32).decode()


@pytest.fixture
def rotating(settings):
    """The new index key first, the old one kept: the window while the job runs."""

    def switch() -> None:
        settings.GONGHUI_INDEX_KEY = f"i2:{NEW},{DEV_INDEX}"
        crypto._index_keys.cache_clear()

    yield switch
    crypto._index_keys.cache_clear()


def _data_of(member: Member) -> dict:
    return member_data(name=member.name, id_number=member.id_number, phone=member.phone)


def test_a_member_still_under_the_old_index_key_is_not_admitted_twice(world, rotating):
    member = world.membership.member
    rotating()
    with pytest.raises(AlreadyMember):
        member_admit(actor=SYSTEM, union=world.city2, data=_data_of(member))
    with pytest.raises(BulkAdmitConflict):
        members_bulk_admit(actor=SYSTEM, union=world.city2, channel="console",
                           rows=[(require_clean(_data_of(member)), datetime.date(2024, 1, 1))])
    assert Member.objects.count() == 1


def test_someone_who_left_comes_back_in_bulk_as_the_same_person_during_the_rotation(world, rotating):
    gone = make_member(world.grassroots).member
    membership_leave(actor=SYSTEM, member=gone, note="调离", on=datetime.date(2023, 6, 1))
    rotating()
    result = members_bulk_admit(actor=SYSTEM, union=world.city2, channel="console",
                                rows=[(require_clean(_data_of(gone)), datetime.date(2024, 1, 1))])
    assert (result.admitted, result.rejoined) == (0, 1)
    assert Member.objects.count() == 2
    rotate("index")  # and the job finishes what the import left
    assert Member.objects.get(pk=gone.pk).id_index == crypto.blind_index(f"resident:{gone.id_number}")


def test_a_worker_still_under_the_old_index_key_sees_and_corrects_their_own_record(world, rotating):
    member = world.membership.member
    rotating()
    worker = PortalWorker(phone=member.phone, ip="10.0.0.1")
    assert members_of_phone(phone=member.phone) == [member]
    assert my_member_get(phone=member.phone, pk=member.pk) == member
    request = data_request_correct(actor=worker, member=member, field="name", value="李 思")
    assert request.member == member
