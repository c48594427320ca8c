"""The 困难职工档案 export: the list's filters, within the exporter's scope, numbers masked."""

import pytest

from gonghui.core.exports import list_export
from gonghui.orgs.scope import scope_for
from gonghui.testing.world import make_user

pytestmark = pytest.mark.django_db


def rows(user, **filters):
    export = list_export("assistance.files")
    return list(export.rows(actor=user, scope=scope_for(user, export.permission), filters=filters))


def test_the_files_export_holds_the_filtered_files_of_the_exporters_scope_masked(world, survey):
    from gonghui.accounts.roles import RoleCode

    mine = survey(id_number="", causes=("illness",))
    survey(causes=("disability",))
    clerk2 = make_user("county2_clerk", world.county2, RoleCode.CLERK)
    survey(actor=clerk2, union=world.county2, causes=("illness",))
    got = rows(world.county_clerk, cause="illness")
    assert [(r[0], r[1]) for r in got] == [(mine.worker_name, mine.worker_id_masked)]
    assert "*" in got[0][1] and got[0][2] == "138****1234"
    assert len(rows(world.county_clerk)) == 2
