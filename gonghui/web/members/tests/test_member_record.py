"""荣誉与技能 on a member's page: every honour, competition result, innovation and 师带徒 agreement of
theirs that the viewer's honours and skills scopes reach, each linking to its own page, at a fixed
number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gonghui.honours.models import ModelWorker
from gonghui.web.common.tests.record_setup import (
    competition_entry,
    county2_clerk,
    honour,
    pair,
    studio,
    suggestion,
    worker_at,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def master(world):
    return worker_at(world, "陈师傅")


@pytest.fixture
def record(world, master):
    apprentice = worker_at(world, "小刘")
    return {"craftsman": honour(world, master), "model_worker": honour(world, master, code="city_model_worker",
                                                                      year=2019),
            "entry": competition_entry(world, master), "suggestion": suggestion(world, master),
            "studio": studio(world, master), "pair": pair(world, master, apprentice), "apprentice": apprentice}


def test_the_member_page_shows_every_honour_result_and_innovation_with_links(world, login, master, record):
    client = login("county_clerk")
    page = client.get(f"/members/{master.pk}/").content.decode()
    assert 'data-testid="person-record"' in page
    entry = ModelWorker.objects.get(id_index=master.id_index)
    for url in (f"/honours/awards/{record['craftsman'].pk}/", f"/honours/awards/{record['model_worker'].pk}/",
                f"/honours/register/{entry.pk}/", f"/skills/competitions/{record['entry'].competition_id}/",
                f"/skills/suggestions/{record['suggestion'].pk}/", f"/skills/studios/{record['studio'].pk}/",
                f"/skills/apprenticeships/{record['pair'].pk}/"):
        assert f'href="{url}"' in page, url
    assert "2024 市工匠" in page and "2019 市劳动模范" in page and "改进焊接夹具" in page
    assert "师傅，徒弟 小刘" in page
    apprentice_page = client.get(f"/members/{record['apprentice'].pk}/").content.decode()
    assert "徒弟，师傅 陈师傅" in apprentice_page and f'href="/skills/apprenticeships/{record["pair"].pk}/"' in \
        apprentice_page


def test_a_cadre_sees_only_the_rows_their_own_scope_reaches(world, login, master, record):
    # 涪城区 recorded an honour of the same person when they worked there: 锦江区 does not see it.
    elsewhere = honour(world, master, year=2021, union=world.county2, actor=world.province_officer)
    client = login("county_clerk")
    near = client.get(f"/members/{master.pk}/").content.decode()
    assert f"/honours/awards/{record['craftsman'].pk}/" in near
    assert f"/honours/awards/{elsewhere.pk}/" not in near and "2021 市工匠" not in near
    client.logout()
    above = login("province_officer").get(f"/members/{master.pk}/").content.decode()
    assert f"/honours/awards/{elsewhere.pk}/" in above
    client.logout()
    county2_clerk(world)
    assert login("county2_clerk").get(f"/members/{master.pk}/").status_code == 404


def test_the_member_page_query_count_does_not_grow_with_the_record(world, login, master, record,
                                                                     django_assert_max_num_queries):
    client = login("county_clerk")
    with CaptureQueriesContext(connection) as small:
        assert client.get(f"/members/{master.pk}/").status_code == 200
    for year in (2020, 2021, 2022, 2023):
        honour(world, master, code="city_advanced_worker" if year == 2020 else "city_craftsman", year=year)
        competition_entry(world, master)
        suggestion(world, master, title=f"{year}年合理化建议")
        pair(world, master, worker_at(world, f"徒弟{year}"))
    with django_assert_max_num_queries(len(small)):
        page = client.get(f"/members/{master.pk}/").content.decode()
    assert "2023年合理化建议" in page and "2022 市工匠" in page
