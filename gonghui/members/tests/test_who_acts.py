"""Who an audit row and a timeline name: one mapping (members.services.common.who) for every domain."""

import pytest

from gonghui.core.audit import Actor
from gonghui.members.services.applications import PortalWorker
from gonghui.members.services.common import who

pytestmark = pytest.mark.django_db


def test_a_portal_worker_acts_as_its_own_masked_actor_not_as_an_account():
    worker = PortalWorker(phone="13812345678", ip="10.0.0.9")
    assert who(worker) == worker.actor and who(worker).id is None and "13812345678" not in who(worker).label


def test_a_cadre_is_named_by_person_and_union_and_an_actor_stays_itself(world):
    cadre = who(world.county_admin)
    assert cadre.id == world.county_admin.pk and cadre.label == world.county_admin.username
    assert cadre.shown != cadre.label  # the timeline names the person, never the login name
    system = Actor(id=None, label="system:retention")
    assert who(system) is system
