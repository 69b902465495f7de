// The app's map (atlas/mapcomponent.py), speaking Streamlit's component protocol by hand (no build step):
// the map page (every layer) is loaded once per basemap; a new date, set of layers, country's bounds or map position
// is handed to the page already shown (window.atlasTime, window.atlasLayers, window.atlasPosition), and a date, layer
// or position changed in the map is sent back to the app, which reruns with it (and writes it to the address bar).
(function () {
  var frame = document.getElementById("atlas-map"), src = null, day = null, layers = null, position = "", height = 0;
  var bounds = null, shownBounds = null, shownPosition = "";
  function send(type, data) {
    window.parent.postMessage(Object.assign({isStreamlitMessage: true, type: type}, data || {}), "*");
  }
  // as tall as asked, but no taller than the window below the map's top: the whole map in view without scrolling
  var wanted = 0;
  function fit(asked) {
    wanted = asked || wanted;
    var top = 0;
    try { top = window.frameElement.getBoundingClientRect().top + window.parent.scrollY; } catch { top = 0; }
    var room = (window.parent.innerHeight || wanted) - top - 16;
    var next = Math.round(Math.max(360, Math.min(wanted, room)));
    if (next !== height) { height = next; send("streamlit:setFrameHeight", {height: height}); }
  }
  try { window.parent.addEventListener("resize", function () { fit(0); }); } catch { /* another origin */ }
  function apply() {
    var w = frame.contentWindow;
    if (w && w.atlasTime && day && w.atlasTime.date() !== day) { w.atlasTime.setDate(day); }
    if (w && w.atlasLayers && layers && w.atlasLayers.shown().join() !== layers.join()) { w.atlasLayers.show(layers); }
    if (w && w.atlasPosition) {
      if (bounds && JSON.stringify(bounds) !== shownBounds) {  // another country: fitted in place, no reload
        w.atlasPosition.fit(bounds);
        shownBounds = JSON.stringify(bounds);
      }
      if (position && w.atlasPosition.get() !== position) { w.atlasPosition.set(position); }
      if (!position && shownPosition) { w.atlasPosition.home(); }  // Back to a link without a position: where the map opened
      shownPosition = position;
    }
  }
  // each report is numbered (from the time this page loaded, so a reloaded page does not repeat a number) and the app
  // sends the number back with the view of the run it caused: that run's view always reaches the page, even when it
  // equals the last one sent (Streamlit sends nothing for unchanged arguments; a run cut short by Back may never have
  // sent the view between)
  var reports = Date.now();
  function report() {
    reports += 1;
    send("streamlit:setComponentValue", {
      value: {date: day, layers: layers, position: position, report: reports}, dataType: "json"
    });
  }
  frame.addEventListener("load", function () {
    frame.contentDocument.addEventListener("atlas:date", function (event) { day = event.detail.date; report(); });
    frame.contentDocument.addEventListener("atlas:layers", function (event) { layers = event.detail.layers; report(); });
    frame.contentDocument.addEventListener("atlas:position", function (event) {
      position = shownPosition = event.detail.position;
      report();
    });
    shownPosition = "";
    shownBounds = null;
    apply();
  });
  // on a phone the app's sidebar lies over the map: once a change made in it has reached the map (every render but
  // the first follows one), it folds away so that the map shows the change
  var rendered = false;
  function foldSidebar() {
    try {
      if (!window.parent.matchMedia("(max-width: 767.98px)").matches) { return; }
      var bar = window.parent.document.querySelector('[data-testid="stSidebar"][data-collapsed="false"]');
      var fold = bar && bar.querySelector('[data-testid="stSidebarCollapseButton"] button');
      if (fold) { fold.click(); }
    } catch { /* another origin: nothing to fold */ }
  }
  window.addEventListener("message", function (event) {
    var message = event.data;
    if (!message || message.type !== "streamlit:render") { return; }
    if (rendered) { foldSidebar(); }
    rendered = true;
    var args = message.args;
    fit(args.height);
    day = args.day;
    layers = args.layers;
    position = args.position || "";
    bounds = args.bounds;
    if (args.src !== src) { src = args.src; frame.src = src; } else { apply(); }
  });
  send("streamlit:componentReady", {apiVersion: 1});
})();
