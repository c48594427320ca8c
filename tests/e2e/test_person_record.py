"""荣誉与技能 on a member's page and 荣誉与创新 on an employer's page, on a desktop and on a phone (axe
audits every page visited), and a 困难劳模's register entry with its hardship file."""

import pytest

from gonghui.aid.tests.conftest import make_file
from gonghui.honours.models import ModelWorker
from gonghui.honours.services import model_worker_mark_hardship
from gonghui.testing.world import build_world
from gonghui.web.common.tests.record_setup import competition_entry, honour, pair, studio, suggestion, worker_at
from tests.e2e.conftest import shot
from tests.e2e.test_console import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def a_worker_with_a_record(world):
    master = worker_at(world, "陈建国")
    honour(world, master, code="city_model_worker", year=2019)
    honour(world, master, code="city_craftsman", year=2023)
    competition_entry(world, master, title="2026年锦江区数控车工技能竞赛")
    competition_entry(world, master, title="2026年成都市“安康杯”技术比武")
    suggestion(world, master, title="数控车床刀具快速更换工装")
    suggestion(world, master, title="车间废切削液回收再利用")
    studio(world, master)
    pair(world, master, worker_at(world, "刘小川"))
    pair(world, master, worker_at(world, "王晓燕"))
    entry = ModelWorker.objects.get(id_index=master.id_index)
    file = make_file(world.grassroots, name=master.name, id_number=master.id_number)
    model_worker_mark_hardship(actor=world.county_clerk, model_worker=entry, in_hardship=True,
                               hardship_file_id=file.pk)
    return master, entry


def test_the_member_and_employer_pages_show_the_record_on_a_desktop_and_a_phone(page, phone):
    world = build_world()
    master, entry = a_worker_with_a_record(world)
    page.set_viewport_size({"width": 1280, "height": 900})
    for p, size in ((page, "1280"), (phone, "390")):
        log_in(p, "county_clerk")
        p.wait_for_url(p.base + "/")
        p.goto(p.base + f"/members/{master.pk}/")
        record = p.get_by_test_id("person-record")
        assert record.get_by_text("2019 市劳动模范").first.is_visible()
        assert record.get_by_text("数控车床刀具快速更换工装").is_visible()
        shot(p, f"person-record-member-{size}")
        p.goto(p.base + f"/employers/{world.employer.pk}/")
        assert p.get_by_test_id("employer-record").get_by_text("陈建国劳模创新工作室").is_visible()
        shot(p, f"person-record-employer-{size}")
        p.goto(p.base + f"/honours/register/{entry.pk}/")
        assert p.get_by_test_id("hardship-link").get_by_test_id("hardship-status").is_visible()
        shot(p, f"person-record-register-{size}")
    assert page.errors == []  # type: ignore[attr-defined]
