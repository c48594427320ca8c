"""axe-core over every page the browser tests visit.

The browser fixtures watch each page: every document that finishes loading (a link, a redirect, a
failed submit that renders the form again) is checked by axe before the test's next step on that
page, and once more when the page's context closes. A critical or serious WCAG 2.1 A/AA violation
fails the test with the rule, the elements and the help text. `assert_accessible(page)` checks the
page as it is now (after an htmx swap, at a narrow width).

axe-core comes from the npm registry (package.json at the project root, `npm ci` in `make test`),
never copied into the repository. The page's CSP allows scripts from its own origin only, so the
file is served by the browser context itself under the live server's origin and added with a script
tag like any of the page's own.
"""

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_PATH = "/__axe-core__/axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING = {"critical", "serious"}
# Page methods a test calls between steps: a document loaded since the last check is checked first.
_STEPS = ("goto", "click", "fill", "check", "select_option", "press", "type", "content", "screenshot",
          "locator", "get_by_test_id", "get_by_role", "get_by_text", "get_by_label", "get_by_placeholder",
          "wait_for_url", "wait_for_load_state", "wait_for_selector", "expect_navigation", "inner_text")
# ...and after these, which end on a loaded document.
_SETTLING = ("goto", "wait_for_url", "wait_for_load_state")


def require_axe() -> None:
    """No axe file: a failure under REQUIRE_BROWSER=1 (CI), else the browser tests are skipped."""
    if AXE.exists():
        return
    message = f"{AXE} is missing: run `npm ci` at the project root (`make test` does)."
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail("REQUIRE_BROWSER=1 but axe-core is not installed. " + message)
    pytest.skip(message)


def _serve_axe(route: Any) -> None:
    route.fulfill(path=str(AXE), content_type="application/javascript")


def audit_context(context: Any) -> Any:
    """Watch every page the context opens, and check what is left unchecked before it closes."""
    context.route("**" + AXE_PATH, _serve_axe)
    new_page, close = context.new_page, context.close

    def watched_page(*args: Any, **kwargs: Any) -> Any:
        return watch(new_page(*args, **kwargs))

    def checked_close(*args: Any, **kwargs: Any) -> Any:
        for page in context.pages:
            _check_pending(page)
        return close(*args, **kwargs)

    context.new_page = watched_page
    context.close = checked_close
    return context


def watch(page: Any) -> Any:
    page.a11y_pending = False

    def loaded(_: Any) -> None:
        page.a11y_pending = True

    page.on("load", loaded)
    for name in _STEPS:
        setattr(page, name, _stepped(page, name, getattr(page, name)))
    return page


def _stepped(page: Any, name: str, method: Any) -> Any:
    def step(*args: Any, **kwargs: Any) -> Any:
        _check_pending(page)
        result = method(*args, **kwargs)
        if name in _SETTLING:
            _check_pending(page)
        return result

    return step


def _check_pending(page: Any) -> None:
    if not getattr(page, "a11y_pending", False) or page.is_closed():
        return
    page.a11y_pending = False
    assert_accessible(page)


def assert_accessible(page: Any) -> None:
    """Run axe on the page as it is; fail on any critical or serious violation."""
    url = page.url
    if urlsplit(url).scheme not in ("http", "https"):
        return
    # A check can fall while the next document is still arriving (a click started it): judge it whole.
    page.wait_for_load_state("load")
    url = page.url
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    if not page.evaluate("() => Boolean(window.axe)"):
        page.add_script_tag(url=origin + AXE_PATH)
    violations = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
        ".then(r => r.violations)",
        TAGS,
    )
    failing = [v for v in violations if v.get("impact") in FAILING]
    # axe lets a description point at an id no element has when another of its ids exists, and only
    # asks for review when none does; a hint or an error never read is a failure here.
    broken = page.evaluate(_BROKEN_REFERENCES)
    if broken:
        failing.append({"impact": "serious", "id": "aria-reference-missing",
                        "help": "ARIA references must point at elements on the page", "helpUrl": "tests/e2e/a11y.py",
                        "nodes": [{"target": [b], "failureSummary": ""} for b in broken]})
    if failing:
        pytest.fail(f"axe found {len(failing)} critical/serious accessibility violation(s) on {url}:\n"
                    + "\n".join(_describe(v) for v in failing), pytrace=False)


_BROKEN_REFERENCES = """() => {
  const attrs = ["aria-describedby", "aria-labelledby", "aria-controls", "aria-errormessage"];
  const out = [];
  document.querySelectorAll(attrs.map(a => "[" + a + "]").join(",")).forEach(el => {
    attrs.forEach(a => (el.getAttribute(a) || "").split(/\\s+/).filter(Boolean).forEach(id => {
      const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "");
      if (!document.getElementById(id)) out.push(name + " " + a + "=" + id);
    }));
  });
  return out;
}"""


def _describe(violation: dict[str, Any]) -> str:
    lines = [f"- [{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})"]
    for node in violation["nodes"][:8]:
        target = " ".join(str(t) for t in node["target"])
        summary = (node.get("failureSummary") or "").replace("\n", " ")
        lines.append(f"    at {target}: {summary}")
    if len(violation["nodes"]) > 8:
        lines.append(f"    ... and {len(violation['nodes']) - 8} more")
    return "\n".join(lines)
