// Unit tests of the page's API (layers/web/static/api.js), with no browser: `node --test tests/js`.
const test = require("node:test");
const assert = require("node:assert/strict");

function page() {
  const fired = [];
  global.window = {};
  global.document = {
    dispatchEvent: (event) => fired.push([event.type, event.detail]),
    addEventListener: (type, listener) => fired.push(["listen " + type, listener]),
  };
  global.CustomEvent = class { constructor(type, init) { this.type = type; this.detail = init.detail; } };
  delete require.cache[require.resolve("../../layers/web/static/api.js")];
  return {api: require("../../layers/web/static/api.js"), fired: fired};
}

test("a global is published and read under its one window name", () => {
  const {api} = page();
  api.expose("time", {date: () => "2026-03-01"});
  assert.equal(global.window.atlasTime.date(), "2026-03-01");
  assert.equal(api.get("time"), global.window.atlasTime);
  api.expose("statusShown", false);
  assert.equal(global.window.atlasStatusShown, false);
});

test("an event is fired and listened to under its one name", () => {
  const {api, fired} = page();
  api.fire("position", {position: "7/57.5000/24.5000"});
  api.on("details", () => {});
  assert.deepEqual(fired[0], ["atlas:position", {position: "7/57.5000/24.5000"}]);
  assert.equal(fired[1][0], "listen atlas:details");
});

test("a name outside the API is refused, not invented", () => {
  const {api} = page();
  assert.throws(() => api.expose("atlasTime", {}), /not in the page's API/);
  assert.throws(() => api.fire("atlas:date", {}), /not in the page's API/);
  assert.deepEqual(Object.keys(api.EVENTS), ["date", "layers", "position", "moving", "details"]);
});

test("a packed value (gzip, base64) is unpacked at once, however large, and anything else is refused", () => {
  const zlib = require("node:zlib");
  global.TinyInflate = require("tiny-inflate");
  const {api} = page();
  const value = {features: Array.from({length: 5000}, (_, i) => ({n: i, name: "Łotwa ✓ " + i}))};
  const packed = zlib.gzipSync(JSON.stringify(value), {level: 9}).toString("base64");
  assert.deepEqual(api.unpacked(packed), value);
  assert.deepEqual(api.unpacked(zlib.gzipSync("[]").toString("base64")), []);
  const named = Buffer.from(zlib.gzipSync("[]"));
  named[3] = 8;  // FNAME: a header this reader does not skip
  assert.throws(() => api.unpacked(named.toString("base64")), /not a packed value/);
  assert.throws(() => api.unpacked(Buffer.from("[1, 2]").toString("base64")), /not a packed value/);
});
