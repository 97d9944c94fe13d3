/* The "Print" buttons of the staff appointment pages: <button data-print>. A script file rather
   than onclick="window.print()": the Content-Security-Policy runs no inline handler. Without
   JavaScript the browser's own Print does the same. */
(function () {
  "use strict";
  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
