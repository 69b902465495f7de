/*
 * The map's features: geometries arrive polyline-encoded (layers/vector.py, about a third of the bytes of GeoJSON
 * text) and are decoded here; each feature carries its style, details, tooltip and label; a click opens its details
 * in the page's details panel (window.atlasDetails, panel.js).
 *
 * layers/vector.py inlines this file; layers/map.py adds AtlasVector.install() before any layer, and each layer
 * calls AtlasVector.layer(parent, packed, pane, later).
 *
 * Publishes through AtlasApi (api.js): atlasDecode, atlasLater and atlasDrawn; uses atlasDetails.
 */
/* global AtlasApi */
/* exported AtlasVector */
var AtlasVector = (function () {
  "use strict";

  /** A polyline-encoded line (Google's encoding, pairs as differences) as [[x, y], ...] divided by `scale`. */
  function decodeLine(s, scale) {
    var out = [], i = 0, x = 0, y = 0;
    while (i < s.length) {
      var pair = [0, 0];
      for (var j = 0; j < 2; j++) {
        var shift = 0, result = 0, b;
        do { b = s.charCodeAt(i++) - 63; result |= (b & 31) << shift; shift += 5; } while (b >= 32);
        pair[j] = (result & 1) ? ~(result >> 1) : (result >> 1);
      }
      x += pair[0]; y += pair[1];
      out.push([x / scale, y / scale]);
    }
    return out;
  }

  /** A feature collection with every encoded geometry ({type, d, e}) turned into GeoJSON, in place. */
  function decode(data) {
    data.features.forEach(function (f) {
      var g = f.geometry;
      if (!g.e) { return; }
      var scale = Math.pow(10, g.d);
      function walk(e) { return typeof e === "string" ? decodeLine(e, scale) : e.map(walk); }
      f.geometry = {type: g.type, coordinates: walk(g.e)};
    });
    return data;
  }

  /**
   * Leaflet's canvas, after a view reset (a zoom with no animation: a fit, "Zoom to", a view set from the address),
   * goes back to the whole-pixel corner it was drawn for. Leaflet leaves it a fraction of a pixel off that corner,
   * and the browser then blurs the whole map (Leaflet issue #6069).
   */
  function sharpCanvas() {
    var reset = L.Canvas.prototype._reset;
    L.Canvas.include({_reset: function () {
      reset.call(this);
      L.DomUtil.setPosition(this._container, this._bounds.min);
    }});
  }

  /**
   * window.atlasDecode, and window.atlasLater with its queue, run once after the map's first frame; window.atlasDrawn
   * turns true once that work is done, including what it returned a promise of. The map's canvas stays sharp.
   */
  function install() {
    sharpCanvas();
    AtlasApi.expose("decode", decode);
    var queue = [], done = false;
    AtlasApi.expose("drawn", false);
    AtlasApi.expose("later", function (fn) { if (done) { fn(); } else { queue.push(fn); } });
    function run() {
      if (done) { return; }
      done = true;
      Promise.all(queue.map(function (fn) { return fn(); })).then(function () { AtlasApi.expose("drawn", true); });
    }
    requestAnimationFrame(function () { setTimeout(run, 0); });  // the task after the first frame
    setTimeout(run, 2000);  // a page loaded out of sight gets no frame: run anyway
  }

  /**
   * The features drawn with L.geoJSON into `parent` (in a map pane by name, or the default overlay pane): `packed`,
   * a feature collection as Python packed it (AtlasApi.unpacked); `later`: after the map's first paint
   * (window.atlasLater), for what the first view can miss.
   */
  function layer(parent, packed, pane, later) {
    if (later) { AtlasApi.get("later")(function () { layer(parent, packed, pane, false); }); return; }
    var inPane = pane ? {pane: pane} : {};
    L.geoJSON(decode(AtlasApi.unpacked(packed)), Object.assign({
      style: function (f) { return f.properties.style; },
      pointToLayer: function (f, latlng) {
        return L.circleMarker(latlng, Object.assign({interactive: f.properties.interactive !== false}, inPane, f.properties.style));
      },
      onEachFeature: function (f, feature) {
        var p = f.properties;
        if (p.details) {
          feature.on("click", function (event) {
            if (event.originalEvent && event.originalEvent.target.closest(".atlas-measuring")) { return; }  // measure.js
            AtlasApi.get("details").show(feature, event.latlng);
          });
        }
        if (p.tooltip) { feature.bindTooltip(p.tooltip, {sticky: true, className: "atlas-tooltip", opacity: 1}); }
        if (p.label) { feature.bindTooltip(p.label, {permanent: true, direction: p.labelDir || "center", offset: p.labelDir === "right" ? [8, 0] : [0, 0], className: "atlas-label"}); }
        if (p.name) { feature.bindTooltip(p.name, {permanent: true, direction: p.nameDir, offset: p.nameDir === "right" ? [4, 0] : [0, 0], className: "atlas-name " + p.nameClass}); }
      },
    }, inPane)).addTo(parent);
  }

  /** True once the map is painted and its work for after the first paint is done (what a snapshot waits for). */
  function drawn() {
    return AtlasApi.get("drawn") === true && document.querySelector(".leaflet-overlay-pane canvas") !== null;
  }

  return {decodeLine: decodeLine, decode: decode, install: install, layer: layer, drawn: drawn};
}());

if (typeof module !== "undefined") { module.exports = AtlasVector; }
