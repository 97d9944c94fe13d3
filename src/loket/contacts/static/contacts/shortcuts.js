/* Keyboard shortcuts of the contact-centre pages: Alt (Option on a Mac) + a letter.
   An element with data-shortcut="k" is focused (a field) or activated (a button or link).
   Plain JavaScript rather than accesskey: accesskey needs Alt+Shift in Firefox, Control+Option
   on a Mac, and clashes with screen readers; one rule for every browser is easier to teach.
   Without JavaScript the pages work the same, by Tab and Enter. */
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    var letter = (event.code || "").indexOf("Key") === 0 ? event.code.slice(3).toLowerCase() : (event.key || "").toLowerCase();
    if (!/^[a-z]$/.test(letter)) { return; }
    var target = document.querySelector('[data-shortcut="' + letter + '"]');
    if (!target) { return; }
    event.preventDefault();
    var tag = target.tagName.toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea") {
      target.focus();
      if (target.select && target.type !== "checkbox") { target.select(); }
    } else {
      target.click();
    }
  });
})();

/* A link with data-focus-after-request="#id" (the catalogue's hits) moves the focus to that
   element once HTMX has loaded it, so the agent reads the sheet next. Here rather than in an
   hx-on attribute: the Content-Security-Policy runs no inline script, and HTMX evaluates none. */
(function () {
  "use strict";
  document.addEventListener("htmx:afterRequest", function (event) {
    var source = event.detail && event.detail.elt;
    var selector = source && source.getAttribute && source.getAttribute("data-focus-after-request");
    if (!selector) { return; }
    var target = document.querySelector(selector);
    if (target) { target.focus(); }
  });
})();
