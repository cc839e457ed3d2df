/* gkml filters: narrow a list of items by 领域, 方式, 对象, 主体 and 层级 without a reload (the
   search page also by 类型, 栏目, 类别, 年份 and 有效性 of published information).

   Each option shows how many items it would leave given the other choices; several
   options of one kind widen the list (or), choices of different kinds narrow it (and).
   The address records the choices (?方式=依申请&对象=特定群体), so a filtered view can
   be shared; history.replaceState keeps the back button for real navigation.

   Column pages: the cards of <ul data-gkml-filter> carry their values in data-*
   attributes and are hidden or shown. The search page (search.js) hands its items
   over with gkmlFilters.create(). Without scripts every item stays listed. */
(function () {
  "use strict";

  /* The kinds of filter, in the order they are shown; `key` is the URL parameter. */
  var FACETS = [
    { key: "类型", legend: "类型" },
    { key: "领域", legend: "领域", attr: "area" },
    { key: "栏目", legend: "栏目" },
    { key: "类别", legend: "信息类别" },
    { key: "年份", legend: "发布年份" },
    { key: "有效性", legend: "有效性" },
    { key: "方式", legend: "公开方式", attr: "methods" },
    { key: "对象", legend: "公开对象", attr: "audiences" },
    { key: "主体", legend: "公开主体", attr: "subject" },
    { key: "层级", legend: "公开层级", attr: "levels" }
  ];
  var counter = 0;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  /* The choices in the address: {key: [values]} for the known kinds only. */
  function fromAddress() {
    var params = new URLSearchParams(window.location.search);
    var chosen = {};
    FACETS.forEach(function (f) {
      var values = params.getAll(f.key).filter(Boolean);
      if (values.length) { chosen[f.key] = values.filter(function (v, i) { return values.indexOf(v) === i; }); }
    });
    return chosen;
  }

  function toAddress(chosen) {
    var url = new URL(window.location.href);
    FACETS.forEach(function (f) {
      url.searchParams.delete(f.key);
      (chosen[f.key] || []).forEach(function (v) { url.searchParams.append(f.key, v); });
    });
    window.history.replaceState(window.history.state, "", url.toString());
  }

  /* options: {
       mount: element the panel is inserted before,
       facets: keys to offer (default: all that have two or more values),
       noun: what is counted ("个事项"),
       status: false when the page announces the count itself,
       onChange: function (visibleItems, chosen),
       onOpen: function () called when the reader opens the panel: the search page loads the
         values then and calls setItems again; the panel is offered before it has any } */
  function create(options) {
    var id = "gkml-filters-" + (++counter);
    var items = [];
    var chosen = fromAddress();
    var offered = options.facets || null;
    var noun = options.noun || "个事项";

    /* A disclosure: a button that shows or hides the options (they take room on a phone). */
    var panel = el("div", "gkml-filters");
    var summary = el("button", "gkml-filters__toggle");
    summary.type = "button";
    summary.setAttribute("aria-controls", id);
    summary.appendChild(el("span", "gkml-filters__title", "筛选"));
    var summaryNote = el("span", "gkml-filters__note");
    summary.appendChild(summaryNote);
    panel.appendChild(summary);
    var body = el("div", "gkml-filters__body");
    body.id = id;
    panel.appendChild(body);

    function expand(open) {
      summary.setAttribute("aria-expanded", open ? "true" : "false");
      body.hidden = !open;
    }
    summary.addEventListener("click", function () {
      expand(body.hidden);
      if (!body.hidden && options.onOpen) { options.onOpen(); }
    });
    var clear = el("button", "gkml-filters__clear", "清除筛选");
    clear.type = "button";
    var status = el("p", "gkml-filters__status");
    status.setAttribute("role", "status");
    options.mount.parentNode.insertBefore(panel, options.mount);
    if (options.status !== false) { options.mount.parentNode.insertBefore(status, options.mount); }
    expand(Object.keys(chosen).length > 0);

    function valuesOf(item, key) { return item.facets[key] || []; }

    function matches(item, except) {
      for (var i = 0; i < FACETS.length; i++) {
        var key = FACETS[i].key;
        var want = chosen[key];
        if (key === except || !want || !want.length) { continue; }
        var have = valuesOf(item, key);
        if (!want.some(function (v) { return have.indexOf(v) >= 0; })) { return false; }
      }
      return true;
    }

    function activeCount() {
      return Object.keys(chosen).reduce(function (n, k) { return n + chosen[k].length; }, 0);
    }

    /* Values of one kind, most frequent first (ties: first seen), plus chosen ones not present. */
    function optionsOf(key) {
      var order = [];
      var total = {};
      items.forEach(function (item) {
        valuesOf(item, key).forEach(function (v) {
          if (!(v in total)) { total[v] = 0; order.push(v); }
          total[v] += 1;
        });
      });
      order.sort(function (a, b) { return total[b] - total[a] || order.indexOf(a) - order.indexOf(b); });
      (chosen[key] || []).forEach(function (v) { if (order.indexOf(v) < 0) { order.push(v); } });
      return order;
    }

    function shownFacets() {
      return FACETS.filter(function (f) {
        if (offered && offered.indexOf(f.key) < 0) { return false; }
        return optionsOf(f.key).length > 1 || (chosen[f.key] || []).length > 0;
      });
    }

    function toggle(key, value) {
      var list = (chosen[key] || []).slice();
      var at = list.indexOf(value);
      if (at >= 0) { list.splice(at, 1); } else { list.push(value); }
      if (list.length) { chosen[key] = list; } else { delete chosen[key]; }
      toAddress(chosen);
      refresh(true);
    }

    function render(facets) {
      var focused = document.activeElement;
      var focusKey = focused && focused.getAttribute && focused.getAttribute("data-key");
      var focusValue = focused && focused.getAttribute && focused.getAttribute("data-value");
      body.textContent = "";
      facets.forEach(function (f) {
        var fieldset = el("fieldset", "gkml-filter");
        fieldset.appendChild(el("legend", "gkml-filter__legend", f.legend));
        var group = el("div", "gkml-filter__options");
        optionsOf(f.key).forEach(function (value) {
          var count = items.filter(function (item) {
            return matches(item, f.key) && valuesOf(item, f.key).indexOf(value) >= 0;
          }).length;
          var pressed = (chosen[f.key] || []).indexOf(value) >= 0;
          if (!count && !pressed) { return; }  // an option that would empty the list is not offered
          var button = el("button", "gkml-filter__option");
          button.type = "button";
          button.setAttribute("aria-pressed", pressed ? "true" : "false");
          button.setAttribute("data-key", f.key);
          button.setAttribute("data-value", value);
          button.appendChild(el("span", "gkml-filter__value", value));
          button.appendChild(el("span", "gkml-filter__count", "（" + count + "）"));
          button.addEventListener("click", function () { toggle(f.key, value); });
          group.appendChild(button);
          if (f.key === focusKey && value === focusValue) { focused = button; }
        });
        fieldset.appendChild(group);
        body.appendChild(fieldset);
      });
      if (activeCount()) { body.appendChild(clear); }
      if (focused && focused !== document.activeElement && body.contains(focused)) { focused.focus(); }
    }

    clear.addEventListener("click", function () {
      chosen = {};
      toAddress(chosen);
      refresh(true);
      summary.focus();
    });

    function refresh(announce) {
      var facets = shownFacets();
      panel.hidden = !facets.length && !(options.onOpen && items.length);
      render(facets);
      var visible = items.filter(function (item) { return matches(item, null); });
      var active = activeCount();
      summaryNote.textContent = active ? "（已选 " + active + " 项）" : "";
      status.textContent = active ? "筛选后显示 " + visible.length + " " + noun + "，共 " + items.length + " " + noun + "。" : "";
      status.hidden = !active;
      if (options.onChange) { options.onChange(visible, chosen, announce); }
      return visible;
    }

    return {
      panel: panel,
      /* Replace the items (each {facets: {key: [values]}}) and show the panel for them. */
      setItems: function (list) { items = list; return refresh(false); },
      active: activeCount,
      matches: function (item) { return matches(item, null); }
    };
  }

  /* A column page: filter the cards of <ul data-gkml-filter>. */
  function startList(list) {
    var cards = Array.prototype.slice.call(list.children);
    if (cards.length < 2) { return; }
    var items = cards.map(function (card) {
      var facets = {};
      FACETS.forEach(function (f) {
        var raw = card.getAttribute("data-" + f.attr);
        if (raw) { facets[f.key] = raw.split("|"); }
      });
      return { card: card, facets: facets };
    });
    var filters = create({
      mount: list,
      facets: ["方式", "对象", "主体", "层级"],
      onChange: function (visible) {
        items.forEach(function (item) { item.card.hidden = visible.indexOf(item) < 0; });
      }
    });
    filters.setItems(items);
  }

  window.gkmlFilters = { create: create, facets: FACETS };
  document.querySelectorAll("ul[data-gkml-filter]").forEach(startList);
})();
