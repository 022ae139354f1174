/* "Record them one after the other": one silent text at a time, with its recorder (recorder.js), Skip, and how far
   along staff are. A kept recording moves on to the next text. The element with data-guided holds the messages, in
   the staff member's language. */
(function () {
  "use strict";
  var box = document.querySelector("[data-guided]");
  if (!box) return;
  var texts = JSON.parse(box.getAttribute("data-guided"));
  var steps = Array.prototype.slice.call(box.querySelectorAll("[data-step]"));
  var position = document.getElementById("guided-position"), bar = box.querySelector("progress");
  var kept = 0, skipped = 0;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) { return name in values ? values[name] : whole; });
  }

  function finish() {
    box.querySelector(".guided-progress").hidden = true;
    box.querySelector(".guided-done").hidden = false;
    box.querySelector("[data-guided-summary]").textContent = fill(texts.summary, { kept: kept, skipped: skipped });
    box.querySelector(".guided-done a").focus();
  }

  function show(index, before) {
    steps.forEach(function (step, i) { step.hidden = i !== index; });
    if (index >= steps.length) { finish(); return; }
    bar.value = index;
    position.textContent = (before ? before + " " : "") +
      fill(texts.position, { number: index + 1, total: steps.length });
    var step = steps[index], record = step.querySelector(".recorder:not([hidden]) [data-record]");
    (record || step.querySelector(".guided-text")).focus();
  }

  steps.forEach(function (step, index) {
    step.querySelector(".guided-nav").hidden = false;
    step.querySelector("[data-guided-skip]").addEventListener("click", function () {
      skipped++;
      show(index + 1);
    });
    step.addEventListener("vox:recorded", function (event) {
      if (!event.detail.recorded) return;
      kept++;
      show(index + 1, texts.kept);
    });
  });
  box.classList.add("one-at-a-time");
  box.querySelector(".guided-progress").hidden = false;
  show(0);
})();
