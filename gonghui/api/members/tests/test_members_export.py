import io

import pytest
from django.conf import settings
from openpyxl import load_workbook

from gonghui.core.audit_models import AuditEntry
from gonghui.members.models import PersonalDataAccess
from gonghui.testing.world import make_member

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def rows_of(response):
    data = b"".join(response.streaming_content)
    return list(load_workbook(io.BytesIO(data), read_only=True).active.iter_rows(values_only=True))


def test_the_export_is_a_workbook_of_the_filtered_list(world, api_as):
    courier = make_member(world.township, name="张快递", employment_form="new_form", new_form_group="courier").member
    response = api_as("county_admin").get("/members/export", new_form_group="courier", full=True, reason="核对名单")
    assert (response.status_code, response["Content-Type"], response["Cache-Control"]) == (200, XLSX, "no-store")
    rows = rows_of(response)
    assert rows[0][:5] == ("姓名", "性别", "民族", "证件类型", "证件号码")
    assert [(r[0], r[4], r[9], r[10]) for r in rows[1:]] == [("张快递", courier.id_number, "新就业形态", "快递员")]
    entry = AuditEntry.objects.get(action="member.export")
    assert entry.detail == {"filters": {"status": "live", "new_form_group": "courier"}, "rows": 1, "full": True,
                            "reason": "核对名单"}
    assert PersonalDataAccess.objects.get().member_id == courier.pk


def test_a_full_export_without_a_reason_is_refused(world, api_as):
    response = api_as("county_admin").get("/members/export", full=True)
    assert (response.status_code, response.json()["field"]) == (400, "reason")
    assert not PersonalDataAccess.objects.exists()


def test_the_export_speaks_the_callers_language(world, api_as):
    api = api_as("county_admin")
    api.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    rows = rows_of(api.get("/members/export"))
    assert rows[0][0] != "姓名" and len(rows) == 2


def test_a_union_out_of_scope_is_not_found_on_the_union_filter(world, api_as):
    response = api_as("county_admin").get("/members/export", union=world.county2.pk)
    assert (response.status_code, response.json()["field"]) == (404, "union")
