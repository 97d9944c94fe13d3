// The hall's kiosk. Everything works without this script (plain forms and links, a <noscript>
// refresh); it adds the "Print" button, the return to the start page with "more time" after a
// ticket is shown (so the next citizen never sees it), and a quiet reload of the start page while
// nobody uses it (the waiting times stay current).
(function () {
  "use strict";

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  var back = document.querySelector("[data-kiosk-return]");
  if (back) {
    var url = back.getAttribute("data-kiosk-return");
    var timer = window.setTimeout(function () { window.location.replace(url); },
      1000 * parseInt(back.getAttribute("data-seconds"), 10));
    var more = back.querySelector("[data-more-time]");
    var notice = back.querySelector("[data-return-notice]");
    if (more) {
      more.hidden = false;
      more.addEventListener("click", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () { window.location.replace(url); }, 60000);
        if (notice) { notice.textContent = notice.getAttribute("data-more-text"); }
      });
    }
  }

  var start = document.querySelector("[data-kiosk-refresh]");
  if (start) {
    var every = 1000 * parseInt(start.getAttribute("data-kiosk-refresh"), 10);
    var lastUse = Date.now();
    ["pointerdown", "keydown", "focusin"].forEach(function (name) {
      document.addEventListener(name, function () { lastUse = Date.now(); });
    });
    window.setInterval(function () {
      if (Date.now() - lastUse >= every) { window.location.replace(window.location.pathname); }
    }, 10000);
  }
})();
