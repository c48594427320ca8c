"""Every stored copy of a union's path follows the union when it moves or merges (orgs.paths); a
model that stores one and forgets to register it keeps answering to the old subtree."""

from django.apps import apps
from django.db import models

from gonghui.orgs.paths import registered_copies

# Records of where something stood at the time they were written: a move must not rewrite them (the
# audit log is append-only), and the union's own path is the source the copies follow.
HISTORICAL = {("core.AuditEntry", "org_path"), ("members.PersonalDataAccess", "org_path"),
              ("assistance.HardshipDataAccess", "org_path"), ("orgs.TradeUnion", "path")}
# A stored metric figure names the subtree it counted when it was computed: after a move its number is
# wrong under any path, so the refresh replaces it and rollup_check reports it until then.
HISTORICAL |= {("reports.MetricFigure", "path")}


def test_every_stored_path_copy_is_registered_to_follow_a_move():
    registered = {(model._meta.label, field) for model, field in registered_copies()}
    stored = {(model._meta.label, field.name) for model in apps.get_models() for field in model._meta.get_fields()
              if isinstance(field, models.CharField) and field.name.endswith("path")}
    assert stored - registered - HISTORICAL == set()

