/* Vox respondent page. No framework, no cookies, nothing about the respondent's device sent.
   Screens live in one <template> per language; answers stay in memory until "send", then wait
   in IndexedDB until the server acknowledges them. The history is never pushed, so the back
   button cannot bring the next person to the previous person's answers. */
(function () {
  "use strict";
  var root = document.getElementById("vox");
  var cfg = JSON.parse(root.getAttribute("data-config"));
  var langScreen = document.getElementById("languages");
  var host = document.getElementById("survey");
  var html = document.documentElement;
  var firstLang = html.lang, firstDir = html.dir;
  var MARK = "vox-answered-" + cfg.token;
  var state = null, steps = [], lastTouch = Date.now(), timers = {}, playing = null;

  function later(name, fn, ms) { clearTimeout(timers[name]); timers[name] = setTimeout(fn, ms); }
  function cancel(name) { clearTimeout(timers[name]); }

  /* ---- screens ---- */
  function start(lang) {
    var tpl = document.getElementById("t-" + lang);
    if (!tpl) return;
    host.innerHTML = "";
    host.appendChild(tpl.content.cloneNode(true));
    html.lang = lang;
    html.dir = cfg.rtl.indexOf(lang) >= 0 ? "rtl" : "ltr";
    state = { lang: lang, answers: {}, index: 0 };
    steps = all("section.intro, section.question, section.send", host);
    langScreen.hidden = true;
    lastTouch = Date.now();
    prepareListen();
    if (cfg.phone) keepOffline(audioOf(host));
    go(0);
  }

  function go(index) {
    stopSound();
    cancel("advance");
    if (index < 0) { reset(); return; }
    state.index = Math.min(index, steps.length - 1);
    steps.forEach(function (s, i) { s.hidden = i !== state.index; });
    var screen = steps[state.index];
    markDots(screen);
    keepClearOfButtons(screen);
    focusHeading(screen);
    readAloud(screen);
  }

  /* on a phone the buttons keep to the bottom of the screen: what scrolls into view stops above them */
  function keepClearOfButtons(screen) {
    var nav = screen && one(".nav", screen);
    var sticky = nav && getComputedStyle(nav).position === "sticky";
    html.style.scrollPaddingBottom = sticky ? Math.ceil(nav.getBoundingClientRect().height) + "px" : "";
  }

  function markDots(screen) {
    var dots = all(".dots i", screen), current = all(".question", host).indexOf(screen);
    dots.forEach(function (dot, i) {
      dot.className = i === current ? "now" : i < current ? "done" : "";
    });
  }

  function focusHeading(screen) {
    window.scrollTo(0, 0);
    var heading = one("h1, .lead", screen);
    if (heading) { heading.tabIndex = -1; heading.focus({ preventScroll: true }); }
  }

  function showOnly(selector) {
    steps.forEach(function (s) { s.hidden = true; });
    var screen = one(selector, host);
    screen.hidden = false;
    langScreen.hidden = true;
    focusHeading(screen);
    readAloud(screen);
  }

  function reset() {
    stopSound();
    Object.keys(timers).forEach(cancel);
    state = null;
    steps = [];
    host.innerHTML = "";
    html.lang = firstLang;
    html.dir = firstDir;
    html.style.scrollPaddingBottom = "";
    langScreen.hidden = false;
    window.scrollTo(0, 0);
    showWaiting();
  }

  /* ---- answering ---- */
  function choose(button) {
    var screen = button.closest(".question"), key = screen.getAttribute("data-key");
    if (screen.hasAttribute("data-multiple")) {
      button.setAttribute("aria-pressed", String(button.getAttribute("aria-pressed") !== "true"));
      var picked = all(".choice[aria-pressed=true]", screen).map(function (b) { return b.getAttribute("data-value"); });
      if (picked.length) state.answers[key] = picked; else delete state.answers[key];
      return;
    }
    all(".choice", screen).forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
    state.answers[key] = button.getAttribute("data-value");
    later("advance", function () { if (state && steps[state.index] === screen) go(state.index + 1); }, 450);
  }

  function next(screen) {
    var comment = one("textarea", screen);
    if (comment) {
      var text = comment.value.trim(), key = screen.getAttribute("data-key");
      if (text) state.answers[key] = text; else delete state.answers[key];
    }
    go(state.index + 1);
  }

  function skip(screen) {
    delete state.answers[screen.getAttribute("data-key")];
    all(".choice", screen).forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
    var comment = one("textarea", screen);
    if (comment) comment.value = "";
    go(state.index + 1);
  }

  function send(button) {
    button.disabled = true;
    var item = { id: newId(), url: cfg.submitUrl,
                 body: { language: state.lang, day: today(), answers: state.answers } };
    item.body.id = item.id;
    outbox.add(item).then(flush);
    if (cfg.phone) { try { localStorage.setItem(MARK, state.lang); } catch (e) { /* private mode */ } }
    showOnly(".thanks");
    state.done = true;
    if (!cfg.phone) later("reset", reset, cfg.resetSeconds * 1000);
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  /* ---- listening ---- */
  function voiceFor(lang) {
    if (!("speechSynthesis" in window)) return null;
    var want = lang === "prs" ? "fa" : lang === "kmr" ? "ku" : lang;
    var voices = speechSynthesis.getVoices();
    for (var i = 0; i < voices.length; i++) {
      if (voices[i].lang.toLowerCase().replace("_", "-").split("-")[0] === want) return voices[i];
    }
    return null;
  }

  function prepareListen() {
    all(".listen", host).forEach(function (b) { b.hidden = !(b.getAttribute("data-audio") || voiceFor(state.lang)); });
  }

  function prepareSpeak() {
    all(".speak", langScreen).forEach(function (b) {
      b.hidden = !(b.getAttribute("data-audio") || voiceFor(b.getAttribute("data-lang")));
    });
  }

  function textOf(screen) {
    return all("h1, .lead, .multi-hint span, .choice span", screen).map(function (el) { return el.textContent.trim(); }).join(". ");
  }

  /* the device's own voice says text, then (if given) calls then: at once when it has no voice for lang */
  function speak(text, lang, then) {
    var voice = text && voiceFor(lang);
    if (!voice) { if (then) then(); return; }
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    if (then) { utterance.onend = then; utterance.onerror = then; }
    speechSynthesis.speak(utterance);
  }

  /* "listen" plays the screen's texts one after the other: each from its recording or clip, a text without one
     ("-") in the device's own voice. Without any sound the device's voice reads the whole screen. Once a
     respondent has listened, every screen that follows is read aloud by itself, for people who cannot read it. */
  function listen(button) {
    stopSound();
    if (state) state.reading = true;
    var screen = button.closest(".screen, .still-there"), audio = button.getAttribute("data-audio");
    var lang = state ? state.lang : html.lang;
    if (audio) play(audio.split(" "), JSON.parse(button.getAttribute("data-say") || "[]"), lang);
    else speak(textOf(screen), lang);
  }

  function play(urls, texts, lang) {
    var run = playing = { audio: null }, i = 0;
    function step() {
      if (playing !== run) return;  /* stopped, or another playlist began */
      if (i >= urls.length) { playing = null; return; }
      var url = urls[i], text = texts[i] || "";
      i++;
      if (url === "-") { speak(text, lang, step); return; }
      var audio = run.audio = new Audio(url);
      audio.addEventListener("ended", step);
      audio.play().catch(function () { speak(text, lang, step); });
    }
    step();
  }

  function readAloud(screen) {
    var button = screen && one(".listen", screen);
    if (state && state.reading && button && !button.hidden) listen(button);
  }

  function sayLanguage(button) {
    stopSound();
    var audio = button.getAttribute("data-audio"), text = button.getAttribute("data-say");
    var lang = button.getAttribute("data-lang");
    if (audio) play([audio], [text], lang); else speak(text, lang);
  }

  function stopSound() {
    if (playing && playing.audio) playing.audio.pause();
    playing = null;
    if ("speechSynthesis" in window) speechSynthesis.cancel();
  }

  /* ---- waiting responses: IndexedDB, or memory where IndexedDB is missing ---- */
  var outbox = (function () {
    var memory = [], opened = null;
    function open() {
      opened = opened || new Promise(function (resolve, reject) {
        if (!window.indexedDB) { reject(new Error("no IndexedDB")); return; }
        var request = indexedDB.open("vox", 1);
        request.onupgradeneeded = function () { request.result.createObjectStore("outbox", { keyPath: "id" }); };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
      });
      return opened;
    }
    function run(mode, action) {
      return open().then(function (db) {
        return new Promise(function (resolve, reject) {
          var tx = db.transaction("outbox", mode), request = action(tx.objectStore("outbox"));
          tx.oncomplete = function () { resolve(request.result); };
          tx.onerror = function () { reject(tx.error); };
        });
      });
    }
    return {
      add: function (item) {
        return run("readwrite", function (s) { return s.put(item); }).catch(function () { memory.push(item); });
      },
      all: function () {
        return run("readonly", function (s) { return s.getAll(); })
          .then(function (items) { return items.concat(memory); }, function () { return memory.slice(); });
      },
      remove: function (id) {
        memory = memory.filter(function (item) { return item.id !== id; });
        return run("readwrite", function (s) { return s.delete(id); }).catch(function () {});
      }
    };
  })();

  var flushing = null;
  function flush() {
    if (flushing) return flushing;
    flushing = outbox.all().then(function (items) {
      return items.reduce(function (chain, item) {
        return chain.then(function () { return deliver(item); });
      }, Promise.resolve());
    }).catch(function () { /* offline: try again later */ }).then(function () {
      flushing = null;
      showWaiting();
    });
    return flushing;
  }

  function deliver(item) {
    return fetch(item.url, {
      method: "POST", body: JSON.stringify(item.body), headers: { "Content-Type": "application/json" },
      credentials: "omit", cache: "no-store", referrerPolicy: "no-referrer"
    }).then(function (response) {
      var refused = response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429;
      if (response.ok || refused) return outbox.remove(item.id);
      throw new Error("not stored yet");
    });
  }

  function showWaiting() {
    var box = document.getElementById("outbox");
    outbox.all().then(function (items) {
      box.hidden = !items.length;
      one(".count", box).textContent = String(items.length);
      if (items.length) later("retry", flush, 30000);
    });
  }

  /* ---- idle kiosk: ask, then clear without storing ---- */
  function checkIdle() {
    if (!state || state.done || cfg.phone) return;
    var still = one(".still-there", host);
    if (!still || !still.hidden) return;
    if (Date.now() - lastTouch > cfg.idleSeconds * 1000) {
      stopSound();
      still.hidden = false;
      one("button", still).focus();
      readAloud(still);
      later("giveUp", reset, 20000);
    }
  }

  function stillHere() {
    stopSound();
    one(".still-there", host).hidden = true;
    cancel("giveUp");
    lastTouch = Date.now();
    focusHeading(steps[state.index]);
  }

  /* ---- wiring ---- */
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-act]");
    if (!button) return;
    var act = button.getAttribute("data-act"), screen = button.closest(".screen");
    if (act === "language") start(button.getAttribute("data-lang"));
    else if (act === "say-language") sayLanguage(button);
    else if (!state) return;
    else if (act === "choose") choose(button);
    else if (act === "next") next(screen);
    else if (act === "skip") skip(screen);
    else if (act === "back") go(state.index - 1);
    else if (act === "listen") listen(button);
    else if (act === "send") send(button);
    else if (act === "continue") stillHere();
  });
  ["pointerdown", "keydown", "input"].forEach(function (type) {
    document.addEventListener(type, function () { lastTouch = Date.now(); }, { capture: true, passive: true });
  });
  setInterval(checkIdle, 1000);
  window.addEventListener("resize", function () { if (state) keepClearOfButtons(steps[state.index]); });
  window.addEventListener("online", flush);
  window.addEventListener("pagehide", function () { if (!cfg.phone) reset(); });
  window.addEventListener("pageshow", function (event) { if (event.persisted && !cfg.phone) reset(); });
  if ("speechSynthesis" in window) {
    speechSynthesis.addEventListener("voiceschanged", function () { prepareSpeak(); if (state) prepareListen(); });
  }
  prepareSpeak();

  var answered = null;
  try { answered = cfg.phone && localStorage.getItem(MARK); } catch (e) { answered = null; }
  if (answered) { start(cfg.languages.indexOf(answered) >= 0 ? answered : cfg.languages[0]); showOnly(".already"); state.done = true; }
  showWaiting();
  flush();
  if (window.voxEarly && !state) start(window.voxEarly);

  /* Offline: the service worker keeps the page and the sound. A kiosk keeps every language's clips (the next
     person may speak another); a phone only those of the language its owner chose, to spare their data. */
  function audioOf(el) {
    return all("[data-audio]", el).reduce(function (found, b) {
      return found.concat(b.getAttribute("data-audio").split(" ").filter(function (url) { return url !== "-"; }));
    }, []);
  }

  function unique(urls) { return urls.filter(function (url, i, list) { return list.indexOf(url) === i; }); }

  function keepOffline(urls) {
    if (!("serviceWorker" in navigator) || !navigator.serviceWorker.controller) return;
    navigator.serviceWorker.ready.then(function (registration) {
      registration.active.postMessage({ cache: unique(urls) });
    }).catch(function () { /* no offline support in this browser */ });
  }

  window.addEventListener("load", function () {
    if (!("serviceWorker" in navigator)) return;
    setTimeout(function () {
      navigator.serviceWorker.register(cfg.serviceWorker, { scope: "/r/" }).then(function () {
        return navigator.serviceWorker.ready;
      }).then(function (registration) {
        var urls = [location.pathname];
        if (!cfg.phone) {
          urls = all("template").reduce(function (found, tpl) { return found.concat(audioOf(tpl.content)); },
                                        urls.concat(audioOf(langScreen)));
        }
        registration.active.postMessage({ cache: unique(urls) });
      }).catch(function () { /* no offline support in this browser */ });
    }, 1000);
  });
  window.vox = { flush: flush, outbox: outbox, reset: reset };
})();
