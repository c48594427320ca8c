import datetime

import pytest
from django.test import Client
from django.utils import timezone

from gonghui.accounts.roles import RoleCode
from gonghui.cases.choices import Status
from gonghui.cases.models import Case
from gonghui.cases.services import case_intake
from gonghui.core.retention_sweep import sweep
from gonghui.testing.world import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_long_ago(world):
    hotline = make_user("hotline_agent", world.province, RoleCode.HOTLINE_AGENT)
    case = case_intake(actor=hotline, union=world.county, data={
        "caller_name": "张三", "caller_phone": "13700000001", "kind": "complaint",
        "employer_name": "某建筑劳务公司", "description": "被拖欠三个月工资。"}).case
    Case.objects.filter(pk=case.pk).update(status=Status.CLOSED,
                                           closed_at=timezone.now() - datetime.timedelta(days=1096))
    return case


def test_an_archived_case_says_so_and_is_off_the_list(world, closed_long_ago):
    sweep(only="closed_cases")
    client = Client()
    assert client.post("/login/", {"username": "county_admin", "password": PASSWORD}).status_code == 302
    page = client.get(f"/cases/{closed_long_ago.pk}/").content.decode()
    assert 'data-testid="archived-notice"' in page and "按数据保存期限归档" in page
    assert "张三" not in page and "被拖欠三个月工资" not in page
    assert closed_long_ago.number not in client.get("/cases/", {"status": "closed"}).content.decode()
