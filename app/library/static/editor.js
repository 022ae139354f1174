/* Questionnaire editor, small helps on top of a page that works without them:
   a grid to pick pictograms, marking filled-in texts, and choosing which languages are shown.
   Recordings are recorder.js's. */
(function () {
  "use strict";
  var form = document.getElementById("editor");
  if (!form) return;

  /* ---- pictograms ---- */
  var dialog = document.getElementById("pictogram-dialog"), target = null;

  function showPicture(input) {
    one("use", input.closest(".picker")).setAttribute("href", "#p-" + input.value.trim());
  }

  if (dialog && dialog.showModal) {
    all(".choose-picture").forEach(function (button) { button.hidden = false; });
    form.addEventListener("click", function (event) {
      var button = event.target.closest(".choose-picture");
      if (!button) return;
      target = document.getElementById(button.getAttribute("data-target"));
      all("[data-picture]", dialog).forEach(function (b) {
        b.setAttribute("aria-pressed", String(b.getAttribute("data-picture") === target.value.trim()));
      });
      dialog.showModal();
      var current = one("[aria-pressed=true]", dialog);
      if (current) current.focus();
    });
    dialog.addEventListener("click", function (event) {
      var pick = event.target.closest("[data-picture]");
      if (pick && target) {
        target.value = pick.getAttribute("data-picture");
        showPicture(target);
        dialog.close();
        target.focus();
      } else if (event.target.closest("[data-close]") || event.target === dialog) {
        dialog.close();
      }
    });
  }
  form.addEventListener("input", function (event) {
    if (event.target.matches(".picker input")) showPicture(event.target);
  });

  /* ---- texts: a filled-in text is no longer marked missing ---- */
  form.addEventListener("input", function (event) {
    var row = event.target.closest(".text-row");
    if (!row) return;
    var missing = !event.target.value.trim();
    row.classList.toggle("missing", missing);
    one(".badge", row).hidden = !missing;
  });

  /* ---- languages whose texts are shown (remembered in this browser) ---- */
  var SHOWN = "vox-editor-hidden-languages";
  function hiddenLanguages() {
    try { return JSON.parse(localStorage.getItem(SHOWN) || "[]"); } catch (e) { return []; }
  }
  function showLanguage(lang, shown) {
    all("[data-lang='" + lang + "']", form).forEach(function (el) { el.hidden = !shown; });
  }
  var problems = !!one(".problems");
  all("[data-show-language]").forEach(function (box) {
    var lang = box.getAttribute("data-show-language");
    box.closest("label").hidden = false;
    if (!problems && hiddenLanguages().indexOf(lang) >= 0) { box.checked = false; showLanguage(lang, false); }
    box.addEventListener("change", function () {
      showLanguage(lang, box.checked);
      var hidden = hiddenLanguages().filter(function (l) { return l !== lang; });
      if (!box.checked) hidden.push(lang);
      try { localStorage.setItem(SHOWN, JSON.stringify(hidden)); } catch (e) { /* private mode */ }
    });
  });
})();
