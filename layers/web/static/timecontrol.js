/*
 * The map's own time: a date control in the map (a slider over the record's span, play and pause, the previous and
 * next event, the date typed) that restyles countries, plan bands and located parts and updates the title, legend,
 * tooltips and details in the page from the record's intervals (geo.history), with no request and no reload.
 *
 * layers/timecontrol.py inlines this file and calls AtlasTime.control(map, data, look, initial) with the record's
 * intervals (data), how each state looks (look) and the day shown (initial), all as JSON.
 *
 * Publishes through AtlasApi (api.js): atlasTime and atlas:date; listens to atlas:details, reads atlasStatusShown.
 * Text from the data is only ever set as textContent.
 */
/* global AtlasApi */
/* exported AtlasTime */
var AtlasTime = (function () {
  "use strict";
  var DAY = 86400000;

  /** Milliseconds since 1970 of a YYYY-MM-DD day (UTC). */
  function toDay(iso) { return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)); }

  /** The YYYY-MM-DD day of a time in milliseconds (UTC). */
  function toIso(ms) { return new Date(ms).toISOString().slice(0, 10); }

  /**
   * A day as the atlas writes it, "27 Dec 2025", with the month names the atlas uses (geo.dates.MONTHS, handed over
   * as look.months); tests/test_page_code.py checks it against geo.dates.day_text day by day.
   */
  function dayText(iso, months) { return (+iso.slice(8, 10)) + " " + months[+iso.slice(5, 7) - 1] + " " + iso.slice(0, 4); }

  /**
   * The YYYY-MM-DD day a reader typed, as the atlas writes it ("1 Jun 2025", month names from `months`, any case)
   * or as ISO ("2025-06-01"), or null when it is neither or no such day.
   */
  function parseDay(text, months) {
    var s = String(text).trim(), iso = null;
    var m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
    if (m) { iso = [m[1], m[2], m[3]]; }
    var w = /^(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})$/.exec(s);
    if (!iso && w) {
      var month = months.map(function (x) { return x.toLowerCase(); }).indexOf(w[2].toLowerCase()) + 1;
      if (month > 0) { iso = [w[3], String(month), w[1]]; }
    }
    if (!iso) { return null; }
    var day = iso[0] + "-" + ("0" + iso[1]).slice(-2) + "-" + ("0" + iso[2]).slice(-2);
    return toIso(toDay(day)) === day ? day : null;  // 2025-02-30 is no day
  }

  /** The interval [from, value, text] in force on a day: the last one starting on or before it (null before). */
  function at(intervals, iso) {
    var found = null;
    for (var i = 0; intervals && i < intervals.length && intervals[i][0] <= iso; i++) { found = intervals[i]; }
    return found;
  }

  /** The next (direction > 0) or previous event day from `current` among the sorted `days`, or null. */
  function stepTarget(days, current, direction) {
    if (direction > 0) {
      for (var i = 0; i < days.length; i++) { if (days[i] > current) { return days[i]; } }
    } else {
      for (var j = days.length - 1; j >= 0; j--) { if (days[j] < current) { return days[j]; } }
    }
    return null;
  }

  /**
   * Each feature of the map's layers, found through their groups: the map holds the features themselves only once
   * it has a view (layers/web/templates/map.html), and the day is set before, so the first view is drawn once.
   */
  function eachFeature(map, fn) {
    var seen = new Set();
    function walk(layer) {
      if (seen.has(layer)) { return; }
      seen.add(layer);
      if (layer.feature) { fn(layer); }
      if (layer.eachLayer) { layer.eachLayer(walk); }
    }
    map.eachLayer(walk);
  }

  /**
   * Give the map its time (`packed`: the record's intervals, AtlasApi.unpacked): restyle it for `initial` and, unless
   * look.interactive is false, add the date control.
   */
  function control(map, packed, look, initial) {
    var data = AtlasApi.unpacked(packed);
    var countries = [], bands = [], parts = [];
    eachFeature(map, function (layer) {
      var p = layer.feature.properties;
      if (!p) { return; }
      if (p.iso3 && data.countries[p.iso3]) { countries.push(layer); }
      else if (p.located === false && p.planIds) { bands.push(layer); }
      else if (p.located === true && p.part) { parts.push(layer); }
    });
    function place(layer, show) {
      var group = layer.atlasGroup || (layer.atlasGroup = layer._eventParents && Object.values(layer._eventParents)[0]);
      if (!group) { return; }
      if (show && !group.hasLayer(layer)) { group.addLayer(layer); }
      if (!show && group.hasLayer(layer)) { group.removeLayer(layer); }
    }
    function tip(layer, bold, rest) {
      var box = document.createElement("span"), b = document.createElement("b");
      b.textContent = bold; box.appendChild(b); box.appendChild(document.createTextNode(rest));
      layer.setTooltipContent(box);
    }
    var current = initial;
    function setDate(iso, quiet) {
      if (iso < data.first) { iso = data.first; }
      if (iso > data.last) { iso = data.last; }
      current = iso;
      var present = {};
      countries.forEach(function (layer) {
        var p = layer.feature.properties, s = at(data.countries[p.iso3], iso);
        var status = s ? s[1] : "";
        present[status] = true;
        if (look.statusLayer && AtlasApi.get("statusShown") !== false) {
          layer.setStyle({fillColor: look.statusColours[status], fillOpacity: look.statusOpacity[status]});
        }
        tip(layer, p.title, status ? ": " + look.statusLabels[status] : "");
      });
      bands.forEach(function (layer) {
        var p = layer.feature.properties, best = -1, known = 0;
        p.planIds.forEach(function (id) {
          var s = at(data.plans[id], iso);
          if (s && s[1]) { known += 1; best = Math.max(best, look.stages.indexOf(s[1])); }
        });
        place(layer, known > 0);
        if (known > 0) {
          var stage = look.stages[best];
          layer.setStyle(Object.assign({color: look.planColour, lineCap: "butt", dashArray: null}, look.bandStyles[stage]));
          tip(layer, known + (known > 1 ? " plans" : " plan") + " named for " + p.pair + ", not located",
              " · furthest: " + look.stageLabels[stage]);
        }
      });
      parts.forEach(function (layer) {
        var p = layer.feature.properties, s = at(data.parts[p.part], iso);
        place(layer, !!(s && s[1]));
        if (s && s[1]) {
          var group = look.stageGroups[s[1]], point = !layer.getLatLngs;
          var style = Object.assign({color: look.kindColours[p.kind], dashArray: null},
                                    (point ? look.pointStyles : look.lineStyles)[group]);
          if (point) { style.fillColor = look.kindColours[p.kind]; }
          if (p.kind === "closed_crossing") { Object.assign(style, look.closedStyle); }
          layer.setStyle(style);
          tip(layer, look.kindLabels[p.kind], ": " + p.title + " · " + s[2]);
        }
      });
      document.querySelectorAll(".atlas-date").forEach(function (e) { e.textContent = dayText(iso, look.months); });
      document.querySelectorAll(".atlas-reach-notice").forEach(function (e) { e.hidden = iso <= e.getAttribute("data-verified"); });
      document.querySelectorAll(".atlas-legend [data-status]").forEach(function (e) {
        e.style.display = present[e.getAttribute("data-status")] ? "" : "none";
      });
      refresh(document.querySelector(".atlas-details-body"));
      refresh(document.querySelector(".atlas-table"));
      if (control) { control.show(iso); }
      if (!quiet) { AtlasApi.fire("date", {date: iso}); }
    }
    function refresh(root) {
      if (!root) { return; }
      root.querySelectorAll(".atlas-day").forEach(function (e) { e.textContent = dayText(current, look.months); });
      root.querySelectorAll(".status[data-iso3]").forEach(function (e) {
        var s = at(data.countries[e.getAttribute("data-iso3")], current);
        if (!s) { return; }
        var badge = e.querySelector(".badge"), why = e.querySelector(".why");
        badge.textContent = look.statusLabels[s[1]]; badge.className = "badge badge-" + s[1];
        why.textContent = s[2];
      });
      root.querySelectorAll("li[data-date]").forEach(function (e) {
        e.classList.toggle("future", e.getAttribute("data-date") > current);
      });
      root.querySelectorAll("[data-plan]").forEach(function (e) {
        var s = at(data.plans[e.getAttribute("data-plan")], current), stage = e.querySelector(".stage");
        e.style.display = s && s[1] ? "" : "none";
        if (s && s[1] && stage) { stage.textContent = s[2]; }
      });
      root.querySelectorAll("[data-part]").forEach(function (e) {
        var s = at(data.parts[e.getAttribute("data-part")], current), stage = e.querySelector(".stage");
        if (s && s[1] && stage) { stage.textContent = s[2]; }
      });
    }
    AtlasApi.on("details", function (event) { refresh(event.detail.root); });
    var control = null;
    if (look.interactive) {
      var Time = L.Control.extend({
        options: {position: "topright"},  // under the layer switcher: top left, it covered Norway and Finland
        onAdd: function () {
          var box = L.DomUtil.create("div", "atlas-box atlas-time");
          box.setAttribute("role", "group");
          box.setAttribute("aria-label", "Date of the map");
          var first = toDay(data.first), last = toDay(data.last);
          function button(text, label, cls) {
            var b = L.DomUtil.create("button", cls, box);
            b.type = "button"; b.textContent = text; b.title = label; b.setAttribute("aria-label", label);
            return b;
          }
          var prev = button("\u2039", "Previous event", "prev");
          var play = button("\u25B6", "Play", "play");
          var next = button("\u203A", "Next event", "next");
          var slider = L.DomUtil.create("input", "slider", box);
          slider.type = "range"; slider.min = 0; slider.max = Math.round((last - first) / DAY); slider.step = 1;
          slider.setAttribute("aria-label", "Date slider");
          // the day as the atlas writes it, never the browser's locale; a typed ISO day is taken too
          var typed = L.DomUtil.create("input", "typed", box);
          typed.type = "text"; typed.size = 11; typed.spellcheck = false; typed.autocomplete = "off";
          typed.setAttribute("aria-label", "Date (for example " + dayText(data.last, look.months) + " or " + data.last + ")");
          var said = L.DomUtil.create("span", "atlas-said", box);  // read aloud when the date changes
          said.setAttribute("role", "status"); said.setAttribute("aria-live", "polite");
          L.DomEvent.disableClickPropagation(box);
          L.DomEvent.disableScrollPropagation(box);
          var timer = null;
          function stop() { if (timer) { clearInterval(timer); timer = null; } play.textContent = "\u25B6"; play.title = "Play"; play.setAttribute("aria-label", "Play"); }
          function step(direction) {
            var target = stepTarget(data.days, current, direction);
            if (target) { setDate(target); } else { stop(); }
            return target;
          }
          prev.onclick = function () { stop(); step(-1); };
          next.onclick = function () { stop(); step(1); };
          play.onclick = function () {
            if (timer) { stop(); return; }
            play.textContent = "\u2016"; play.title = "Pause"; play.setAttribute("aria-label", "Pause");
            timer = setInterval(function () { if (!step(1)) { stop(); } }, 900);
          };
          slider.oninput = function () { stop(); setDate(toIso(first + slider.value * DAY)); };
          function apply() {
            var iso = parseDay(typed.value, look.months);
            typed.setAttribute("aria-invalid", iso ? "false" : "true");
            if (iso) { stop(); setDate(iso); }
          }
          typed.onchange = apply;
          typed.onkeydown = function (event) { if (event.key === "Enter") { event.preventDefault(); apply(); } };
          this.show = function (iso) {
            var text = dayText(iso, look.months);
            slider.value = Math.round((toDay(iso) - first) / DAY);
            slider.setAttribute("aria-valuetext", text);
            typed.value = text;
            typed.setAttribute("aria-invalid", "false");
            prev.disabled = stepTarget(data.days, iso, -1) === null;
            next.disabled = stepTarget(data.days, iso, 1) === null;
            play.disabled = next.disabled;  // nothing left to play
            said.textContent = "Map date " + text;
          };
          return box;
        }
      });
      control = new Time().addTo(map);
    }
    AtlasApi.expose("time", {date: function () { return current; }, setDate: function (iso) { setDate(iso, true); }});
    setDate(initial, true);
  }

  return {toDay: toDay, toIso: toIso, dayText: dayText, parseDay: parseDay, at: at, stepTarget: stepTarget, eachFeature: eachFeature,
          control: control};
}());

if (typeof module !== "undefined") { module.exports = AtlasTime; }
