"""Reads and reveals the console's registry pages rely on: status counts per branch, incomes in full."""

from decimal import Decimal

import pytest

from gonghui.assistance.choices import Status
from gonghui.assistance.models import HardshipDataAccess
from gonghui.assistance.selectors import hardship_status_counts
from gonghui.assistance.services import hardship_apply, hardship_reveal
from gonghui.core.errors import PermissionDenied
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for

pytestmark = pytest.mark.django_db


def test_status_counts_cover_the_scope_or_one_branch_of_it(world, survey, county2_admin,
                                                           django_assert_num_queries):
    hardship_apply(actor=world.county_clerk, file=survey())
    survey()
    survey(actor=county2_admin, union=world.county2)
    county = scope_for(world.county_admin, Perm.HARDSHIP_VIEW)
    with django_assert_num_queries(1):
        counts = hardship_status_counts(scope=county)
    assert counts == {Status.SURVEYED: 1, Status.APPLIED: 1}
    province = scope_for(world.province_officer, Perm.HARDSHIP_VIEW)
    assert hardship_status_counts(scope=province) == {Status.SURVEYED: 2, Status.APPLIED: 1}
    assert hardship_status_counts(scope=province, union=world.county2) == {Status.SURVEYED: 1}
    assert hardship_status_counts(scope=scope_for(world.no_grants, Perm.HARDSHIP_VIEW)) == {}


def test_a_household_members_income_is_revealed_with_a_reason_and_an_access_row(world, survey):
    file = survey()
    spouse = file.household.get(position=2)
    shown = hardship_reveal(actor=world.county_admin, file=file, household_member=spouse, field="annual_income",
                            reason="入户核实收入")
    assert Decimal(shown) == Decimal("12000.00")
    access = HardshipDataAccess.objects.get()
    assert (access.field, access.household_member_id, access.reason) == ("annual_income", spouse.pk, "入户核实收入")
    with pytest.raises(PermissionDenied):
        # A clerk surveys and files but does not see incomes in full.
        hardship_reveal(actor=world.county_clerk, file=file, household_member=spouse, field="annual_income",
                        reason="核实")
