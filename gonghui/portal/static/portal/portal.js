// Portal behaviour without inline script (the CSP forbids it). Every page works without it; this only
// helps: forms ask before irreversible steps and cannot be sent
// twice, the resend button counts down, and the join form shows only the fields that apply.
(function () {
  "use strict";

  // One flag per behaviour: a form may be both "send once" and the join form.
  function bindOnce(el, what) {
    var key = "pt" + what;
    if (el.dataset[key]) return false;
    el.dataset[key] = "1";
    return true;
  }

  function initForms(root) {
    root.querySelectorAll("form.pt-once, form[data-confirm]").forEach(function (form) {
      if (!bindOnce(form, "Once")) return;
      form.addEventListener("submit", function (e) {
        if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) { e.preventDefault(); return; }
        if (form.dataset.sent) { e.preventDefault(); return; }
        form.dataset.sent = "1";
        form.querySelectorAll("button[type=submit]").forEach(function (b) { b.classList.add("disabled"); });
      });
    });
  }

  function initResend(root) {
    root.querySelectorAll("button.pt-resend[data-wait]").forEach(function (btn) {
      if (!bindOnce(btn, "Resend")) return;
      var label = btn.textContent, left = parseInt(btn.dataset.wait, 10) || 0;
      function tick() {
        if (left <= 0) { btn.disabled = false; btn.textContent = label; return; }
        btn.disabled = true;
        btn.textContent = btn.dataset.labelWait.replace("%s", left);
        left -= 1;
        window.setTimeout(tick, 1000);
      }
      tick();
    });
  }

  // Gender comes from a resident ID number; the new-form group only applies to that employment form.
  function initJoinForm(root) {
    var form = root.querySelector("[data-testid=join-form]");
    if (!form || !bindOnce(form, "Join")) return;
    function field(name) { return form.querySelector("[data-field=" + name + "]"); }
    function value(name) { var el = form.elements[name]; return el ? el.value : ""; }
    function sync() {
      var gender = field("gender"), group = field("new_form_group");
      if (gender) gender.classList.toggle("pt-hidden", value("id_type") === "resident" && !gender.classList.contains("has-error"));
      if (group) group.classList.toggle("pt-hidden", value("employment_form") !== "new_form" && !value("new_form_group"));
    }
    form.addEventListener("change", sync);
    sync();
  }

  function init(root) { initForms(root); initResend(root); initJoinForm(root); }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSettle", function (e) { init(e.target); });
})();
