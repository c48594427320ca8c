"""Every stored copy of a union's path follows the union when it moves or merges (orgs.paths); a
model that stores one and forgets to register it keeps answering to the old subtree."""

from django.apps import apps
from django.db import models

from gonghui.orgs.paths import registered_copies

# Records of where something stood at the time they were written: a move must not rewrite them (the
# audit log is append-only), and the union's own path is the source the copies follow.
HISTORICAL = {("core.AuditEntry", "org_path"), ("members.PersonalDataAccess", "org_path"),
              ("assistance.HardshipDataAccess", "org_path"), ("orgs.TradeUnion", "path")}


def test_every_stored_path_copy_is_registered_to_follow_a_move():
    registered = {(model._meta.label, field) for model, field in registered_copies()}
    stored = {(model._meta.label, field.name) for model in apps.get_models() for field in model._meta.get_fields()
              if isinstance(field, models.CharField) and field.name.endswith("path")}
    assert stored - registered - HISTORICAL == set()


def test_an_activity_and_its_sign_ups_follow_their_union_when_it_moves(world):
    from gonghui.activities.services import signup_create
    from gonghui.members.services.applications import PortalWorker
    from gonghui.orgs.services import union_move
    from gonghui.testing.activities import make_activity
    from gonghui.testing.world import SYSTEM, make_member

    make_member(world.grassroots, phone="13900004444")
    activity = make_activity(world.grassroots, audience="public")
    signup = signup_create(worker=PortalWorker(phone="13900004444"), activity_pk=activity.pk, name="王某")
    union_move(actor=SYSTEM, union=world.grassroots, new_parent=world.county2)
    world.grassroots.refresh_from_db()
    activity.refresh_from_db()
    signup.refresh_from_db()
    assert activity.org_path == signup.org_path == world.grassroots.path
