"""Every division code that a small demo province gives a union, an employer, a case, a hardship
file or an assessment rule is one the division list can name."""

import pytest
from django.core.management import call_command

from gonghui.assistance.models import HardshipFile
from gonghui.assistance.rule_models import AssessmentRule
from gonghui.cases.models import Case
from gonghui.orgs.models import Employer, TradeUnion
from gonghui.orgs.selectors import region_labels
from gonghui.orgs.services.regions import regions_load
from gonghui.testing.world import SYSTEM

pytestmark = pytest.mark.django_db


def _codes() -> dict[str, set[str]]:
    return {
        "union": set(TradeUnion.objects.values_list("region_id", flat=True)),
        "employer": set(Employer.objects.values_list("region_id", flat=True)),
        # The unified social credit code carries the registering division (characters 3–8).
        "credit code": {c[2:8] for c in Employer.objects.values_list("credit_code", flat=True)},
        "case": set(Case.objects.values_list("region_id", flat=True)),
        "hardship file": set(HardshipFile.objects.values_list("adcode", flat=True)),
        "assessment rule": set(AssessmentRule.objects.values_list("adcode", flat=True)),
    }


def _assert_named(codes: dict[str, set[str]], *, required: set[str]) -> None:
    for table, found in codes.items():
        found.discard(None)  # type: ignore[arg-type]
        found.discard("")
        if table in required:
            assert found, table  # the scan would prove nothing on an empty column
        named = region_labels(found)
        assert set(named) == found, (table, found - set(named))


def test_every_division_code_of_a_small_demo_reads_as_a_place():
    regions_load(actor=SYSTEM, towns=False)
    call_command("demo", unions=10, cases=40, quiet=True)
    _assert_named(_codes(), required={"union", "employer", "credit code", "case", "hardship file",
                                      "assessment rule"})

