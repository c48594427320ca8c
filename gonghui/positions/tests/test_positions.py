import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.accounts.roles import RoleCode
from gonghui.core.audit import AuditEntry
from gonghui.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from gonghui.positions.choices import PositionStatus
from gonghui.positions.geo.distance import haversine_m
from gonghui.positions.geo.gcj02 import wgs_to_gcj
from gonghui.positions.hours import Span
from gonghui.positions.models import PositionEvent, PositionHours, ServicePosition
from gonghui.positions.services.positions import (
    position_create,
    position_edit,
    position_inspect,
    position_photo_add,
    position_photo_remove,
    position_set_exception,
    position_set_hours,
    position_set_status,
)
from gonghui.positions.tests.setup import FUCHENG, JINJIANG, TODAY, data, station
from gonghui.testing.world import make_user

pytestmark = pytest.mark.django_db


def test_a_picked_gcj02_point_is_stored_in_wgs84(world):
    p = station(world)
    g_lat, g_lng = JINJIANG[0] + 0.001, JINJIANG[1] + 0.001
    assert haversine_m(*wgs_to_gcj(float(p.lat), float(p.lng)), g_lat, g_lng) < 1
    assert abs(float(p.lng) - g_lng) > 0.002  # the ≈ 250 m shift was applied, not skipped
    assert (p.county_code, p.org_path, p.status) == ("510104", world.county.path, PositionStatus.OPEN)
    assert {s.code for s in p.services.all()} == {"water", "rest"}
    assert PositionEvent.objects.filter(position=p, action="create").exists()
    assert AuditEntry.objects.filter(action="positions.create").exists()


def test_a_gps_point_is_stored_as_given(world):
    p = position_create(actor=world.county_clerk, owner=world.county,
                        data=data(datum="wgs84", lat="30.600000", lng="104.110000"), today=TODAY)
    assert (p.lat, p.lng) == (Decimal("30.600000"), Decimal("104.110000"))


@pytest.mark.parametrize(("kw", "field", "code"), [
    ({"lat": "", "lng": "104.1"}, "lat", "required"),
    ({"lat": "abc"}, "lat", "bad_coordinate"),
    ({"lat": "95", "lng": "104.1"}, "lat", "bad_coordinate"),
    ({"lat": 104.117, "lng": 30.598}, "lat", "bad_coordinate"),  # swapped
    ({"lat": 37.56, "lng": 126.97}, "lat", "outside_china"),  # 首尔
    ({"at": FUCHENG}, "lat", "outside_division"),  # 绵阳 while the form says 锦江区
    ({"at": (26.58, 106.71)}, "lat", "outside_division"),  # 贵阳
    ({"datum": "bd09"}, "datum", "choice"),
    ({"region": "510000"}, "region", "choice"),
    ({"kind": "spa"}, "kind", "choice"),
    ({"name": ""}, "name", "required"),
    ({"place_name": ""}, "place_name", "required"),
    ({"services": ["water", "sauna"]}, "services", "choice"),
    ({"rating_level": "province", "rating_year": 2020}, "rating_level", "choice"),
    ({"star_level": 6}, "star_level", "out_of_range"),
])
def test_it_refuses_bad_input_naming_the_field(world, kw, field, code):
    with pytest.raises(ValidationFailed) as e:
        position_create(actor=world.county_clerk, owner=world.county, data=data(**kw), today=TODAY)
    assert (e.value.field, e.value.code) == (field, code)
    assert not ServicePosition.objects.exists()


def test_a_home_carries_its_model_rating_with_the_year(world):
    p = position_create(actor=world.county_clerk, owner=world.county, today=TODAY,
                        data=data(kind="home", name="示例科技职工之家", rating_level="province", rating_year=2023))
    assert (p.rating_level, p.rating_year) == ("province", 2023)
    with pytest.raises(ValidationFailed) as e:
        position_create(actor=world.county_clerk, owner=world.county, today=TODAY,
                        data=data(kind="home", name="另一个", rating_level="province"))
    assert e.value.field == "rating_year"


def test_it_refuses_a_position_of_another_county(world):
    with pytest.raises(NotFound):
        position_create(actor=world.county_clerk, owner=world.county2, data=data(at=FUCHENG, region="510703"),
                        today=TODAY)
    with pytest.raises(NotFound):
        position_create(actor=world.other_province_officer, owner=world.county, data=data(), today=TODAY)
    p = station(world)
    with pytest.raises(NotFound):
        position_set_status(actor=world.other_province_officer, position=p, action="suspend", reason="装修")
    viewer = make_user("viewer", world.county, RoleCode.STATS_VIEWER)
    with pytest.raises(PermissionDenied):  # sees it, may not change it
        position_set_status(actor=viewer, position=p, action="suspend", reason="装修")


def test_status_moves_by_the_table_and_closing_is_final(world):
    p = station(world)
    with pytest.raises(ValidationFailed) as e:
        position_set_status(actor=world.county_clerk, position=p, action="suspend", reason="")
    assert e.value.field == "reason"
    p = position_set_status(actor=world.county_clerk, position=p, action="suspend", reason="装修")
    p = position_set_status(actor=world.county_clerk, position=p, action="reopen")
    p = position_set_status(actor=world.county_clerk, position=p, action="close", reason="场地收回")
    assert p.status == PositionStatus.CLOSED
    with pytest.raises(ValidationFailed) as e:
        position_set_status(actor=world.county_clerk, position=p, action="reopen")
    assert e.value.code == "bad_transition"
    assert [x.action for x in p.events.all()][-3:] == ["suspend", "reopen", "close"]


def test_an_edit_rechecks_the_point_and_refuses_a_stale_version(world):
    p = station(world)
    with pytest.raises(ValidationFailed) as e:
        position_edit(actor=world.county_clerk, position=p, data={"lat": FUCHENG[0], "lng": FUCHENG[1]})
    assert e.value.code == "outside_division"
    p = position_edit(actor=world.county_clerk, position=p, data={"name": "春熙路驿站", "services": ["water"]},
                      version=p.version, today=TODAY)
    assert p.name == "春熙路驿站" and [s.code for s in p.services.all()] == ["water"]
    with pytest.raises(Conflict):
        position_edit(actor=world.county_clerk, position=p, data={"name": "x"}, version=p.version - 1)


def test_hours_overlapping_are_refused_with_nothing_written(world):
    p = station(world, hours=[Span(0, 480, 1080)])
    with pytest.raises(ValidationFailed) as e:
        position_set_hours(actor=world.county_clerk, position=p, spans=[Span(1, 480, 720), Span(1, 700, 900)])
    assert (e.value.field, e.value.code) == ("hours", "overlap")
    assert list(PositionHours.objects.filter(position=p).values_list("weekday", "opens")) == [(0, 480)]


def test_the_timeline_reads_the_hours_by_weekday_name(world):
    p = station(world, hours=[Span(0, 480, 1080), Span(5, 1320, 1800)])
    note = p.events.filter(action="hours").last().note
    assert note == "周一 08:00–18:00；周六 22:00–次日06:00"


def test_a_dated_exception_is_set_and_removed(world):
    p = station(world)
    day = datetime.date(2027, 2, 17)
    position_set_exception(actor=world.county_clerk, position=p, day=day, closed=True, note="春节")
    with pytest.raises(ValidationFailed) as e:
        position_set_exception(actor=world.county_clerk, position=p, day=day, closed=False, opens=600, closes=500)
    assert e.value.field == "exception"
    assert p.exceptions.get().closed  # the refused change left the old row
    position_set_exception(actor=world.county_clerk, position=p, day=day, closed=True, remove=True)
    assert not p.exceptions.exists()


def test_the_yearly_inspection_is_once_a_year_with_a_deadline_to_rectify(world):
    p = station(world)
    with pytest.raises(ValidationFailed) as e:
        position_inspect(actor=world.county_clerk, position=p, year=2025, inspected_on=datetime.date(2025, 11, 1),
                         result="rectify", findings="药箱过期", inspector="张三", today=TODAY)
    assert e.value.field == "rectify_by"
    position_inspect(actor=world.county_clerk, position=p, year=2025, inspected_on=datetime.date(2025, 11, 1),
                     result="rectify", findings="药箱过期", rectify_by=datetime.date(2025, 12, 1), inspector="张三",
                     today=TODAY)
    with pytest.raises(Conflict):
        position_inspect(actor=world.county_clerk, position=p, year=2025, inspected_on=datetime.date(2025, 12, 2),
                         result="passed", inspector="张三", today=TODAY)
    with pytest.raises(ValidationFailed) as e:
        position_inspect(actor=world.county_clerk, position=p, year=2023, inspected_on=datetime.date(2025, 12, 2),
                         result="passed", inspector="张三", today=TODAY)
    assert e.value.field == "year"  # before the position opened


PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def test_photos_are_checked_bounded_and_removed(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    p = station(world)
    with pytest.raises(ValidationFailed) as e:
        position_photo_add(actor=world.county_clerk, position=p,
                           upload=SimpleUploadedFile("x.png", b"GIF89a" + b"\0" * 20, "image/png"))
    assert e.value.field == "file"
    photo = position_photo_add(actor=world.county_clerk, position=p,
                               upload=SimpleUploadedFile("门头.png", PNG, "image/png"), caption="门头")
    assert photo.sha256 and p.photos.count() == 1
    position_photo_remove(actor=world.county_clerk, photo=photo)
    assert p.photos.count() == 0


@pytest.mark.parametrize(("sent", "missing"), [({"lat": JINJIANG[0]}, "lng"), ({"lng": JINJIANG[1]}, "lat")])
def test_an_edit_of_one_coordinate_alone_is_refused_naming_the_other_for_every_caller(world, sent, missing):
    p = station(world)
    before = p.version
    with pytest.raises(ValidationFailed) as refused:
        position_edit(actor=world.county_clerk, position=p, data=sent)
    assert refused.value.field == missing
    p.refresh_from_db()
    assert p.version == before


def test_a_studio_position_links_a_studio_of_the_owners_subtree_by_id_and_refuses_another_naming_the_field(world):
    from gonghui.skills.tests.innovation_setup import studio
    from gonghui.testing.world import make_employer

    ours = studio(world.employer)
    theirs = studio(make_employer(world.county2, "绵阳某厂"), name="外县工作室")
    p = position_create(actor=world.county_clerk, owner=world.county, today=TODAY,
                        data=data(kind="studio", name="李明劳模创新工作室", studio=str(ours.pk)))
    assert p.studio == ours
    for bad in (theirs.pk, 999_999, "abc"):
        with pytest.raises(ValidationFailed) as refused:
            position_edit(actor=world.county_clerk, position=p, data={"studio": bad})
        assert refused.value.field == "studio"
    with pytest.raises(ValidationFailed) as refused:  # a 驿站 is no studio
        position_create(actor=world.county_clerk, owner=world.county, today=TODAY, data=data(studio=ours.pk))
    assert refused.value.field == "studio"
