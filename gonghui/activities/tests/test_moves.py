"""An activity, its sign-ups and the subtree it is open to follow their union when it moves."""

from gonghui.activities.services import signup_create
from gonghui.members.services.applications import PortalWorker
from gonghui.orgs.services import union_move
from gonghui.testing.activities import make_activity
from gonghui.testing.world import SYSTEM, make_member


def test_an_activity_and_its_sign_ups_follow_their_union_when_it_moves(world):
    make_member(world.grassroots, phone="13900004444")
    activity = make_activity(world.grassroots, audience="public")
    signup = signup_create(worker=PortalWorker(phone="13900004444"), activity_pk=activity.pk, name="王某")
    union_move(actor=SYSTEM, union=world.grassroots, new_parent=world.county2)
    world.grassroots.refresh_from_db()
    activity.refresh_from_db()
    signup.refresh_from_db()
    assert activity.org_path == signup.org_path == world.grassroots.path
