/* Recordings made with the microphone or uploaded without leaving the page (so unsaved changes stay).

   Each [data-audio-row=ID] has its forms #upload-ID and #delete-ID (outside any other form), a status
   ([data-state=recorded], [data-state=missing], audio[data-play], .audio-message) and a .recorder. The
   element with data-recording-texts holds the messages, in the staff member's language. */
(function () {
  "use strict";
  var root = document.querySelector("[data-recording-texts]");
  if (!root) return;
  var texts = JSON.parse(root.getAttribute("data-recording-texts"));
  var csrf = document.querySelector("input[name=csrf_token]").value;

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
    var scope = row.closest("[data-count-scope]"), count = scope && one("[data-recorded-count]", scope);
    if (count) count.textContent = String(all("[data-state=recorded]:not([hidden])", scope).length);
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
        /* for the page's own script (guided.js moves on to the next text) */
        row.dispatchEvent(new CustomEvent("vox:recorded", { bubbles: true, detail: result.data }));
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
      var upload = document.getElementById("upload-" + row.getAttribute("data-audio-row"));
      var body = new FormData(upload);  /* the form's own fields (which text), with the take as its file */
      body.set("audio", row.take.blob, row.take.name);
      event.currentTarget.hidden = true;
      one("audio.take", row).hidden = true;
      send(upload.action, body, row);
    });
  });
})();
