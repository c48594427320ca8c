"""The 会籍接转 boxes export as the page shows them: the box and step asked for, within scope, masked."""

import pytest

from gonghui.core.exports import list_export
from gonghui.orgs.scope import scope_for
from gonghui.testing.world import SYSTEM, confirmed_transfer, make_member

pytestmark = pytest.mark.django_db


def rows(user, name, **filters):
    export = list_export(name)
    return list(export.rows(actor=user, scope=scope_for(user, export.permission), filters=filters))


def test_the_transfer_export_holds_the_box_and_step_asked_for_within_scope(world):
    coming = make_member(world.county2, name="调入的").member
    confirmed_transfer(actor=SYSTEM, member=coming, to_union=world.grassroots, reason="工作调动")
    going = make_member(world.grassroots, name="调出的").member
    confirmed_transfer(actor=SYSTEM, member=going, to_union=world.county2, reason="搬家")
    elsewhere = make_member(world.county2, name="别处的").member
    confirmed_transfer(actor=SYSTEM, member=elsewhere, to_union=world.other_city, reason="别处")

    inbox = rows(world.county_admin, "members.transfers")
    assert [r[:5] for r in inbox] == [["调入的", coming.id_masked, world.county2.name, world.grassroots.name,
                                       "工作调动"]]
    assert "*" in inbox[0][1] and inbox[0][5] == "待转出"
    assert [r[0] for r in rows(world.county_admin, "members.transfers", box="out")] == ["调出的"]
    assert rows(world.county_admin, "members.transfers", status="released") == []
