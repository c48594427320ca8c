"""What a look-up by identity number may tell, and how often (docs/decisions.md)."""

import pytest

from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import ValidationFailed
from gonghui.core.lookup_models import IdLookupTally
from gonghui.core.lookups import TooManyLookups
from gonghui.members.models import JoinApplication
from gonghui.members.services.applications import PortalWorker, application_submit
from gonghui.members.services.registry import member_admit
from gonghui.testing.world import make_person_id, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def county2_admin(world):
    return make_user("county2_admin", world.county2, "union_admin")


def test_a_registration_outside_the_scope_names_no_union_and_offers_the_transfer(world, county2_admin):
    member = world.membership.member
    with pytest.raises(ValidationFailed) as refused:
        member_admit(actor=county2_admin, union=world.county2, data={"name": "某人", "id_number": member.id_number})
    message = str(refused.value.message)
    assert refused.value.code == "already_member" and "会籍接转" in message and "确认短信" in message
    assert world.grassroots.name not in message and member.name not in message


def test_look_ups_by_identity_number_are_limited_per_account_and_refusals_count(world, county2_admin, settings):
    settings.GONGHUI_ID_LOOKUP_PER_HOUR = 3
    member = world.membership.member
    for _ in range(3):  # each "already a member" answer rolls its transaction back, and still counts
        with pytest.raises(ValidationFailed):
            member_admit(actor=county2_admin, union=world.county2, data={"name": "某人", "id_number": member.id_number})
    with pytest.raises(TooManyLookups) as refused:
        member_admit(actor=county2_admin, union=world.county2, data={"name": "某人", "id_number": member.id_number})
    assert refused.value.status == 429 and "每小时最多3次" in str(refused.value.message)
    assert AuditEntry.objects.filter(action="security.id_lookup_limited", actor_label="county2_admin").count() == 1
    # Another account is not held back by this one.
    member_admit(actor=world.county_admin, union=world.county, data={"name": "新人", "id_number": make_person_id()})


def test_the_daily_limit_holds_too(world, county2_admin, settings):
    settings.GONGHUI_ID_LOOKUP_PER_DAY = 1
    member_admit(actor=county2_admin, union=world.county2, data={"name": "新人", "id_number": make_person_id()})
    with pytest.raises(TooManyLookups) as refused:
        member_admit(actor=county2_admin, union=world.county2, data={"name": "某人", "id_number": make_person_id()})
    assert "24小时内的上限" in str(refused.value.message)
    assert IdLookupTally.objects.get(account=f"user:{county2_admin.pk}").count == 1


def test_a_portal_applicant_learns_membership_only_of_the_record_behind_their_own_phone(world):
    member = world.membership.member
    stranger = PortalWorker(phone="13700000007")
    application = application_submit(worker=stranger, union=world.grassroots,
                                     data={"name": member.name, "id_number": member.id_number})
    assert application.status == JoinApplication.Status.PENDING  # answered as any applicant; the union reviews it
    with pytest.raises(ValidationFailed) as refused:
        application_submit(worker=PortalWorker(phone=member.phone), union=world.grassroots,
                           data={"name": member.name, "id_number": member.id_number})
    assert refused.value.code == "already_member"


def test_a_member_of_an_employer_is_found_by_id_number_only_and_only_inside_the_registry_scope(world, county2_admin):
    from gonghui.core.errors import ValidationFailed
    from gonghui.core.permissions import Perm
    from gonghui.members.models import Member
    from gonghui.members.selectors import member_of_employer_by_id_number
    from gonghui.members.services.registry import member_admit
    from gonghui.orgs.scope import scope_for
    from gonghui.testing.world import SYSTEM, member_data

    data = member_data(name="赵师傅")
    member = member_admit(actor=SYSTEM, union=world.grassroots, data=data).member
    Member.objects.filter(pk=member.pk).update(employer=world.employer)
    county = scope_for(world.county_clerk, Perm.MEMBER_VIEW)
    found = member_of_employer_by_id_number(scope=county, employer=world.employer, id_number=data["id_number"],
                                            field="master_id")
    assert found.pk == member.pk
    for typed in ("赵师傅", data["phone"]):  # a name or a phone never stands in for the number
        with pytest.raises(ValidationFailed) as err:
            member_of_employer_by_id_number(scope=county, employer=world.employer, id_number=typed, field="master_id")
        assert err.value.field == "master_id"
    far = scope_for(county2_admin, Perm.MEMBER_VIEW)
    with pytest.raises(ValidationFailed) as err:
        member_of_employer_by_id_number(scope=far, employer=world.employer, id_number=data["id_number"],
                                        field="master_id")
    assert err.value.code == "not_found"
