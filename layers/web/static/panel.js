/*
 * The details panel: a click on a country, border, plan or the Suwałki Gap opens its details in a panel of the page
 * beside the map (under it on a phone), not in a popup; the map gives it room, the feature is outlined and kept in
 * view. The legend's finder (#atlas-find) opens any feature shown from the keyboard; Escape or the close button
 * closes the panel and returns the focus to where it came from.
 *
 * layers/panel.py inlines this file and calls AtlasPanel.install(map, NARROW, packed) (NARROW: the map width in px
 * under which the title and date control turn compact; packed: the features' details, each feature holding the
 * number of its own, and the sources they cite, each once, which a details block refers to by number as
 * <span data-cite=N></span>: layers/cites.py). Each citation is written out as text nodes, never as HTML.
 *
 * Publishes through AtlasApi (api.js): atlasDetails and atlas:details; uses atlasLater.
 */
/* global AtlasApi */
/* exported AtlasPanel */
var AtlasPanel = (function () {
  "use strict";

  /**
   * A row of the citations table as the pieces of its citation: [grade, seed, quote] gives the seed file and its
   * quote, [grade, publisher, title, date, url] the publisher (linked to the address), title and date; then the grade.
   * Each piece is {text} or {tag, text, href?, className?}.
   */
  function citationParts(row) {
    var parts = [];
    if (row.length === 3) {
      parts.push({text: "seeds/" + row[1] + ": \u201c" + row[2] + "\u201d"});
    } else {
      parts.push(row[4] ? {tag: "a", href: row[4], text: row[1]} : {text: row[1]});
      parts.push({text: ", " + row[2] + (row[3] ? " (" + row[3] + ")" : "")});
    }
    parts.push({text: " "}, {tag: "small", className: "grade", text: "[" + row[0] + "]"});
    return parts;
  }

  /** Every citation reference under `root` (<span data-cite=N>) filled in from the table, as text. */
  function cite(root, citations) {
    root.querySelectorAll("span[data-cite]").forEach(function (span) {
      var row = citations[+span.getAttribute("data-cite")];
      if (!row) { return; }
      span.className = "src";
      span.removeAttribute("data-cite");
      citationParts(row).forEach(function (part) {
        if (!part.tag) { span.appendChild(document.createTextNode(part.text)); return; }
        var node = document.createElement(part.tag);
        node.textContent = part.text;
        if (part.className) { node.className = part.className; }
        if (part.href) { node.href = part.href; node.target = "_blank"; node.rel = "noopener noreferrer"; }
        span.appendChild(node);
      });
    });
  }

  /**
   * Build the panel beside the map and wire the legend's buttons and finder to it. `packed`: the features' details
   * and the sources they cite, compressed (AtlasApi.unpacked); a feature holds the number of its details, from 1.
   * They are unpacked when details are first shown.
   */
  function install(map, NARROW, packed) {
    var citations = null, details = null;
    var box = map.getContainer(), stage = document.createElement("div");
    stage.className = "atlas-stage";
    box.parentNode.insertBefore(stage, box);
    stage.appendChild(box);
    var panel = document.createElement("div");
    panel.className = "atlas-details";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-labelledby", "atlas-details-title");
    panel.hidden = true;
    panel.innerHTML = '<div class="atlas-details-bar"><button type="button" class="atlas-details-close" aria-label="Close details" title="Close (Esc)">\u00d7</button></div><div class="atlas-details-body" tabindex="-1"></div>';
    stage.appendChild(panel);
    var body = panel.querySelector(".atlas-details-body"), opener = null;
    map.createPane("atlas-selected").style.zIndex = 460;  // the outline of the feature shown, above the parts (450)
    map.getPane("atlas-selected").style.pointerEvents = "none";
    var outline = null;
    function mark(layer) {  // an outline of its own (no feature): the layer's shape, dashed black, above everything
      if (outline) { map.removeLayer(outline); outline = null; }
      if (!layer) { return; }
      var style = {pane: "atlas-selected", interactive: false, color: "#000", weight: 3, dashArray: "5 4", fill: false};
      outline = layer.getLatLng ? L.circleMarker(layer.getLatLng(), Object.assign({radius: 11}, style))
        : layer instanceof L.Polygon ? L.polygon(layer.getLatLngs(), style) : L.polyline(layer.getLatLngs(), style);
      outline.addTo(map);
    }
    // on a map made narrow by the panel, the legend folds and the layer switcher collapses (as on a phone), so they
    // do not cover the feature shown; closing the panel unfolds what it folded
    var folded = [];
    function roomy(wide) {
      box.classList.toggle("atlas-narrow", map.getSize().x < NARROW);  // compact title and date control
      if (wide) {
        folded.forEach(function (undo) { undo(); });
        folded = [];
        return;
      }
      document.querySelectorAll(".atlas-legend details.atlas-fold").forEach(function (d) {
        if (d.open) { d.open = false; folded.push(function () { d.open = true; }); }
      });
      document.querySelectorAll(".leaflet-control-layers-expanded").forEach(function (c) {
        c.classList.remove("leaflet-control-layers-expanded");
        folded.push(function () { c.classList.add("leaflet-control-layers-expanded"); });
      });
    }
    function where(layer) {
      if (layer.getLatLng) { return layer.getLatLng(); }
      try { return layer.getCenter(); } catch { return layer.getBounds().getCenter(); }
    }
    /** Whether a point of the map (container pixels) lies under one of its controls (legend, title, date, ...). */
    function underControl(point) {
      var frame = map.getContainer().getBoundingClientRect(), x = frame.left + point.x, y = frame.top + point.y;
      return Array.prototype.some.call(map.getContainer().querySelectorAll(".leaflet-control"), function (control) {
        var r = control.getBoundingClientRect();
        return control.offsetParent !== null && r.left - 8 <= x && x <= r.right + 8 && r.top - 8 <= y && y <= r.bottom + 8;
      });
    }
    function show(layer, latlng, from) {
      if (!details) {
        var tables = AtlasApi.unpacked(packed);
        citations = tables.citations;
        details = tables.details;
      }
      var p = layer.feature.properties;
      opener = from || null;
      body.innerHTML = details[p.details - 1];
      cite(body, citations);
      var heading = body.querySelector("h2");
      if (heading) { heading.id = "atlas-details-title"; }
      panel.hidden = false;
      stage.classList.add("atlas-with-details");
      map.invalidateSize({pan: false});
      roomy(map.getSize().x >= NARROW);
      mark(layer);
      var target = latlng || where(layer);
      if (!map.getBounds().pad(-0.1).contains(target) || underControl(map.latLngToContainerPoint(target))) {
        map.panTo(target, {animate: false});  // to the middle of the map, clear of the boxes in its corners
      }
      body.scrollTop = 0;
      AtlasApi.fire("details", {root: body});
      body.focus({preventScroll: true});
    }
    function hide() {
      if (panel.hidden) { return; }
      panel.hidden = true;
      stage.classList.remove("atlas-with-details");
      body.textContent = "";
      mark(null);
      map.invalidateSize({pan: false});
      roomy(true);
      var back = opener;
      opener = null;
      (back && document.contains(back) ? back : box).focus({preventScroll: true});
    }
    panel.querySelector(".atlas-details-close").addEventListener("click", hide);
    document.addEventListener("keydown", function (event) { if (event.key === "Escape") { hide(); } });
    function findCountry(code) {
      var found = null;
      map.eachLayer(function (layer) {
        var p = layer.feature && layer.feature.properties;
        if (p && p.iso3 === code && (!p.part || p.part === "mainland") && p.details) { found = layer; }
      });
      return found;
    }
    document.querySelectorAll("button[data-open-iso3]").forEach(function (button) {
      button.addEventListener("click", function () {
        var found = findCountry(button.getAttribute("data-open-iso3"));
        if (found) { show(found, null, button); }
      });
    });
    // the finder: every feature the map shows now, by kind and name (filled afresh when it takes the focus)
    var select = document.getElementById("atlas-find"), listed = [];
    function fill() {
      var groups = {"Countries": {}, "Borders": {}, "Plans": {}, "Suwałki Gap": {}};
      map.eachLayer(function (layer) {
        var p = layer.feature && layer.feature.properties;
        if (!p || !p.details || !p.title) { return; }
        var group = p.iso3 ? "Countries" : p.stage ? "Plans" : p.pair ? "Borders" : "Suwałki Gap";
        var label = p.title + (p.iso3 && p.part && p.part !== "mainland" ? " (" + p.part + ")" : "");
        if (!groups[group][label]) { groups[group][label] = layer; }
      });
      var keep = select.value && listed[+select.value] ? listed[+select.value] : null;
      select.textContent = "";
      listed = [];
      Object.keys(groups).forEach(function (name) {
        var labels = Object.keys(groups[name]).sort(function (a, b) { return a.localeCompare(b); });
        if (!labels.length) { return; }
        var group = document.createElement("optgroup");
        group.label = name;
        labels.forEach(function (label) {
          var option = document.createElement("option");
          option.value = String(listed.length);
          option.textContent = label;
          option.selected = groups[name][label] === keep;
          listed.push(groups[name][label]);
          group.appendChild(option);
        });
        select.appendChild(group);
      });
    }
    if (select) {
      AtlasApi.get("later")(fill);  // after the first paint; filled afresh whenever it takes the focus
      select.addEventListener("focus", fill);
      document.getElementById("atlas-find-open").addEventListener("click", function (event) {
        var layer = listed[+select.value];
        if (layer) { show(layer, null, event.currentTarget); }
      });
      // the arrow keys move through the features, Enter opens the one chosen (Escape comes back here)
      select.addEventListener("keydown", function (event) {
        var layer = listed[+select.value];
        if (event.key !== "Enter" || !layer) { return; }
        event.preventDefault();
        show(layer, null, select);
      });
    }
    AtlasApi.expose("details", {show: show, hide: hide});
  }

  return {install: install, citationParts: citationParts};
}());

if (typeof module !== "undefined") { module.exports = AtlasPanel; }
