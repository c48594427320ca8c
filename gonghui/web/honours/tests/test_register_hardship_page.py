"""困难劳模 on the register entry's page: the cadre links the person's file found by their ID, the page
shows the file's status and the aid it received, and a file out of scope is refused on its field."""

import pytest

from gonghui.aid.services import batch_approve, batch_mark_paid, batch_select_eligible, batch_submit
from gonghui.aid.tests.conftest import make_file, new_batch, new_campaign, new_programme  # noqa: F401
from gonghui.honours.models import ModelWorker
from gonghui.honours.tests.conftest import register_entry
from gonghui.testing.world import make_person_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry_and_file(world, new_programme, new_campaign, new_batch):  # noqa: F811
    """周劳模 on 锦江区's register, and their household in file at the grassroots union, paid 送温暖."""
    id_number = make_person_id(born="19720815")
    entry = register_entry(world, id_number)
    file = make_file(world.grassroots, name="周劳模", id_number=id_number)
    batch = new_batch(new_campaign(new_programme()))
    batch_select_eligible(actor=world.county_clerk, batch=batch)
    batch_submit(actor=world.county_clerk, batch=batch)
    batch_approve(actor=world.county_admin, batch=batch)
    batch_mark_paid(actor=world.county_clerk, batch=batch)
    file.refresh_from_db()  # paid aid moves the file on (已帮扶)
    return entry, file


def test_the_cadre_links_the_file_and_the_page_shows_its_status_and_aid(world, login, entry_and_file):
    entry, file = entry_and_file
    client = login("county_clerk")
    url = f"/honours/register/{entry.pk}/"
    offered = client.get(url).content.decode()
    assert f'<option value="{file.pk}"' in offered
    assert client.post(url + "hardship/", {"in_hardship": "on", "hardship_file": file.pk}).status_code == 302
    page = client.get(url).content.decode()
    assert 'data-testid="hardship-link"' in page and f"/hardship/{file.pk}/" in page
    assert file.get_status_display() in page
    assert "1 次，共 700.00 元" in page  # 500 元 cash and 200 元 of goods, paid
    assert "周劳模" in client.get("/honours/register/?hardship=1").content.decode()
    assert "周劳模" not in client.get("/honours/register/?hardship=0").content.decode()


def test_a_file_out_of_scope_is_refused_on_its_field(world, login, entry_and_file):
    entry, _file = entry_and_file
    elsewhere = make_file(world.county2, name="周劳模", id_number=ModelWorker.objects.get(pk=entry.pk).id_number,
                          status="closed")  # an earlier household file in 涪城区, since closed
    client = login("county_clerk")
    url = f"/honours/register/{entry.pk}/"
    assert f'<option value="{elsewhere.pk}"' not in client.get(url).content.decode()
    refused = client.post(url + "hardship/", {"in_hardship": "on", "hardship_file": elsewhere.pk})
    assert refused.status_code == 400
    assert "所选困难职工档案不存在，或不在您可查看的困难职工档案范围内。" in refused.content.decode()
    assert ModelWorker.objects.get(pk=entry.pk).hardship_file_id is None


def test_another_countys_cadre_sees_neither_the_entry_nor_the_link(world, login, cadres, entry_and_file):
    entry, file = entry_and_file
    client = login("county2_clerk")
    assert client.get(f"/honours/register/{entry.pk}/").status_code == 404
    assert client.post(f"/honours/register/{entry.pk}/hardship/",
                       {"in_hardship": "on", "hardship_file": file.pk}).status_code == 404
