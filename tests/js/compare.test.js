// Unit tests of the comparison page's link between its maps (layers/web/static/compare.js): `node --test tests/js`.
const test = require("node:test");
const assert = require("node:assert/strict");
const AtlasCompare = require("../../layers/web/static/compare.js");

/** A stand-in map: its position, the listener it calls on a move, and whether a set reports itself as a move. */
function fakeMap(position, echoes) {
  const map = {position, listeners: [], sets: 0};
  map.on = (listener) => map.listeners.push(listener);
  map.get = () => map.position;
  map.set = (p) => { map.sets += 1; map.position = p; if (echoes) { map.move(p); } };
  map.move = (p) => { map.position = p; map.listeners.forEach((l) => l(p)); };
  return map;
}

test("a pan or zoom of either map moves the other there", () => {
  const a = fakeMap("5/60.0000/24.0000", false), b = fakeMap("5/60.0000/24.0000", false);
  AtlasCompare.link([a, b]);
  a.move("5/61.0000/25.0000");
  assert.equal(b.get(), "5/61.0000/25.0000");
  b.move("7/59.0000/22.0000");
  assert.equal(a.get(), "7/59.0000/22.0000");
  assert.deepEqual([a.sets, b.sets], [1, 1]);
});

test("a map that reports the move it was set to does not send it back (no echo, no loop)", () => {
  const a = fakeMap("5/60.0000/24.0000", true), b = fakeMap("5/60.0000/24.0000", true);
  const c = fakeMap("5/60.0000/24.0000", true);
  AtlasCompare.link([a, b, c]);
  a.move("6/58.0000/23.0000");
  assert.deepEqual([b.get(), c.get()], ["6/58.0000/23.0000", "6/58.0000/23.0000"]);
  assert.deepEqual([a.sets, b.sets, c.sets], [0, 1, 1]);
});

test("a map already where the other moved is left alone", () => {
  const a = fakeMap("5/60.0000/24.0000", false), b = fakeMap("5/61.0000/25.0000", false);
  AtlasCompare.link([a, b]);
  a.move("5/61.0000/25.0000");
  assert.equal(b.sets, 0);
});
