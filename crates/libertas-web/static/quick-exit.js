/* Quick exit for the public pages of Libertas.
 *
 * The quick-exit link works without this file: it is a plain link to a neutral site. This
 * script adds two things. Pressing Escape twice in quick succession leaves too, and leaving
 * uses location.replace, so the page that was open is replaced in the history and the Back
 * button does not lead here. The page is blanked first so it cannot be glimpsed while the
 * next one loads. Nothing is stored and nothing is sent anywhere.
 */
(function () {
  "use strict";

  var link = document.getElementById("quick-exit");
  if (!link) {
    return;
  }
  var target = link.href;
  var DOUBLE_PRESS_MS = 1000;
  var lastEscape = 0;

  function leave() {
    try {
      document.title = "";
      document.documentElement.style.visibility = "hidden";
    } catch (ignored) {
      // Leaving matters more than hiding.
    }
    window.location.replace(target);
  }

  link.addEventListener("click", function (event) {
    event.preventDefault();
    leave();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") {
      lastEscape = 0;
      return;
    }
    var now = Date.now();
    if (lastEscape !== 0 && now - lastEscape <= DOUBLE_PRESS_MS) {
      lastEscape = 0;
      leave();
    } else {
      lastEscape = now;
    }
  });
})();
