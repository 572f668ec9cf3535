// Progressive enhancement for the public pages: htmx does the swapping; this only tidies requests.
(function () {
  "use strict";
  // Leave empty filter fields out of the request, so pushed URLs read ?kind=regular, not ?year=&kind=regular.
  document.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.verb !== "get") { return; }
    var params = event.detail.parameters;
    Object.keys(params).forEach(function (key) {
      if (params[key] === "") { delete params[key]; }
    });
  });
  // Wide screens show a list's filters open; phones keep them folded behind "Lọc kết quả".
  function openFiltersOnWideScreens() {
    if (!window.matchMedia("(min-width: 48rem)").matches) { return; }
    document.querySelectorAll("details.filter-panel").forEach(function (panel) { panel.open = true; });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", openFiltersOnWideScreens);
  } else {
    openFiltersOnWideScreens();
  }
  // A data table wider than its box gets the "swipe for more columns" cue (see _macros/tables.html).
  // All widths are read before any class changes, so the page is laid out once, not once per table.
  function markOverflowingTables(root) {
    var boxes = Array.prototype.slice.call((root || document).querySelectorAll(".table-scroll"));
    var wide = boxes.map(function (box) { return box.scrollWidth > box.clientWidth + 1; });
    boxes.forEach(function (box, i) { box.classList.toggle("is-overflowing", wide[i]); });
  }
  document.addEventListener("DOMContentLoaded", function () { markOverflowingTables(); });
  window.addEventListener("resize", function () { markOverflowingTables(); });
  document.addEventListener("htmx:afterSettle", function (event) { markOverflowingTables(event.detail.elt); });
  document.addEventListener("toggle", function (event) { markOverflowingTables(event.target); }, true);
  // After a swap, move focus to the new results so keyboard and screen-reader users land on them.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (target && target.id === "results" && event.detail.requestConfig &&
        event.detail.requestConfig.elt && event.detail.requestConfig.elt.closest(".pagination")) {
      var fresh = document.getElementById("results");
      if (fresh) { fresh.setAttribute("tabindex", "-1"); fresh.focus(); }
    }
  });
})();
