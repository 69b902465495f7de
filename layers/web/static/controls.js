/*
 * The map's own controls beyond Leaflet's: the overview map, focus without scrolling, the layer switch a host page
 * drives, the compact layout on a small screen, and the map's position for the address bar.
 *
 * layers/controls.py inlines this file and calls each AtlasControls function with the map (and its JSON data).
 *
 * Publishes through AtlasApi (api.js): atlasLayers and atlas:layers, atlasPosition and atlas:position; uses
 * atlasLater and atlasDecode.
 */
/* global AtlasApi */
/* exported AtlasControls */
var AtlasControls = (function () {
  "use strict";

  /** A map position as the address bar keeps it: "zoom/latitude/longitude" (zoom to 2, degrees to 4 decimals). */
  function positionText(zoom, lat, lng) { return +zoom.toFixed(2) + "/" + lat.toFixed(4) + "/" + lng.toFixed(4); }

  /** [zoom, latitude, longitude] of a position text, or null when it is not three numbers. */
  function parsePosition(text) {
    var p = String(text).split("/").map(Number);
    return p.length === 3 && !p.some(isNaN) ? p : null;
  }

  /** The overview map over the countries' outlines (no tiles), after the first paint. */
  function overview(map, data) {
    AtlasApi.get("later")(function () {  // a second map, which lays the page out again
      var layer = L.geoJSON(AtlasApi.get("decode")(data), {style: {color: "#555", weight: 0.6, fillColor: "#bbb", fillOpacity: 1}, interactive: false});
      // a picture of where the map is, not a second place to tab to (keyboard off); its toggle stays a button
      var mini = new L.Control.MiniMap(layer, {position: "bottomleft", toggleDisplay: true, zoomLevelOffset: -3, width: 130,
                                               height: 130, mapOptions: {keyboard: false}}).addTo(map);
      mini.getContainer().setAttribute("role", "group");
      mini.getContainer().setAttribute("aria-label", "Overview map: where the map is in the region");
    });
  }

  /**
   * A click on the map focuses it without scrolling the page: Leaflet's keyboard handler focuses the map on
   * mousedown, and the browser would scroll a map partly out of view into it, so the click lands elsewhere.
   */
  function focusWithoutScroll(map) {
    var keyboard = map.keyboard;
    if (!keyboard) { return; }
    keyboard.disable();
    keyboard._onMouseDown = function () { if (!this._focused) { this._map.getContainer().focus({preventScroll: true}); } };
    keyboard.enable();
  }

  /**
   * Whether a wheel turn over the map zooms it: with Ctrl or ⌘ held, or once the reader has clicked into the map
   * (until the pointer leaves it); otherwise it scrolls the page around the map.
   */
  function wheelZooms(event, engaged) { return engaged || event.ctrlKey || event.metaKey; }

  /**
   * A good neighbour in a page that scrolls (the table and sources under the map, the app around it): a wheel turn
   * that does not zoom (wheelZooms) goes to the page, and the map says how to zoom it.
   */
  function cooperativeWheel(map) {
    var container = map.getContainer(), engaged = false, timer = null;
    var hint = L.DomUtil.create("div", "atlas-wheel-hint", container);
    hint.setAttribute("aria-hidden", "true");
    hint.textContent = (/Mac|iPhone|iPad/.test(navigator.platform) ? "\u2318" : "Ctrl") +
      " + scroll to zoom the map, or click it first";
    map.on("click", function () { engaged = true; });
    container.addEventListener("mouseleave", function () { engaged = false; });
    container.addEventListener("wheel", function (event) {
      if (wheelZooms(event, engaged)) { return; }
      event.stopPropagation();  // before Leaflet's zoom handler: the page scrolls
      hint.classList.add("shown");
      clearTimeout(timer);
      timer = setTimeout(function () { hint.classList.remove("shown"); }, 1200);
    }, true);
  }

  /** window.atlasLayers over the map's layer groups (key -> group); the legend shows the sections of those shown. */
  function layerSwitch(map, groups) {
    function legend() {
      document.querySelectorAll(".atlas-legend section[data-layer]").forEach(function (e) {
        e.style.display = map.hasLayer(groups[e.getAttribute("data-layer")]) ? "" : "none";
      });
    }
    function shown() { return Object.keys(groups).filter(function (key) { return map.hasLayer(groups[key]); }); }
    function show(keys) {
      Object.keys(groups).forEach(function (key) {
        var wanted = keys.indexOf(key) >= 0;
        if (wanted && !map.hasLayer(groups[key])) { map.addLayer(groups[key]); }
        if (!wanted && map.hasLayer(groups[key])) { map.removeLayer(groups[key]); }
      });
      legend();
    }
    map.on("overlayadd overlayremove", function () {
      legend();
      AtlasApi.fire("layers", {layers: shown()});
    });
    AtlasApi.expose("layers", {shown: shown, show: show});
  }

  /**
   * On a phone-sized map (under `narrow` px wide or 440 tall) the legend starts folded and the layer switcher
   * collapsed; a narrow map (class atlas-narrow) has a compact title and date control and no overview map.
   */
  function smallScreen(map, narrow) {
    var size = map.getSize();
    map.getContainer().classList.toggle("atlas-narrow", size.x < narrow);
    if (size.x < narrow || size.y < 440) {
      document.querySelectorAll(".atlas-legend details.atlas-fold").forEach(function (d) { d.open = false; });
    }
    if (size.x < narrow) {
      document.querySelectorAll(".leaflet-control-layers").forEach(function (c) {
        c.classList.remove("leaflet-control-layers-expanded");
      });
    }
  }

  /** window.atlasPosition: where the map is, a way to move it there or home, and atlas:position when the reader moved it. */
  function mapPosition(map) {
    function get() { var c = map.getCenter(); return positionText(map.getZoom(), c.lat, c.lng); }
    var home = get(), last = home, timer = null, quiet = false, resized = false;
    function set(text) {
      var p = parsePosition(text);
      if (!p) { return; }
      quiet = true;
      map.setView([p[1], p[2]], p[0], {animate: false});
      quiet = false;
      last = get();
    }
    map.on("moveend", function () {
      if (quiet) { return; }
      clearTimeout(timer);
      timer = setTimeout(function () {
        var now = get(), moved = now !== last && !resized;
        if (resized && last === home) { home = now; }  // resized where it opened: that is still where it opened
        last = now;
        resized = false;
        if (!moved) { return; }  // the map's box changed size (the window, the details panel): the reader did not move it
        AtlasApi.fire("position", {position: now});
      }, 400);
    });
    map.on("resize", function () { resized = true; });
    AtlasApi.expose("position", {get: get, set: set, home: function () { set(home); }});
  }

  /** Leaflet's zoom buttons, top left (added after the title, so they sit under it). */
  function zoom(map) { L.control.zoom({position: "topleft"}).addTo(map); }

  /** Fit the view to [[south, west], [north, east]] at once (an animated fit leaves canvas paths unprojected). */
  function fit(map, bounds) { map.fitBounds(bounds, {animate: false}); }

  return {
    zoom: zoom, fit: fit, positionText: positionText, parsePosition: parsePosition, overview: overview,
    focusWithoutScroll: focusWithoutScroll, layerSwitch: layerSwitch, smallScreen: smallScreen, mapPosition: mapPosition,
    wheelZooms: wheelZooms, cooperativeWheel: cooperativeWheel,
  };
}());

if (typeof module !== "undefined") { module.exports = AtlasControls; }
