"""The 困难职工档案 export: the list's filters, within the exporter's scope, numbers masked."""

import datetime

import pytest
from django.utils import timezone

from gonghui.assistance.models import HardshipFile
from gonghui.core.errors import NotFound
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


def test_the_recheck_export_holds_the_files_due_within_the_window_of_the_exporters_scope(world, survey, filed_file,
                                                                                       county2_admin):
    today = timezone.localdate()
    late, soon = filed_file(), filed_file()
    HardshipFile.objects.filter(pk=late.pk).update(next_recheck_on=today - datetime.timedelta(days=3))
    HardshipFile.objects.filter(pk=soon.pk).update(next_recheck_on=today + datetime.timedelta(days=20))
    theirs = survey(actor=county2_admin, union=world.county2)
    HardshipFile.objects.filter(pk=theirs.pk).update(status="filed", next_recheck_on=today - datetime.timedelta(days=9))
    export = list_export("assistance.rechecks")
    scope = scope_for(world.county_clerk, export.permission)

    due = list(export.rows(actor=world.county_clerk, scope=scope, filters={}))
    assert [(r[0], r[2]) for r in due] == [(today - datetime.timedelta(days=3), late.worker_id_masked)]
    within = list(export.rows(actor=world.county_clerk, scope=scope, filters={"within": "30"}))
    assert [r[0] for r in within] == [today - datetime.timedelta(days=3), today + datetime.timedelta(days=20)]
    assert export.count(actor=world.county_clerk, scope=scope, filters={"within": "30"}) == 2


def test_the_figures_export_holds_the_dashboards_registry_figures_for_a_union_in_scope(world, filed_file, survey):
    filed_file(causes=("illness", "education"))
    survey()  # surveyed only: not in the registry
    export = list_export("assistance.figures")
    scope = scope_for(world.county_clerk, export.permission)
    year = timezone.localdate().year
    period = {"start": datetime.date(year, 1, 1).isoformat(), "end": datetime.date(year, 12, 31).isoformat()}
    got = {r[0]: r[1] for r in export.rows(actor=world.county_clerk, scope=scope,
                                                 filters={"union": str(world.county.pk), **period})}
    assert got["在册困难职工（户）"] == 1 and got["本期新建档（户）"] == 1
    assert got["致困原因：因病"] == 1 and got["致困原因：子女教育"] == 1
    assert list(export.rows(actor=world.county_clerk, scope=scope, filters=period)) == []  # no union: nothing
    with pytest.raises(NotFound):
        list(export.rows(actor=world.county_clerk, scope=scope, filters={"union": str(world.county2.pk), **period}))
