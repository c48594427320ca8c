from dataclasses import replace
from datetime import timedelta

import pytest
from django.utils import timezone

from gonghui.accounts.roles import RoleCode
from gonghui.core import retention_sweep
from gonghui.core.idempotency import IdempotentCreate
from gonghui.core.retention import RULES, rule_by_key
from gonghui.core.retention_sweep import sweep
from gonghui.orgs.choices import Level, UnionKind
from gonghui.orgs.scope import SystemActor
from gonghui.orgs.services import union_create_root
from gonghui.testing.world import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def root_auditor(world):
    return make_user("root_auditor", world.national, RoleCode.AUDITOR)


def test_the_root_auditor_sees_every_rule_its_period_and_the_last_sweeps_counts(client, world, root_auditor,
                                                                                 settings):
    settings.GONGHUI_RETAIN_DAYS = {**settings.GONGHUI_RETAIN_DAYS, "GONGHUI_RETAIN_AUDIT_DAYS": 400}
    row = IdempotentCreate.objects.create(actor=root_auditor, key="k", operation="t", digest="d", object_id="1")
    IdempotentCreate.objects.filter(pk=row.pk).update(created_at=timezone.now() - timedelta(days=40))
    client.force_login(root_auditor)
    before = client.get("/audit/retention/").content.decode()
    assert "尚未执行" in before and "审计日志尚未清理过" in before
    sweep()
    page = client.get("/audit/retention/").content.decode()
    assert "保存 400 天（下限 184 天）" in page and "GONGHUI_RETAIN_AUDIT_DAYS" in page
    assert "《网络安全法》第二十一条" in page and "到期归档" in page
    idempotency = page.split('data-testid="rule-idempotency_keys"')[1].split("</li>")[0]
    assert "处理 1 条" in idempotency
    for key, setting, kept in (
            ("unfiled_hardship_files", "GONGHUI_RETAIN_UNFILED_HARDSHIP_DAYS", "保存 730 天（下限 365 天）"),
            ("export_files", "GONGHUI_RETAIN_EXPORT_FILE_DAYS", "保存 1 天（下限 1 天）")):
        shown = page.split(f'data-testid="rule-{key}"')[1].split("</li>")[0]
        assert setting in shown and kept in shown
    exited = page.split('data-testid="rule-exited_hardship_files"')[1].split("</li>")[0]
    assert "监测期满或已返困的困难职工档案" in exited and "自监测期满或返困时间起算" in exited
    assert 'data-testid="retention-link"' in client.get("/audit/").content.decode()


def test_an_auditor_below_the_root_and_a_cadre_are_refused(client, world):
    client.force_login(world.auditor)  # granted on the province, under the national root
    assert client.get("/audit/retention/").status_code == 403
    client.force_login(world.county_admin)
    assert client.get("/audit/retention/").status_code == 403


def test_an_auditor_over_one_root_of_two_is_refused(client, world, root_auditor):
    # The periods are the whole deployment's: covering one root union of several is not enough.
    union_create_root(actor=SystemActor("tests"), name="某产业工会", kind=UnionKind.FEDERATION, level=Level.NATIONAL)
    client.force_login(root_auditor)
    assert client.get("/audit/retention/").status_code == 403


def test_a_rule_that_failed_says_so_on_the_page(client, world, root_auditor, monkeypatch):
    failing = replace(rule_by_key("sms_codes"), apply="gonghui.web.accounts.tests.test_retention_page.explode")
    monkeypatch.setattr(retention_sweep, "RULES", tuple(failing if r.key == "sms_codes" else r for r in RULES))
    sweep()
    client.force_login(root_auditor)
    row = client.get("/audit/retention/").content.decode().split('data-testid="rule-sms_codes"')[1].split("</li>")[0]
    assert "上次执行出错（RuntimeError）" in row


def explode(**_kwargs):
    raise RuntimeError("the disk is gone")
