/* Progressive enhancement only; every page works without it.
   - "Exit this page": one tap, or Shift pressed three times, replaces this page with a neutral site
     (location.replace: this page does not stay in the Back history) and forgets this tab's assistant
     conversation (sessionStorage).
   - After a validation error, focus moves to the error summary. */
(function () {
  "use strict";
  var exit = document.querySelector("[data-exit]");
  function leave() {
    document.documentElement.hidden = true;  // nothing left on screen while the neutral site loads
    try { window.sessionStorage.clear(); } catch (e) { /* storage off */ }  // no chat to come back to
    document.title = "";
    window.location.replace(exit.href);
  }
  if (exit) {
    exit.addEventListener("click", function (e) { e.preventDefault(); leave(); });
    var presses = 0, timer = null;
    document.addEventListener("keyup", function (e) {
      if (e.key !== "Shift") { presses = 0; return; }
      presses += 1;
      clearTimeout(timer);
      timer = setTimeout(function () { presses = 0; }, 1500);
      if (presses >= 3) { leave(); }
    });
  }
  var summary = document.querySelector("[data-focus]");
  if (summary) { summary.focus(); }
})();
/* Printing opens every card's details, so the paper copy has the contacts. */
window.addEventListener("beforeprint", function () {
  document.querySelectorAll("details").forEach(function (d) { if (!d.open) { d.open = true; d.dataset.printOpened = "1"; } });
});
window.addEventListener("afterprint", function () {
  document.querySelectorAll("details[data-print-opened]").forEach(function (d) { d.open = false; delete d.dataset.printOpened; });
});
