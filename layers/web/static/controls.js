/*
 * The map's own controls beyond Leaflet's: the overview map, focus without scrolling, the layer switch a host page
 * drives, the compact layout on a small screen, and the map's position for the address bar.
 *
 * layers/controls.py inlines this file and calls each AtlasControls function with the map (and its JSON data).
 *
 * Publishes through AtlasApi (api.js): atlasLayers and atlas:layers, atlasPosition, atlas:position and atlas:moving; uses
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

  var overviewPending = false;  // the overview map is on its way: a fit keeps its corner free (cornerBoxes)

  /** The overview map over the countries' outlines (no tiles; `packed`, AtlasApi.unpacked), after the first paint. */
  function overview(map, packed) {
    overviewPending = true;
    AtlasApi.get("later")(function () {  // a second map, which lays the page out again
      overviewPending = false;
      var layer = L.geoJSON(AtlasApi.get("decode")(AtlasApi.unpacked(packed)), {style: {color: "#555", weight: 0.6, fillColor: "#bbb", fillOpacity: 1}, interactive: false});
      // a picture of where the map is, not a second place to tab to (keyboard off); its toggle stays a button
      var mini = new L.Control.MiniMap(layer, {position: "bottomleft", toggleDisplay: true, zoomLevelOffset: -3, width: 130,
                                               height: 130, mapOptions: {keyboard: false, zoomSnap: 0}});
      // it follows the map and never moves it: the plugin takes any move of its own that it did not start for the
      // reader's, and a late one (its pans are animated) pulled the map to its view after two quick fits
      mini._onMiniMapMoved = function () { this._mainMapMoving = false; };
      mini.addTo(map);
      ["dragging", "touchZoom", "scrollWheelZoom", "doubleClickZoom", "boxZoom"].forEach(function (handler) {
        if (mini._miniMap[handler]) { mini._miniMap[handler].disable(); }
      });
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
    var home = get(), last = home, timer = null, quiet = false, moving = false;
    function set(text) {
      var p = parsePosition(text);
      if (!p) { return; }
      quiet = true;
      map.setView([p[1], p[2]], p[0], {animate: false});
      quiet = false;
      last = get();
    }
    // a move starts (movestart) when the reader drags, zooms or a feature is brought into view; a box that changes
    // size (the window, the details panel) moves the map without one: that is not the reader's move, however close
    // in time the two come
    map.on("movestart", function () { if (!quiet) { moving = true; } });
    map.on("move", function () { if (!quiet) { AtlasApi.fire("moving", {position: get()}); } });
    map.on("moveend", function () {
      if (quiet) { return; }
      clearTimeout(timer);
      timer = setTimeout(function () {
        var now = get(), moved = moving && now !== last;
        if (!moving && last === home) { home = now; }  // resized where it opened: that is still where it opened
        last = now;
        moving = false;
        if (moved) { AtlasApi.fire("position", {position: now}); }
      }, 400);
    });
    function frame(bounds) {  // a new home: the view fitted to the bounds, clear of the corners' boxes
      quiet = true;
      fit(map, bounds);
      quiet = false;
      home = last = get();
    }
    AtlasApi.expose("position", {get: get, set: set, home: function () { set(home); }, fit: frame});
  }

  /** Leaflet's zoom buttons, top left (added after the title, so they sit under it). */
  function zoom(map) { L.control.zoom({position: "topleft"}).addTo(map); }

  var OVERVIEW = 150;  // the overview map's box with its margin (130 px, see overview()), drawn after the first fit

  /**
   * The padding that keeps a box of `want` = [width, height] (any unit: only the ratio counts) clear of the boxes in
   * the map's corners, as large as it can be: each box ({top, left, w, h}: its corner, and how far it reaches from
   * the corner's two edges) is kept off either by a band along the top or bottom edge or by one along the left or
   * right edge, and of the ways to do so the one that leaves `want` the largest scale is taken (a wide title over
   * narrow buttons: a band above the title, one beside the buttons), `margin` beyond each box. [left, top, right,
   * bottom] in pixels.
   */
  function clearPadding(size, boxes, want, margin) {
    var best = null, bestScale = -1;
    for (var way = 0; way < 1 << boxes.length; way++) {
      var pad = [0, 0, 0, 0];  // left, top, right, bottom: an edge with no box in the way gives its room
      boxes.forEach(function (c, i) {
        var side = way & (1 << i) ? (c.top ? 1 : 3) : (c.left ? 0 : 2);
        pad[side] = Math.max(pad[side], (side % 2 ? c.h : c.w) + margin);
      });
      var free = [size[0] - pad[0] - pad[2], size[1] - pad[1] - pad[3]];
      var scale = free[0] > 0 && free[1] > 0 ? Math.min(free[0] / want[0], free[1] / want[1]) : 0;
      if (scale > bestScale) { best = pad; bestScale = scale; }
    }
    return best;
  }

  /** The boxes in the map's four corners, each control on its own (and the overview map before it is drawn). */
  function cornerBoxes(map) {
    var frame = map.getContainer().getBoundingClientRect(), boxes = [];
    [["top", "left"], ["top", "right"], ["bottom", "left"], ["bottom", "right"]].forEach(function (where) {
      var corner = map.getContainer().querySelector(  // the map's own corner, not the overview map's inside it
        ":scope > .leaflet-control-container > .leaflet-" + where[0] + ".leaflet-" + where[1]);
      var top = where[0] === "top", left = where[1] === "left", lowest = 0;
      Array.prototype.forEach.call(corner ? corner.children : [], function (control) {
        var r = control.getBoundingClientRect();
        if (control.offsetParent === null || !r.width) { return; }
        var h = top ? r.bottom - frame.top : frame.bottom - r.top;
        boxes.push({top: top, left: left, w: left ? r.right - frame.left : frame.right - r.left, h: h});
        lowest = Math.max(lowest, h);
      });
      if (!top && left && overviewPending && !map.getContainer().classList.contains("atlas-narrow")) {
        boxes.push({top: false, left: true, w: OVERVIEW, h: lowest + OVERVIEW});
      }
    });
    return boxes.length <= 12 ? boxes : byCorner(boxes);  // 4096 ways at most
  }

  /** One box per corner holding every box in it. */
  function byCorner(boxes) {
    var merged = {};
    boxes.forEach(function (b) {
      var key = b.top + "" + b.left, m = merged[key] || (merged[key] = {top: b.top, left: b.left, w: 0, h: 0});
      m.w = Math.max(m.w, b.w);
      m.h = Math.max(m.h, b.h);
    });
    return Object.keys(merged).map(function (key) { return merged[key]; });
  }

  /**
   * Fit the view to [[south, west], [north, east]] at once (an animated fit leaves canvas paths unprojected), clear
   * of the boxes in the map's corners. The first fit gives the map its first view (layers/web/templates/map.html).
   */
  function fit(map, bounds) {
    var b = L.latLngBounds(bounds), size = map.getSize();
    var span = map.project(b.getNorthEast(), 0).subtract(map.project(b.getSouthWest(), 0));  // its shape, at any zoom
    var pad = clearPadding([size.x, size.y], cornerBoxes(map), [Math.abs(span.x) || 1, Math.abs(span.y) || 1], 8);
    map.fitBounds(b, {paddingTopLeft: [pad[0], pad[1]], paddingBottomRight: [pad[2], pad[3]], animate: false});
  }

  return {
    zoom: zoom, fit: fit, clearPadding: clearPadding, positionText: positionText, parsePosition: parsePosition, overview: overview,
    focusWithoutScroll: focusWithoutScroll, layerSwitch: layerSwitch, smallScreen: smallScreen, mapPosition: mapPosition,
    wheelZooms: wheelZooms, cooperativeWheel: cooperativeWheel,
  };
}());

if (typeof module !== "undefined") { module.exports = AtlasControls; }
