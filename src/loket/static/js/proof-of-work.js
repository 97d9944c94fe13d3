/* Loket: solve the proof of work of a public form (see loket/core/challenge.py).
 *
 * Hand-written on purpose: it is this one small file, and the official ALTCHA widget brings a
 * checkbox UI, styles and texts we do not want. No third party, no CDN, no build step.
 *
 * For every <input data-challenge="{ALTCHA challenge JSON}"> (core/_challenge.html) it finds the
 * number n with SHA-256(salt + n) == challenge using WebCrypto, and puts the ALTCHA payload
 * (base64 JSON) in the input. The search runs in a Web Worker (this same file) so the page stays
 * responsive; where a worker cannot start, it runs here in batches that yield to the page.
 * Submitting is never blocked: a form sent before the answer is found waits for it, saying
 * "One moment..." in its live region, then goes. Without WebCrypto, or if no answer is found,
 * the form goes without one and the server falls back to its no-script check.
 */
(function () {
  "use strict";
  var BATCH = 1000;

  async function solve(c) {
    var target = c.challenge.match(/../g).map(function (h) { return parseInt(h, 16); });
    var encoder = new TextEncoder();
    for (var start = 0; start <= c.maxnumber; start += BATCH) {
      var digests = [];
      for (var n = start; n < Math.min(start + BATCH, c.maxnumber + 1); n++) {
        digests.push(crypto.subtle.digest("SHA-256", encoder.encode(c.salt + n)));
      }
      var results = await Promise.all(digests);
      for (var i = 0; i < results.length; i++) {
        var bytes = new Uint8Array(results[i]);
        if (target.every(function (b, j) { return bytes[j] === b; })) return start + i;
      }
      if (typeof document !== "undefined") await new Promise(function (r) { setTimeout(r, 0); });
    }
    return null;
  }

  if (typeof document === "undefined") { // running as the worker
    self.onmessage = function (event) {
      solve(event.data).then(self.postMessage.bind(self), function () { self.postMessage(false); });
    };
    return;
  }

  var SCRIPT = document.currentScript && document.currentScript.src;

  function inWorker(c) {
    return new Promise(function (resolve, reject) {
      var worker = new Worker(SCRIPT);
      worker.onmessage = function (event) {
        worker.terminate();
        if (event.data === false) reject(); else resolve(event.data);
      };
      worker.onerror = reject;
      worker.postMessage(c);
    }).catch(function () { return solve(c); });
  }

  function start(input) {
    if (input.dataset.challengeState || !input.form) return;
    input.dataset.challengeState = "solving";
    var c = JSON.parse(input.dataset.challenge);
    var answer = window.crypto && crypto.subtle ? inWorker(c) : Promise.resolve(null);
    input.challengeDone = answer.catch(function () { return null; }).then(function (number) {
      if (number !== null) {
        input.value = btoa(JSON.stringify({
          algorithm: c.algorithm, challenge: c.challenge, number: number, salt: c.salt, signature: c.signature,
        }));
      }
      input.dataset.challengeState = "done";
    });
  }

  function scan(root) {
    (root.querySelectorAll ? root : document).querySelectorAll("input[data-challenge]").forEach(start);
  }

  if (!window.loketProofOfWork) {
    window.loketProofOfWork = true;
    // Capturing on the document runs before the form's own handlers (HTMX's among them).
    document.addEventListener("submit", function (event) {
      var form = event.target;
      var input = form.querySelector("input[data-challenge]");
      if (!input || input.dataset.challengeState !== "solving") return;
      event.preventDefault();
      event.stopPropagation();
      if (input.dataset.challengeWaiting) return; // a second click while waiting
      input.dataset.challengeWaiting = "1";
      var status = form.querySelector("[data-challenge-status]");
      if (status) status.textContent = status.dataset.waitingText;
      var submitter = event.submitter;
      input.challengeDone.then(function () {
        delete input.dataset.challengeWaiting;
        if (submitter && submitter.form === form) form.requestSubmit(submitter);
        else form.requestSubmit();
      });
    }, true);
    document.addEventListener("htmx:load", function (event) { scan(event.target); });
  }
  scan(document);
})();
