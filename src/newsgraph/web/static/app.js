// newsgraph web UI: show a mark's details when it is hovered, focused or clicked; toggle mark kinds.
// Details are copied from hidden elements the server rendered (escaped); nothing here builds HTML from text.
(function () {
  "use strict";
  function show(span, pin) {
    var target = document.getElementById("mark-details");
    var hint = document.getElementById("mark-hint");
    if (!target) { return; }
    if (!pin && target.dataset.pinned === "1") { return; }
    target.replaceChildren();
    (span.dataset.marks || "").split(" ").forEach(function (id) {
      var source = document.getElementById("detail-" + id);
      if (source) {
        var copy = source.cloneNode(true);
        copy.removeAttribute("id");
        target.appendChild(copy);
      }
    });
    if (hint) { hint.hidden = true; }
    if (pin) {
      target.dataset.pinned = "1";
      document.querySelectorAll(".mk.selected").forEach(function (el) { el.classList.remove("selected"); });
      span.classList.add("selected");
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var text = document.getElementById("article-text");
    if (!text) { return; }
    text.addEventListener("mouseover", function (ev) {
      var span = ev.target.closest(".mk");
      if (span) { show(span, false); }
    });
    text.addEventListener("click", function (ev) {
      var span = ev.target.closest(".mk");
      if (span) { show(span, true); }
    });
    text.addEventListener("focusin", function (ev) {
      var span = ev.target.closest(".mk");
      if (span) { show(span, true); }
    });
    document.querySelectorAll("#legend input[data-kind]").forEach(function (box) {
      box.addEventListener("change", function () {
        text.classList.toggle("hide-" + box.dataset.kind, !box.checked);
      });
    });
  });
})();
