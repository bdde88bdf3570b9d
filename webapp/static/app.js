// Small enhancements; every page works without them.
(function () {
  "use strict";

  // "/" focuses the search box (unless the user is typing somewhere).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var box = document.getElementById("q") || document.getElementById("dq");
    if (box) { event.preventDefault(); box.focus(); box.select(); }
  });

  // On a document opened at a quote, move keyboard focus to the quoted passage too.
  document.addEventListener("DOMContentLoaded", function () {
    var quote = document.getElementById("quote");
    if (quote && window.location.hash === "#quote") {
      quote.focus({ preventScroll: false });
    }
    // Empty filter fields are left out of the URL so permalinks stay short.
    var forms = document.querySelectorAll("form[method='get']");
    Array.prototype.forEach.call(forms, function (form) {
      form.addEventListener("submit", function () {
        Array.prototype.forEach.call(form.elements, function (el) {
          if (el.name && !el.value) el.disabled = true;
        });
        window.setTimeout(function () {
          Array.prototype.forEach.call(form.elements, function (el) { el.disabled = false; });
        }, 0);
      });
    });
  });
})();
