/* Draw every chart from its <script type="application/json" class="chart-data"> block with the
   locally served plotly.js. plotly.js (1 MB) is fetched and evaluated only when a chart's top has
   come 120 px into the screen (a sliver at the bottom edge shows nothing worth drawing), and each chart
   is drawn then, so a page whose first screen shows no chart does no chart work while it loads. Each
   canvas keeps its figure's height from the start, so drawing moves nothing below it.
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

  function figureOf(canvas) {
    var section = canvas.closest("section.chart");
    var data = section && section.querySelector("script.chart-data");
    return data ? JSON.parse(data.textContent) : null;
  }

  function draw(canvas) {
    var figure = figureOf(canvas);
    if (!figure || canvas.getAttribute("data-drawn") || !canvas.isConnected) {
      return;
    }
    narrow(figure.layout || {}, canvas.clientWidth, figure.data || []);
    canvas.textContent = "";
    canvas.setAttribute("data-drawn", "true");
    window.Plotly.newPlot(canvas, figure.data || [], figure.layout || {}, CONFIG);
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

  function whenSeen(canvas) {
    loadLibrary().then(function () { draw(canvas); }, function () { /* the table below stays */ });
  }

  var observer = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) {
        observer.unobserve(entry.target);
        whenSeen(entry.target);
      }
    });
  }, { rootMargin: "0px 0px -120px 0px" }) : null;

  function watch(root) {
    var scope = root && root.querySelectorAll ? root : document;
    var canvases = Array.prototype.slice.call(scope.querySelectorAll(".js-chart"));
    if (scope.matches && scope.matches(".js-chart")) {
      canvases.push(scope);
    }
    canvases.forEach(function (canvas) {
      if (canvas.getAttribute("data-drawn")) {
        return;
      }
      var figure = figureOf(canvas);
      if (figure && figure.layout && figure.layout.height) {
        canvas.style.minHeight = figure.layout.height + "px";
      }
      canvas.textContent = "";  // the "needs JavaScript" note; the box waits empty until drawn
      if (observer) {
        observer.observe(canvas);
      } else {
        whenSeen(canvas);
      }
    });
  }

  if (window.htmx) {
    window.htmx.onLoad(watch);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { watch(document); });
  } else {
    watch(document);
  }
})();
