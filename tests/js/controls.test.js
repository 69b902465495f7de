// Unit tests of the map position the address bar keeps (layers/web/static/controls.js): `node --test tests/js`.
const test = require("node:test");
const assert = require("node:assert/strict");
const AtlasControls = require("../../layers/web/static/controls.js");

test("a position is written zoom/latitude/longitude, zoom to 2 and degrees to 4 decimals", () => {
  assert.equal(AtlasControls.positionText(7, 57.5, 24.5), "7/57.5000/24.5000");
  assert.equal(AtlasControls.positionText(3.756, -0.00004, 179.99999), "3.76/-0.0000/180.0000");
});

test("a position text reads back as three numbers, anything else as nothing", () => {
  assert.deepEqual(AtlasControls.parsePosition("7/57.5000/24.5000"), [7, 57.5, 24.5]);
  assert.deepEqual(AtlasControls.parsePosition(AtlasControls.positionText(5.25, 60.1, 25)), [5.25, 60.1, 25]);
  for (const bad of ["", "7/57.5", "7/57.5/24.5/1", "a/b/c", "7/57.5/x"]) {
    assert.equal(AtlasControls.parsePosition(bad), null, bad);
  }
});

test("a wheel turn zooms the map only with Ctrl or Cmd held, or once the reader has clicked into it", () => {
  assert.equal(AtlasControls.wheelZooms({ctrlKey: false, metaKey: false}, false), false);
  assert.equal(AtlasControls.wheelZooms({ctrlKey: true, metaKey: false}, false), true);
  assert.equal(AtlasControls.wheelZooms({ctrlKey: false, metaKey: true}, false), true);
  assert.equal(AtlasControls.wheelZooms({ctrlKey: false, metaKey: false}, true), true);
});
