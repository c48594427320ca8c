"""The review queue says, before approval, who is already a live member of another union: their
approval becomes a transfer, not a new membership."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gonghui.members.selectors import application_queue
from gonghui.members.services.applications import PortalWorker, application_submit
from gonghui.members.services.registry import membership_leave
from gonghui.orgs.scope import Scope
from gonghui.testing.world import SYSTEM, make_member, make_person_id, member_data

pytestmark = pytest.mark.django_db


def apply(union, name, **overrides):
    data = member_data(name=name, **overrides)
    return application_submit(worker=PortalWorker(phone=data.pop("phone")), union=union, data=data)


def test_an_applicant_who_is_a_live_member_elsewhere_is_flagged_in_one_query(world):
    elsewhere = make_member(world.county2, name="转来的", id_number=make_person_id(born="19880808"))
    moving = apply(world.grassroots, "转来的", id_number=elsewhere.member.id_number)
    new = apply(world.grassroots, "新来的")
    with CaptureQueriesContext(connection) as queries:
        flags = {a.pk: a.member_elsewhere for a in application_queue(scope=Scope.of([world.province.path]))}
    assert flags == {moving.pk: True, new.pk: False}
    assert len(queries) == 1  # the flag is a subquery of the list, never one query per applicant


def test_a_membership_that_has_ended_does_not_flag(world):
    former = make_member(world.county2, name="离开的")
    membership_leave(actor=SYSTEM, member=former.member, note="调离")
    applied = apply(world.grassroots, "离开的", id_number=former.member.id_number)
    assert not application_queue(scope=Scope.of([world.province.path])).get(pk=applied.pk).member_elsewhere
