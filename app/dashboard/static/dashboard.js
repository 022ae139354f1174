/* Draw every chart of the page from the JSON the server put beside it (no inline script: CSP). */
(function () {
  "use strict";
  if (!window.Plotly) return;
  document.querySelectorAll("[data-figure]").forEach(function (holder) {
    var figure = JSON.parse(document.getElementById(holder.getAttribute("data-figure")).textContent);
    Plotly.newPlot(holder, figure.data, figure.layout, {displayModeBar: false, responsive: true});
  });
})();
