// The tag picker: Select2's tags mode (offered to editors only) sends the typed name as the
// value; mark it as a new tag's name so the server never reads it as a tag's id.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    event.target.querySelectorAll("select[data-tags] option[data-select2-tag=true]").forEach(function (option) {
      if (option.value.indexOf("new:") !== 0) option.value = "new:" + option.value;
    });
  }, true);
})();
