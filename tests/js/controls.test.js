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

test("a fit keeps clear of each box in the corners, on the side that leaves the most room", () => {
  const size = [1000, 600];
  // a wide title over narrow buttons, top left: a band above the title and one beside the buttons
  const title = {top: true, left: true, w: 300, h: 60}, buttons = {top: true, left: true, w: 40, h: 400};
  assert.deepEqual(AtlasControls.clearPadding(size, [title, buttons], [800, 400], 10), [50, 70, 0, 0]);
  // (a union of the two, one box 300 x 400, would leave the target at most 680 x 580 or 980 x 180)
  // a tall legend, bottom right, and a wide target: kept off by the bottom band would leave no height, so beside it
  const legend = {top: false, left: false, w: 250, h: 500};
  assert.deepEqual(AtlasControls.clearPadding(size, [legend], [700, 500], 10), [0, 0, 260, 0]);
  // a short wide box: the band under it costs least
  const attribution = {top: false, left: false, w: 600, h: 20};
  assert.deepEqual(AtlasControls.clearPadding(size, [attribution], [800, 500], 10), [0, 0, 0, 30]);
  // nothing in the corners: the whole map
  assert.deepEqual(AtlasControls.clearPadding(size, [], [1, 1], 8), [0, 0, 0, 0]);
});

test("the target box, fitted with the padding chosen, meets none of the corner boxes", () => {
  const size = [820, 437];
  const boxes = [
    {top: true, left: true, w: 44, h: 163}, {top: false, left: true, w: 150, h: 174},
    {top: false, left: false, w: 98, h: 60}, {top: false, left: false, w: 356, h: 23},
  ];
  for (const want of [[195, 396], [600, 200], [300, 300]]) {
    const [l, t, r, b] = AtlasControls.clearPadding(size, boxes, want, 8);
    const scale = Math.min((size[0] - l - r) / want[0], (size[1] - t - b) / want[1]);
    const x0 = l + ((size[0] - l - r) - want[0] * scale) / 2, y0 = t + ((size[1] - t - b) - want[1] * scale) / 2;
    const target = [x0, y0, x0 + want[0] * scale, y0 + want[1] * scale];
    for (const box of boxes) {
      const bx = box.left ? [0, box.w] : [size[0] - box.w, size[0]], by = box.top ? [0, box.h] : [size[1] - box.h, size[1]];
      const meets = target[0] < bx[1] && bx[0] < target[2] && target[1] < by[1] && by[0] < target[3];
      assert.equal(meets, false, JSON.stringify([want, box]));
    }
  }
});
