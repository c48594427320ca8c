// Behaviour the console and the portal share for keyboard and screen-reader users (no inline script:
// the CSP forbids it). Every page works without it.
(function () {
  "use strict";

  function submit(form) {
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  }

  // After a failed submit the error summary (web/partials/error_summary.html) takes the focus, so it is
  // read at once instead of the page starting over at the top; without one, the first invalid field.
  function focusErrors() {
    var target = document.querySelector("[data-error-summary]") || document.querySelector("[aria-invalid=true]");
    if (target) target.focus();
  }

  // A summary link moves the focus into its field (a link to a group of radios lands on the first).
  function onSummaryLink(e) {
    var link = e.target.closest ? e.target.closest("[data-focus-field]") : null;
    if (!link) return;
    var el = document.getElementById(link.dataset.focusField);
    if (!el) return;
    if (!/^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(el.tagName)) el = el.querySelector("input, select, textarea") || el;
    e.preventDefault();
    el.focus();
    if (el.scrollIntoView) el.scrollIntoView({ block: "center" });
  }

  // Selects that apply themselves (language, period, branch, list filters). A pick with the mouse or a
  // finger applies at once; a change from the keyboard (one arrow key on a closed select changes it)
  // never does (WCAG 3.2.2): Enter applies it, or the form's own button, shown once the value changed.
  function initAutosubmit(root) {
    root.querySelectorAll("select.gh-autosubmit, select.pt-autosubmit").forEach(function (el) {
      if (el.dataset.a11yBound || !el.form) return;
      el.dataset.a11yBound = "1";
      var pointer = false, initial = el.value;
      var apply = el.form.querySelector(".gh-apply");
      if (apply) apply.classList.add("visually-hidden-focusable");
      el.addEventListener("pointerdown", function () { pointer = true; });
      el.addEventListener("keydown", function (e) {
        pointer = false;
        if (e.key === "Enter" && el.value !== initial) { e.preventDefault(); submit(el.form); }
      });
      el.addEventListener("change", function () {
        if (pointer) { submit(el.form); return; }
        if (apply) apply.classList.remove("visually-hidden-focusable");
      });
    });
  }

  // A table wider than the screen scrolls sideways; with no link or button inside, a keyboard could
  // never scroll it (WCAG 2.1.1), so such a box becomes a named stop in the tab order while it scrolls.
  function initScrollers(root) {
    root.querySelectorAll(".table-responsive").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      var reachable = box.querySelector("a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])");
      if (scrolls && !reachable) {
        if (!box.hasAttribute("tabindex")) {
          var card = box.closest(".card");
          var header = card ? card.querySelector(".card-header") : null;
          var name = (header ? header.textContent : document.title).trim().split("\n")[0];
          box.setAttribute("tabindex", "0");
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", name);
        }
      } else if (box.getAttribute("tabindex") === "0" && box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }

  var resizing = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(function () { initScrollers(document); }, 200);
  });
  document.addEventListener("click", onSummaryLink);
  document.addEventListener("DOMContentLoaded", function () { initAutosubmit(document); initScrollers(document); focusErrors(); });
  document.addEventListener("htmx:afterSettle", function (e) { initAutosubmit(e.target); initScrollers(e.target); });
})();
