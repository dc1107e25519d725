/* Quick exit for the public pages of Libertas, and forgetting what was typed.
 *
 * The quick-exit link works without this file: it is a plain link to a neutral site. This
 * script adds two things. Pressing Escape twice in quick succession leaves too, and leaving
 * uses location.replace, so the page that was open is replaced in the history and the Back
 * button does not lead here. The page is blanked first so it cannot be glimpsed while the
 * next one loads. Nothing is stored and nothing is sent anywhere.
 *
 * Browsers may keep a page that was left in memory (the back/forward cache) and show it again,
 * with everything typed into it, when Back is pressed. So every form on a public page is
 * emptied when the page is left (after a form was sent, its content has already gone) and
 * again if the page comes back from that cache, defaults included (a refused form comes back
 * filled in). The server also asks the browser to drop
 * such pages (Clear-Site-Data on the receipt page), and the fields say autocomplete="off".
 */
(function () {
  "use strict";

  // A form the server refused comes back with what was typed as its default content (issue
  // 11), so the defaults are emptied too: reset() would otherwise bring the story back.
  function forget() {
    var forms = document.forms;
    for (var i = 0; i < forms.length; i++) {
      var fields = forms[i].querySelectorAll("textarea, input:not([type=hidden]):not([type=submit])");
      for (var j = 0; j < fields.length; j++) {
        var f = fields[j];
        if (f.type === "checkbox" || f.type === "radio") {
          f.defaultChecked = false;
          f.checked = false;
        } else {
          f.defaultValue = "";
          f.value = "";
        }
      }
      forms[i].reset();
    }
  }
  window.addEventListener("pagehide", forget);
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      forget();
    }
  });

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
