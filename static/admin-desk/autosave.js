// The change form keeps a copy of itself on the server every few seconds while the writer
// types (never the article itself: only saving writes that), warns before leaving with
// unsaved changes, and offers a newer copy back after a closed tab or a crash.
(function () {
  "use strict";
  var EVERY_MS = 4000;
  var SKIPPED = { csrfmiddlewaretoken: true };

  var readyEditor = null;
  document.addEventListener("prose-editor:ready", function (event) {
    readyEditor = event.detail.editor;
  });

  function formFields(form) {
    var fields = {};
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string" && !SKIPPED[name]) fields[name] = value;
    });
    return fields;
  }

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function fill(form, fields) {
    Object.keys(fields).forEach(function (name) {
      var field = form.elements[name];
      if (!field) return;
      var value = fields[name];
      if (field.type === "checkbox") field.checked = value === "on" || value === "true";
      else if (field.tagName === "SELECT" && !field.querySelector('option[value="' + CSS.escape(value) + '"]')) return;
      else field.value = value;
      field.dispatchEvent(new Event("change", { bubbles: true }));
    });
    // Unticked boxes are absent from the kept copy: untick what it does not list.
    form.querySelectorAll("input[type=checkbox][name]").forEach(function (box) {
      if (!(box.name in fields)) box.checked = false;
    });
    var body = form.elements.body;
    if (body && readyEditor && "body" in fields) readyEditor.commands.setContent(fields.body);
  }

  function setUp(panel) {
    var form = panel.closest("form");
    var status = panel.querySelector(".desk-autosave__status");
    var changed = false; // since the page was loaded: what leaving would lose
    var pending = false; // since the last kept copy
    var sending = false;
    var leaving = false; // the form is being saved: a late copy would outlive the save
    panel.hidden = false;

    function note(text) { status.textContent = text; }

    function keep() {
      if (!pending || sending || leaving) return;
      sending = true;
      pending = false;
      var fields = formFields(form);
      fetch(panel.dataset.url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken(form) },
        body: JSON.stringify({ fields: fields, version: parseInt(fields.expected_version, 10) || 1 }),
      }).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      }).then(function (kept) {
        // The newsroom's clock, as the banner reads, not the browser's: the server says it.
        note("Unsaved changes kept at " + kept.saved_at_shown + ".");
      }).catch(function () {
        pending = true;
        note("Could not keep a copy of your changes; save the article to be safe.");
      }).finally(function () { sending = false; });
    }

    function touched() { changed = true; pending = true; }
    form.addEventListener("input", touched);
    form.addEventListener("change", touched);
    window.setInterval(keep, EVERY_MS);
    form.addEventListener("submit", function () { changed = false; leaving = true; });
    window.addEventListener("beforeunload", function (event) {
      if (!changed) return;
      event.preventDefault();
      event.returnValue = "";
    });

    var restore = panel.querySelector("[data-autosave-restore]");
    if (restore) restore.addEventListener("click", function () {
      fetch(panel.dataset.url, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (kept) {
          fill(form, kept.fields);
          restore.closest("p").remove();
          changed = true;
          note("Your unsaved changes are back in the form. Save to keep them.");
        })
        .catch(function () { note("The unsaved changes could not be loaded."); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var panel = document.getElementById("desk-autosave");
    if (panel) setUp(panel);
  });
})();
