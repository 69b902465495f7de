// Unit tests of the page's geometry decoder (layers/web/static/vector.js): `node --test tests/js`.
const test = require("node:test");
const assert = require("node:assert/strict");
const AtlasVector = require("../../layers/web/static/vector.js");

test("a polyline-encoded line decodes to its coordinates (Google's worked example)", () => {
  assert.deepEqual(AtlasVector.decodeLine("_p~iF~ps|U_ulLnnqC_mqNvxq`@", 1e5), [
    [38.5, -120.2],
    [40.7, -120.95],
    [43.252, -126.453],
  ]);
  assert.deepEqual(AtlasVector.decodeLine("", 1e3), []);
});

test("a collection's encoded geometries become GeoJSON; points stay as they are", () => {
  const data = {
    type: "FeatureCollection",
    features: [
      {type: "Feature", properties: {}, geometry: {type: "LineString", d: 5, e: "_p~iF~ps|U_ulLnnqC"}},
      {type: "Feature", properties: {}, geometry: {type: "Polygon", d: 5, e: ["_p~iF~ps|U_ulLnnqC_mqNvxq`@"]}},
      {type: "Feature", properties: {}, geometry: {type: "Point", coordinates: [24.1, 56.9]}},
    ],
  };
  const decoded = AtlasVector.decode(data);
  assert.deepEqual(decoded.features[0].geometry, {type: "LineString", coordinates: [[38.5, -120.2], [40.7, -120.95]]});
  assert.equal(decoded.features[1].geometry.coordinates[0].length, 3);
  assert.deepEqual(decoded.features[2].geometry, {type: "Point", coordinates: [24.1, 56.9]});
});
