/* Questionnaire editor, small helps on top of a page that works without them:
   a grid to pick pictograms, and recordings made with the microphone or uploaded without leaving
   the page (so unsaved changes stay). */
(function () {
  "use strict";
  var form = document.getElementById("editor");
  if (!form) return;
  var texts = JSON.parse(form.getAttribute("data-texts"));
  var csrf = form.querySelector("input[name=csrf_token]").value;

  function all(sel, el) { return Array.prototype.slice.call((el || document).querySelectorAll(sel)); }
  function one(sel, el) { return (el || document).querySelector(sel); }

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

  /* ---- recordings ---- */
  function rowOf(formId) {
    return one("[data-audio-row='" + formId.replace(/^(upload|delete)-/, "") + "']");
  }

  function say(row, message, failed) {
    var box = one(".audio-message", row);
    box.textContent = message || "";
    box.className = "audio-message" + (failed ? " error" : "");
  }

  function showRecorded(row, recorded, playUrl) {
    one("[data-state=recorded]", row).hidden = !recorded;
    one("[data-state=missing]", row).hidden = recorded;
    one("[data-delete]", row).hidden = !recorded;
    var player = one("audio[data-play]", row);
    player.hidden = !recorded;
    if (recorded) player.src = playUrl + "?v=" + Date.now(); else player.removeAttribute("src");
    var box = row.closest("details"), count = one("[data-recorded-count]", box);
    count.textContent = String(all("[data-state=recorded]:not([hidden])", box).length);
  }

  function send(url, body, row) {
    say(row, texts.sending);
    return fetch(url, { method: "POST", body: body, credentials: "same-origin",
                        headers: { "X-CSRFToken": csrf, "Accept": "application/json" } })
      .then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      })
      .then(function (result) {
        if (!result.ok) { say(row, result.data.message || texts.failed, true); return; }
        if (result.data.new_version) { window.location.href = result.data.edit_url; return; }
        say(row, result.data.message);
        showRecorded(row, result.data.recorded, result.data.play_url);
      })
      .catch(function () { say(row, texts.failed, true); });
  }

  all("form.audio-form").forEach(function (audioForm) {
    audioForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var row = rowOf(audioForm.id);
      send(audioForm.action, new FormData(audioForm), row).then(function () {
        var file = one("input[type=file]", row);
        if (file) file.value = "";
      });
    });
  });

  var canRecord = !!(window.MediaRecorder && navigator.mediaDevices && navigator.mediaDevices.getUserMedia);

  function extensionOf(type) {
    return /ogg/.test(type) ? "ogg" : /mp4|aac/.test(type) ? "m4a" : /wav/.test(type) ? "wav" : "webm";
  }

  function record(row) {
    var recordButton = one("[data-record]", row), stop = one("[data-stop]", row);
    var take = one("audio.take", row), keep = one("[data-keep]", row);
    navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
      var chunks = [], recorder = new MediaRecorder(stream);
      recorder.addEventListener("dataavailable", function (event) { if (event.data.size) chunks.push(event.data); });
      recorder.addEventListener("stop", function () {
        stream.getTracks().forEach(function (track) { track.stop(); });
        var type = recorder.mimeType || "audio/webm";
        row.take = { blob: new Blob(chunks, { type: type }), name: "recording." + extensionOf(type) };
        take.src = URL.createObjectURL(row.take.blob);
        take.hidden = false;
        keep.hidden = false;
        recordButton.hidden = false;
        recordButton.textContent = "● " + texts.recordAgain;
        say(row, "");
        keep.focus();
      });
      row.recorder = recorder;
      recorder.start();
      recordButton.hidden = true;
      take.hidden = true;
      keep.hidden = true;
      stop.hidden = false;
      stop.focus();
      say(row, texts.recording);
    }).catch(function () { say(row, texts.noMicrophone, true); });
  }

  all("[data-audio-row]").forEach(function (row) {
    var recorder = one(".recorder", row);
    if (!recorder || !canRecord) return;
    recorder.hidden = false;
    one("[data-record]", row).addEventListener("click", function () { record(row); });
    one("[data-stop]", row).addEventListener("click", function (event) {
      event.currentTarget.hidden = true;
      if (row.recorder && row.recorder.state !== "inactive") row.recorder.stop();
    });
    one("[data-keep]", row).addEventListener("click", function (event) {
      if (!row.take) return;
      var body = new FormData();
      body.append("audio", row.take.blob, row.take.name);
      var upload = document.getElementById("upload-" + row.getAttribute("data-audio-row"));
      event.currentTarget.hidden = true;
      one("audio.take", row).hidden = true;
      send(upload.action, body, row);
    });
  });
})();
