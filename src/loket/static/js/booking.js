// Booking steps swapped in place by HTMX: move the focus to the new step's heading, so that a
// keyboard or screen-reader user goes on where the page changed (without HTMX, links load pages).
document.addEventListener("htmx:afterSettle", function (event) {
  var target = event.detail && event.detail.elt;
  var focus = document.querySelector("#booking-step [data-focus-after-swap]");
  if (target && focus) { focus.focus(); }
});
