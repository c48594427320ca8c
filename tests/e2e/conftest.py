"""Playwright driving Debian's Chromium against a live server.

Browser tests run when Chromium is present; with REQUIRE_BROWSER=1 (CI) a missing Chromium is a
failure, never a skip; so is a missing axe-core (tests/e2e/a11y.py checks every page the tests visit).
`playwright install` cannot work on these machines, so the browser is the
system package, launched headless without a sandbox and with background networking off.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.e2e.a11y import audit_context, require_axe

# Playwright's sync API runs an event loop in this thread; Django's guard against ORM calls from
# async code would otherwise refuse the test's own fixture writes.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _chromium() -> str | None:
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        return explicit if Path(explicit).exists() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    path = _chromium()
    if path is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("REQUIRE_BROWSER=1 but no Chromium was found (apt-get install chromium).")
        pytest.skip("Chromium is not installed; browser tests skipped (set REQUIRE_BROWSER=1 to require them).")
    require_axe()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        new_context = browser.new_context
        # Every context a test opens, the fixtures' or its own, is audited by axe page by page.
        browser.new_context = lambda *args, **kwargs: audit_context(new_context(*args, **kwargs))
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.errors = []  # type: ignore[attr-defined]
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)  # type: ignore[attr-defined]
    page.on("pageerror", lambda e: page.errors.append(str(e)))  # type: ignore[attr-defined]
    page.base = live_server.url  # type: ignore[attr-defined]
    yield page
    context.close()


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base = live_server.url  # type: ignore[attr-defined]
    yield page
    context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def pick_employer(form, typed: str, employer: str, name: str = "employer") -> None:
    """Choose an employer with the shared picker as a person does: type part of its name into the search
    box, wait for the matches, and tick the one whose name is exactly `employer`."""
    form.locator(f"[name='{name}_q']").press_sequentially(typed)
    option = form.get_by_test_id("employer-option").filter(has=form.page.get_by_text(employer, exact=True))
    radio = option.locator(f"input[type=radio][name='{name}']")
    radio.check()
    assert radio.is_checked()


def nav_link(page, name: str, menu: str = "aside.gh-sidebar"):
    """The console menu's link called `name`, its group opened first as a user would (a click on the
    group's summary) when it is folded; a link inside a closed <details> cannot be clicked. `menu` is
    the sidebar, or "#gh-mobile-nav" for the phone's menu once opened."""
    sidebar = page.locator(menu)
    # The entry's own label is the link's text node (the icon and the badge are elements beside it).
    folded = sidebar.evaluate("""(menu, name) => {
      for (const a of menu.querySelectorAll("details a")) {
        const label = [...a.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join("").trim();
        if (label === name) { const group = a.closest("details"); return group.open ? "" : group.dataset.navGroup; }
      }
      return "";
    }""", name)
    if folded:
        sidebar.locator(f'details[data-nav-group="{folded}"] > summary').click()
    link = sidebar.get_by_role("link", name=name)
    link.wait_for()
    return link
