import datetime

import pytest
from django.utils import timezone

from gonghui.aid.choices import GrantStatus
from gonghui.aid.models import AidGrant
from gonghui.assistance.demo import seed_demo_rules
from gonghui.assistance.models import HardshipFile
from gonghui.core.clock import clock_at
from gonghui.demo.hardship import build_demo_hardship
from gonghui.demo.staff import DemoStaff
from gonghui.mutualaid.models import MutualAidClaim
from gonghui.testing.world import SYSTEM, make_member

pytestmark = pytest.mark.django_db


def test_the_demo_fills_the_registry_aid_and_mutual_aid_through_the_services(world):
    seed_demo_rules(actor=SYSTEM)
    with clock_at(timezone.now() - datetime.timedelta(days=800)):  # members before the history starts
        for i in range(20):
            make_member(world.grassroots if i % 2 else world.county, name=f"职工{i}")
    made = build_demo_hardship(world.province, staff=DemoStaff())

    files = HardshipFile.objects.all()
    assert made["files"] == files.count() >= 20
    assert {"surveyed", "applied", "reviewed", "watched", "aided"} <= set(files.values_list("status", flat=True))
    assert all(f.events.exists() for f in files)
    assert all(f.consent_signer == f.worker_name for f in files)  # a name, never the word 本人
    paid = AidGrant.objects.filter(status=GrantStatus.PAID)
    assert made["grants"] == paid.count()
    # Every household aided got its aid from the registry; the 夏送清凉 visits reached non-members.
    assert set(paid.filter(hardship_file__isnull=False).values_list("hardship_file__status", flat=True)) <= {
        "aided", "watched"}
    assert paid.filter(is_member=False, hardship_file__isnull=True).count() >= 12
    assert made["claims"] == MutualAidClaim.objects.count() >= 1
    assert MutualAidClaim.objects.filter(status="paid").exists()
