// Unit tests of the app's map component (atlas/component/component.js), with no browser: `node --test tests/js`.
// The component runs in a sandbox whose window, parent (Streamlit) and map page are stand-ins that record what it does.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const CODE = fs.readFileSync(path.join(__dirname, "../../atlas/component/component.js"), "utf8");
const HOME = "5/60.0000/25.0000";

function component() {
  const sent = [], calls = [], listeners = {}, mapListeners = {};
  const map = {  // the map page's AtlasApi globals (layers/web/static/api.js), as far as the component uses them
    atlasTime: {day: "", date() { return this.day; }, setDate(day) { calls.push(["setDate", day]); this.day = day; }},
    atlasLayers: {on: [], shown() { return this.on; }, show(layers) { calls.push(["show", layers]); this.on = layers; }},
    atlasPosition: {
      at: HOME,
      get() { return this.at; },
      set(position) { calls.push(["set", position]); this.at = position; },
      home() { calls.push(["home"]); this.at = HOME; },
      fit(bounds) { calls.push(["fit", bounds]); this.at = HOME; },
    },
  };
  const frame = {
    loaded: null,
    contentWindow: map,
    contentDocument: {addEventListener: (type, listener) => { mapListeners[type] = listener; }},
    addEventListener(type, listener) { if (type === "load") { this.loaded = listener; } },
  };
  const parent = {
    innerHeight: 800, scrollY: 0, postMessage: (message) => sent.push(message), addEventListener() {},
    matchMedia: () => ({matches: false}),
  };
  const window = {
    parent: parent,
    frameElement: {getBoundingClientRect: () => ({top: 100})},
    addEventListener: (type, listener) => { listeners[type] = listener; },
  };
  vm.runInNewContext(CODE, {window: window, document: {getElementById: () => frame}});
  return {
    sent: sent,
    calls: calls,
    map: map,
    frame: frame,
    render(args) { listeners.message({data: {type: "streamlit:render", args: args}}); },
    load() { frame.loaded(); },
    moved(position) { map.atlasPosition.at = position; mapListeners["atlas:position"]({detail: {position: position}}); },
    reports() { return sent.filter((m) => m.type === "streamlit:setComponentValue").map((m) => m.value); },
  };
}

const VIEW = {src: "maps/a.html", day: "2026-03-01", layers: ["status"], bounds: [[54, 20], [70, 32]], height: 600};

test("it says it is ready, loads the map page once and hands it the view", () => {
  const c = component();
  assert.equal(c.sent[0].type, "streamlit:componentReady");
  c.render(VIEW);
  assert.equal(c.frame.src, "maps/a.html");
  c.load();
  assert.deepEqual(c.calls, [["setDate", "2026-03-01"], ["show", ["status"]], ["fit", [[54, 20], [70, 32]]]]);
  c.render({...VIEW, day: "2025-06-01"});  // a new day: the page already shown moves, no reload
  assert.deepEqual(c.calls.at(-1), ["setDate", "2025-06-01"]);
});

test("each report of the map is numbered, each later than the one before", () => {
  const c = component();
  c.render(VIEW);
  c.load();
  c.moved("7/57.5000/24.5000");
  c.moved("7/58.0000/24.5000");
  const [first, second] = c.reports();
  assert.equal(first.position, "7/57.5000/24.5000");
  assert.ok(Number.isInteger(first.report) && second.report > first.report);
});

test("a view without a position after the reader moved the map brings it back where it opened", () => {
  const c = component();
  c.render({...VIEW, position: ""});
  c.load();
  c.moved("7/57.5000/24.5000");
  // Back: the app's run answers the report with a view that has no position (the same view as before the move, but
  // for the number it answers, which is what makes Streamlit send it at all)
  c.render({...VIEW, position: "", answered: c.reports()[0].report});
  assert.deepEqual(c.calls.at(-1), ["home"]);
  assert.equal(c.map.atlasPosition.get(), HOME);
});

test("a view with a position moves the map there, and only when it is elsewhere", () => {
  const c = component();
  c.render(VIEW);
  c.load();
  c.render({...VIEW, position: "7/57.5000/24.5000"});
  assert.deepEqual(c.calls.at(-1), ["set", "7/57.5000/24.5000"]);
  const before = c.calls.length;
  c.render({...VIEW, position: "7/57.5000/24.5000", answered: 1});
  assert.equal(c.calls.length, before);  // already there: nothing done
});
