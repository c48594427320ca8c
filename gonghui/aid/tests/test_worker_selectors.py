"""我的帮扶: the aid a worker received, found only through the worker's own phone."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gonghui.aid.choices import GrantStatus
from gonghui.aid.services import (
    batch_approve,
    batch_mark_paid,
    batch_remove_grants,
    batch_select_eligible,
    batch_submit,
    grant_add,
)
from gonghui.aid.tests.conftest import make_file, worker
from gonghui.aid.worker_selectors import my_aid_grants
from gonghui.testing.world import make_member

pytestmark = pytest.mark.django_db
PHONE = "13800005555"


def test_a_worker_sees_the_aid_of_their_household_in_file_and_their_own_grants(world, new_programme, new_campaign,
                                                                              new_batch):
    member = make_member(world.grassroots, name="周晓红", phone=PHONE).member
    make_file(world.grassroots, name="周晓红", member=member, id_number=member.id_number)
    make_file(world.grassroots, name="别人家", member=world.membership.member,
              id_number=world.membership.member.id_number)
    warmth = new_batch(new_campaign(new_programme()))
    batch_select_eligible(actor=world.county_clerk, batch=warmth)
    cooling = new_batch(new_campaign(new_programme(kind="summer_cooling", name="夏送清凉", members_only=False,
                                                   standard_amount="100", standard_goods_value="0")))
    removed = grant_add(actor=world.county_clerk, batch=cooling, data=worker(name="周晓红", id_number="",
                                                                            phone=PHONE))
    batch_remove_grants(actor=world.county_clerk, batch=cooling, grant_ids=[removed.pk])
    # 夏送清凉 at a building site: a name and a phone, no ID number.
    by_phone = grant_add(actor=world.county_clerk, batch=cooling, data=worker(name="周晓红", id_number="",
                                                                             phone=PHONE, goods="防暑药品"))
    for batch in (warmth, cooling):
        batch_submit(actor=world.county_clerk, batch=batch)
        batch_approve(actor=world.county_admin, batch=batch)
    batch_mark_paid(actor=world.county_clerk, batch=warmth)

    with CaptureQueriesContext(connection) as queries:
        mine = my_aid_grants(phone=PHONE)
    assert len(queries) <= 4  # the identities registered with the phone read first (assistance.worker_scope)
    assert [g.name for g in mine.grants] == ["周晓红", "周晓红"]
    assert by_phone.pk in {g.pk for g in mine.grants} and removed.pk not in {g.pk for g in mine.grants}
    paid = [g for g in mine.grants if g.status == GrantStatus.PAID]
    assert len(paid) == mine.paid_count == 1 and paid[0].hardship_file is not None
    assert (mine.paid_cash, mine.paid_goods_value) == (Decimal("500.00"), Decimal("200.00"))
    # The other household's grant and a cancelled row never show.
    assert "别人家" not in [g.name for g in mine.grants]
    assert my_aid_grants(phone="13800006666").grants == [] and my_aid_grants(phone="").grants == []
