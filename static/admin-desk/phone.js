// On a phone the admin's tables become stacked rows (phone.css) and their header row is
// hidden: give each cell its column's name, which phone.css shows above the cell's value.
(function () {
  "use strict";
  function label(table) {
    var names = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, index) {
        if (names[index] && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", names[index]);
      });
    });
  }
  function labelAll() {
    document.querySelectorAll("#result_list, .inline-group .tabular table, .import-preview table")
      .forEach(label);
  }
  document.addEventListener("DOMContentLoaded", labelAll);
  // Rows an inline adds later take their labels too.
  document.addEventListener("formset:added", labelAll);
})();
