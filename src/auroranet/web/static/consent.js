// The consent page: the share button counts the ticked items and is disabled while none is ticked.
// Without JavaScript the button shows the count rendered by the server and submitting nothing ticked
// simply opens the service without sharing.
(function () {
  "use strict";
  var form = document.querySelector("form[data-consent]");
  var button = form && form.querySelector("#consent-share");
  if (!button) {
    return;
  }
  var label = button.getAttribute("data-label") || "";
  function update() {
    var n = form.querySelectorAll('input[name="share"]:checked').length;
    button.textContent = label.replace("{n}", String(n));
    button.disabled = n === 0;
  }
  form.addEventListener("change", update);
  window.addEventListener("pageshow", update);
  update();
})();
