// The book's one script: each plot's committed SVG is replaced by the interactive Vega-Lite chart,
// rendered by vega-embed from the spec stored next to it (all three libraries are served from this
// site). Until then, or without scripts, or if a chart fails, the SVG stays.
(function () {
  "use strict";
  if (typeof vegaEmbed !== "function") return;
  var options = {
    renderer: "svg",
    // Export to PNG or SVG works offline; the source, compiled and editor entries would open other hosts.
    actions: { export: true, source: false, compiled: false, editor: false },
  };
  document.querySelectorAll("figure.vega-plot").forEach(function (figure, index) {
    var specElement = figure.querySelector("script.vega-spec");
    var image = figure.querySelector("img.static-plot");
    if (!specElement || !image) return;
    var target = document.createElement("div");
    target.className = "vega-live";
    target.hidden = true;
    figure.insertBefore(target, image);
    var spec = JSON.parse(specElement.textContent);
    vegaEmbed(target, spec, Object.assign({ downloadFileName: "plot-" + (index + 1) }, options))
      .then(function () {
        target.hidden = false;
        image.remove();
        figure.classList.add("rendered");
      })
      .catch(function (error) {
        target.remove();
        console.error("plot " + (index + 1) + " kept as its static image: " + error);
      });
  });
})();
