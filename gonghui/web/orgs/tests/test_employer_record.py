"""荣誉与创新 on an employer's page: its collective honours and its people's, its innovations, studios
and 师带徒, each linking to its own page, for a viewer who may read them, at a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gonghui.accounts.roles import RoleCode
from gonghui.honours.models import AwardKind
from gonghui.honours.services import award_record_earlier
from gonghui.testing.world import make_user
from gonghui.web.common.tests.record_setup import county2_clerk, honour, pair, studio, suggestion, worker_at

pytestmark = pytest.mark.django_db


def collective(world, year: int = 2025):
    return award_record_earlier(actor=world.county_clerk, union=world.county,
                                kind=AwardKind.objects.get(code="city_labour_award"), year=year,
                                data={"employer": world.employer}, decision_number=f"成工发〔{year}〕3号",
                                decided_on=datetime.date(year, 4, 28))


@pytest.fixture
def record(world):
    master, apprentice = worker_at(world, "陈师傅"), worker_at(world, "小刘")
    return {"collective": collective(world), "person": honour(world, master, actor=world.province_officer),
            "suggestion": suggestion(world, master), "studio": studio(world, master),
            "pair": pair(world, master, apprentice), "master": master}


def test_the_employer_page_shows_its_honours_innovations_and_studios_with_links(world, login, record):
    page = login("county_clerk").get(f"/employers/{world.employer.pk}/").content.decode()
    assert 'data-testid="employer-record"' in page
    for url in (f"/honours/awards/{record['collective'].pk}/", f"/honours/awards/{record['person'].pk}/",
                f"/skills/suggestions/{record['suggestion'].pk}/", f"/skills/studios/{record['studio'].pk}/",
                f"/skills/apprenticeships/{record['pair'].pk}/"):
        assert f'href="{url}"' in page, url
    assert "2025 市五一劳动奖状" in page and "陈师傅劳模创新工作室" in page and "陈师傅 带 小刘" in page


def test_a_viewer_without_the_honours_and_skills_permissions_sees_no_section(world, login, record):
    make_user("county_agent", world.county, RoleCode.HOTLINE_AGENT)  # sees employers, not honours or skills
    page = login("county_agent").get(f"/employers/{world.employer.pk}/").content.decode()
    assert world.employer.name in page and 'data-testid="employer-record"' not in page
    assert f"/honours/awards/{record['collective'].pk}/" not in page


def test_a_cadre_sees_only_the_honours_their_own_scope_reaches(world, login, record):
    # The province recorded an honour through 涪城区 for someone working here: 锦江区 does not see it.
    elsewhere = honour(world, record["master"], year=2021, union=world.county2, actor=world.province_officer)
    client = login("county_clerk")
    near = client.get(f"/employers/{world.employer.pk}/").content.decode()
    assert f"/honours/awards/{record['person'].pk}/" in near and f"/honours/awards/{elsewhere.pk}/" not in near
    client.logout()
    assert f"/honours/awards/{elsewhere.pk}/" in login("province_officer").get(
        f"/employers/{world.employer.pk}/").content.decode()
    client.logout()
    county2_clerk(world)
    assert login("county2_clerk").get(f"/employers/{world.employer.pk}/").status_code == 404


def test_the_employer_page_query_count_does_not_grow_with_the_record(world, login, record,
                                                                       django_assert_max_num_queries):
    client = login("county_clerk")
    with CaptureQueriesContext(connection) as small:
        assert client.get(f"/employers/{world.employer.pk}/").status_code == 200
    for year in (2020, 2021, 2022, 2023):
        collective(world, year)
        worker = worker_at(world, f"职工{year}")
        honour(world, worker, year=year)
        suggestion(world, worker, title=f"{year}年合理化建议")
        studio(world, worker)
        pair(world, record["master"], worker)
    with django_assert_max_num_queries(len(small)):
        page = client.get(f"/employers/{world.employer.pk}/").content.decode()
    assert "2023年合理化建议" in page and "职工2022劳模创新工作室" in page
