// Unit tests of the time control's logic (layers/web/static/timecontrol.js), with no browser: `node --test tests/js`.
const test = require("node:test");
const assert = require("node:assert/strict");
const AtlasTime = require("../../layers/web/static/timecontrol.js");

test("a day is written the atlas's way, with the month names it is given", () => {
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  assert.equal(AtlasTime.dayText("2025-12-27", months), "27 Dec 2025");
  assert.equal(AtlasTime.dayText("2026-01-01", months), "1 Jan 2026");
});

test("days and milliseconds convert both ways in UTC", () => {
  for (const iso of ["1997-01-01", "2024-02-29", "2026-12-31"]) {
    assert.equal(AtlasTime.toIso(AtlasTime.toDay(iso)), iso);
  }
  assert.equal(AtlasTime.toDay("1997-01-02") - AtlasTime.toDay("1997-01-01"), 86400000);
});

test("the interval in force on a day is the last one starting on or before it", () => {
  const intervals = [
    ["1997-01-01", "party", "a"],
    ["2025-06-27", "withdrawal_notified", "b"],
    ["2025-12-27", "withdrawn", "c"],
  ];
  assert.equal(AtlasTime.at(intervals, "1996-12-31"), null);
  assert.equal(AtlasTime.at(intervals, "2025-06-26")[1], "party");
  assert.equal(AtlasTime.at(intervals, "2025-06-27")[1], "withdrawal_notified");
  assert.equal(AtlasTime.at(intervals, "2030-01-01")[1], "withdrawn");
  assert.equal(AtlasTime.at(undefined, "2025-01-01"), null);
});

test("the previous and next event are the nearest days before and after, none past the ends", () => {
  const days = ["2023-11-18", "2025-06-27", "2025-12-27"];
  assert.equal(AtlasTime.stepTarget(days, "2025-06-26", 1), "2025-06-27");
  assert.equal(AtlasTime.stepTarget(days, "2025-06-27", 1), "2025-12-27");
  assert.equal(AtlasTime.stepTarget(days, "2025-06-27", -1), "2023-11-18");
  assert.equal(AtlasTime.stepTarget(days, "2025-12-27", 1), null);
  assert.equal(AtlasTime.stepTarget(days, "2023-11-18", -1), null);
});

test("a typed day is read as the atlas writes it or as ISO, and nothing else", () => {
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  assert.equal(AtlasTime.parseDay("1 Jun 2025", months), "2025-06-01");
  assert.equal(AtlasTime.parseDay(" 27 dec 2025 ", months), "2025-12-27");
  assert.equal(AtlasTime.parseDay("27 December 2025", months), "2025-12-27");
  assert.equal(AtlasTime.parseDay("2025-06-01", months), "2025-06-01");
  assert.equal(AtlasTime.parseDay("2024-2-29", months), "2024-02-29");
  for (const bad of ["06/01/2025", "2025-02-30", "1 Foo 2025", "", "2025", "32 Jan 2025"]) {
    assert.equal(AtlasTime.parseDay(bad, months), null, bad);
  }
});

test("each feature is found once through its groups, whether or not the map holds it yet", () => {
  const feature = (name) => ({feature: {properties: {name}}});
  const group = (...layers) => ({eachLayer: (fn) => layers.forEach(fn)});
  const [a, b, c] = [feature("a"), feature("b"), {}];
  const collection = Object.assign(group(c), feature("collection"));  // a feature drawn as a group of paths
  const land = group(a, b), plans = group(collection);
  const found = (...top) => {
    const names = [];
    AtlasTime.eachFeature({eachLayer: (fn) => top.forEach(fn)}, (layer) => names.push(layer.feature.properties.name));
    return names.sort();
  };
  assert.deepEqual(found(land, plans), ["a", "b", "collection"]);  // before the map's first view: groups only
  assert.deepEqual(found(land, a, b, plans, collection, c), ["a", "b", "collection"]);  // after it: no feature twice
});
