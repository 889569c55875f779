// The chat panel: talks to the chat API (/assistant/v1) and keeps the transcript only in this page.
// Without JavaScript the form posts to /assistant and the server renders the latest replies.
(function () {
  "use strict";
  var box = document.querySelector("section.chat");
  var form = document.getElementById("chat-form");
  var input = document.getElementById("chat-text");
  var log = document.getElementById("chat-log");
  var sugg = document.getElementById("chat-suggestions");
  if (!box || !form || !input || !log) { return; }
  var lang = box.getAttribute("data-lang") || "fi";
  var cid = null;
  var pendingShare = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function line(who, text, cls) {
    var m = el("div", "msg " + cls);
    m.appendChild(el("span", "who", who + ":"));
    m.appendChild(document.createTextNode(" "));
    m.appendChild(el("p", "", text));
    log.appendChild(m);
    log.scrollTop = log.scrollHeight;
    return m;
  }
  function link(href, text) {
    var a = el("a", "", text);
    if (/^(https:|tel:|\/)/.test(href || "")) { a.href = href; }
    return a;
  }
  function reply(r, replyLang) {
    var m = line(box.getAttribute("data-bot"), r.text, "bot");
    m.lang = replyLang;  // the conversation may have switched language: screen readers read it right
    if (r.urgent_help.length) {
      var ul = el("ul", "urgent-list");
      ul.setAttribute("aria-label", box.getAttribute("data-urgent"));
      r.urgent_help.forEach(function (u) {
        var li = el("li");
        li.appendChild(link(u.phone_uri || u.url, u.name + (u.phone ? " " + u.phone : "")));
        li.appendChild(el("span", "label", " (" + u.hours + ")"));
        ul.appendChild(li);
      });
      m.appendChild(ul);
    }
    if (r.services.length) {
      var list = el("ul", "chat-services");
      r.services.forEach(function (s) {
        var li = el("li");
        li.appendChild(link(s.url, s.name));
        li.appendChild(el("p", "", s.summary));
        if (s.why.length) { li.appendChild(el("p", "label", box.getAttribute("data-why") + ": " + s.why.join("; "))); }
        list.appendChild(li);
      });
      m.appendChild(list);
    }
  }
  function suggestions(items, handover) {
    sugg.textContent = "";
    pendingShare = null;
    if (handover && handover.status === "offered" && handover.can_share.length) {
      var fs = el("fieldset", "chat-share");
      fs.appendChild(el("legend", "", handover.name));
      handover.can_share.forEach(function (it, i) {
        var lab = el("label");
        var cb = el("input");
        cb.type = "checkbox"; cb.value = it.key; cb.id = "share-" + i;
        lab.htmlFor = cb.id;
        lab.appendChild(cb);
        lab.appendChild(document.createTextNode(" " + it.label));
        fs.appendChild(lab);
      });
      sugg.appendChild(fs);
      pendingShare = fs;
    }
    if (handover && handover.status === "transferred" && handover.url) {
      var p = el("p");
      p.appendChild(link(handover.url, handover.name));
      sugg.appendChild(p);
    }
    if (!items.length) { return; }
    var group = el("div");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", box.getAttribute("data-suggestions"));
    items.forEach(function (s) {
      var b = el("button", "secondary", s);
      b.type = "button";
      b.addEventListener("click", function () { send(s); });
      group.appendChild(b);
    });
    sugg.appendChild(group);
  }
  function post(url, body) {
    return fetch(url, {method: "POST", headers: {"Content-Type": "application/json", "Accept": "application/json"},
                       body: JSON.stringify(body)}).then(function (r) {
      if (r.status === 404) { cid = null; throw new Error("gone"); }
      if (!r.ok) { throw new Error(String(r.status)); }
      return r.json();
    });
  }
  function ensure() {
    if (cid) { return Promise.resolve(cid); }
    return post("/assistant/v1/conversations", {lang: lang}).then(function (d) { cid = d.conversation_id; return cid; });
  }
  function send(text) {
    var share = [];
    if (pendingShare) {
      pendingShare.querySelectorAll("input:checked").forEach(function (c) { share.push(c.value); });
    }
    line(box.getAttribute("data-you"), text, "you");
    ensure().then(function (id) {
      return post("/assistant/v1/conversations/" + encodeURIComponent(id) + "/messages", {text: text, share: share});
    }).then(function (d) {
      d.replies.forEach(function (r) { reply(r, d.lang || lang); });
      var last = d.replies.length ? d.replies[d.replies.length - 1].suggestions : [];
      suggestions(last, d.handover);
      if (d.ended) { cid = null; }
      if (d.lang && d.lang !== lang) { lang = d.lang; }
    }).catch(function () { cid = null; });
  }
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = "";
    send(text);
    input.focus();
  });
})();
