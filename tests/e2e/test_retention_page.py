from datetime import timedelta

import pytest
from django.utils import timezone
from freezegun import freeze_time

from gonghui.accounts.roles import RoleCode
from gonghui.core.audit import Actor, audit_record
from gonghui.core.audit_checkpoints import audit_checkpoint
from gonghui.core.audit_verification import audit_verify
from gonghui.core.retention_sweep import sweep
from gonghui.testing.world import build_world, make_user
from tests.e2e.conftest import shot
from tests.e2e.test_console import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _swept_world() -> None:
    with freeze_time(timezone.now() - timedelta(days=400)):
        for i in range(3):
            audit_record(actor=Actor.system("system:test"), action="test.old", detail={"i": i})
        audit_checkpoint()
    world = build_world()
    make_user("root_auditor", world.national, RoleCode.AUDITOR)
    audit_checkpoint()
    sweep()
    assert audit_verify().ok


@pytest.mark.parametrize("width", [1280, 390])
def test_the_root_auditor_reads_the_retention_rules_from_the_audit_log(browser, live_server, width, settings,
                                                                        tmp_path):
    settings.GONGHUI_AUDIT_CHECKPOINT_FILE = str(tmp_path / "checkpoints.jsonl")
    _swept_world()
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 500)
    page = context.new_page()
    page.base = live_server.url
    log_in(page, "root_auditor")
    page.wait_for_url(page.base + "/")
    page.goto(page.base + "/audit/")
    page.get_by_test_id("retention-link").click()
    page.wait_for_url("**/audit/retention/")
    assert "审计日志已按保存期限清理至第 3 条" in page.get_by_test_id("audit-cut").inner_text()
    rules = page.get_by_test_id("retention-rules")
    assert "保存 365 天（下限 184 天）" in rules.get_by_test_id("rule-audit_log").inner_text()
    assert "上次执行" in rules.get_by_test_id("rule-closed_cases").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shot(page, f"retention-{width}")
    context.close()
