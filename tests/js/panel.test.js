// Unit tests of the details panel's citations (layers/web/static/panel.js): `node --test tests/js`.
const test = require("node:test");
const assert = require("node:assert/strict");
const AtlasPanel = require("../../layers/web/static/panel.js");

test("a publication is cited as its publisher linked to its address, title, date and grade", () => {
  const row = ["primary", "UN <b>", "Ratification & more", "2019-12-18", "https://treaties.un.org/x?a=1&b=2"];
  assert.deepEqual(AtlasPanel.citationParts(row), [
    {tag: "a", href: "https://treaties.un.org/x?a=1&b=2", text: "UN <b>"},
    {text: ", Ratification & more (2019-12-18)"},
    {text: " "},
    {tag: "small", className: "grade", text: "[primary]"},
  ]);
});

test("a publication without address or date is cited as plain text", () => {
  const parts = AtlasPanel.citationParts(["reference", "CIA World Factbook", "Finland", "", ""]);
  assert.deepEqual(parts.slice(0, 2), [{text: "CIA World Factbook"}, {text: ", Finland"}]);
});

test("a seed quote is cited as its file and the quote, with its grade", () => {
  assert.deepEqual(AtlasPanel.citationParts(["media", "000_a.txt", "Signed in 1997 …"]), [
    {text: "seeds/000_a.txt: \u201cSigned in 1997 …\u201d"},
    {text: " "},
    {tag: "small", className: "grade", text: "[media]"},
  ]);
});
