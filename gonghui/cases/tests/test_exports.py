"""The 维权 lists' exports: the rows the list shows under the same filters, within the exporter's scope."""

import pytest

from gonghui.cases.selectors import case_queue_filtered
from gonghui.core.exports import list_export
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for

pytestmark = pytest.mark.django_db


def rows(user, name, **filters):
    export = list_export(name)
    return list(export.rows(actor=user, scope=scope_for(user, export.permission), filters=filters))


def test_the_queue_export_holds_the_filtered_queue_and_nothing_of_another_county(world, classified_case):
    wages = classified_case(union=world.county, category="wages")
    classified_case(union=world.county, difficulty="ordinary", employer_name="另一家公司")
    elsewhere = classified_case(union=world.county2)
    got = rows(world.county_admin, "cases.queue", queue="all", difficulty="hard")
    shown = case_queue_filtered(scope=scope_for(world.county_admin, Perm.CASE_VIEW), queue="all", difficulty="hard")
    assert [r[0] for r in got] == [c.number for c in shown] == [wages.number]
    assert elsewhere.number not in {r[0] for r in rows(world.county_admin, "cases.queue", queue="all")}


def test_the_queue_export_shows_the_callers_phone_masked(world, classified_case):
    case = classified_case(union=world.county, caller_phone="13712345678")
    (row,) = rows(world.county_admin, "cases.queue", queue="all")
    assert row[0] == case.number and "13712345678" not in row and "137****5678" in row


def test_an_unknown_filter_value_is_ignored_as_the_list_form_does(world, classified_case):
    classified_case(union=world.county)
    assert len(rows(world.county_admin, "cases.queue", queue="all", category="<script>")) == 1


def test_the_figures_export_counts_the_period_within_scope(world, classified_case):
    from django.utils import timezone

    classified_case(union=world.county)
    classified_case(union=world.county2)
    now = timezone.now()
    got = rows(world.county_admin, "cases.figures", start=(now - timezone.timedelta(days=1)).isoformat(),
               end=(now + timezone.timedelta(days=1)).isoformat())
    assert got[0][1:] == ["工单", 1]
