import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from gonghui.core.audit_models import AuditEntry
from gonghui.testing.world import make_member
from gonghui.web.templatetags.console import action_label

pytestmark = pytest.mark.django_db


def rows_of(response):
    data = b"".join(response.streaming_content)
    return list(load_workbook(io.BytesIO(data), read_only=True).active.iter_rows(values_only=True))


def test_the_list_offers_the_export_only_to_those_who_may_export(login, world, client):
    assert 'data-testid="member-export"' in login("county_admin").get("/members/").content.decode()
    client.logout()
    assert 'data-testid="member-export"' not in login("county_clerk").get("/members/").content.decode()


def test_the_export_follows_the_lists_filters_and_search(login, world):
    client = login("county_admin")
    make_member(world.township, name="张快递", employment_form="new_form", new_form_group="courier")
    member = world.membership.member
    search = client.post("/members/", {"q": member.id_number, "status": "live"})["Location"]
    response = client.post("/members/export.xlsx?" + search.partition("?")[2], {"full": "1", "reason": "核对名单"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;") and response["Cache-Control"] == "no-store"
    rows = rows_of(response)
    assert rows[0][:5] == ("姓名", "性别", "民族", "证件类型", "证件号码")
    assert [r[0] for r in rows[1:]] == [member.name] and rows[1][4] == member.id_number
    assert len(rows_of(client.post("/members/export.xlsx?new_form_group=courier"))) == 2
    entry = AuditEntry.objects.filter(action="member.export").order_by("id").first()
    assert entry.detail["filters"]["query"] == member.id_masked and entry.detail["rows"] == 1


def test_a_full_export_without_a_reason_returns_to_the_list_with_the_answer(login, world):
    client = login("county_admin")
    response = client.post("/members/export.xlsx?status=live", {"full": "1", "reason": ""}, follow=True)
    assert "导出完整证件号码和手机号码须填写理由" in response.content.decode()
    assert not AuditEntry.objects.filter(action="member.export").exists()
    masked = rows_of(client.post("/members/export.xlsx"))
    assert masked[1][4] == world.membership.member.id_masked


def test_an_export_is_a_post_and_needs_the_permission(login, world, client):
    assert login("county_admin").get("/members/export.xlsx").status_code == 405
    client.logout()
    response = login("county_clerk").post("/members/export.xlsx")
    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action="member.export").exists()


def test_the_audit_log_names_exports_and_partner_checks():
    assert [action_label(a) for a in ("member.export", "partner.verify")] == ["导出会员名单", "合作方核验会员"]
    with translation.override("en"):
        assert action_label("partner.create") == "Register verification partner"
