import pytest
from django.urls import reverse

from gonghui.positions.models import ServicePosition
from gonghui.positions.tests.setup import FUCHENG, JINJIANG, regions, station

pytestmark = pytest.mark.django_db


def form_data(world, **kw):
    regions()
    return {"name": "红星路工会驿站", "kind": "station", "owner": world.county.pk, "place_name": "红星路口",
            "region": "510104", "address": "红星路二段1号", "lat": f"{JINJIANG[1] + 0.002},{JINJIANG[0] + 0.001}",
            "lng": "", "datum": "gcj02", "services": ["water", "meal"], "star_level": "3",
            "opened_on": "2025-01-01", **kw}


def test_a_clerk_registers_a_position_from_a_pasted_picker_pair(login, world):
    client = login("county_clerk")
    response = client.post(reverse("web:positions_new"), form_data(world))
    position = ServicePosition.objects.get()
    assert response.status_code == 302 and response.url == reverse("web:positions_detail", args=[position.pk])
    assert {s.code for s in position.services.all()} == {"water", "meal"}
    page = client.get(response.url)
    assert page.status_code == 200 and "红星路工会驿站" in page.content.decode()
    assert 'data-testid="position-qr"' in page.content.decode()


def test_the_form_names_the_field_of_a_point_outside_the_division(login, world):
    client = login("county_clerk")
    response = client.post(reverse("web:positions_new"), form_data(world, lat=str(FUCHENG[0]), lng=str(FUCHENG[1])))
    assert response.status_code == 400
    assert "不在所填区划" in response.content.decode()
    assert not ServicePosition.objects.exists()


def test_hours_typed_as_lines_are_saved_and_overlaps_refused(login, world):
    p = station(world, hours=[])
    client = login("county_clerk")
    url = reverse("web:positions_act", args=[p.pk, "hours"])
    bad = client.post(url, {"hours": "每天 08:00-12:00\n周三 11:00-13:00", "version": p.version})
    assert bad.status_code == 400 and "重叠" in bad.content.decode()
    ok = client.post(url, {"hours": "周一至周五 08:00-18:00\n周六 22:00-次日06:00", "version": p.version})
    assert ok.status_code == 302
    assert p.hours.count() == 6
    assert "次日06:00" in client.get(reverse("web:positions_detail", args=[p.pk])).content.decode()


def test_status_and_inspection_steps(login, world):
    p = station(world)
    client = login("county_clerk")
    assert client.post(reverse("web:positions_act", args=[p.pk, "suspend"]), {"reason": "装修"}).status_code == 302
    p.refresh_from_db()
    assert p.status == "suspended"
    response = client.post(reverse("web:positions_act", args=[p.pk, "inspect"]), {
        "year": "2026", "inspected_on": "2026-11-01", "result": "passed", "inspector": "张三"})
    assert response.status_code == 302 and p.inspections.count() == 1


def test_list_filters_and_scope(login, world):
    mine = station(world)
    station(world, owner=world.county2, name="涪城驿站", region="510703", at=FUCHENG)
    client = login("county_clerk")
    page = client.get(reverse("web:positions_list")).content.decode()
    assert mine.name in page and "涪城驿站" not in page
    theirs = ServicePosition.objects.get(name="涪城驿站")
    assert client.get(reverse("web:positions_detail", args=[theirs.pk])).status_code == 404
    client.logout()
    province = login("province_officer")
    page = province.get(reverse("web:positions_list"), {"division": "510700"}).content.decode()
    assert "涪城驿站" in page and mine.name not in page
    page = province.get(reverse("web:positions_list"), {"idle": "1"}).content.decode()
    assert "涪城驿站" in page  # opened in 2024, never visited


def test_the_qr_print_card_links_to_the_portal_check_in(login, world):
    p = station(world)
    page = login("county_clerk").get(reverse("web:positions_qr", args=[p.pk])).content.decode()
    assert "/portal/positions/checkin/" in page and p.name in page


def test_the_services_are_ticks_under_their_label_not_a_text_box_each(login, world):
    page = login("county_clerk").get(reverse("web:positions_new")).content.decode()
    ticks = page[page.index('class="gh-tick-list"'):]
    ticks = ticks[:ticks.index("</div>\n")]
    assert 'type="checkbox"' in ticks and "form-control" not in ticks and 'class="form-check-input"' in ticks


def test_a_studio_position_picks_a_studio_of_the_clerks_scope_and_another_is_refused_on_the_field(login, world):
    from gonghui.skills.tests.innovation_setup import studio
    from gonghui.testing.world import make_employer

    ours = studio(world.employer)
    theirs = studio(make_employer(world.county2, "绵阳某厂"), name="外县工作室")
    client = login("county_clerk")
    page = client.get(reverse("web:positions_new")).content.decode()
    assert 'name="studio"' in page and ours.name in page and "外县工作室" not in page
    refused = client.post(reverse("web:positions_new"), form_data(world, kind="studio", studio=theirs.pk))
    assert refused.status_code == 400 and not ServicePosition.objects.exists()
    assert 'id="id_studio"' in refused.content.decode() and "is-invalid" in refused.content.decode()
    done = client.post(reverse("web:positions_new"), form_data(world, kind="studio", studio=ours.pk))
    assert done.status_code == 302 and ServicePosition.objects.get().studio == ours
    edit = client.get(reverse("web:positions_edit", args=[ServicePosition.objects.get().pk])).content.decode()
    assert f'<option value="{ours.pk}" selected>' in edit
