/* gkml: runs before the first paint (see overrides/partials/javascripts/base.html). */
(function (script, root) {
  "use strict";
  var scope = new URL((script && script.getAttribute("data-gkml-scope")) || ".", location);
  if (!scope.pathname.endsWith("/")) { scope = new URL(scope.pathname + "/", location); }
  window.__md_scope = scope;
  window.__md_hash = function (text) {
    return Array.from(text).reduce(function (hash, c) { return (hash << 5) - hash + c.charCodeAt(0); }, 0);
  };
  window.__md_get = function (key, storage, base) {
    storage = storage === undefined ? localStorage : storage;
    base = base === undefined ? window.__md_scope : base;
    return JSON.parse(storage.getItem(base.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, base) {
    try {
      storage = storage === undefined ? localStorage : storage;
      base = base === undefined ? window.__md_scope : base;
      storage.setItem(base.pathname + "." + key, JSON.stringify(value));
    } catch (e) {}
  };
  root.setAttribute("data-platform", navigator.platform);

  root.classList.add("gkml-js");
  try {
    if (localStorage.getItem("gkml.elder") === "1") { root.classList.add("gkml-elder"); }
  } catch (e) {}
})(document.currentScript, document.documentElement);
