/* gkml: site behaviour loaded on every page. Kept tiny: the search engine and its
   data are fetched only when the reader starts to search (focus or typing in a
   search box, or opening the search page); the filters only where there is a list
   to filter (column pages, the search page). */
(function () {
  "use strict";
  var pending = null;
  var filtersPending = null;
  var ELDER_KEY = "gkml.elder";
  /* The scripts loaded later, by their fingerprinted names (main.html: data-gkml-*-js on this
     script's element, site-relative; generator/site/assets.py). */
  var self = document.currentScript;
  function scriptPath(name) {
    return (self && self.getAttribute("data-gkml-" + name + "-js")) || "assets/gkml/" + name + ".js";
  }

  /* The site's root relative to the page, without a final "/" (the 404 page's is absolute: "/" or
     "/zjj/gkml/", which would otherwise give "//assets/…", another host). */
  function base() {
    var form = document.querySelector("[data-gkml-base]");
    return (form ? form.getAttribute("data-gkml-base") : ".").replace(/\/+$/, "");
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

  function loadFilters() {
    if (!filtersPending) { filtersPending = loadScript(base() + "/" + scriptPath("filters")); }
    return filtersPending;
  }

  function loadSearch() {
    if (!pending) {
      var root = base();
      var before = document.getElementById("gkml-search-results") ? loadFilters() : Promise.resolve();
      pending = before.then(function () {
        return loadScript(root + "/" + scriptPath("search"));
      }).then(function () {
        var form = document.querySelector("[data-gkml-index]");
        return window.gkmlSearch.start(root, form ? form.getAttribute("data-gkml-index") : "search/index.js");
      });
    }
    return pending;
  }

  function isSearchBox(target) {
    return target && target.matches && target.matches("[data-gkml-search]");
  }

  /* 长辈版: larger type, higher contrast and larger tap targets, remembered across pages.
     The <head> applies the stored choice before the first paint (see overrides/main.html). */
  function setElder(on) {
    document.documentElement.classList.toggle("gkml-elder", on);
    try {
      if (on) { window.localStorage.setItem(ELDER_KEY, "1"); } else { window.localStorage.removeItem(ELDER_KEY); }
    } catch (e) { /* private browsing: the choice lasts for this page only */ }
    showElder();
  }

  function showElder() {
    var on = document.documentElement.classList.contains("gkml-elder");
    document.querySelectorAll("[data-gkml-elder]").forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  document.querySelectorAll("[data-gkml-elder]").forEach(function (button) {
    button.addEventListener("click", function () {
      setElder(!document.documentElement.classList.contains("gkml-elder"));
    });
  });
  showElder();
  window.addEventListener("storage", function (event) {
    if (event.key === ELDER_KEY) {
      document.documentElement.classList.toggle("gkml-elder", event.newValue === "1");
      showElder();
    }
  });

  document.addEventListener("focusin", function (event) {
    if (isSearchBox(event.target)) { loadSearch(); }
  });
  document.addEventListener("input", function (event) {
    if (isSearchBox(event.target)) { loadSearch(); }
  });
  /* The theme's script after the content, moved here from the page (overrides/partials/javascripts/
     content.html): an address's #anchor naming a content tab selects it. */
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) { target.checked = target.name.startsWith("__tabbed_"); }

  if (document.getElementById("gkml-search-results")) { loadSearch(); }
  if (document.querySelector("ul[data-gkml-filter]")) { loadFilters(); }
  window.gkmlLoadSearch = loadSearch;
})();
