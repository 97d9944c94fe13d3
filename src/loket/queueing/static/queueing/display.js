// The display screen in a waiting room: polls calls.json every second, redraws the calls, and on
// each new call (a new event id, so a recall too) plays a short chime and, when the screen speaks,
// says the call in the ticket's language. The page was rendered by the server with the same calls,
// so nothing is announced on load.
//
// It runs for days on a TV nobody watches, so:
// - one failed request never stops it: every poll is a fresh setTimeout after the previous one
//   settled (success or not), every step is in try/catch, and a watchdog restarts the loop should
//   it ever stall; while requests fail, the last good calls stay on screen with a "reconnecting"
//   hint, and polling backs off to at most 5 s, then returns to every second on the first success;
// - the DOM is redrawn (replaced, never appended to) only when the list of calls changed, and only
//   the ids of the last response are kept, so memory does not grow;
// - when the server's day changes, the page reloads itself (after a successful request, so the
//   server is there), picking up new code and starting the day clean;
// - browsers block sound until someone touches the page: a button says so until the sound is on.
//   A kiosk browser started with --autoplay-policy=no-user-gesture-required needs no touch at all.
//   Sound or speech failing never stops the updates.
(function () {
  "use strict";

  var POLL_MS = 1000;
  var TIMEOUT_MS = 3000;
  var MAX_BACKOFF_MS = 5000;
  var WATCHDOG_MS = 20000;
  var FRESH_MS = 60000; // after a network drop, calls older than this are shown but not announced
  var MAX_ANNOUNCED = 3; // per poll, so a reconnection does not read out a whole morning
  var CHIME_MS = 900;
  var SPEECH_LANGUAGES = { nl: "nl-BE", fr: "fr-BE", en: "en-GB" };

  var root = document.getElementById("display");
  if (!root || !window.fetch || !window.Promise) { return; }

  var callsUrl = root.getAttribute("data-calls-url");
  var speak = root.getAttribute("data-speak") === "true";
  var timeZone = root.getAttribute("data-time-zone") || undefined;
  var pageLanguage = document.documentElement.lang || "nl";

  var current = document.getElementById("display-current");
  var currentCode = document.getElementById("display-current-code");
  var currentDesk = document.getElementById("display-current-desk");
  var empty = document.getElementById("display-empty");
  var historySection = document.getElementById("display-history");
  var previous = document.getElementById("display-previous");
  var itemTemplate = document.getElementById("display-previous-item");
  var announce = document.getElementById("display-announce");
  var soundButton = document.getElementById("display-sound");
  var offline = document.getElementById("display-offline");
  var clock = document.getElementById("display-clock");

  var known = idSet((root.getAttribute("data-call-ids") || "").split(","));
  var shown = root.getAttribute("data-call-ids") || "";
  var failures = 0;
  var generation = 0;
  var lastTick = Date.now();
  var clockOffset = 0; // server time minus this TV's time: the TV's own clock may be wrong

  function idSet(ids) {
    var set = {};
    for (var i = 0; i < ids.length; i++) { if (ids[i] !== "") { set[String(ids[i])] = true; } }
    return set;
  }

  // --- Sound ---------------------------------------------------------------------------------

  var audio = null;
  try {
    var AudioContextClass = window.AudioContext || window.webkitAudioContext;
    if (AudioContextClass) { audio = new AudioContextClass(); }
  } catch (e) { audio = null; }

  function soundOn() {
    return !!audio && audio.state === "running";
  }

  function updateSoundHint() {
    // No Web Audio at all: nothing a click could fix, so no hint.
    soundButton.hidden = !audio || soundOn();
  }

  function unlockSound() {
    try {
      if (audio && audio.state !== "running") {
        var resumed = audio.resume();
        if (resumed && resumed.then) { resumed.then(updateSoundHint, function () {}); }
      }
    } catch (e) { /* stays off; the hint stays */ }
    try {
      // Speaking once inside the click lets later calls speak without one (Chrome's rule).
      if (speak && window.speechSynthesis && window.SpeechSynthesisUtterance) {
        var silent = new window.SpeechSynthesisUtterance(" ");
        silent.volume = 0;
        window.speechSynthesis.speak(silent);
      }
    } catch (e) { /* speech is a bonus */ }
    updateSoundHint();
  }

  if (audio) {
    try { audio.addEventListener("statechange", updateSoundHint); } catch (e) { /* old browser */ }
    ["click", "keydown", "touchstart", "pointerdown"].forEach(function (type) {
      document.addEventListener(type, unlockSound, { passive: true });
    });
  }
  updateSoundHint();

  // "Ding-dong": two soft sine tones, made here, no audio file to load.
  function chime() {
    if (!soundOn()) { return false; } // a suspended context would play it late, when unlocked
    try {
      var start = audio.currentTime + 0.05;
      [[880, 0], [660, 0.35]].forEach(function (tone) {
        var oscillator = audio.createOscillator();
        var gain = audio.createGain();
        var at = start + tone[1];
        oscillator.type = "sine";
        oscillator.frequency.setValueAtTime(tone[0], at);
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(0.35, at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.5);
        oscillator.connect(gain);
        gain.connect(audio.destination);
        oscillator.start(at);
        oscillator.stop(at + 0.55);
      });
      return true;
    } catch (e) { return false; }
  }

  function voiceFor(tag) {
    try {
      var voices = window.speechSynthesis.getVoices() || [];
      var base = tag.split("-")[0];
      var exact = null;
      var near = null;
      for (var i = 0; i < voices.length; i++) {
        var lang = (voices[i].lang || "").replace("_", "-");
        if (lang === tag && !exact) { exact = voices[i]; }
        if (lang.split("-")[0] === base && !near) { near = voices[i]; }
      }
      return exact || near;
    } catch (e) { return null; }
  }

  var queued = 0; // utterances handed to the engine and not finished yet

  function said() { queued = Math.max(0, queued - 1); }

  function say(calls) {
    if (!speak || !window.speechSynthesis || !window.SpeechSynthesisUtterance) { return; }
    try {
      // An engine that hangs (it happens after days) would pile up calls to say: start afresh.
      if (queued > 2 * MAX_ANNOUNCED) { window.speechSynthesis.cancel(); queued = 0; }
    } catch (e) { queued = 0; }
    for (var i = 0; i < calls.length; i++) {
      try {
        var tag = SPEECH_LANGUAGES[calls[i].language] || calls[i].language;
        var utterance = new window.SpeechSynthesisUtterance(calls[i].spoken);
        var voice = voiceFor(tag);
        utterance.lang = tag;
        if (voice) { utterance.voice = voice; }
        utterance.rate = 0.9;
        utterance.onend = said;
        utterance.onerror = said; // otherwise ignored: the screen shows the call anyway
        queued += 1;
        window.speechSynthesis.speak(utterance);
      } catch (e) { /* next one */ }
    }
  }

  function announceCalls(calls) {
    // Oldest first, as they were called.
    var ordered = calls.slice(0, MAX_ANNOUNCED).reverse();
    try {
      var newest = calls[0];
      announce.textContent = "";
      announce.setAttribute("lang", newest.language);
      announce.textContent = newest.spoken;
    } catch (e) { /* screen readers miss one */ }
    var chimed = chime();
    setTimeout(function () { say(ordered); }, chimed ? CHIME_MS : 0);
  }

  // --- Drawing -------------------------------------------------------------------------------

  function flash() {
    current.classList.remove("is-new");
    void current.offsetWidth; // restart the animation
    current.classList.add("is-new");
  }

  // A desk with its own name ("Onthaal") is written smaller than a desk number, so it fits.
  function setDesk(element, text) {
    element.textContent = text;
    element.classList.toggle("is-long", String(text).length > 3);
  }

  function draw(calls) {
    var top = calls[0];
    current.hidden = !top;
    empty.hidden = !!top;
    if (top) {
      if (current.getAttribute("data-id") !== String(top.id)) { flash(); }
      current.setAttribute("data-id", String(top.id));
      currentCode.textContent = top.code;
      setDesk(currentDesk, top.desk_shown);
    } else {
      current.setAttribute("data-id", "");
    }
    var items = document.createDocumentFragment();
    for (var i = 1; i < calls.length; i++) {
      var item = itemTemplate.content.firstElementChild.cloneNode(true);
      item.setAttribute("data-id", String(calls[i].id));
      item.querySelector(".display-code").textContent = calls[i].code;
      setDesk(item.querySelector(".display-desk"), calls[i].desk_shown);
      items.appendChild(item);
    }
    previous.textContent = ""; // the old items go, the new ones replace them: no growth
    previous.appendChild(items);
    historySection.hidden = calls.length < 2;
  }

  var clockFormat = null;
  try {
    clockFormat = new Intl.DateTimeFormat(pageLanguage, {
      hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: timeZone
    });
  } catch (e) { clockFormat = null; }

  function drawClock() {
    try {
      var now = new Date(Date.now() + clockOffset);
      var text = clockFormat ? clockFormat.format(now) : now.toTimeString().slice(0, 5);
      if (clock.textContent !== text) {
        clock.textContent = text;
        clock.setAttribute("datetime", now.toISOString());
      }
    } catch (e) { /* the clock is a detail */ }
  }

  function apply(data) {
    var serverNow = Date.parse(data.now);
    if (!isNaN(serverNow)) { clockOffset = serverNow - Date.now(); }
    var day = root.getAttribute("data-day");
    if (data.day && day && data.day !== day) {
      window.location.reload();
      return;
    }
    var calls = Array.isArray(data.calls) ? data.calls : [];
    var ids = calls.map(function (call) { return String(call.id); });
    var fresh = calls.filter(function (call) {
      return !known[String(call.id)] && !(serverNow - Date.parse(call.at) > FRESH_MS);
    });
    known = idSet(ids);
    if (ids.join(",") !== shown) {
      shown = ids.join(",");
      draw(calls);
    }
    if (fresh.length) { announceCalls(fresh); }
  }

  // --- Polling -------------------------------------------------------------------------------

  function fetchCalls() {
    var controller = window.AbortController ? new window.AbortController() : null;
    var timer = null;
    var timeout = new Promise(function (resolve, reject) {
      timer = setTimeout(function () {
        if (controller) { controller.abort(); }
        reject(new Error("timeout"));
      }, TIMEOUT_MS);
    });
    var request = window.fetch(callsUrl, {
      cache: "no-store",
      headers: { Accept: "application/json" },
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    });
    // Without AbortController a hung request still loses the race, so the loop goes on.
    return Promise.race([request, timeout]).then(
      function (data) { clearTimeout(timer); return data; },
      function (error) { clearTimeout(timer); request.catch(function () {}); throw error; }
    );
  }

  function setOffline(isOffline) {
    offline.hidden = !isOffline;
    root.setAttribute("data-state", isOffline ? "reconnecting" : "live");
  }

  function tick() {
    var mine = ++generation;
    lastTick = Date.now();
    var request;
    try { request = fetchCalls(); } catch (e) { request = Promise.reject(e); }
    request
      .then(function (data) {
        failures = 0;
        setOffline(false);
        apply(data);
      }, function () {
        failures += 1;
        setOffline(true);
      })
      .catch(function () { /* a drawing error: try again next time */ })
      .then(function () {
        if (mine !== generation) { return; } // the watchdog or "online" started another loop
        var delay = failures ? Math.min(POLL_MS * Math.pow(2, failures - 1), MAX_BACKOFF_MS) : POLL_MS;
        setTimeout(tick, delay);
      });
  }

  setInterval(function () {
    drawClock();
    if (Date.now() - lastTick > WATCHDOG_MS) { tick(); }
  }, 1000);
  window.addEventListener("online", function () { tick(); });

  // Keep the TV from dimming, where the browser allows it (https only); ask again when shown.
  function keepAwake() {
    try {
      if (navigator.wakeLock && document.visibilityState === "visible") {
        navigator.wakeLock.request("screen").catch(function () {});
      }
    } catch (e) { /* not available */ }
  }
  document.addEventListener("visibilitychange", keepAwake);
  keepAwake();

  root.setAttribute("data-state", "live");
  tick();
})();
