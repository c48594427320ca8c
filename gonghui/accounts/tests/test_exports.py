"""The account list and the audit log export as their pages filter them, within scope; the audit
log's identity numbers, phones and IP addresses masked in the workbook."""

import pytest

from gonghui.accounts.exports import masked, masked_ip
from gonghui.accounts.services import user_set_active
from gonghui.core.audit import Actor, audit_record
from gonghui.core.exports import list_export
from gonghui.orgs.scope import scope_for_any
from gonghui.testing.world import make_user

pytestmark = pytest.mark.django_db


def rows(user, name, **filters):
    export = list_export(name)
    perms = (export.permission,) if isinstance(export.permission, str) else export.permission
    return list(export.rows(actor=user, scope=scope_for_any(user, perms), filters=filters))


def test_the_account_export_follows_the_search_and_state_within_scope(world):
    gone = make_user("jinjiang.old", world.county)
    user_set_active(actor=world.sysadmin, user=gone, active=False)
    make_user("guiyang.clerk", world.other_city)
    names = [r[0] for r in rows(world.sysadmin, "accounts.users")]
    assert "county_admin" in names and "jinjiang.old" in names and "guiyang.clerk" not in names
    assert [r[0] for r in rows(world.sysadmin, "accounts.users", q="jinjiang")] == ["jinjiang.old"]
    assert [r[:4] for r in rows(world.sysadmin, "accounts.users", active="0")] == [
        ["jinjiang.old", "jinjiang.old", world.county.name, "否"]]


def test_the_audit_export_masks_numbers_and_addresses_and_follows_the_filters(world):
    audit_record(actor=Actor(id=None, label="portal:138****1234", ip="10.2.3.44"), action="member.reveal",
                 object_type="members.member", object_id=1, object_label="王五 510104199001011234 13912345678",
                 org_path=world.county.path)
    got = rows(world.auditor, "accounts.audit", action="member.reveal")
    assert len(got) == 1
    assert got[0][1:] == ["portal:138****1234", "member.reveal", "王五 510104********1234 139****5678", "成功",
                          "10.2.3.*"]
    assert rows(world.auditor, "accounts.audit", action="member.reveal", obj="张三") == []


def test_only_whoever_may_read_the_audit_log_may_export_it(world, client):
    client.force_login(world.county_admin)
    assert client.post("/exports/accounts.audit/").status_code in (403, 404)
    client.force_login(world.auditor)
    answer = client.post("/exports/accounts.audit/")
    assert answer.status_code == 200 and answer["Content-Type"].startswith("application/vnd.openxmlformats")


def test_masking_leaves_other_text_alone():
    assert masked("工会 2026 年 12345") == "工会 2026 年 12345"
    assert masked_ip("") == "" and masked_ip("2001:db8:1:2:3:4:5:6") == "2001:db8:1:2:*"
