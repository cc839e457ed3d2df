/* gkml: site behaviour loaded on every page. Kept tiny: the search engine and its
   data are fetched only when the reader starts to search (focus or typing in a
   search box, or opening the search page). */
(function () {
  "use strict";
  var pending = null;

  function base() {
    var form = document.querySelector("[data-gkml-base]");
    return form ? form.getAttribute("data-gkml-base") : ".";
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("无法加载 " + src)); };
      document.head.appendChild(script);
    });
  }

  function loadSearch() {
    if (!pending) {
      var root = base();
      pending = loadScript(root + "/assets/gkml/search.js").then(function () {
        return window.gkmlSearch.start(root);
      });
    }
    return pending;
  }

  function isSearchBox(target) {
    return target && target.matches && target.matches("[data-gkml-search]");
  }

  document.addEventListener("focusin", function (event) {
    if (isSearchBox(event.target)) { loadSearch(); }
  });
  document.addEventListener("input", function (event) {
    if (isSearchBox(event.target)) { loadSearch(); }
  });
  if (document.getElementById("gkml-search-results")) { loadSearch(); }
  window.gkmlLoadSearch = loadSearch;
})();
