// Portal behaviour without inline script (the CSP forbids it). Every page works without it; this only
// helps: forms ask before irreversible steps and cannot be sent
// twice, the resend button counts down, and the join form shows only the fields that apply.
(function () {
  "use strict";

  // Loaded in the head without defer and listening on the document, so a form asks before it is sent
  // from the first moment the page shows: bound per form once the page had loaded, a quick tap on a
  // page still loading sent it unasked.
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form || !form.matches || !form.matches("form.pt-once, form[data-confirm]")) return;
    if ((form.dataset.confirm && !window.confirm(form.dataset.confirm)) || form.dataset.sent) {
      e.preventDefault();
      e.stopPropagation();
      return;
    }
    form.dataset.sent = "1";
    form.querySelectorAll("button[type=submit]").forEach(function (b) { b.classList.add("disabled"); });
  }, true);
  // A page brought back by the browser's back button keeps what it was: let its forms be sent again.
  window.addEventListener("pageshow", function (e) {
    if (!e.persisted) return;
    document.querySelectorAll("form[data-sent]").forEach(function (form) {
      delete form.dataset.sent;
      form.querySelectorAll("button[type=submit]").forEach(function (b) { b.classList.remove("disabled"); });
    });
  });

  // One flag per behaviour: a form may be both "send once" and the join form.
  function bindOnce(el, what) {
    var key = "pt" + what;
    if (el.dataset[key]) return false;
    el.dataset[key] = "1";
    return true;
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

  function init(root) { initResend(root); initJoinForm(root); }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSettle", function (e) { init(e.target); });
})();
