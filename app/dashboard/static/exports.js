/* Downloads that show their progress: the file is fetched, counted while it arrives, then saved.
   A CSV says how many rows it holds (X-Total-Rows) and the rows are counted as they come; other files are
   counted in bytes against their Content-Length. Without fetch streams the link simply downloads. */
(function () {
  "use strict";
  var box = document.querySelector("[data-download-progress]");
  if (!box || !window.fetch || !window.ReadableStream || !window.TextDecoder) return;
  var bar = box.querySelector("progress");
  var status = box.querySelector("[data-status]");
  var links = document.querySelectorAll("a[data-progress]");

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
  }

  function busy(on) {
    links.forEach(function (link) {
      if (on) link.setAttribute("aria-disabled", "true"); else link.removeAttribute("aria-disabled");
    });
  }

  /* Newlines outside quoted fields end a CSV row; a comment may hold a newline inside quotes. */
  function rowCounter() {
    var quoted = false, rows = 0;
    return function (text) {
      for (var i = 0; i < text.length; i++) {
        var c = text.charCodeAt(i);
        if (c === 34) quoted = !quoted;
        else if (c === 10 && !quoted) rows++;
      }
      return rows;
    };
  }

  function fileName(response, link) {
    var match = /filename="?([^";]+)"?/.exec(response.headers.get("Content-Disposition") || "");
    return match ? match[1] : link.getAttribute("href").split("/").pop().split("?")[0];
  }

  function show(received, rows, totalRows, totalBytes) {
    if (totalRows !== null) {
      var done = Math.max(0, rows - 1);  // the header line is not a response
      bar.max = Math.max(totalRows, 1);
      bar.value = Math.min(done, totalRows);
      status.textContent = say(box.dataset.rows, {done: done, total: totalRows});
    } else if (totalBytes !== null) {
      bar.max = totalBytes;
      bar.value = received;
      status.textContent = say(box.dataset.bytes, {done: Math.round(received / 1024), total: Math.round(totalBytes / 1024)});
    } else {
      bar.removeAttribute("value");
      status.textContent = say(box.dataset.bytesUnknown, {done: Math.round(received / 1024)});
    }
  }

  function save(blob, name) {
    var url = URL.createObjectURL(blob);
    var anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = name;
    anchor.hidden = true;
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  async function download(link) {
    busy(true);
    box.hidden = false;
    box.classList.remove("is-failed");
    bar.removeAttribute("value");
    status.textContent = box.dataset.preparing;
    try {
      var response = await fetch(link.href, {credentials: "same-origin"});
      if (!response.ok) throw new Error(String(response.status));
      var totalRows = response.headers.has("X-Total-Rows") ? Number(response.headers.get("X-Total-Rows")) : null;
      var totalBytes = response.headers.has("Content-Length") ? Number(response.headers.get("Content-Length")) : null;
      var reader = response.body.getReader();
      var decoder = new TextDecoder();
      var count = rowCounter();
      var chunks = [], received = 0, rows = 0;
      for (;;) {
        var step = await reader.read();
        if (step.done) break;
        chunks.push(step.value);
        received += step.value.length;
        if (totalRows !== null) rows = count(decoder.decode(step.value, {stream: true}));
        show(received, rows, totalRows, totalBytes);
      }
      show(received, rows, totalRows, totalBytes);
      save(new Blob(chunks, {type: response.headers.get("Content-Type") || "application/octet-stream"}),
           fileName(response, link));
      status.textContent += " · " + box.dataset.done;
    } catch (error) {
      box.classList.add("is-failed");
      status.textContent = box.dataset.failed;
    } finally {
      busy(false);
    }
  }

  links.forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      download(link);
    });
  });
})();
