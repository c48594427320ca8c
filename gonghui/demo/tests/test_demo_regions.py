"""Every division code that the test world and a small demo province give a union, an employer, a
case or a hardship file is one the division list can name."""

import pytest
from django.test import override_settings

from gonghui.assistance.demo import seed_demo_rules
from gonghui.assistance.models import HardshipFile
from gonghui.assistance.rule_models import AssessmentRule
from gonghui.cases.models import Case
from gonghui.demo.cases import build_demo_cases
from gonghui.demo.hardship import build_demo_hardship
from gonghui.demo.members import build_demo_members
from gonghui.demo.province import ProvinceBuilder, ProvincePlan
from gonghui.orgs.models import Employer, TradeUnion
from gonghui.orgs.selectors import region_labels
from gonghui.orgs.services.bulk import tree_bulk_load
from gonghui.orgs.services.regions import regions_load
from gonghui.testing.world import SYSTEM, make_member

pytestmark = pytest.mark.django_db


def test_every_division_code_in_the_world_and_the_demo_reads_as_a_place(world):
    regions_load(actor=SYSTEM, towns=False)
    spec = ProvinceBuilder(ProvincePlan("510000", grassroots=40)).build()
    tree_bulk_load(actor=SYSTEM, parent=None, nodes=[spec])
    demo = TradeUnion.objects.get(parent__isnull=True, name=spec.name)
    build_demo_members(per_union=(1, 2))
    with override_settings(GONGHUI_SMS_BACKEND="gonghui.accounts.sms_backends.LocmemBackend"):
        build_demo_cases(demo, count=20)
    seed_demo_rules(actor=SYSTEM)
    for i in range(20):
        make_member(world.grassroots if i % 2 else world.county, name=f"职工{i}")
    build_demo_hardship(world.province)

    codes = {
        "union": set(TradeUnion.objects.values_list("region_id", flat=True)),
        "employer": set(Employer.objects.values_list("region_id", flat=True)),
        # The unified social credit code carries the registering division (characters 3–8).
        "credit code": {c[2:8] for c in Employer.objects.values_list("credit_code", flat=True)},
        "case": set(Case.objects.values_list("region_id", flat=True)),
        "hardship file": set(HardshipFile.objects.values_list("adcode", flat=True)),
        "assessment rule": set(AssessmentRule.objects.values_list("adcode", flat=True)),
    }
    for table, found in codes.items():
        found.discard(None)
        found.discard("")
        assert found, table  # the scan would prove nothing on an empty column
        named = region_labels(found)
        assert set(named) == found, (table, found - set(named))
