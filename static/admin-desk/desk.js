// The editor's desk on the article change form: live word count, reading time and
// character counters. Everything here is a convenience; the server checks again on save.
(function () {
  "use strict";
  var WORDS_PER_MINUTE = 230;

  var BLOCK_END = /<\/(p|h2|h3|li|blockquote|figcaption)>|<br\s*\/?>/g;

  function wordsIn(html) {
    // DOMParser builds an inert document: no image in the body is fetched while counting.
    var spaced = html.replace(BLOCK_END, " $&");
    var text = new DOMParser().parseFromString(spaced, "text/html").body.textContent.trim();
    return text ? text.split(/\s+/).length : 0;
  }

  function bodyStats(output, html) {
    var words = wordsIn(html);
    var minutes = Math.max(1, Math.round(words / WORDS_PER_MINUTE));
    output.textContent = words + (words === 1 ? " word" : " words") +
      " · about " + minutes + " min read";
  }

  function setUpBody() {
    var textarea = document.querySelector("textarea[name=body]");
    if (!textarea) return;
    var output = document.createElement("p");
    output.className = "desk-count desk-count--body";
    output.id = "desk-body-stats";
    output.setAttribute("aria-live", "polite");
    textarea.closest(".form-row, .fieldBox, div").appendChild(output);
    bodyStats(output, textarea.value);
    // The editor's own DOM changes as the editor types; count what it shows.
    document.addEventListener("input", function (event) {
      var editable = event.target.closest && event.target.closest(".ProseMirror[contenteditable]");
      if (editable) bodyStats(output, editable.innerHTML);
    });
    if (readyEditor) watch(readyEditor, output);
    else document.addEventListener("prose-editor:ready", function (event) {
      watch(event.detail.editor, output);
    });
  }

  function watch(editor, output) {
    bodyStats(output, editor.getHTML());
    editor.on("update", function () { bodyStats(output, editor.getHTML()); });
  }

  // The editor may be ready before the page finishes loading, so listen from the start.
  var readyEditor = null;
  document.addEventListener("prose-editor:ready", function (event) {
    readyEditor = event.detail.editor;
  });

  function setUpCounter(input) {
    var limit = parseInt(input.dataset.deskLimit, 10);
    var output = document.createElement("span");
    output.className = "desk-count";
    output.id = input.id + "-count";
    output.setAttribute("aria-live", "polite");
    input.setAttribute("aria-describedby",
      ((input.getAttribute("aria-describedby") || "") + " " + output.id).trim());
    input.insertAdjacentElement("afterend", output);
    function update() {
      var used = input.value.length;
      output.textContent = used + " / " + limit + " characters";
      output.classList.toggle("desk-count--near", used > limit * 0.9);
    }
    input.addEventListener("input", update);
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpBody();
    document.querySelectorAll("[data-desk-limit]").forEach(setUpCounter);
  });
})();
