"""Identity numbers and health notes: masked in lists, encrypted at rest, shown in full only with a
permission and a reason, and each showing logged."""

import pytest
from django.db import connection

from gonghui.assistance.models import HardshipDataAccess, HouseholdMember
from gonghui.assistance.selectors import hardship_files_of_person, hardship_list, household_member_get
from gonghui.assistance.services import hardship_household_set, hardship_reveal
from gonghui.assistance.tests.conftest import household_of
from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import InvalidFields, NotFound, PermissionDenied, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for
from gonghui.testing.world import make_person_id

pytestmark = pytest.mark.django_db


def _raw(sql: str, pk: int) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk])
        return cursor.fetchone()


def test_lists_show_the_identity_masked_and_never_in_full(world, survey):
    worker_id = make_person_id(born="19850312")
    file = survey(id_number=worker_id)
    listed = hardship_list(scope=scope_for(world.county_clerk, Perm.HARDSHIP_VIEW)).get(pk=file.pk)
    assert listed.worker_id_masked == worker_id[:6] + "********" + worker_id[-4:]
    assert worker_id not in str(listed) and "19850312" not in str(listed)
    member = file.household.get(relation="self")
    assert member.id_masked.startswith(worker_id[:6]) and "*" in member.id_masked


def test_identity_numbers_and_health_notes_are_encrypted_at_rest(world, survey):
    worker_id = make_person_id()
    file = survey(id_number=worker_id)
    household = household_of(24000, 12000, 0, worker_id=worker_id, notes="尿毒症，每周透析")
    file = hardship_household_set(actor=world.county_clerk, file=file, causes=["illness"], household=household)
    raw_id, raw_phone, raw_index = _raw("SELECT worker_id_number, worker_phone, worker_id_index "
                                        "FROM assistance_hardshipfile WHERE id = %s", file.pk)
    assert worker_id not in raw_id and raw_id.count(":") == 1 and "13800001234" not in raw_phone
    assert worker_id not in raw_index
    person = file.household.get(relation="self")
    raw_member_id, raw_notes = _raw("SELECT id_number, health_notes FROM assistance_householdmember WHERE id = %s",
                                    person.pk)
    assert worker_id not in raw_member_id and "透析" not in raw_notes
    assert HouseholdMember.objects.get(pk=person.pk).health_notes == "尿毒症，每周透析"


def test_health_notes_need_the_separate_consent(world, survey):
    file = survey(consent=None)
    with pytest.raises(InvalidFields) as refused:
        hardship_household_set(actor=world.county_clerk, file=file, causes=["disability"],
                               household=household_of(12000, 0, notes="肢体二级残疾"))
    assert refused.value.errors[0].field == "household.1.health_notes"


def test_a_reveal_needs_the_permission(world, survey):
    file = survey()
    with pytest.raises(PermissionDenied):
        hardship_reveal(actor=world.county_clerk, file=file, field="worker_id_number", reason="核对身份")
    with pytest.raises(NotFound):
        hardship_reveal(actor=world.other_province_officer, file=file, field="worker_id_number", reason="核对身份")
    assert not HardshipDataAccess.objects.exists()


def test_a_reveal_with_a_reason_shows_the_number_and_leaves_an_access_row(world, survey, county_reviewer):
    worker_id = make_person_id()
    file = survey(id_number=worker_id)
    shown = hardship_reveal(actor=county_reviewer, file=file, field="worker_id_number", reason="与民政数据比对")
    assert shown == worker_id
    access = HardshipDataAccess.objects.get()
    assert (access.file_id, access.field, access.reason, access.actor_label) == (
        file.pk, "worker_id_number", "与民政数据比对", "county_reviewer")
    entry = AuditEntry.objects.get(action="hardship.reveal")
    assert worker_id not in str(entry.detail) and worker_id not in entry.object_label


def test_a_household_members_health_note_is_revealed_only_through_its_own_file(world, survey, county_reviewer):
    file = survey()
    other = survey()
    person = household_member_get(file=file, pk=file.household.get(relation="spouse").pk)
    assert hardship_reveal(actor=county_reviewer, file=file, household_member=person, field="id_number",
                           reason="核对家庭成员") == person.id_number
    with pytest.raises(NotFound):
        hardship_reveal(actor=county_reviewer, file=other, household_member=person, field="id_number",
                        reason="核对家庭成员")
    with pytest.raises(NotFound):
        household_member_get(file=other, pk=person.pk)
    with pytest.raises(ValidationFailed) as refused:
        hardship_reveal(actor=county_reviewer, file=file, household_member=person, field="relation",
                        reason="核对")
    assert refused.value.field == "field"
    with pytest.raises(ValidationFailed) as refused:
        hardship_reveal(actor=county_reviewer, file=file, field="worker_id_number", reason=" ")
    assert refused.value.field == "reason"


def test_a_workers_files_are_found_by_the_identity_across_all_unions(world, survey):
    worker_id = make_person_id()
    file = survey(id_number=worker_id)
    assert [f.pk for f in hardship_files_of_person(id_number=worker_id.lower())] == [file.pk]
    assert [f.pk for f in hardship_files_of_person(phone="138 0000 1234")] == [file.pk]
    assert hardship_files_of_person() == []
