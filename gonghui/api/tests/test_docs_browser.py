"""The docs page in a real Chromium, under the production CSP: nothing blocked, operations rendered."""

import os
import shutil

import pytest
from django.conf import settings
from django.test import Client

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM and not os.environ.get("REQUIRE_BROWSER"), reason="no Chromium on this machine"),
]


def test_swagger_ui_runs_under_the_strict_csp(live_server, world):
    from playwright.sync_api import sync_playwright

    # Log in before the browser starts: Playwright's loop would make Django refuse database calls here.
    client = Client()
    client.force_login(world.province_officer)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    messages: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            context = browser.new_context()
            context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
            page = context.new_page()
            page.on("console", lambda m: messages.append(m.text) if m.type in {"error", "warning"} else None)
            page.on("pageerror", lambda e: messages.append(str(e)))
            response = page.goto(f"{live_server.url}/api/docs")
            assert response is not None and response.ok
            assert "script-src 'self'" in (response.header_value("content-security-policy") or "")
            page.wait_for_selector(".opblock-summary-path", timeout=15_000)
            paths = page.locator(".opblock-summary-path").all_inner_texts()
            # Run one call from the page, so the response panel (highlighted JSON) renders too.
            page.locator("#operations-orgs-gonghui_api_orgs_org_list .opblock-summary").click()
            page.get_by_role("button", name="Try it out").click()
            page.get_by_role("button", name="Execute").click()
            page.wait_for_selector(".live-responses-table tbody .response-col_status", timeout=15_000)
            status = page.locator(".live-responses-table tbody .response-col_status").first.inner_text()
        finally:
            browser.close()
    assert any("/api/v1/orgs" in path for path in paths)
    assert status.strip() == "200"
    blocked = [m for m in messages if "Content Security Policy" in m or "Refused to" in m]
    assert not blocked, blocked
