import datetime
import hashlib
import io
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from gonghui.members.models import Partner, PartnerWindow
from gonghui.members.services.cards import card_issue, card_token
from gonghui.members.services.partners import (
    PartnerKeyRefused,
    PurposeRefused,
    Throttled,
    Verdict,
    partner_authenticate,
    partner_create,
    partner_revoke,
    partner_set_purposes,
    partner_verify_card,
    partner_verify_identity,
)
from gonghui.members.services.registry import membership_leave, membership_retain
from gonghui.testing.world import SYSTEM, make_member, make_person_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(world):
    partner, _key = partner_create(actor=world.sysadmin, union=world.province, name="示例银行", purposes=["verify"])
    return partner


def test_a_partner_key_is_shown_once_and_stored_as_a_hash(world):
    partner, key = partner_create(actor=world.sysadmin, union=world.province, name="示例银行", per_minute=5,
                                  purposes=["verify"])
    assert key.startswith("ghp_") and len(key) > 40
    assert partner.key_hash == hashlib.sha256(key.encode()).hexdigest() and partner.key_prefix == key[:12]
    assert key not in str(Partner.objects.filter(pk=partner.pk).values().get())
    entry = AuditEntry.objects.get(action="partner.create")
    assert key not in str(entry.detail) and entry.detail["per_minute"] == 5
    assert partner_authenticate(key=key, purpose="verify") == partner


def test_only_a_system_administrator_of_the_province_registers_partners(world):
    with pytest.raises(NotFound):
        partner_create(actor=world.county_admin, union=world.province, name="甲", purposes=["verify"])
    with pytest.raises(PermissionDenied):
        partner_create(actor=world.province_officer, union=world.province, name="甲", purposes=["verify"])
    with pytest.raises(NotFound):
        partner_create(actor=world.sysadmin, union=world.other_province, name="甲", purposes=["verify"])
    with pytest.raises(ValidationFailed) as exc:
        partner_create(actor=world.sysadmin, union=world.county, name="甲", purposes=["verify"])
    assert exc.value.field == "union"
    with pytest.raises(ValidationFailed) as exc:
        partner_create(actor=world.sysadmin, union=world.province, name="甲", per_minute=0, purposes=["verify"])
    assert exc.value.field == "per_minute"


def test_a_revoked_key_no_longer_authenticates(world):
    partner, key = partner_create(actor=world.sysadmin, union=world.province, name="示例银行", purposes=["verify"])
    partner_revoke(actor=world.sysadmin, partner=partner)
    with pytest.raises(PartnerKeyRefused):
        partner_authenticate(key=key, purpose="verify")
    with pytest.raises(Conflict):
        partner_revoke(actor=world.sysadmin, partner=partner)
    denied = AuditEntry.objects.filter(action="partner.verify", outcome="denied").get()
    assert denied.detail == {"key_prefix": key[:12], "reason": "bad_key"}


def test_an_identity_number_answers_membership_and_union_level_only(world, partner):
    member = world.membership.member
    assert partner_verify_identity(partner=partner, id_type="resident", id_number=member.id_number) == Verdict(
        True, "grassroots")
    assert partner_verify_identity(partner=partner, id_type="resident", id_number=make_person_id()) == Verdict(
        False, None)
    retained = make_member(world.county).member
    membership_retain(actor=SYSTEM, member=retained, reason="retired")
    assert partner_verify_identity(partner=partner, id_type="", id_number=retained.id_number) == Verdict(
        True, "county")


def test_someone_who_left_or_lives_in_another_province_is_no_member_for_this_partner(world, partner):
    left = make_member(world.county).member
    membership_leave(actor=SYSTEM, member=left, note="离职")
    guizhou = make_member(world.other_city).member
    for member in (left, guizhou):
        assert not partner_verify_identity(partner=partner, id_type="resident", id_number=member.id_number).member


def test_a_malformed_identity_number_is_refused_and_audited_as_failed(world, partner):
    with pytest.raises(ValidationFailed) as exc:
        partner_verify_identity(partner=partner, id_type="resident", id_number="510104199001011234")
    assert exc.value.field == "id_number"
    entry = AuditEntry.objects.filter(action="partner.verify").latest("id")
    assert (entry.outcome, entry.detail) == ("failed", {"kind": "id", "error": "check_digit"})


def test_every_call_is_audited_without_the_plaintext_number(world, partner):
    member = world.membership.member
    partner_verify_identity(partner=partner, id_type="resident", id_number=member.id_number)
    entry = AuditEntry.objects.filter(action="partner.verify").latest("id")
    assert entry.actor_label == "partner:示例银行" and entry.object_id == str(partner.pk)
    assert entry.detail == {"kind": "id", "subject": member.id_masked, "member": True, "union_level": "grassroots"}
    assert member.id_number not in str(list(AuditEntry.objects.values_list("detail", flat=True)))


def test_a_card_token_answers_while_it_is_fresh_and_the_card_active(world, partner):
    card = card_issue(actor=world.county_admin, member=world.membership.member)
    token = card_token(card)
    assert partner_verify_card(partner=partner, token=token) == Verdict(True, "grassroots")
    assert partner_verify_card(partner=partner, token=token + "x") == Verdict(False, None)
    later = datetime.datetime.now().timestamp() + 11 * 60
    with override_settings(GONGHUI_CARD_TOKEN_MINUTES=10), mock.patch("time.time", return_value=later):
        assert not partner_verify_card(partner=partner, token=token).member
    subjects = list(AuditEntry.objects.filter(action="partner.verify").order_by("id")
                    .values_list("detail__subject", flat=True))
    assert subjects == [card.number[:4] + "*" * 11 + card.number[-4:], "invalid_token", "invalid_token"]


def test_calls_beyond_the_minute_limit_are_refused_until_the_window_ends(world):
    partner, _key = partner_create(actor=world.sysadmin, union=world.province, name="甲", per_minute=2,
                                   purposes=["verify"])
    number = world.membership.member.id_number
    at = timezone.now().replace(second=15)
    with mock.patch("django.utils.timezone.now", return_value=at):
        for _ in range(2):
            partner_verify_identity(partner=partner, id_type="resident", id_number=number)
        with pytest.raises(Throttled) as exc:
            partner_verify_identity(partner=partner, id_type="resident", id_number=number)
    assert (exc.value.retry_after, exc.value.status) == (45, 429)
    refused = AuditEntry.objects.filter(action="partner.verify").latest("id")
    assert (refused.outcome, refused.detail) == ("denied", {"kind": "id", "throttled": True})
    next_minute = at + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=next_minute):
        assert partner_verify_identity(partner=partner, id_type="resident", id_number=number).member


def test_the_daily_quota_waits_for_the_next_local_day(world):
    partner, _key = partner_create(actor=world.sysadmin, union=world.province, name="甲", daily_quota=1,
                                   purposes=["verify"])
    evening = timezone.make_aware(datetime.datetime(2026, 5, 1, 22, 0, 0))
    with mock.patch("django.utils.timezone.now", return_value=evening):
        partner_verify_card(partner=partner, token="x")
        with pytest.raises(Throttled) as exc:
            partner_verify_card(partner=partner, token="x")
    assert exc.value.retry_after == 2 * 3600  # until local midnight, Asia/Shanghai
    assert PartnerWindow.objects.get(partner=partner, kind="day").count == 2


def test_the_command_prints_the_key_once(world):
    out = io.StringIO()
    call_command("partner_create", "示例保险", "--union", str(world.province.pk), "--per-minute", "30",
                 "--purpose", "verify", stdout=out)
    key = out.getvalue().strip().splitlines()[-1]
    partner = partner_authenticate(key=key, purpose="verify")
    assert (partner.name, partner.union, partner.per_minute) == ("示例保险", world.province, 30)
    call_command("partner_revoke", key[:12], stdout=io.StringIO())
    with pytest.raises(PartnerKeyRefused):
        partner_authenticate(key=key, purpose="verify")


def test_the_command_defaults_to_the_tree_root_and_explains_errors(world):
    out = io.StringIO()
    call_command("partner_create", "全国合作方", "--purpose", "verify", stdout=out)
    assert Partner.objects.get(name="全国合作方").union == world.national
    with pytest.raises(CommandError):
        call_command("partner_create", "甲", "--union", str(world.county.pk), "--purpose", "verify",
                     stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("partner_revoke", "ghp_nothing", stdout=io.StringIO())


def test_a_key_is_refused_outside_its_purposes_naming_the_purpose_and_the_refusal_is_audited(world):
    partner, key = partner_create(actor=world.sysadmin, union=world.province, name="某招聘平台", purposes=["jobs"])
    assert partner_authenticate(key=key, purpose="jobs") == partner
    with pytest.raises(PurposeRefused) as exc:
        partner_authenticate(key=key, purpose="verify")
    assert exc.value.status == 403 and "核验会员身份" in str(exc.value.message)
    denied = AuditEntry.objects.filter(action="partner.verify", outcome=AuditEntry.Outcome.DENIED).last()
    assert denied.detail["reason"] == "purpose" and denied.detail["purpose"] == "verify"


def test_purposes_are_chosen_at_creation_and_changed_by_the_system_administrator_only(world):
    with pytest.raises(ValidationFailed) as exc:
        partner_create(actor=world.sysadmin, union=world.province, name="甲", purposes=[])
    assert exc.value.field == "purposes"
    with pytest.raises(ValidationFailed):
        partner_create(actor=world.sysadmin, union=world.province, name="甲", purposes=["admin"])
    partner, key = partner_create(actor=world.sysadmin, union=world.province, name="甲", purposes=["verify"])
    with pytest.raises(PermissionDenied):
        partner_set_purposes(actor=world.province_officer, partner=partner, purposes=["redeem"])
    partner_set_purposes(actor=world.sysadmin, partner=partner, purposes=["redeem", "verify"])
    assert partner_authenticate(key=key, purpose="redeem") == partner
    assert AuditEntry.objects.filter(action="partner.purposes").last().detail["new"] == ["verify", "redeem"]


def test_the_purposes_command_shows_and_sets_what_a_key_may_do(world):
    partner, _key = partner_create(actor=world.sysadmin, union=world.province, name="甲", purposes=["verify"])
    out = io.StringIO()
    call_command("partner_purposes", partner.key_prefix, "--purpose", "jobs", stdout=out)
    assert out.getvalue().strip() == "甲: jobs"
    partner.refresh_from_db()
    assert (partner.may_verify, partner.may_post_jobs) == (False, True)


def test_partners_registered_before_purposes_keep_all_three(world):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("gonghui.members.migrations.0008_partner_purposes")
    partner, _key = partner_create(actor=world.sysadmin, union=world.province, name="甲", purposes=["verify"])
    migration.keep_what_they_could_do(apps, None)
    partner.refresh_from_db()
    assert partner.purposes == ["verify", "redeem", "jobs"]
