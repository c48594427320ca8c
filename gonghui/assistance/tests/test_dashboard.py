"""The figures a county reports: files by class and cause, new files, exits, returns, re-checks on time."""

import datetime

import pytest
from django.utils import timezone

from gonghui.assistance.dashboard import hardship_figures
from gonghui.assistance.services import hardship_exit, hardship_recheck, hardship_relapse
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for

pytestmark = pytest.mark.django_db


def test_the_figures_of_a_subtree_and_period(world, filed_file, survey, django_assert_num_queries):
    clerk = world.county_clerk
    deep = filed_file(causes=("illness", "disability"))
    filed_file(incomes=(28800, 14400, 0), causes=("unemployment",))  # 1,200 per head: relative
    left = hardship_exit(actor=clerk, file=filed_file(), reason="employed")
    hardship_relapse(actor=clerk, file=left, note="再次失业")
    hardship_recheck(actor=clerk, file=deep, result="continue")
    survey()  # not filed: counted nowhere yet
    today = timezone.localdate()
    scope = scope_for(clerk, Perm.HARDSHIP_VIEW)

    with django_assert_num_queries(5):
        figures = hardship_figures(scope=scope, start=today - datetime.timedelta(days=30), end=today)

    assert figures.in_file == 2 and figures.in_file_by_class == {"deep": 1, "relative": 1}
    assert figures.in_file_by_cause == {"illness": 1, "disability": 1, "unemployment": 1}
    assert (figures.new_files, figures.exits, figures.returns) == (3, 1, 1)
    assert (figures.rechecks_done, figures.rechecks_on_time, figures.recheck_on_time_rate) == (1, 1, 100.0)


def test_another_county_and_an_empty_period_show_nothing_and_no_rate(world, filed_file):
    filed_file()
    today = timezone.localdate()
    from gonghui.accounts.roles import RoleCode
    from gonghui.testing.world import make_user

    county2 = scope_for(make_user("c2", world.county2, RoleCode.CLERK), Perm.HARDSHIP_VIEW)
    figures = hardship_figures(scope=county2, start=today, end=today)
    assert (figures.in_file, figures.new_files, figures.recheck_on_time_rate) == (0, 0, None)
    last_year = hardship_figures(scope=scope_for(world.county_clerk, Perm.HARDSHIP_VIEW),
                                 start=today - datetime.timedelta(days=400), end=today - datetime.timedelta(days=370))
    assert (last_year.in_file, last_year.new_files) == (1, 0)  # in file now, but filed this year
    assert hardship_figures(scope=scope_for(world.county_clerk, Perm.HARDSHIP_VIEW), start=today, end=today,
                            union=world.county2).in_file == 0
