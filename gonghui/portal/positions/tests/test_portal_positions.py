import pytest
from django.urls import reverse

from gonghui.positions.models import PositionVisit
from gonghui.positions.services.visits import checkin_token
from gonghui.positions.tests.setup import JINJIANG, station

pytestmark = pytest.mark.django_db


def test_near_me_lists_the_nearest_with_distance_open_state_and_a_route_link(client, world):
    near = station(world, name="近处驿站", at=(JINJIANG[0] + 0.002, JINJIANG[1]))
    station(world, name="远处驿站", at=(JINJIANG[0] + 0.03, JINJIANG[1]))
    page = client.get(reverse("portal:positions_nearby"), {"kind": "station", "lat": JINJIANG[0],
                                                           "lng": JINJIANG[1]}).content.decode()
    assert page.index("近处驿站") < page.index("远处驿站")
    assert "营业中" in page and "uri.amap.com/navigation" in page and "coordinate=gaode" in page
    assert near.name in page and "米" in page


def test_near_me_by_district_uses_its_centroid(client, world):
    station(world, name="锦江驿站")
    page = client.get(reverse("portal:positions_nearby"), {"kind": "station", "district": "510104"})
    assert page.status_code == 200 and "锦江驿站" in page.content.decode()
    assert '<option value="510104"' in client.get(reverse("portal:positions_nearby")).content.decode()


def test_a_guest_checks_in_with_an_sms_code_once_a_day(client, world, sms_outbox):
    p = station(world)
    url = reverse("portal:positions_checkin", args=[checkin_token(p)])
    assert "春熙路工会驿站" in client.get(url).content.decode()
    client.post(url, {"phone": "13900002222", "send_code": "1"})
    code = sms_outbox[-1].code
    done = client.post(url, {"phone": "13900002222", "code": code, "service": "water", "rating": "5"})
    assert done.status_code == 302
    assert "签到成功" in client.get(done.url).content.decode()
    visit = PositionVisit.objects.get()
    assert (visit.service_id, visit.rating) == ("water", 5)
    again = client.post(url, {"service": "rest"})  # signed in by the code now
    assert again.status_code == 400 and "今天已在这里签到过了" in again.content.decode()
    assert PositionVisit.objects.count() == 1


def test_a_forged_code_is_a_missing_page(client, world):
    p = station(world)
    assert client.get(reverse("portal:positions_checkin", args=[f"{p.pk}.x"])).status_code == 404


def test_only_the_near_me_page_lets_the_browser_ask_where_the_worker_stands(client, world):
    station(world)
    near = client.get("/portal/positions/")
    assert "geolocation=(self)" in near["Permissions-Policy"]
    assert "camera=()" in near["Permissions-Policy"]
    assert "geolocation=()" in client.get("/portal/")["Permissions-Policy"]
