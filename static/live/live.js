/* Live coverage for readers: new entries arrive without a reload (progressive enhancement).
   The page reads fine without this script. It polls the address in data-live-poll as often
   as the server says in each answer (a hidden tab four times less often), inserts new
   entries at the top (or bottom, oldest first), or, when the reader has scrolled down into
   the entries, offers a button "3 new updates" instead of moving the page. Edited entries
   are replaced, deleted ones removed, and an ended article stops polling. */
(function () {
  "use strict";
  var stream = document.querySelector("[data-live-poll]");
  if (!stream || !window.fetch) { return; }
  var url = stream.getAttribute("data-live-poll");
  var interval = Number(stream.getAttribute("data-live-interval")) || 15;
  var oldestFirst = stream.getAttribute("data-live-order") === "oldest";
  var list = stream.querySelector("[data-live-entries]");
  var notice = stream.querySelector("[data-live-notice]");
  var showButton = stream.querySelector("[data-live-show]");
  var HIDDEN_FACTOR = 4;
  var waiting = [];
  var timer = null;
  var stopped = false;

  function build(html) {
    var holder = document.createElement("template");
    holder.innerHTML = html.trim();
    return holder.content.firstElementChild;
  }

  function shown(id) {
    return list.querySelector('[data-entry="' + id + '"]');
  }

  function readerIsBelowTop() {
    return stream.getBoundingClientRect().top < 0;
  }

  function place(nodes) {
    var empty = list.querySelector("p:only-child");
    if (empty) { empty.remove(); }
    nodes.forEach(function (node) {
      if (oldestFirst) { list.appendChild(node); } else { list.insertBefore(node, list.firstChild); }
    });
  }

  function showWaiting() {
    if (!waiting.length) { notice.hidden = true; return; }
    var n = waiting.length;
    showButton.textContent = n + (n === 1 ? " new update" : " new updates");
    notice.hidden = false;
  }

  function update(data) {
    var fresh = [];
    var ids = {};
    (data.entries || []).forEach(function (item) { ids[item.id] = true; });
    // Oldest of the answer first, so that inserting each at the top leaves newest on top.
    (data.entries || []).slice().reverse().forEach(function (item) {
      var current = shown(item.id);
      if (current) {
        if (current.getAttribute("data-version") !== String(item.version)) {
          current.replaceWith(build(item.html));
        }
      } else if (!waiting.some(function (w) { return w.getAttribute("data-entry") === String(item.id); })) {
        fresh.push(build(item.html));
      }
    });
    addKeyEvents(data.entries || []);
    removeDeleted(data.entries || [], ids);
    updatePinned(data.pinned);
    if (fresh.length) {
      if (readerIsBelowTop() && !oldestFirst) {
        waiting = waiting.concat(fresh);
        showWaiting();
      } else {
        place(fresh);
      }
    }
  }

  function addKeyEvents(entries) {
    var keyList = document.querySelector(".live__key-events ul");
    if (!keyList) { return; }
    entries.slice().reverse().forEach(function (item) {
      if (!item.key_event || keyList.querySelector('a[href$="#entry-' + item.id + '"]')) { return; }
      var link = document.createElement("a");
      link.href = "#entry-" + item.id;
      var time = document.createElement("time");
      time.setAttribute("datetime", item.time);
      time.textContent = item.clock;
      link.append(time, " " + item.label);
      var row = document.createElement("li");
      row.appendChild(link);
      keyList.insertBefore(row, keyList.firstChild);
    });
  }

  function removeDeleted(entries, ids) {
    if (!entries.length) { return; }
    var oldest = entries[entries.length - 1].time;
    list.querySelectorAll("[data-entry]").forEach(function (node) {
      var time = node.querySelector("time").getAttribute("datetime");
      if (!ids[node.getAttribute("data-entry")] && Date.parse(time) > Date.parse(oldest)) {
        node.remove();
      }
    });
  }

  function updatePinned(pinned) {
    var box = document.querySelector("[data-live-pinned]");
    if (!box) { return; }
    var current = box.firstElementChild;
    if (!pinned) { box.closest("section").hidden = true; return; }
    box.closest("section").hidden = false;
    if (!current || current.getAttribute("data-entry") !== String(pinned.id) ||
        current.getAttribute("data-version") !== String(pinned.version)) {
      box.replaceChildren(build(pinned.html));
    }
  }

  function end() {
    stopped = true;
    window.clearTimeout(timer);
    var status = document.querySelector(".live__status--on");
    if (status) { status.textContent = "Coverage has ended"; status.classList.remove("live__status--on"); }
    stream.removeAttribute("data-live-poll");
    stream.setAttribute("data-live-stopped", "");
  }

  function schedule() {
    if (stopped) { return; }
    var seconds = document.hidden ? interval * HIDDEN_FACTOR : interval;
    window.clearTimeout(timer);
    timer = window.setTimeout(poll, seconds * 1000);
  }

  function poll() {
    // no-cache: the browser asks with If-None-Match; an unchanged answer is a 304.
    fetch(url, { cache: "no-cache", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (data) {
        if (data.interval > 0) { interval = data.interval; }
        update(data);
        if (data.ended) { end(); }
      })
      .catch(function () { /* a failed poll is tried again at the next interval */ })
      .then(schedule);
  }

  showButton.addEventListener("click", function () {
    place(waiting);
    waiting = [];
    showWaiting();
    stream.scrollIntoView();
    var first = list.querySelector("[data-entry]");
    if (first) { first.setAttribute("tabindex", "-1"); first.focus(); }
  });
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && !stopped) { window.clearTimeout(timer); poll(); }
    else { schedule(); }
  });
  stream.setAttribute("data-live-polling", "");
  schedule();
})();
