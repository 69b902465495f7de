/*
 * The sources list's citation links (layers/sources_list.py): each link holds its file (CSL-JSON, BibTeX, RIS)
 * gzip-compressed in data-gz; on the first click the text is decompressed in the page (DecompressionStream) into a
 * Blob that the link then saves. Nothing is fetched. One listener on the document serves every such link.
 */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var a = event.target.closest && event.target.closest("a[data-gz]");
    if (!a || a.dataset.ready) { return; }
    event.preventDefault();
    var bytes = Uint8Array.from(atob(a.dataset.gz), function (c) { return c.charCodeAt(0); });
    var text = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    new Response(text).blob().then(function (blob) {
      a.href = URL.createObjectURL(new Blob([blob], {type: a.dataset.type}));
      a.dataset.ready = "yes";
      a.click();
    });
  });
}());
