// Ticking rows of a review list for one decision: "select all on this page", the running count,
// the decision buttons enabled only with something ticked, and a confirmation naming the count.
// The rows' checkboxes belong to the form through their `form` attribute, so the rows keep their
// own single-decision forms.
(function () {
  "use strict";

  function init(form) {
    var boxes = Array.prototype.slice.call(document.querySelectorAll('input[name="ids"][form="' + form.id + '"]'));
    var all = form.querySelector("[data-bulk-all]");
    var count = form.querySelector("[data-bulk-count]");
    var actions = form.querySelectorAll("[data-bulk-action]");

    // Nothing on this page can be decided in bulk (an empty list, or only rows awaiting the worker).
    if (!boxes.length) { form.hidden = true; return; }

    function ticked() { return boxes.filter(function (b) { return b.checked; }).length; }

    function refresh() {
      var n = ticked();
      if (count) count.textContent = String(n);
      if (all) {
        all.checked = n > 0 && n === boxes.length;
        all.indeterminate = n > 0 && n < boxes.length;
      }
      actions.forEach(function (button) { button.disabled = n === 0; });
    }

    if (all) {
      all.addEventListener("change", function () {
        boxes.forEach(function (b) { b.checked = all.checked; });
        refresh();
      });
    }
    boxes.forEach(function (b) { b.addEventListener("change", refresh); });
    form.addEventListener("submit", function (e) {
      var button = e.submitter;
      var text = button && button.dataset.bulkAction ? form.dataset["confirm" + button.dataset.bulkAction.charAt(0).toUpperCase() +
                                        button.dataset.bulkAction.slice(1)] : "";
      if (text && !window.confirm(text.replace("[n]", String(ticked())))) e.preventDefault();
    });
    refresh();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-bulk]").forEach(init);
  });
})();
