// The staff member's live chat: new lines arrive as server-sent events; the form posts without leaving
// the page. Without JavaScript the form posts and the page shows every line.
(function () {
  "use strict";
  var box = document.querySelector("section.lc-chat");
  var log = document.getElementById("lc-log");
  var form = document.getElementById("lc-form");
  var input = document.getElementById("lc-text");
  var status = document.getElementById("lc-status");
  if (!box || !log || !window.EventSource) { return; }
  var url = box.getAttribute("data-events") + "?after=" + encodeURIComponent(box.getAttribute("data-after") || "0");
  function add(d) {
    var m = document.createElement("div");
    if (d.author === "system") {
      m.className = "msg sys";
      var p = document.createElement("p");
      var em = document.createElement("em");
      em.textContent = d.text;
      p.appendChild(em);
      m.appendChild(p);
    } else {
      var mine = d.author === "staff";
      m.className = "msg " + (mine ? "you" : "bot");
      if (!mine) { m.lang = box.getAttribute("data-chat-lang"); }
      var who = document.createElement("span");
      who.className = "who";
      who.textContent = box.getAttribute(mine ? "data-you" : "data-person") + ":";
      var t = document.createElement("p");
      t.textContent = d.text;
      m.appendChild(who);
      m.appendChild(document.createTextNode(" "));
      m.appendChild(t);
    }
    log.appendChild(m);
    log.scrollTop = log.scrollHeight;
  }
  var source = new EventSource(url);
  source.addEventListener("line", function (ev) { add(JSON.parse(ev.data)); });
  source.addEventListener("status", function (ev) {
    var s = JSON.parse(ev.data).status;
    if (status && s === "closed") {
      status.textContent = box.getAttribute("data-closed");
      status.setAttribute("data-status", "closed");
      source.close();
      if (form) { form.hidden = true; }
    }
  });
  if (form && input) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var text = input.value.trim();
      if (!text) { return; }
      var body = new URLSearchParams(new FormData(form));
      fetch(form.action, {method: "POST", body: body, headers: {"Accept": "application/json"}}).then(function (r) {
        if (r.ok) { input.value = ""; input.focus(); }
      });
    });
  }
})();
