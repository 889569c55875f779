// The chat panel: talks to the chat API (/assistant/v1) and keeps the transcript only in this page.
// Without JavaScript the form posts to /assistant and the server renders the latest replies.
// The conversation id and a live chat's stream address are kept in this tab's sessionStorage (gone when
// the tab closes, or at "Exit this page"), so a reload or a language switch while waiting for or talking
// with a person reconnects to the live chat, whose stream replays its lines.
(function () {
  "use strict";
  var box = document.querySelector("section.chat");
  var form = document.getElementById("chat-form");
  var input = document.getElementById("chat-text");
  var log = document.getElementById("chat-log");
  var sugg = document.getElementById("chat-suggestions");
  if (!box || !form || !input || !log) { return; }
  var lang = box.getAttribute("data-lang") || "fi";
  var KEY = "aurora.assistant";
  var cid = null;
  var pendingShare = null;
  var live = null;  // the EventSource of a live chat with a person
  var labels = {};
  try { labels = JSON.parse(box.getAttribute("data-labels") || "{}"); } catch (e) { labels = {}; }
  var panel = box.parentNode;
  var DATA = {you: "assistant_you", bot: "assistant_bot", why: "assistant_why", urgent: "assistant_urgent",
              suggestions: "assistant_suggestions", staff: "assistant_staff", contact: "assistant_contact",
              share: "assistant_share"};

  // The conversation switched language: the panel's own labels follow (and are marked in that language).
  function applyLang(l) {
    var table = labels[l];
    if (!table) { return; }
    lang = l;
    if (panel && panel.classList && panel.classList.contains("chat-panel")) { panel.lang = l; }
    box.setAttribute("data-lang", l);
    Object.keys(DATA).forEach(function (k) { if (table[DATA[k]]) { box.setAttribute("data-" + k, table[DATA[k]]); } });
    document.querySelectorAll("[data-ui]").forEach(function (e) {
      var key = e.getAttribute("data-ui");
      if (table[key]) { e.textContent = table[key]; }
    });
  }

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
  function remember(events) {
    try {
      if (cid) { window.sessionStorage.setItem(KEY, JSON.stringify({cid: cid, events: events || null})); }
      else { window.sessionStorage.removeItem(KEY); }
    } catch (e) { /* storage off: the conversation lives in this page only */ }
  }
  function follow(url) {
    if (live || !window.EventSource || !/^\/assistant\/v1\//.test(url || "")) { return; }
    remember(url);
    live = new EventSource(url);
    live.addEventListener("line", function (ev) {
      var d = JSON.parse(ev.data);
      var m = d.author === "system" ? line(box.getAttribute("data-bot"), d.text, "bot sys")
                                    : line((d.name || box.getAttribute("data-staff")), d.text, "bot staff");
      m.lang = lang;
    });
    live.addEventListener("status", function (ev) {
      if (JSON.parse(ev.data).status === "closed") { live.close(); live = null; remember(null); }
    });
  }
  function suggestions(items, handover) {
    sugg.textContent = "";
    pendingShare = null;
    if (handover && (handover.status === "offered" || handover.status === "person_offered") && handover.can_share.length) {
      var fs = el("fieldset", "chat-share");
      fs.appendChild(el("legend", "", handover.status === "offered" ? handover.name : box.getAttribute("data-share")));
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
    if (handover && (handover.status === "person_waiting" || handover.status === "person_active")) {
      follow(handover.events_url);
    }
    if (handover && handover.status === "person_closed" && (handover.contact_url || handover.phone)) {
      var c = el("p");
      if (handover.contact_url) { c.appendChild(link(handover.contact_url, box.getAttribute("data-contact"))); }
      if (handover.phone) {
        if (handover.contact_url) { c.appendChild(document.createTextNode(" · ")); }
        c.appendChild(link("tel:" + handover.phone.replace(/[^0-9+]/g, ""), handover.phone));
      }
      sugg.appendChild(c);
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
    return post("/assistant/v1/conversations", {lang: lang}).then(function (d) {
      cid = d.conversation_id; remember(null); return cid;
    });
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
      if (d.lang && d.lang !== lang) { applyLang(d.lang); }
      d.replies.forEach(function (r) { reply(r, d.lang || lang); });
      var last = d.replies.length ? d.replies[d.replies.length - 1].suggestions : [];
      suggestions(last, d.handover);
      if (!d.handover && live) { live.close(); live = null; remember(null); }
      if (d.ended) { cid = null; remember(null); }
    }).catch(function () { cid = null; remember(null); });
  }
  // A reload or a language switch: the same conversation, and its live chat if one was going on.
  try {
    var kept = JSON.parse(window.sessionStorage.getItem(KEY) || "null");
    if (kept && typeof kept.cid === "string") {
      cid = kept.cid;
      if (kept.events && kept.events.indexOf("/assistant/v1/conversations/" + encodeURIComponent(cid) + "/") === 0) {
        follow(kept.events);
      }
    }
  } catch (e) { cid = null; }
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = "";
    send(text);
    input.focus();
  });
})();
