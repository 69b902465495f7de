/*
 * The sources list's citation links (layers/sources_list.py): the element around them holds, gzip-compressed in
 * data-gz, each reference as each file holds it ([CSL-JSON item, BibTeX entry, RIS record], side by side so that one
 * stream compresses what they share); on the first click the page decompresses it (AtlasApi.unpacked), joins the
 * file the link saves (data-form: 0 CSL-JSON, 1 BibTeX, 2 RIS) as geo.citations.formatted() does, and makes it a Blob
 * that the link then saves. Nothing is fetched. One listener on the document serves every such link.
 */
/* global AtlasApi */
/* exported AtlasSources */
var AtlasSources = (function () {
  "use strict";

  /** The three files' texts from the entries: the CSL-JSON items indented by one space, the others one a line. */
  function citationFiles(entries) {
    return [
      JSON.stringify(entries.map(function (e) { return e[0]; }), null, 1) + "\n",
      entries.map(function (e) { return e[1]; }).join("\n"),
      entries.map(function (e) { return e[2]; }).join("\n"),
    ];
  }

  if (typeof document !== "undefined") {
    var files = null;  // the three texts, made once
    document.addEventListener("click", function (event) {
      var a = event.target.closest && event.target.closest("a[data-form]");
      var packed = a && a.closest("[data-gz]");
      if (!packed || a.dataset.ready) { return; }
      event.preventDefault();
      files = files || citationFiles(AtlasApi.unpacked(packed.dataset.gz));
      a.href = URL.createObjectURL(new Blob([files[+a.dataset.form]], {type: a.dataset.type}));
      a.dataset.ready = "yes";
      a.click();
    });
  }

  return {citationFiles: citationFiles};
}());

if (typeof module !== "undefined") { module.exports = AtlasSources; }
