/*
 * The map page's API: every global the page defines and every event it fires, named here and nowhere else (and the
 * one way the page unpacks what Python packed: AtlasApi.unpacked). The
 * other scripts publish through AtlasApi.expose(key, value), read through AtlasApi.get(key) and fire through
 * AtlasApi.fire(key, detail); a host page (the app's component) and the tests use the window names below.
 * docs/architecture.md ("The map page's API") lists the same.
 *
 * Globals (window.<name>):
 *   atlasTime {date(), setDate(iso)}          the map's day, moved with no request (timecontrol.js)
 *   atlasLayers {shown(), show(keys)}         the layers shown (controls.js)
 *   atlasPosition {get(), set(text), home(), fit(bounds)}  where the map is, as "zoom/lat/lon"; fit: a new home
 *                                             fitted to [[south, west], [north, east]] (controls.js)
 *   atlasDetails {show(layer, latlng?, opener?), hide()}   the details panel (panel.js)
 *   atlasDecode(collection)                   decodes a feature collection's polyline-encoded geometries (vector.js)
 *   atlasLater(fn)                            queues work for after the map's first paint; fn may return a promise (vector.js)
 *   atlasDrawn                                true once that work (and what it promised) is done; snapshots and tests wait for it
 *   atlasStatusShown                          whether the treaty-status layer is on; the time control reads it (map.js)
 *
 * Events (on the document, as CustomEvent with `detail`):
 *   atlas:date {date}          the reader moved the date (timecontrol.js)
 *   atlas:layers {layers}      the reader ticked a layer (controls.js)
 *   atlas:position {position}  the reader moved the map and it came to rest (controls.js)
 *   atlas:moving {position}    the map is moving, at each step of a drag or zoom, not when atlasPosition.set moved
 *                              it (controls.js); a page of two maps keeps them together with it (compare.js)
 *   atlas:details {root}       a feature's details were shown (panel.js)
 */
/* global TinyInflate */
/* exported AtlasApi */
var AtlasApi = (function () {
  "use strict";
  var GLOBALS = {
    time: "atlasTime", layers: "atlasLayers", position: "atlasPosition", details: "atlasDetails",
    decode: "atlasDecode", later: "atlasLater", drawn: "atlasDrawn", statusShown: "atlasStatusShown",
  };
  var EVENTS = {
    date: "atlas:date", layers: "atlas:layers", position: "atlas:position", moving: "atlas:moving",
    details: "atlas:details",
  };

  function named(table, key) {
    if (!Object.prototype.hasOwnProperty.call(table, key)) { throw new Error("not in the page's API: " + key); }
    return table[key];
  }

  /** Publish a global of the page's API. */
  function expose(key, value) { window[named(GLOBALS, key)] = value; }

  /** A global of the page's API (undefined until its script has published it). */
  function get(key) { return window[named(GLOBALS, key)]; }

  /** Fire an event of the page's API on the document. */
  function fire(key, detail) { document.dispatchEvent(new CustomEvent(named(EVENTS, key), {detail: detail})); }

  /** Listen to an event of the page's API on the document. */
  function on(key, listener) { document.addEventListener(named(EVENTS, key), listener); }

  /**
   * The value Python packed as base64 gzip JSON (layers/web/html.py, packed_json), unpacked at once: a gzip member
   * with no optional header fields (10 bytes), the deflated bytes, their CRC and length (little-endian, 8 bytes),
   * inflated by tiny-inflate (the global TinyInflate) into a buffer of that length.
   */
  function unpacked(packed) {
    var bytes = Uint8Array.from(atob(packed), function (c) { return c.charCodeAt(0); });
    var n = bytes.length;
    if (n < 18 || bytes[0] !== 0x1f || bytes[1] !== 0x8b || bytes[2] !== 8 || bytes[3] !== 0) {
      throw new Error("not a packed value: expected gzip with no optional fields");
    }
    var size = (bytes[n - 4] | bytes[n - 3] << 8 | bytes[n - 2] << 16 | bytes[n - 1] << 24) >>> 0;
    var text = TinyInflate(bytes.subarray(10, n - 8), new Uint8Array(size));
    return JSON.parse(new TextDecoder().decode(text));
  }

  return {GLOBALS: GLOBALS, EVENTS: EVENTS, expose: expose, get: get, fire: fire, on: on, unpacked: unpacked};
}());

if (typeof module !== "undefined") { module.exports = AtlasApi; }
