/* gkml catalogue search: substring matching over names, pinyin, initials and
   element text, with name matches ranked first. The data file (search/index.js)
   calls gkmlSearchData(); see generator/search_index.py for its layout. */
(function () {
  "use strict";
  var items = null;
  var ready = null;
  var resolveReady = null;
  var root = ".";
  var MAX_INLINE = 8;
  var PAGE_SIZE = 50;

  ready = new Promise(function (resolve) { resolveReady = resolve; });

  /* The values whose bits are set in `bits`, e.g. 3 over [主动, 依申请] → both. */
  function unpack(bits, values) {
    return values.filter(function (v, i) { return bits & (1 << i); });
  }

  window.gkmlSearchData = function (data) {
    var facets = data.facets || {};
    items = data.items.map(function (it, order) {
      var syllables = it[3] ? it[3].split(" ") : [];
      var starts = {};
      var offset = 0;
      syllables.forEach(function (s) { starts[offset] = true; offset += s.length; });
      var cat = data.cats[it[2]];
      return {
        id: it[0], title: it[1], titleLower: it[1].toLowerCase(),
        area: cat[0], category: cat[1],
        pinyin: syllables.join(""), starts: starts,
        initials: syllables.map(function (s) { return s.charAt(0); }).join(""),
        body: it[4], docs: it[5].map(function (j) { return data.docs[j]; }).join("\n"),
        subject: data.subj[it[6]], order: order,
        url: data.item.replace("ID", it[0]),
        facets: {
          "领域": [cat[0]], "主体": [data.subj[it[6]]],
          "方式": unpack(it[7], facets["方式"] || []),
          "对象": unpack(it[8], facets["对象"] || []),
          "层级": unpack(it[9], facets["层级"] || [])
        }
      };
    });
    resolveReady(items);
  };

  function terms(query) {
    var q = query.toLowerCase().trim();
    if (!q) { return []; }
    var parts = q.split(/[\s\u3000,，、]+/).filter(Boolean);
    if (parts.every(function (p) { return /^[a-z]+$/.test(p); })) { parts = [parts.join("")]; }
    return parts.filter(function (p, i) { return parts.indexOf(p) === i; });
  }

  function pinyinScore(item, t) {
    if (!/^[a-z]+$/.test(t)) { return 0; }
    if (item.pinyin.indexOf(t) === 0) { return 55; }
    for (var at = item.pinyin.indexOf(t); at > 0; at = item.pinyin.indexOf(t, at + 1)) {
      if (item.starts[at]) { return 50; }
    }
    if (t.length >= 2 && item.initials.indexOf(t) === 0) { return 45; }
    if (t.length >= 2 && item.initials.indexOf(t) > 0) { return 40; }
    return 0;
  }

  function termScore(item, t) {
    var best = 0;
    var at = item.titleLower.indexOf(t);
    if (at >= 0) { best = item.titleLower === t ? 100 : at === 0 ? 80 : 60; }
    best = Math.max(best, pinyinScore(item, t));
    if (best) { return best; }
    if ((item.area + item.category).toLowerCase().indexOf(t) >= 0) { return 20; }
    if (item.body.toLowerCase().indexOf(t) >= 0) { return 10; }
    if (item.docs.toLowerCase().indexOf(t) >= 0) { return 8; }
    if (item.subject.toLowerCase().indexOf(t) >= 0) { return 6; }
    return 0;
  }

  /* All items matching every term, best first (ties keep catalogue order). */
  function search(query) {
    var ts = terms(query);
    if (!ts.length || !items) { return []; }
    var hits = [];
    items.forEach(function (item) {
      var total = 0;
      for (var i = 0; i < ts.length; i++) {
        var s = termScore(item, ts[i]);
        if (!s) { return; }
        total += s;
      }
      hits.push({ item: item, score: total });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.item.order - b.item.order; });
    return hits;
  }

  /* Text with every occurrence of the query terms wrapped in <mark>, built as DOM nodes. */
  function highlighted(text, ts) {
    var fragment = document.createDocumentFragment();
    var lower = text.toLowerCase();
    var i = 0;
    while (i < text.length) {
      var next = -1, len = 0;
      ts.forEach(function (t) {
        var at = lower.indexOf(t, i);
        if (at >= 0 && (next < 0 || at < next)) { next = at; len = t.length; }
      });
      if (next < 0) { break; }
      if (next > i) { fragment.appendChild(document.createTextNode(text.slice(i, next))); }
      var mark = document.createElement("mark");
      mark.textContent = text.slice(next, next + len);
      fragment.appendChild(mark);
      i = next + len;
    }
    if (i < text.length) { fragment.appendChild(document.createTextNode(text.slice(i))); }
    return fragment;
  }

  function snippet(item, ts) {
    var fields = [item.body, item.docs, item.subject];
    for (var f = 0; f < fields.length; f++) {
      var lower = fields[f].toLowerCase();
      for (var i = 0; i < ts.length; i++) {
        var at = lower.indexOf(ts[i]);
        if (at >= 0) {
          var from = Math.max(0, at - 16);
          return (from > 0 ? "…" : "") + fields[f].slice(from, at + ts[i].length + 30).replace(/\n/g, "；");
        }
      }
    }
    return "";
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function resultItem(item, ts, base) {
    var li = el("li", "gkml-result");
    var a = el("a", "gkml-result__title");
    a.href = base + item.url;
    a.appendChild(highlighted(item.title, ts));
    li.appendChild(a);
    li.appendChild(el("span", "gkml-result__where", item.area + " › " + item.category));
    var text = snippet(item, ts);
    if (text) {
      var p = el("p", "gkml-result__snippet");
      p.appendChild(highlighted(text, ts));
      li.appendChild(p);
    }
    return li;
  }

  /* The results page: /search/?q=… (shareable; the address follows the query and the
     filters, ?q=…&方式=…). The query's parameter is the search box's name, which the page
     takes from generator/site/routes.py. With filters chosen and no query, every item
     they leave is listed. */
  function startPage(container) {
    var form = document.querySelector(".gkml-search-form");
    var input = form && form.querySelector("input[data-gkml-search]");
    var base = container.getAttribute("data-root");
    var status = document.getElementById("gkml-search-status");
    var params = new URLSearchParams(window.location.search);
    var query = (input && params.get(input.name)) || "";
    var current = { q: "", ts: [], total: 0 };
    // Keep what the reader typed while the search data was loading; otherwise show ?q=.
    if (input && input.value) { query = input.value; } else if (input) { input.value = query; }

    function say(text) {
      if (status) { status.textContent = text; }
    }

    function show(visible) {
      var ts = current.ts;
      var filtered = filters && filters.active();
      container.textContent = "";
      if (!ts.length && !filtered) { say(""); return; }
      var text;
      if (!ts.length) {
        text = visible.length ? "筛选出 " + visible.length + " 个事项（共 " + current.total + " 个）" : "没有符合筛选条件的事项，请减少筛选条件。";
      } else if (!current.total) {
        text = "没有找到与“" + current.q + "”相关的事项，请换个词或用拼音试试。";
      } else if (filtered) {
        text = "找到 " + current.total + " 个相关事项，筛选后" + (visible.length ? "显示 " + visible.length + " 个" : "没有符合条件的事项");
      } else {
        text = "找到 " + current.total + " 个相关事项";
      }
      container.appendChild(el("p", "gkml-search-count", text));
      say(text);
      var list = el("ol", "gkml-results");
      visible.slice(0, PAGE_SIZE).forEach(function (item) { list.appendChild(resultItem(item, ts, base)); });
      container.appendChild(list);
      if (visible.length > PAGE_SIZE) {
        var more = el("button", "gkml-more", "显示全部 " + visible.length + " 个结果");
        more.type = "button";
        more.addEventListener("click", function () {
          visible.slice(PAGE_SIZE).forEach(function (item) { list.appendChild(resultItem(item, ts, base)); });
          more.remove();
        });
        container.appendChild(more);
      }
    }

    var filters = window.gkmlFilters ? window.gkmlFilters.create({ mount: container, status: false, onChange: show }) : null;

    function render(q) {
      var ts = terms(q);
      var found = ts.length ? search(q).map(function (hit) { return hit.item; }) : items;
      current = { q: q, ts: ts, total: found.length };
      if (filters) { filters.setItems(found); } else { show(ts.length ? found : []); }
    }

    function update() {
      var q = input.value;
      var url = new URL(window.location.href);
      if (q) { url.searchParams.set(input.name, q); } else { url.searchParams.delete(input.name); }
      window.history.replaceState(null, "", url.toString());
      render(q);
    }

    if (input) {
      update();
      input.addEventListener("input", update);
    } else {
      render(query);
    }
  }

  /* The header box: the best few results inline; Enter opens the results page. */
  function startHeader(form) {
    var input = form.querySelector("input[data-gkml-search]");
    var panel = el("div", "gkml-inline-results");
    panel.hidden = true;
    form.appendChild(panel);
    var base = root + "/";

    function render() {
      var q = input.value;
      var ts = terms(q);
      panel.textContent = "";
      panel.hidden = !ts.length;
      if (!ts.length) { return; }
      var hits = search(q);
      if (!hits.length) {
        panel.appendChild(el("p", "gkml-search-count", "没有找到相关事项"));
        return;
      }
      var list = el("ol", "gkml-results");
      hits.slice(0, MAX_INLINE).forEach(function (hit) { list.appendChild(resultItem(hit.item, ts, base)); });
      panel.appendChild(list);
      var all = el("a", "gkml-inline-results__all", "查看全部 " + hits.length + " 个结果");
      all.href = form.getAttribute("action") + "?" + encodeURIComponent(input.name) + "=" + encodeURIComponent(q);
      panel.appendChild(all);
    }

    input.addEventListener("input", render);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { panel.hidden = true; }
    });
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) { panel.hidden = true; }
    });
    render();
  }

  window.gkmlSearch = {
    search: search,
    start: function (base, index) {
      root = base;
      var script = document.createElement("script");
      script.src = base + "/" + index;
      document.head.appendChild(script);
      return ready.then(function () {
        var container = document.getElementById("gkml-search-results");
        if (container) { startPage(container); }
        document.querySelectorAll(".gkml-header-search").forEach(startHeader);
      });
    }
  };
})();
