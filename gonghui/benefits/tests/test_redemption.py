"""A merchant redeems a voucher with its partner key and the member's card: once, its own, in date."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from gonghui.benefits.choices import VoucherStatus
from gonghui.benefits.models import Voucher
from gonghui.benefits.services import merchant_suspend, redemption, voucher_claim, voucher_redeem, voucher_void
from gonghui.benefits.services.redemption import NotAMerchant
from gonghui.benefits.tests.conftest import make_merchant, make_offer, partner_of
from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import ValidationFailed
from gonghui.members.services.applications import PortalWorker
from gonghui.members.services.cards import card_issue, card_token
from gonghui.members.services.partners import partner_create
from gonghui.testing.world import SYSTEM, make_member

ONE_WRITER = pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite's in-memory test database has one "
                                "writer; CI runs this on PostgreSQL")


def claim(shop) -> Voucher:
    return voucher_claim(worker=PortalWorker(phone=shop.member.phone), offer_pk=shop.offer.pk)


def refused(shop, *, code: str, token: str | None = None, partner=None) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as exc:
        voucher_redeem(partner=partner or shop.partner, code=code, card_token=token or shop.token)
    return exc.value


def test_a_merchant_redeems_its_own_voucher_once(world, shop):
    voucher = claim(shop)
    done = voucher_redeem(partner=shop.partner, code=voucher.code.lower(), card_token=shop.token)
    assert done.offer_title == shop.offer.title and "*" in done.code
    assert not {"name", "member", "phone", "id_number"} & set(vars(done))
    voucher.refresh_from_db()
    assert voucher.status == VoucherStatus.REDEEMED and voucher.redeemed_merchant_id == shop.merchant.pk
    assert AuditEntry.objects.filter(action="benefits.voucher_redeem", outcome=AuditEntry.Outcome.OK).count() == 1
    again = refused(shop, code=voucher.code)
    assert (again.field, again.code) == ("code", "used")
    assert AuditEntry.objects.filter(action="benefits.voucher_redeem", outcome=AuditEntry.Outcome.FAILED).exists()


def test_another_merchants_voucher_is_refused(world, shop):
    voucher = claim(shop)
    _other, other_partner, _k = make_merchant(world, name="锦江茶馆")
    error = refused(shop, code=voucher.code, partner=other_partner)
    assert (error.field, error.code) == ("code", "other_merchant")
    assert Voucher.objects.get(pk=voucher.pk).status == VoucherStatus.UNUSED


def test_a_key_tied_to_no_merchant_redeems_nothing(world, shop):
    voucher = claim(shop)
    bank, _key = partner_create(actor=SYSTEM, union=world.province, name="某银行", purposes=["verify"])
    with pytest.raises(NotAMerchant):
        voucher_redeem(partner=partner_of(bank.pk), code=voucher.code, card_token=shop.token)


def test_the_members_own_card_must_be_shown(world, shop):
    voucher = claim(shop)
    someone = make_member(world.grassroots, name="孙八").member
    error = refused(shop, code=voucher.code, token=card_token(card_issue(actor=SYSTEM, member=someone)))
    assert (error.field, error.code) == ("card_token", "card_mismatch")
    bad = refused(shop, code=voucher.code, token="forged")
    assert (bad.field, bad.code) == ("card_token", "bad_card")
    assert refused(shop, code="NOSUCHCODE").code == "unknown_code"


def test_expired_void_and_suspended_are_refused(world, shop):
    voucher = claim(shop)
    Voucher.objects.filter(pk=voucher.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert refused(shop, code=voucher.code).code == "expired"
    second = make_offer(shop.merchant, world.city, title="第二项")
    voided = voucher_void(actor=SYSTEM, voucher=voucher_claim(worker=PortalWorker(phone=shop.member.phone),
                                                              offer_pk=second.pk), reason="误发")
    assert refused(shop, code=voided.code).code == "void"
    third = make_offer(shop.merchant, world.city, title="第三项")
    fresh = voucher_claim(worker=PortalWorker(phone=shop.member.phone), offer_pk=third.pk)
    merchant_suspend(actor=SYSTEM, merchant=shop.merchant, reason="暂停")
    assert refused(shop, code=fresh.code).code == "merchant_suspended"


@pytest.mark.django_db(transaction=True)
@ONE_WRITER
def test_two_redemptions_at_the_same_moment_leave_exactly_one(world, shop, monkeypatch):
    voucher = claim(shop)
    outcomes: list[str] = []
    barrier = threading.Barrier(2)
    # Both requests have read the voucher as unused before either writes: only the UPDATE decides.
    both_read = threading.Barrier(2)
    card_member = redemption._card_member

    def card_member_after_both_read(token: str):
        both_read.wait(timeout=10)
        return card_member(token)

    monkeypatch.setattr(redemption, "_card_member", card_member_after_both_read)

    def redeem() -> None:
        try:
            partner = partner_of(shop.partner.pk)
            barrier.wait()
            voucher_redeem(partner=partner, code=voucher.code, card_token=shop.token)
            outcomes.append("ok")
        except ValidationFailed as exc:
            outcomes.append(exc.code)
        except Exception as exc:  # anything else surfacing is itself a failure to explain
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=redeem) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "used"]
    assert Voucher.objects.filter(pk=voucher.pk, status=VoucherStatus.REDEEMED).count() == 1
    assert AuditEntry.objects.filter(action="benefits.voucher_redeem", outcome=AuditEntry.Outcome.OK).count() == 1


@pytest.mark.django_db(transaction=True)
@ONE_WRITER
def test_two_members_claiming_the_last_voucher_leave_the_quantity_at_zero(world, shop):
    offer = make_offer(shop.merchant, world.city, quantity=1, title="最后一张")
    other = make_member(world.grassroots, name="周九").member
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def take(phone: str) -> None:
        try:
            barrier.wait()
            voucher_claim(worker=PortalWorker(phone=phone), offer_pk=offer.pk)
            outcomes.append("ok")
        except ValidationFailed as exc:
            outcomes.append(exc.code)
        except Exception as exc:  # anything else surfacing is itself a failure to explain
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(p,)) for p in (shop.member.phone, other.phone)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "refused"]
    offer.refresh_from_db()
    assert offer.issued == 1 and offer.vouchers.count() == 1
