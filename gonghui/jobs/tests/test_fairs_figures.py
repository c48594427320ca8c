import datetime

import pytest
from django.utils import timezone

from gonghui.core.errors import Conflict, NotFound, ValidationFailed
from gonghui.jobs.choices import FairMode, FairStatus
from gonghui.jobs.figures import fair_figures
from gonghui.jobs.models import FairEmployer, FairPosting, JobFair
from gonghui.jobs.services import fair_add_employer, fair_add_posting, fair_cancel, fair_create, fair_record
from gonghui.orgs.scope import Scope
from gonghui.testing.world import make_employer

PAST = timezone.localdate() - datetime.timedelta(days=10)


def fair(world, union=None, actor=None, **kw):
    values = {"title": "春风行动专场招聘会", "mode": FairMode.ONSITE, "held_on": PAST, "region": "510104",
              "place": "锦江区人力资源市场"} | kw
    return fair_create(actor=actor or world.county_admin, union=union or world.county, **values)


def test_an_onsite_fair_needs_its_division_and_dates_are_refused_with_the_field(world, regions):
    with pytest.raises(ValidationFailed) as error:
        fair(world, region="")
    assert error.value.field == "region"
    with pytest.raises(ValidationFailed) as error:
        fair(world, held_on=timezone.localdate() + datetime.timedelta(days=400))
    assert error.value.field == "held_on"
    online = fair(world, mode=FairMode.ONLINE, region="", place="“就业在线”小程序")
    assert online.region is None and not JobFair.objects.filter(mode=FairMode.ONSITE).exists()


def test_it_refuses_an_employer_outside_the_organisers_subtree(world, regions, county2_employer):
    row = fair(world)
    with pytest.raises((ValidationFailed, NotFound)):
        fair_add_employer(actor=world.county_admin, fair=row, employer=county2_employer)
    # The province officer covers both, but the county's fair is still the county's.
    with pytest.raises(ValidationFailed) as error:
        fair_add_employer(actor=world.province_officer, fair=row, employer=county2_employer)
    assert error.value.field == "employer"
    assert not FairEmployer.objects.exists()


def test_a_posting_brought_adds_its_employer_once(world, posting):
    row = fair(world)
    job = posting()
    fair_add_posting(actor=world.county_admin, fair=row, posting=job)
    with pytest.raises(Conflict):
        fair_add_posting(actor=world.county_admin, fair=row, posting=job)
    assert FairEmployer.objects.filter(fair=row).count() == 1 and FairPosting.objects.filter(fair=row).count() == 1


def test_intentions_cannot_exceed_visitors_and_a_future_fair_has_no_results(world, regions):
    row = fair(world)
    with pytest.raises(ValidationFailed) as error:
        fair_record(actor=world.county_admin, fair=row, visitors=10, intentions=11)
    assert error.value.field == "intentions"
    later = fair(world, held_on=timezone.localdate() + datetime.timedelta(days=3))
    with pytest.raises(ValidationFailed):
        fair_record(actor=world.county_admin, fair=later, visitors=1, intentions=0)
    row = fair_record(actor=world.county_admin, fair=row, visitors=300, intentions=42)
    assert row.status == FairStatus.HELD and row.intentions == 42


def test_figures_equal_independent_counts(world, posting, regions):
    other = make_employer(world.grassroots, "第二家公司")
    a = fair(world)
    b = fair(world, union=world.city, actor=world.province_officer, title="成都市专场")
    c = fair(world, title="已取消的")
    outside = fair(world, union=world.county2, actor=world.province_officer, region="510703", title="绵阳专场")
    old = fair(world, held_on=PAST - datetime.timedelta(days=400), title="去年的")
    p1, p2 = posting(places=5), posting(employer=other, places=7)
    for f in (a, b, old):
        fair_add_posting(actor=world.province_officer, fair=f, posting=p1)
    fair_add_posting(actor=world.province_officer, fair=a, posting=p2)
    fair_record(actor=world.county_admin, fair=a, visitors=100, intentions=20)
    fair_record(actor=world.province_officer, fair=b, visitors=50, intentions=5)
    fair_record(actor=world.province_officer, fair=old, visitors=9, intentions=9)
    fair_add_employer(actor=world.county_admin, fair=c, employer=other)
    fair_cancel(actor=world.county_admin, fair=c)
    assert outside.pk
    start, end = PAST - datetime.timedelta(days=30), PAST
    table = fair_figures(scope=Scope.all(), root=world.city, start=start, end=end)
    counted = [f for f in JobFair.objects.all() if f.org_path.startswith(world.city.path)
               and start <= f.held_on <= end and f.status != FairStatus.CANCELLED]
    assert table.total.fairs == len(counted) == 2
    assert table.total.employers == sum(f.taking_part.count() for f in counted) == 3
    assert table.total.places == sum(fp.posting.places for f in counted for fp in f.brought.all()) == 17
    assert table.total.intentions == 25 and table.total.visitors == 150
    by_union = {u.pk: f for u, f in table.rows}
    assert by_union[world.county.pk].fairs == 1 and by_union[world.city.pk].fairs == 1


def test_figures_follow_the_readers_scope(world, posting, regions):
    fair(world)
    scope = Scope.of([world.county2.path])
    assert fair_figures(scope=scope, root=world.province, start=PAST, end=PAST).total.fairs == 0
