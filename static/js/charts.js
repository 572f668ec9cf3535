/* Draw every chart from its <script type="application/json" class="chart-data"> block with the
   locally served plotly.js, on page load and whenever htmx swaps a chart fragment in. No inline
   script and no eval, so the Content-Security-Policy can forbid both. */
(function () {
  "use strict";

  var CONFIG = { responsive: true, displayModeBar: false, displaylogo: false, scrollZoom: false };

  function draw(section) {
    var canvas = section.querySelector(".js-chart");
    var data = section.querySelector("script.chart-data");
    if (!canvas || !data || canvas.getAttribute("data-drawn") || !window.Plotly) {
      return;
    }
    var figure = JSON.parse(data.textContent);
    canvas.textContent = "";
    canvas.setAttribute("data-drawn", "true");
    window.Plotly.newPlot(canvas, figure.data || [], figure.layout || {}, CONFIG);
  }

  function drawAll(root) {
    var scope = root && root.querySelectorAll ? root : document;
    if (scope.matches && scope.matches("section.chart")) {
      draw(scope);
    }
    Array.prototype.forEach.call(scope.querySelectorAll("section.chart"), draw);
  }

  if (window.htmx) {
    window.htmx.onLoad(drawAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  } else {
    drawAll(document);
  }
})();
