/* The entry composer on a live article's admin page: posts an entry without saving the
   article (the page stays, the entry joins the list), and keeps an unposted draft in this
   browser every few seconds so that a closed tab loses nothing. Without JavaScript the form
   posts and the page comes back with the entry listed. */
(function () {
  "use strict";
  var EVERY_MS = 3000;
  // Loaded in the head with the form's media: the editor may be ready before the page is.
  var editor = null;
  var setUp = null;
  document.addEventListener("prose-editor:ready", function (event) {
    if (!event.target.closest || !event.target.closest("[data-live-composer]")) { return; }
    editor = event.detail.editor;
    if (setUp) { setUp(editor); }
  });
  document.addEventListener("DOMContentLoaded", function () { start(); });

  function start() {
    var form = document.querySelector("[data-live-composer]");
    if (!form || !window.fetch) { return; }
    var key = form.getAttribute("data-draft-key");
    var status = form.querySelector("[data-live-status]");
    var list = document.querySelector("[data-live-admin-entries]");
    var changed = false;

    function field(name) { return form.elements["entry-" + name]; }
    function bodyHtml() { return editor ? editor.getHTML() : field("body").value; }
    function empty(html) { return !html || html.replace(/<[^>]*>/g, "").trim() === ""; }

    function keepDraft() {
      if (!changed) { return; }
      changed = false;
      var draft = { title: field("title").value, body: bodyHtml(),
                    key_event: field("key_event").checked, pinned: field("pinned").checked };
      try {
        if (empty(draft.body) && !draft.title) { localStorage.removeItem(key); }
        else { localStorage.setItem(key, JSON.stringify(draft)); }
      } catch (e) { /* storage full or refused: the draft stays only on screen */ }
    }

    function restoreDraft() {
      var draft = null;
      try { draft = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { draft = null; }
      if (!draft) { return; }
      field("title").value = draft.title || "";
      field("key_event").checked = !!draft.key_event;
      field("pinned").checked = !!draft.pinned;
      if (draft.body) {
        field("body").value = draft.body;
        if (editor) { editor.commands.setContent(draft.body); }
      }
      status.textContent = "Your unposted draft was restored.";
    }

    function clear() {
      field("title").value = "";
      field("key_event").checked = false;
      field("pinned").checked = false;
      field("body").value = "";
      if (editor) { editor.commands.setContent(""); }
      try { localStorage.removeItem(key); } catch (e) { /* nothing kept */ }
    }

    setUp = function (ready) {
      // The editing area is a textbox of its own: give it the field's name.
      ready.view.dom.setAttribute("aria-label", "Entry");
      ready.on("update", function () { changed = true; });
      restoreDraft();
    };
    if (editor) { setUp(editor); } else { restoreDraft(); }
    form.addEventListener("input", function () { changed = true; });
    form.addEventListener("change", function () { changed = true; });
    window.setInterval(keepDraft, EVERY_MS);

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      field("body").value = bodyHtml();
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      status.textContent = "Posting…";
      fetch(form.action, { method: "POST", body: new FormData(form),
                           headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          return response.json().catch(function () { return {}; }).then(function (data) {
            if (!response.ok) {
              throw new Error((data.errors || []).join(" ") || "The entry was not posted (" + response.status + ").");
            }
            return data;
          });
        })
        .then(function (data) {
          var holder = document.createElement("template");
          holder.innerHTML = data.html.trim();
          var placeholder = list.querySelector("li:not([data-entry])");
          if (placeholder) { placeholder.remove(); }
          list.insertBefore(holder.content.firstElementChild, list.firstChild);
          clear();
          status.textContent = "Entry posted at " + new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) + ".";
        })
        .catch(function (error) { status.textContent = error.message; })
        .then(function () { button.disabled = false; });
    });
  }
})();
