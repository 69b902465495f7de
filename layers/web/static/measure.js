/*
 * The map's measuring tool: a button in the top-left corner; while it is on, each click on the map adds a point, and
 * its box says the path's length (great circle, km and miles) and, from three points on, the area the points close
 * (km², on the sphere). "Finish" (or a double click) keeps the measurement on the map until the next one; "Clear" or
 * Escape removes it. What the atlas used of leaflet-measure (50 kB with lodash and turf), in a few kilobytes.
 *
 * layers/web/controls.py inlines this file and calls AtlasMeasure.control(map) once.
 */
/* exported AtlasMeasure */
var AtlasMeasure = (function () {
  "use strict";
  var RADIUS = 6371008.8;  // the mean Earth radius in metres (IUGG), as Leaflet's own distance
  var MILE = 1609.344;
  var ICON = '<svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true"><path d="M2 14 14 2l4 4L6 18z' +
    'M5 11l2 2M8 8l2 2M11 5l2 2" fill="none" stroke="currentColor" stroke-width="1.4"/></svg>';  // a ruler
  var STYLE = {color: "#000", weight: 2.5, dashArray: "6 4", fillColor: "#000", fillOpacity: 0.12, interactive: false};

  function radians(degrees) { return degrees * Math.PI / 180; }

  /** The great-circle distance in metres between two [latitude, longitude] points (haversine, mean sphere). */
  function distance(a, b) {
    var dLat = radians(b[0] - a[0]), dLng = radians(b[1] - a[1]);
    var h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(radians(a[0])) * Math.cos(radians(b[0])) * Math.pow(Math.sin(dLng / 2), 2);
    return 2 * RADIUS * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  /** The length in metres of a path of [latitude, longitude] points. */
  function pathLength(points) {
    var total = 0;
    for (var i = 1; i < points.length; i++) { total += distance(points[i - 1], points[i]); }
    return total;
  }

  /**
   * The area in m² the points enclose, closed back to the first, on the mean sphere (the spherical-excess sum of
   * Chamberlain and Duquette, as Leaflet.draw's geodesicArea); 0 below three points.
   */
  function ringArea(points) {
    if (points.length < 3) { return 0; }
    var total = 0;
    for (var i = 0; i < points.length; i++) {
      var p = points[i], q = points[(i + 1) % points.length];
      total += radians(q[1] - p[1]) * (2 + Math.sin(radians(p[0])) + Math.sin(radians(q[0])));
    }
    return Math.abs(total * RADIUS * RADIUS / 2);
  }

  /** A number with thousands separated by commas and at most `decimals` decimals ("1,234.5"), in any locale. */
  function grouped(value, decimals) {
    var parts = (+value.toFixed(decimals)).toString().split(".");
    return parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (parts[1] ? "." + parts[1] : "");
  }

  /** What the box says of a path: its length in km and miles, and from three points on the area they close. */
  function resultText(points) {
    if (points.length < 2) { return "Click the map to add points."; }
    var metres = pathLength(points), text = "Length " + grouped(metres / 1000, metres < 10000 ? 2 : 1) + " km (" +
      grouped(metres / MILE, metres < 10000 ? 2 : 1) + " mi)";
    if (points.length >= 3) { text += " · area " + grouped(ringArea(points) / 1e6, 1) + " km²"; }
    return text;
  }

  /** A button of the tool's box. */
  function button(parent, text, onClick) {
    var b = L.DomUtil.create("button", "", parent);
    b.type = "button";
    b.textContent = text;
    L.DomEvent.on(b, "click", function (event) { L.DomEvent.stop(event); onClick(); });
    return b;
  }

  /** The tool on the map: its button, its box while measuring, and the path drawn. */
  function control(map) {
    var points = [], shape = null, measuring = false, box, toggle, said, finish;
    function draw() {
      var latlngs = points.map(function (p) { return L.latLng(p[0], p[1]); });
      if (shape) { map.removeLayer(shape); }
      shape = points.length ? (points.length >= 3 ? L.polygon(latlngs, STYLE) : L.polyline(latlngs, STYLE)).addTo(map) : null;
      said.textContent = resultText(points);
    }
    function add(event) {
      var p = [event.latlng.lat, event.latlng.lng], last = points[points.length - 1];
      if (last && last[0] === p[0] && last[1] === p[1]) { return; }  // a double click's second click
      points.push(p);
      draw();
    }
    function stop(keep) {
      measuring = false;
      map.off("click", add);
      map.doubleClickZoom.enable();
      L.DomUtil.removeClass(map.getContainer(), "atlas-measuring");
      toggle.setAttribute("aria-pressed", "false");
      finish.hidden = true;
      if (!keep) { points = []; draw(); box.hidden = true; }
    }
    function start() {
      measuring = true;
      points = [];
      draw();
      map.on("click", add);
      map.doubleClickZoom.disable();  // a double click ends the path instead
      L.DomUtil.addClass(map.getContainer(), "atlas-measuring");
      toggle.setAttribute("aria-pressed", "true");
      box.hidden = false;
      finish.hidden = false;
    }
    var Measure = L.Control.extend({
      onAdd: function () {
        var container = L.DomUtil.create("div", "leaflet-bar atlas-measure");
        toggle = button(container, "", function () { if (measuring) { stop(true); } else { start(); } });
        toggle.innerHTML = ICON;
        toggle.title = "Measure distances and areas";
        toggle.setAttribute("aria-label", "Measure distances and areas");
        toggle.setAttribute("aria-pressed", "false");
        box = L.DomUtil.create("div", "atlas-measure-box", container);
        box.hidden = true;
        said = L.DomUtil.create("p", "", box);
        said.setAttribute("role", "status");
        // the button pressed hides (Finish) or its box does (Clear): the focus goes back to the tool's own button
        finish = button(box, "Finish", function () { stop(true); toggle.focus({preventScroll: true}); });
        button(box, "Clear", function () { stop(false); toggle.focus({preventScroll: true}); });
        L.DomEvent.disableClickPropagation(container);
        return container;
      },
    });
    map.on("dblclick", function () { if (measuring) { stop(true); } });
    L.DomEvent.on(map.getContainer(), "keydown", function (event) { if (event.key === "Escape" && !box.hidden) { stop(false); } });
    new Measure({position: "topleft"}).addTo(map);
  }

  return {distance: distance, pathLength: pathLength, ringArea: ringArea, grouped: grouped, resultText: resultText, control: control};
}());

if (typeof module !== "undefined") { module.exports = AtlasMeasure; }
