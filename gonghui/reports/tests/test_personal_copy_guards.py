"""The copy's guards: the person's identity number on the portal, the cadre's scope in each domain, and
look-ups by identity that hold while the index key rotates."""

import io

import openpyxl
import pytest
from django.utils import timezone

from gonghui.assistance.models import HardshipFile
from gonghui.core.crypto import blind_index
from gonghui.core.errors import ValidationFailed
from gonghui.core.idnumbers import mask_id
from gonghui.core.lookups import TooManyLookups
from gonghui.members.models import Member, MembershipEvent, PersonalDataAccess, Transfer
from gonghui.members.rights_models import PersonalDataRequest
from gonghui.members.services.applications import PortalWorker
from gonghui.orgs.models import TradeUnion
from gonghui.reports.personal.copy import personal_copy
from gonghui.reports.personal.erasure import RETAINED, retention_reasons
from gonghui.reports.personal.holdings import person_holdings
from gonghui.testing.keys import index_key_rotating
from gonghui.testing.world import make_person_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(world) -> Member:
    return world.membership.member


def _file(union: TradeUnion, member: Member, status: str = "filed") -> HardshipFile:
    """A hardship file typed in by the person's identity number (not linked to the registry record)."""
    number = member.id_number
    return HardshipFile.objects.create(
        status=status, worker_name=member.name, worker_id_number=number,
        worker_id_index=blind_index(f"resident:{number}"), worker_id_masked=mask_id(number),
        union=union, org_path=union.path, adcode="510104", hardship_class="deep", surveyed_at=timezone.now())


def _unions_in_hardship_sheet(data: bytes) -> set[str]:
    sheet = openpyxl.load_workbook(io.BytesIO(data))["困难职工档案"]
    return {row[1].value for row in sheet.iter_rows(min_row=2)} - {None}


@pytest.mark.parametrize("typed", ["", "abc", make_person_id(born="19850505")])
def test_the_portal_copy_is_refused_without_the_persons_own_identity_number(member, typed):
    with pytest.raises(ValidationFailed) as error:
        personal_copy(actor=PortalWorker(phone=member.phone), member=member, id_number=typed)
    assert error.value.field == "id_number" and "证件号码" in str(error.value.message)
    assert not PersonalDataRequest.objects.exists() and not PersonalDataAccess.objects.exists()


def test_the_portal_copy_takes_the_identity_number_as_people_type_it(member):
    typed = f" {member.id_number[:6]} {member.id_number[6:].lower()} "
    assert personal_copy(actor=PortalWorker(phone=member.phone), member=member, id_number=typed)
    assert PersonalDataAccess.objects.filter(member=member, field="copy").count() == 1


def test_the_portal_copy_counts_each_number_typed_against_the_hourly_look_up_limit(member, settings):
    settings.GONGHUI_ID_LOOKUP_PER_HOUR = 2
    worker = PortalWorker(phone=member.phone)
    for _ in range(2):
        with pytest.raises(ValidationFailed):
            personal_copy(actor=worker, member=member, id_number=make_person_id(born="19850505"))
    with pytest.raises(TooManyLookups):  # even the right number, once the hour's tries are spent
        personal_copy(actor=worker, member=member, id_number=member.id_number)
    assert not PersonalDataAccess.objects.exists()


def test_a_cadre_copy_leaves_out_what_the_cadres_scope_does_not_show_in_each_domain(world, member):
    _file(world.grassroots, member, status="closed")
    _file(world.other_province, member)
    cadre_copy = personal_copy(actor=world.county_admin, member=member, reason="本人到窗口申请")
    assert _unions_in_hardship_sheet(cadre_copy) == {world.grassroots.name}
    own_copy = personal_copy(actor=PortalWorker(phone=member.phone), member=member, id_number=member.id_number)
    assert _unions_in_hardship_sheet(own_copy) == {world.grassroots.name, world.other_province.name}


def test_rows_indexed_under_the_previous_key_are_found_while_the_key_rotates(member, world, settings):
    _file(world.grassroots, member)  # the hardship table not yet recomputed
    with index_key_rotating(settings):
        # The registry already recomputed under the new key.
        Member.objects.filter(pk=member.pk).update(id_index=blind_index(f"{member.id_type}:{member.id_number}"))
        member.refresh_from_db()
        hardship = next(s for s in person_holdings(member=member) if s.key == "hardship")
        assert len(hardship.rows) == 1
        assert RETAINED["hardship"] in retention_reasons(member)


def _sheet_rows(data: bytes, title: str) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(data))[title]
    return [tuple(row) for row in sheet.iter_rows(min_row=2, values_only=True)]


def _copies(world, member) -> tuple[bytes, bytes]:
    cadre = personal_copy(actor=world.county_admin, member=member, reason="本人到窗口申请")
    own = personal_copy(actor=PortalWorker(phone=member.phone), member=member, id_number=member.id_number)
    return cadre, own


def test_a_cadre_copy_leaves_out_membership_events_recorded_by_unions_outside_the_scope(world, member):
    MembershipEvent.objects.create(member=member, kind="update", union=world.other_province, actor_label="t",
                                   note="外省记录")
    cadre, own = _copies(world, member)
    assert {r[2] for r in _sheet_rows(cadre, "会籍变动")} == {world.grassroots.name}
    assert {r[2] for r in _sheet_rows(own, "会籍变动")} == {world.grassroots.name, world.other_province.name}


def test_a_cadre_copy_leaves_out_transfers_between_unions_outside_the_scope(world, member):
    def transfer(from_union, to_union):
        Transfer.objects.create(member=member, from_membership=world.membership, from_union=from_union,
                                from_path=from_union.path, to_union=to_union, to_path=to_union.path,
                                origin=Transfer.Origin.MEMBER, status=Transfer.Status.REFUSED,
                                confirmed_at=timezone.now())

    transfer(world.grassroots, world.other_city)  # sent from within the scope: the sender's too
    transfer(world.other_city, world.other_province)
    cadre, own = _copies(world, member)
    assert {(r[1], r[2]) for r in _sheet_rows(cadre, "会籍接转")} == {(world.grassroots.name, world.other_city.name)}
    assert len(_sheet_rows(own, "会籍接转")) == 2


def test_a_cadre_copy_leaves_out_rights_requests_made_at_unions_outside_the_scope(world, member):
    PersonalDataRequest.objects.create(member=member, union=world.other_province, org_path=world.other_province.path,
                                       kind="erase", state="refused", channel="offline", reason="外省工会的处理意见",
                                       requested_by_label="t")
    cadre, own = _copies(world, member)
    assert "外省工会的处理意见" not in {r[4] for r in _sheet_rows(cadre, "个人信息权利申请")}
    assert len(_sheet_rows(cadre, "个人信息权利申请")) == 1  # the copy just given, at the member's union
    assert "外省工会的处理意见" in {r[4] for r in _sheet_rows(own, "个人信息权利申请")}
