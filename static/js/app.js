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
  // A ResizeObserver reports each box and table after the browser has laid it out, so marking them forces
  // no layout of its own, and a table in a part of the page not yet rendered (content-visibility: auto,
  // site.css) is measured only when that part comes near the screen. Widths are all read before any class
  // changes. Without ResizeObserver, the whole page is measured once it has loaded, and again on resize.
  function markOverflowing(boxes) {
    var wide = boxes.map(function (box) { return box.scrollWidth > box.clientWidth + 1; });
    boxes.forEach(function (box, i) { box.classList.toggle("is-overflowing", wide[i]); });
  }
  var sizes = "ResizeObserver" in window ? new ResizeObserver(function (entries) {
    var boxes = [];
    entries.forEach(function (entry) {
      var box = entry.target.closest(".table-scroll");
      if (box && boxes.indexOf(box) < 0) { boxes.push(box); }
    });
    markOverflowing(boxes);
  }) : null;
  function watchTables(root) {
    var boxes = Array.prototype.slice.call((root || document).querySelectorAll(".table-scroll"));
    if (!sizes) { markOverflowing(boxes); return; }
    boxes.forEach(function (box) {
      sizes.observe(box);
      if (box.firstElementChild) { sizes.observe(box.firstElementChild); }  // the table grows inside it
    });
  }
  document.addEventListener("DOMContentLoaded", function () { watchTables(); });
  if (!sizes) {
    window.addEventListener("resize", function () { watchTables(); });
  }
  document.addEventListener("htmx:afterSettle", function (event) { watchTables(event.detail.elt); });
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
