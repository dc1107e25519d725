// Proof-of-work for the public forms, the report form and the updates sign-up (see
// src/limits.rs): the form carrying `data-bits`. Finds a nonce such that
// SHA-256(challenge ":" nonce) starts with `data-bits` zero bits, puts it in the form and
// submits. Without this script the form still works, under a slower rate limit.
(function () {
  "use strict";
  var form = document.querySelector("form[data-bits]");
  if (!form || !window.crypto || !window.crypto.subtle || !window.TextEncoder) {
    return;
  }
  function zeroBits(bytes) {
    var z = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) { z += 8; continue; }
      return z + Math.clz32(bytes[i]) - 24;
    }
    return z;
  }
  form.addEventListener("submit", function (event) {
    if (form.dataset.stamped === "1") { return; }
    event.preventDefault();
    var challenge = form.querySelector("[name=pow_challenge]").value;
    var bits = parseInt(form.dataset.bits || "0", 10);
    var button = form.querySelector("button[type=submit]");
    if (button) { button.disabled = true; button.textContent = form.dataset.working || "…"; }
    var encoder = new TextEncoder();
    var nonce = 0;
    function round() {
      var tries = [];
      for (var k = 0; k < 256; k++) { tries.push(nonce + k); }
      nonce += 256;
      Promise.all(tries.map(function (n) {
        return window.crypto.subtle.digest("SHA-256", encoder.encode(challenge + ":" + n)).then(function (h) {
          return zeroBits(new Uint8Array(h)) >= bits ? n : -1;
        });
      })).then(function (results) {
        var found = results.filter(function (n) { return n >= 0; });
        if (found.length) {
          form.querySelector("[name=pow_nonce]").value = String(found[0]);
          form.dataset.stamped = "1";
          form.submit();
        } else {
          setTimeout(round, 0);
        }
      });
    }
    round();
  });
})();
