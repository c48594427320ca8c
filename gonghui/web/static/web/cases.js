// 维权 pages without inline script (the CSP forbids it): Ctrl+Enter submits from a long text,
// and the routing suggestion's buttons fill the fields the agent accepts.
(function () {
  "use strict";

  document.addEventListener("keydown", function (e) {
    var el = e.target;
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && el.dataset && el.dataset.ctrlEnter) {
      e.preventDefault();
      if (el.form.requestSubmit) el.form.requestSubmit(); else el.form.submit();
    }
  });

  function fill(id, value) {
    var field = document.getElementById(id);
    if (field && value) { field.value = value; field.classList.add("gh-filled"); }
  }

  // The suggestion panel is a live region: a filled field is said, not only coloured.
  function announce() {
    var status = document.querySelector("[data-fill-status]");
    if (status) status.textContent = status.dataset.done;
  }

  document.addEventListener("click", function (e) {
    var button = e.target.closest ? e.target.closest("[data-gh-fill], [data-gh-accept]") : null;
    if (!button) return;
    announce();
    if (button.dataset.ghFill) { fill(button.dataset.ghFill, button.dataset.value); return; }
    fill("id_category", button.dataset.category);
    fill("id_kind", button.dataset.kind);
    var radio = document.getElementById(button.dataset.unionRadio);
    if (radio) radio.checked = true;
    var difficulty = document.getElementById("id_difficulty");
    if (difficulty && !difficulty.value) difficulty.focus();
  });

  // A union picked from the search list becomes the form's value (dispatch).
  document.addEventListener("change", function (e) {
    var el = e.target;
    if (el.type === "radio" && el.dataset && el.dataset.ghTarget) {
      var hidden = document.getElementById(el.dataset.ghTarget);
      if (hidden) hidden.value = el.value;
    }
  });
})();
