// The editor's desk on the article change form: live word count, reading time and
// character counters. Everything here is a convenience; the server checks again on save.
(function () {
  "use strict";
  var WORDS_PER_MINUTE = 230;

  function wordsIn(html) {
    var scratch = document.createElement("div");
    scratch.innerHTML = html;
    var text = (scratch.textContent || "").trim();
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
    document.addEventListener("prose-editor:ready", function (event) {
      var editor = event.detail.editor;
      bodyStats(output, editor.getHTML());
      editor.on("update", function () { bodyStats(output, editor.getHTML()); });
    });
  }

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
