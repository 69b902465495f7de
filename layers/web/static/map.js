/*
 * What the map does in the page beyond drawing: the treaty-status colours that follow the layer switch, the names
 * that thin out when the map is zoomed out, the boxes of fixed HTML (title, legend), the attribution, and the
 * palette's colours for the sea and the status badges.
 *
 * layers/status.py, layers/names.py and layers/furniture.py inline this file and call AtlasMap's functions.
 *
 * Publishes through AtlasApi (api.js): atlasStatusShown; uses atlasTime.
 */
/* global AtlasApi */
/* exported AtlasMap */
var AtlasMap = (function () {
  "use strict";

  /**
   * Colour the countries by status while `toggle` (the status layer's group) is on the map, as plain `land` while
   * it is not; with the map's own time (window.atlasTime), by the status on the map's day. `opacity[status]` is the
   * fill's opacity (layers/style.py STATUS_FILL_OPACITY).
   */
  function statusColours(map, toggle, land, opacity) {
    function paint() {
      var on = map.hasLayer(toggle);
      AtlasApi.expose("statusShown", on);
      var time = AtlasApi.get("time");
      if (on && time) { time.setDate(time.date()); return; }
      map.eachLayer(function (layer) {
        var p = layer.feature && layer.feature.properties;
        if (!p || !p.iso3) { return; }
        layer.setStyle(on ? {fillColor: p.colour, fillOpacity: opacity[p.status || ""]} : {fillColor: land, fillOpacity: 1});
      });
    }
    map.on("layeradd layerremove", function (event) { if (event.layer === toggle) { paint(); } });
  }

  /** Zoomed out (below zoom 6), country names only: the capitals' dots turn transparent and "atlas-far" hides names. */
  function farNames(map, capitals) {
    function mark() {
      var far = map.getZoom() < 6;
      map.getContainer().classList.toggle("atlas-far", far);
      capitals.eachLayer(function (layer) { layer.setStyle({opacity: far ? 0 : 1, fillOpacity: far ? 0 : 1}); });
    }
    map.on("zoomend", mark);
    mark();
  }

  var SIDES = {right: [4, 0], left: [-4, 0], top: [0, -4], bottom: [0, 4]};

  /**
   * No name lies on another: after each zoom, and when layers come and go, the measurements (the Suwałki width) and
   * then the names, in the order layers/web/names.py gives them (the focus countries first, then the larger, then the
   * capitals), are placed one by one; a capital's name that would meet one already placed tries the other sides of
   * its dot, and a name with no free side is hidden (class atlas-crowded) until a zoom makes room for it.
   */
  function declutter(map) {
    var queued = false, first = new WeakMap();  // each tooltip's own side
    function tooltips() {
      var found = new Map();
      map.eachLayer(function (layer) {
        var t = layer.getTooltip && layer.getTooltip(), e = t && t.options.permanent && t.getElement();
        if (e && e.parentNode) { found.set(e, t); }
      });
      var pane = map.getPane("tooltipPane");
      return [".atlas-label", ".atlas-name"].reduce(function (all, selector) {
        return all.concat(Array.prototype.filter.call(pane.querySelectorAll(selector), function (e) { return found.has(e); })
          .map(function (e) { return found.get(e); }));
      }, []);
    }
    function place(t, side) {
      t.options.direction = side;
      t.options.offset = SIDES[side] || [0, 0];
      t.update();
    }
    function run() {
      queued = false;
      var placed = [];
      tooltips().forEach(function (t) {
        var e = t.getElement();
        if (!first.has(t)) { first.set(t, t.options.direction); }
        e.classList.remove("atlas-crowded");
        var own = first.get(t), sides = e.classList.contains("capital") ? [own].concat(Object.keys(SIDES).filter(function (s) { return s !== own; })) : [own];
        for (var i = 0; i < sides.length; i++) {
          if (t.options.direction !== sides[i]) { place(t, sides[i]); }
          var r = e.getBoundingClientRect();
          if (!r.width) { return; }  // hidden at this zoom (atlas-far)
          if (!placed.some(function (k) { return r.left < k.right && k.left < r.right && r.top < k.bottom && k.top < r.bottom; })) {
            placed.push(r);
            return;
          }
        }
        place(t, own);
        e.classList.add("atlas-crowded");
      });
    }
    function soon() { if (!queued) { queued = true; requestAnimationFrame(run); } }
    map.on("zoomend layeradd layerremove", soon);
    AtlasApi.get("later")(run);  // the names measure themselves after the first paint
  }

  /** A Leaflet control holding fixed HTML (built and escaped by layers/furniture.py), at a corner of the map. */
  function control(map, position, cssClass, html) {
    var box = L.control({position: position});
    box.onAdd = function () {
      var div = L.DomUtil.create("div", cssClass);
      div.innerHTML = html;
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    box.addTo(map);
    if (position === "bottomright") { keepBelowTopRight(map, box.getContainer()); }
  }

  /**
   * A box in the bottom-right corner never reaches the controls stacked in the top-right corner (layers, date) nor
   * those of the bottom-left corner (scale, overview): its height is capped at the room below the one and its width
   * at the room beside the other (never over the stylesheet's own cap), and both follow when a corner or the map
   * changes size.
   */
  function keepBelowTopRight(map, div) {
    var controls = ":scope > .leaflet-control-container > ";
    var corner = map.getContainer().querySelector(controls + ".leaflet-top.leaflet-right");
    var beside = map.getContainer().querySelector(controls + ".leaflet-bottom.leaflet-left");
    var widest = parseFloat(getComputedStyle(div).maxWidth) || Infinity;
    function fit() {
      var top = corner.getBoundingClientRect().bottom, box = div.getBoundingClientRect();
      div.style.maxHeight = Math.max(48, Math.floor(box.bottom - top - 10)) + "px";
      var left = beside.getBoundingClientRect();
      var room = left.width ? Math.floor(box.right - left.right - 10) : Infinity;
      div.style.maxWidth = room < widest ? Math.max(120, room) + "px" : "";
    }
    if (!corner || !beside || typeof ResizeObserver === "undefined") { return; }
    var watch = new ResizeObserver(fit);
    watch.observe(corner);
    watch.observe(beside);
    watch.observe(map.getContainer());
    map.on("resize", fit);
  }

  /** A text in the map's attribution control (shown even with no basemap), without Leaflet's prefix. */
  function attribution(map, text) { map.attributionControl.setPrefix(false).addAttribution(text); }

  /**
   * The colours the page takes from the palette (layers/style.py): the sea behind the countries (null: a basemap
   * is drawn) and each status's badge, colours.badges[status] = [background, text].
   */
  function palette(map, colours) {
    if (colours.sea) { map.getContainer().style.background = colours.sea; }
    var sheet = document.head.appendChild(document.createElement("style")).sheet;
    Object.keys(colours.badges).forEach(function (status) {
      var pair = colours.badges[status];
      sheet.insertRule(".badge-" + CSS.escape(status) + "{background:" + pair[0] + ";color:" + pair[1] + "}", sheet.cssRules.length);
    });
  }

  return {statusColours: statusColours, farNames: farNames, declutter: declutter, control: control, attribution: attribution, palette: palette};
}());
