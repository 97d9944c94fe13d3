// The survey tablet at the exit. Everything works without this script (a plain form; a <noscript>
// refresh on the thanks screen); it adds the return to an empty form after the thanks, and starts
// the form again when someone left it half-filled, so the next person never sees their answer.
(function () {
  "use strict";

  var back = document.querySelector("[data-tablet-return]");
  if (back) {
    var url = back.getAttribute("data-tablet-return");
    window.setTimeout(function () { window.location.replace(url); },
      1000 * parseInt(back.getAttribute("data-seconds"), 10));
  }

  var form = document.querySelector("[data-tablet-idle]");
  if (form) {
    var idle = 1000 * parseInt(form.getAttribute("data-tablet-idle"), 10);
    var lastUse = null;  // untouched, the form may wait for the next person as long as it likes
    ["pointerdown", "keydown", "input", "change"].forEach(function (name) {
      document.addEventListener(name, function () { lastUse = Date.now(); });
    });
    window.setInterval(function () {
      if (lastUse !== null && Date.now() - lastUse >= idle) { window.location.replace(window.location.pathname); }
    }, 5000);
  }
})();
