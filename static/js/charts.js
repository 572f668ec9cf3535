/* Every chart is drawn on the server as an SVG (portal/charts/svg.py), so a chart page is complete without
   this script and no chart work runs while it loads. When a reader points at, taps or focuses a chart,
   plotly.js (1 MB), its stylesheet and that chart's figure are fetched and the interactive figure replaces
   the drawing, in a box that keeps the drawing's height.
   No inline script and no eval, so the Content-Security-Policy can forbid both. */
(function () {
  "use strict";

  var CONFIG = { responsive: true, displayModeBar: false, displaylogo: false, scrollZoom: false };
  var self = document.currentScript;
  var library = null;

  // One promise for the library: its stylesheet (the id and class tell plotly.js its styles are
  // already loaded, so it injects no inline <style>) and its script, added once.
  function loadLibrary() {
    if (window.Plotly) {
      return Promise.resolve(window.Plotly);
    }
    if (!library) {
      library = new Promise(function (resolve, reject) {
        var style = document.createElement("link");
        style.rel = "stylesheet";
        style.id = "plotly.js-style-global";
        style.className = "no-inline-styles";
        style.href = self.getAttribute("data-plotly-css");
        document.head.appendChild(style);
        var script = document.createElement("script");
        script.src = self.getAttribute("data-plotly");
        script.onload = function () { resolve(window.Plotly); };
        script.onerror = function () { library = null; reject(new Error("plotly.js did not load")); };
        document.head.appendChild(script);
      });
    }
    return library;
  }

  function loadFigure(canvas) {
    return fetch(canvas.getAttribute("data-figure"), { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) {
        throw new Error("figure " + response.status);
      }
      return response.json();
    });
  }

  // On a phone a value axis has room for about three tick labels ("200.000" is wide), so ask for no more.
  // Categories along a vertical-bar chart's x axis are each labelled: plotly would otherwise drop every
  // other one on a phone ("Kỳ họp 11", "Kỳ họp 13"), leaving bars without a name.
  function narrow(layout, width, data) {
    if (!width || width >= 480) {
      return;
    }
    var categories = data.length && data[0].type === "bar" && data[0].orientation !== "h" &&
      data[0].x && typeof data[0].x[0] === "string";
    if (categories && layout.xaxis && !layout.xaxis2) {
      layout.xaxis.dtick = 1;
    }
    ["xaxis", "xaxis2", "xaxis3", "xaxis4"].forEach(function (name) {
      var axis = layout[name];
      if (axis && axis.type !== "category" && !axis.tickvals) {
        axis.nticks = Math.min(axis.nticks || 3, 3);
      }
    });
  }

  function draw(canvas, figure) {
    var layout = figure.layout || {};
    var drawing = canvas.querySelector("svg.chart-svg");
    var label = drawing ? Array.prototype.map.call(drawing.querySelectorAll("title, desc"), function (e) {
      return e.textContent;
    }).join(". ") : "";
    // The box keeps the drawing's height, so nothing below it moves while the figure replaces it.
    canvas.style.minHeight = canvas.offsetHeight + "px";
    narrow(layout, canvas.clientWidth, figure.data || []);
    canvas.textContent = "";
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", label);
    canvas.setAttribute("data-drawn", "true");
    window.Plotly.newPlot(canvas, figure.data || [], layout, CONFIG);
  }

  function enhance(canvas) {
    if (!canvas || canvas.getAttribute("data-drawn") || !canvas.getAttribute("data-figure")) {
      return;
    }
    canvas.setAttribute("data-drawn", "pending");
    Promise.all([loadLibrary(), loadFigure(canvas)]).then(function (loaded) {
      if (canvas.isConnected) {
        draw(canvas, loaded[1]);
      }
    }, function () {
      canvas.removeAttribute("data-drawn");  // the drawing and the table stay
    });
  }

  function canvasOf(target) {
    return target && target.closest ? target.closest(".js-chart") : null;
  }

  // A mouse or pen pointing at a chart, a tap (a click: a finger scrolling past starts nothing), or the
  // keyboard reaching it (each drawing is focusable).
  document.addEventListener("pointerover", function (event) {
    if (event.pointerType !== "touch") {
      enhance(canvasOf(event.target));
    }
  });
  document.addEventListener("click", function (event) {
    enhance(canvasOf(event.target));
  });
  document.addEventListener("focusin", function (event) {
    enhance(canvasOf(event.target));
  });
})();
