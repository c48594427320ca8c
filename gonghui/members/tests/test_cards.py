import datetime
from unittest import mock

import pytest
from django.test import override_settings

from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import NotFound
from gonghui.members.models import MemberCard
from gonghui.members.services.cards import (
    card_issue,
    card_number_from_token,
    card_token,
    cards_bulk_issue,
    luhn_check_digit,
)
from gonghui.testing.world import make_member

pytestmark = pytest.mark.django_db


def test_card_numbers_carry_a_luhn_check_digit(world):
    card = card_issue(actor=world.county_admin, member=world.membership.member)
    assert len(card.number) == 19 and card.number[-1] == luhn_check_digit(card.number[:-1])
    assert card_issue(actor=world.county_admin, member=world.membership.member) == card


def test_bulk_issue_covers_every_live_member_without_a_card_once(world):
    make_member(world.grassroots)
    make_member(world.grassroots)
    card_issue(actor=world.county_admin, member=world.membership.member)
    assert cards_bulk_issue(actor=world.county_admin, union=world.county) == 2
    assert cards_bulk_issue(actor=world.county_admin, union=world.county) == 0
    assert MemberCard.objects.filter(status="active").count() == 3
    assert AuditEntry.objects.filter(action="member.card_bulk_issue").count() == 2


def test_bulk_issue_is_scoped(world):
    with pytest.raises(NotFound):
        cards_bulk_issue(actor=world.other_province_officer, union=world.county)


def test_the_qr_token_expires(world):
    card = card_issue(actor=world.county_admin, member=world.membership.member)
    token = card_token(card)
    assert card_number_from_token(token) == card.number
    assert card_number_from_token(token + "x") is None
    later = datetime.datetime.now().timestamp() + 11 * 60
    with override_settings(GONGHUI_CARD_TOKEN_MINUTES=10), mock.patch("time.time", return_value=later):
        assert card_number_from_token(token) is None
