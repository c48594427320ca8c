// Confirmation prompts for forms marked data-confirm (the CSP forbids inline onsubmit). Loaded in the
// head without defer and listening on the document, so it is in place before any button can be
// clicked: a form bound only once the deferred scripts had run could be submitted unasked by a quick
// click on a page still loading.
document.addEventListener("submit", function (e) {
  var form = e.target;
  if (form && form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) e.preventDefault();
}, true);
