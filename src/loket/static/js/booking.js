// Booking steps swapped in place by HTMX: move the focus to what changed (the day's times, else the
// new step's heading), so that a keyboard or screen-reader user goes on from there. Without HTMX
// every step is a plain page load and the browser starts at the top, as usual.
document.addEventListener("htmx:afterSettle", function () {
  var step = document.getElementById("booking-step");
  if (!step) { return; }
  var focus = step.querySelector("#times[data-focus-after-swap]") || step.querySelector("[data-focus-after-swap]");
  if (focus) { focus.focus(); }
});
