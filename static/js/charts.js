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
    narrow(figure.layout || {}, canvas.clientWidth);
    canvas.textContent = "";
    canvas.setAttribute("data-drawn", "true");
    window.Plotly.newPlot(canvas, figure.data || [], figure.layout || {}, CONFIG);
  }

  // On a phone a value axis has room for about three tick labels ("200.000" is wide), so ask for no more.
  function narrow(layout, width) {
    if (!width || width >= 480) {
      return;
    }
    ["xaxis", "xaxis2", "xaxis3", "xaxis4"].forEach(function (name) {
      var axis = layout[name];
      if (axis && axis.type !== "category" && !axis.tickvals) {
        axis.nticks = Math.min(axis.nticks || 3, 3);
      }
    });
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
