// Budget round editor: show only the options of the chosen ballot and counting rules.
// Without this script every option is shown, and the server checks only the chosen rule's.
(function () {
  "use strict";

  function chosen(form, field) {
    var checked = form.querySelector('input[name="' + field + '"]:checked');
    return checked ? checked.value : "";
  }

  function update(form) {
    var panels = form.querySelectorAll("[data-rule-field][data-rules]");
    for (var i = 0; i < panels.length; i++) {
      var panel = panels[i];
      var rules = panel.getAttribute("data-rules").split(" ");
      var hide = rules.indexOf(chosen(form, panel.getAttribute("data-rule-field"))) === -1;
      panel.hidden = hide;
      panel.style.display = hide ? "none" : ""; // panels may set their own display

    }
  }

  function init() {
    var marker = document.querySelector("[data-rule-field]");
    var form = marker && marker.closest("form");
    if (!form) {
      return;
    }
    form.addEventListener("change", function (event) {
      var name = event.target && event.target.name;
      if (name === "ballot_rule" || name === "tally_rule") {
        update(form);
      }
    });
    update(form);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
