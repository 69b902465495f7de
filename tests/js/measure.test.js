// Unit tests of the map's measuring tool (layers/web/static/measure.js): `node --test tests/js`.
const test = require("node:test");
const assert = require("node:assert/strict");
const AtlasMeasure = require("../../layers/web/static/measure.js");

test("a great-circle distance: a degree of the meridian, and Helsinki to Tallinn", () => {
  // a degree of latitude on the mean sphere is 2 pi R / 360
  assert.ok(Math.abs(AtlasMeasure.distance([60, 25], [61, 25]) - 2 * Math.PI * 6371008.8 / 360) < 1e-6);
  // Helsinki (60.1699 N, 24.9384 E) to Tallinn (59.4370 N, 24.7536 E): about 82 km
  const km = AtlasMeasure.distance([60.1699, 24.9384], [59.437, 24.7536]) / 1000;
  assert.ok(km > 81.5 && km < 82.5, km);
});

test("a path's length is the sum of its legs, and a point alone has none", () => {
  const path = [[60, 25], [61, 25], [61, 26]];
  const legs = AtlasMeasure.distance(path[0], path[1]) + AtlasMeasure.distance(path[1], path[2]);
  assert.equal(AtlasMeasure.pathLength(path), legs);
  assert.equal(AtlasMeasure.pathLength([[60, 25]]), 0);
});

test("the area of a one-degree cell at the equator and a reversed ring; no area below three points", () => {
  const cell = [[0, 0], [0, 1], [1, 1], [1, 0]];
  const expected = Math.pow(6371008.8 * Math.PI / 180, 2) * Math.sin(Math.PI / 180) / (Math.PI / 180);  // R² dλ sin dφ
  assert.ok(Math.abs(AtlasMeasure.ringArea(cell) / expected - 1) < 1e-9);
  assert.equal(AtlasMeasure.ringArea(cell.slice().reverse()), AtlasMeasure.ringArea(cell));
  assert.equal(AtlasMeasure.ringArea([[0, 0], [0, 1]]), 0);
});

test("the box writes km and miles with commas in any locale, and the area from three points on", () => {
  assert.equal(AtlasMeasure.grouped(1234567.891, 1), "1,234,567.9");
  assert.equal(AtlasMeasure.grouped(999.5, 0), "1,000");
  assert.equal(AtlasMeasure.resultText([[60, 25]]), "Click the map to add points.");
  assert.match(AtlasMeasure.resultText([[60, 25], [61, 25]]), /^Length 111\.2 km \(69\.1 mi\)$/);
  assert.match(AtlasMeasure.resultText([[0, 0], [0, 1], [1, 1], [1, 0]]), /^Length 333\.6 km \(207\.3 mi\) · area 12,363\.\d km²$/);
});
