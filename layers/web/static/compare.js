/*
 * A page of two maps of one record side by side, one per date, that move together (layers/web/compare.py).
 *
 * The page holds the map page once (the same offline page an export writes, with its own time), packed as base64
 * gzip JSON; compare.html calls AtlasCompare.open(packed) and each <iframe data-date="YYYY-MM-DD"> gets that
 * page as its srcdoc (no request: the page is in this one), is set to its date through the map page's own API
 * (its AtlasApi: atlasTime.setDate), and follows the other's moves (atlas:moving → atlasPosition.set, which fires no
 * move of its own). Nothing here names a global of the map page's API but through that page's AtlasApi.
 */
/* global AtlasApi */
/* exported AtlasCompare */
var AtlasCompare = (function () {
  "use strict";

  /**
   * Keep maps together: each map is {on(listener), get(), set(position)}; when one moves (on calls its listener with
   * the position), every other is set there, unless it is already there. A set made while following is not followed
   * again (no echo, however a map reports it).
   */
  function link(maps) {
    var following = false;
    maps.forEach(function (source) {
      source.on(function (position) {
        if (following) { return; }
        following = true;
        try {
          maps.forEach(function (other) {
            if (other !== source && other.get() !== position) { other.set(position); }
          });
        } finally {
          following = false;
        }
      });
    });
  }

  /** A map page's API in a frame, once its page has drawn (a promise). */
  function drawn(frame) {
    return new Promise(function (resolve) {
      (function wait() {
        var api = frame.contentWindow && frame.contentWindow.AtlasApi;
        if (api && api.get("drawn") === true && api.get("position") && api.get("time")) { resolve(api); return; }
        setTimeout(wait, 50);
      }());
    });
  }

  /** Load the packed map page into each dated frame, set each to its date and keep them together. */
  function open(packed) {
    var frames = Array.prototype.slice.call(document.querySelectorAll("iframe[data-date]"));
    var html = AtlasApi.unpacked(packed);
    frames.forEach(function (frame) { frame.srcdoc = html; });
    Promise.all(frames.map(drawn)).then(function (apis) {
      apis.forEach(function (api, i) { api.get("time").setDate(frames[i].dataset.date); });
      var maps = apis.map(function (api) {
        return {
          on: function (listener) { api.on("moving", function (event) { listener(event.detail.position); }); },
          get: function () { return api.get("position").get(); },
          set: function (position) { api.get("position").set(position); },
        };
      });
      link(maps);
      maps[1].set(maps[0].get());  // the same frame to begin with
      document.documentElement.dataset.compared = "yes";  // both maps drawn, dated and linked (tests wait for it)
    });
  }

  return {link: link, open: open};
}());

if (typeof module !== "undefined") { module.exports = AtlasCompare; }
