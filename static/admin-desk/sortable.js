// Ordering the article's relations (bylines, people, pictures, related items) by dragging a
// row's handle, or with its "Move up" / "Move down" buttons from the keyboard. The typed
// position numbers are what the server reads; this script hides them and keeps them in step
// with the rows' order. Without JavaScript the numbers stay visible and typed as before.
(function () {
  "use strict";
  var POSITION = "input[name$='-position']";
  var dragged = null;

  function rowOf(input) {
    return input.closest("tr.form-row, .inline-related");
  }

  function rowsOf(group) {
    return Array.prototype.filter.call(group.querySelectorAll(POSITION), function (input) {
      return input.name.indexOf("__prefix__") === -1;
    }).map(rowOf);
  }

  function renumber(group) {
    rowsOf(group).forEach(function (row, index) {
      row.querySelector(POSITION).value = index;
      var moves = row.querySelectorAll(".desk-sort__move");
      if (moves.length) {
        moves[0].setAttribute("aria-label", "Move row " + (index + 1) + " up");
        moves[1].setAttribute("aria-label", "Move row " + (index + 1) + " down");
      }
    });
  }

  function move(row, offset) {
    var group = row.closest(".inline-group");
    var rows = rowsOf(group);
    var target = rows[rows.indexOf(row) + offset];
    if (!target) return;
    target.parentNode.insertBefore(row, offset < 0 ? target : target.nextSibling);
    renumber(group);
  }

  function button(text, title, onClick) {
    var control = document.createElement("button");
    control.type = "button";
    control.className = "desk-sort__move";
    control.textContent = text;
    control.setAttribute("aria-label", title);
    control.addEventListener("click", onClick);
    return control;
  }

  function setUpRow(row) {
    if (!row || row.dataset.deskSortable) return;
    row.dataset.deskSortable = "yes";
    var input = row.querySelector(POSITION);
    input.type = "hidden";
    var tools = document.createElement("span");
    tools.className = "desk-sort";
    var handle = document.createElement("span");
    handle.className = "desk-sort__handle";
    handle.title = "Drag to reorder";
    handle.setAttribute("aria-hidden", "true");
    handle.textContent = "⠿";
    tools.append(handle,
      button("↑", "Move up", function () { move(row, -1); }),
      button("↓", "Move down", function () { move(row, 1); }));
    input.insertAdjacentElement("afterend", tools);

    // Only the handle is dragged, so text in the row's fields can still be selected.
    handle.draggable = true;
    handle.addEventListener("dragstart", function (event) {
      dragged = row;
      row.classList.add("desk-sort--dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", "");
      if (event.dataTransfer.setDragImage) event.dataTransfer.setDragImage(row, 0, 0);
    });
    row.addEventListener("dragover", function (event) {
      if (!dragged || dragged === row || dragged.parentNode !== row.parentNode) return;
      event.preventDefault();
      var box = row.getBoundingClientRect();
      var after = event.clientY > box.top + box.height / 2;
      row.parentNode.insertBefore(dragged, after ? row.nextSibling : row);
    });
    row.addEventListener("drop", function (event) { event.preventDefault(); });
    handle.addEventListener("dragend", function () {
      row.classList.remove("desk-sort--dragging");
      dragged = null;
      renumber(row.closest(".inline-group"));
    });
  }

  function setUpGroup(group) {
    var header = group.querySelector("th.column-position");
    if (header) header.textContent = "Order";
    rowsOf(group).forEach(setUpRow);
    renumber(group);
  }

  // A row added with "Add another" and left empty must stay unchanged, or Django would
  // validate it: give it back its starting position before the form is sent.
  function isBlankNewRow(row) {
    if (row.classList.contains("has_original")) return false;
    return !Array.prototype.some.call(row.querySelectorAll("input, select, textarea"), function (field) {
      if (field.matches(POSITION) || field.type === "hidden" || field.type === "checkbox") return false;
      return field.value !== "" && field.value !== field.defaultValue;
    });
  }

  document.addEventListener("submit", function (event) {
    event.target.querySelectorAll(".desk-sort").forEach(function (tools) {
      var row = tools.closest("tr.form-row, .inline-related");
      var input = row.querySelector(POSITION);
      if (isBlankNewRow(row)) input.value = input.defaultValue;
    });
  }, true);

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".inline-group").forEach(function (group) {
      if (group.querySelector(POSITION)) setUpGroup(group);
    });
  });
  // Django's inlines announce a row added with "Add another".
  document.addEventListener("formset:added", function (event) {
    var group = event.target.closest(".inline-group");
    var input = event.target.querySelector(POSITION);
    if (group && input) {
      setUpRow(rowOf(input));
      renumber(group);
    }
  });
})();
