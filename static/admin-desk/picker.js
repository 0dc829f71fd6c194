// The image library picker: hands the chosen image back to the editor's figure dialog
// through the CKEditor-style callback that the figure dialog (figure.js) listens to.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var choice = event.target.closest(".desk-picker__choice");
    if (!choice) return;
    var list = choice.closest(".desk-picker");
    var opener = window.opener;
    if (!opener || !opener.CKEDITOR || !opener.CKEDITOR.tools) return;
    opener.CKEDITOR.tools.callFunction(list.dataset.funcNum, choice.dataset.url, {
      id: choice.dataset.id,
      alternative_text: choice.dataset.alt,
      caption: choice.dataset.caption,
      credit: choice.dataset.credit,
      label: choice.dataset.label,
    });
    window.close();
  });
})();
