/* gkml search over items (事项) and published information (公开信息).

   The data is sharded (generator/site/search_index.py explains the layout): search/index.js,
   the manifest, calls gkmlSearchData(); a query loads the shards holding its n-grams
   (gkmlShard), then the fragments of the results on screen (gkmlDoc), and the filters' values
   (gkmlFacets) only when the reader filters. Every file is a script, so that the search works
   from file:// in an offline kiosk too, where fetch() is not allowed. */
(function () {
  "use strict";
  var manifest = null;
  var resolveReady = null;
  var ready = new Promise(function (resolve) { resolveReady = resolve; });
  var root = ".";
  var dataBase = "search/d";
  var loaded = {};
  var shards = {};
  var docs = {};
  var facetRows = {};
  var MAX_INLINE = 8;
  var PAGE_SIZE = 20;
  var KIND_NAMES = ["事项", "公开信息"];
  var RUN = /[0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]+/gu;
  var B64 = {};
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".split("").forEach(function (c, i) { B64[c] = i; });

  window.gkmlSearchData = function (data) { manifest = data; resolveReady(data); };
  window.gkmlShard = function (name, data) { shards[name] = Object.assign(shards[name] || {}, data); };
  window.gkmlDoc = function (number, data) { docs[number] = data; };
  window.gkmlFacets = function (start, rows) { facetRows[start] = rows; };

  /* A script of the search data, loaded once (a failed one may be asked for again). */
  function load(path) {
    if (!loaded[path]) {
      loaded[path] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = root + "/" + path;
        script.onload = resolve;
        script.onerror = function () { delete loaded[path]; reject(new Error("无法加载 " + path)); };
        document.head.appendChild(script);
      });
    }
    return loaded[path];
  }

  function hash(key) {  /* FNV-1a over UTF-16 code units, as the builder computes it */
    var h = 0x811c9dc5;
    for (var i = 0; i < key.length; i++) { h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0; }
    return h >>> 0;
  }

  /* What a key's shard says of it: its postings (one string per field, see the builder), the
     size of its own file (a number), or null. */
  function peek(key) {
    var name = "s" + (hash(key) % manifest.shards);
    return load(dataBase + "/" + name + ".js").then(function () { return (shards[name] || {})[key] || null; });
  }

  /* A key's postings, from its own file when it has one. */
  function fetchOwn(key) {
    var own = "k" + ("0000000" + hash(key).toString(16)).slice(-8);
    return load(dataBase + "/" + own + ".js").then(function () { return (shards[own] || {})[key] || null; });
  }

  /* The postings of `keys` needed to find what holds them all: the keys kept in their shards,
     and those in files of their own, smallest first, while they add up to BIG_KEYS characters
     (at least one: the others would only exclude documents holding the pieces apart, which
     on a large site would cost most of the bytes). Null for a key no document has. */
  var BIG_KEYS = 60000;
  function lookups(keys) {
    return Promise.all(keys.map(peek)).then(function (seen) {
      if (seen.some(function (s) { return s === null; })) { return [null]; }
      var small = seen.filter(function (s) { return typeof s !== "number"; });
      var big = keys.map(function (k, i) { return [seen[i], k]; }).filter(function (b) { return typeof b[0] === "number"; });
      big.sort(function (a, b) { return a[0] - b[0]; });
      var chosen = [], total = 0;
      big.forEach(function (b) {
        if (chosen.length && total + b[0] > BIG_KEYS) { return; }
        if (!chosen.length && small.length && b[0] > BIG_KEYS) { return; }
        chosen.push(b[1]);
        total += b[0];
      });
      return Promise.all(chosen.map(fetchOwn)).then(function (found) { return small.concat(found); });
    });
  }

  function bytesOf(text) {
    var out = [], bits = 0, value = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      if (c === "=") { break; }
      value = (value << 6) | B64[c];
      bits += 6;
      if (bits >= 8) { bits -= 8; out.push((value >> bits) & 255); }
    }
    return out;
  }

  /* Mark the documents of one field's string in `tiers` (tier + 1 per document, 0: absent). */
  function decodeInto(text, tier, tiers) {
    if (!text) { return; }
    if (text.charAt(0) === "l") {
      var bytes = bytesOf(text.slice(1)), n = 0, shift = 0, value = 0;
      for (var i = 0; i < bytes.length; i++) {
        value += (bytes[i] & 127) * Math.pow(2, shift);
        if (bytes[i] & 128) { shift += 7; continue; }
        n += value;
        tiers[n] = tier;
        value = 0; shift = 0;
      }
      return;
    }
    var comma = text.indexOf(",");
    var first = parseInt(text.slice(1, comma), 10);
    var map = bytesOf(text.slice(comma + 1));
    for (var j = 0; j < map.length; j++) {
      if (!map[j]) { continue; }
      for (var b = 0; b < 8; b++) { if (map[j] & (1 << b)) { tiers[first + j * 8 + b] = tier; } }
    }
  }

  /* Postings as an array of tiers: 1 title, 2 文号, 3 摘要, 4 body (offset by `shift`). */
  function tiersOf(parts, shift) {
    var tiers = new Uint8Array(manifest.docs);
    (parts || []).forEach(function (text, field) { decodeInto(text, field + 1 + (shift || 0), tiers); });
    return tiers;
  }

  /* Documents holding every key: the worst tier over the keys (fields no worse than `worst`). */
  function all(keys, worst) {
    return lookups(keys).then(function (found) {
      var result = null;
      for (var k = 0; k < found.length; k++) {
        if (!found[k]) { return new Uint8Array(manifest.docs); }
        var tiers = tiersOf(found[k], 1);
        if (!result) { result = tiers; continue; }
        for (var i = 0; i < result.length; i++) { result[i] = result[i] && tiers[i] ? Math.max(result[i], tiers[i]) : 0; }
      }
      if (worst) { for (var j = 0; j < result.length; j++) { if (result[j] > worst) { result[j] = 0; } } }
      return result;
    });
  }

  function union(a, b) {
    for (var i = 0; i < a.length; i++) { if (b[i] && (!a[i] || b[i] < a[i])) { a[i] = b[i]; } }
    return a;
  }

  function normalise(text) { return text.normalize("NFKC").toLowerCase(); }

  /* The keys that find a run of characters: the run (2), or all its trigrams (every other one
     would do, but pieces found apart would match: 示例县 … 县农村 for 示例县农村). */
  function gramKeys(chars, prefix) {
    prefix = prefix || "";
    if (chars.length === 2) { return [prefix + chars.join("")]; }
    var keys = [];
    for (var i = 0; i + 3 <= chars.length; i++) { keys.push(prefix + chars.slice(i, i + 3).join("")); }
    return keys.filter(function (k, j) { return keys.indexOf(k) === j; });
  }

  /* The query as terms (runs of Han characters, letters, digits); pinyin typed with spaces is one term. */
  function terms(query) {
    var runs = normalise(query).match(RUN) || [];
    if (runs.length > 1 && runs.every(function (r) { return /^[a-z]+$/.test(r); })) { runs = [runs.join("")]; }
    return runs.filter(function (r, i) { return runs.indexOf(r) === i; });
  }

  /* Tiers (2 = title … 5 = body, 0 = absent) of the documents holding one term. */
  function termTiers(term) {
    var chars = Array.from(term);
    if (chars.length === 1) { return all(["!" + term]); }
    var found = [all(gramKeys(chars))];
    if (chars.length >= 4 && !/^[a-z]+$/.test(term)) {
      /* a title holding the trigrams apart lacks some of its 4-character pieces: a body match */
      var chain = [];
      for (var c = 0; c + 4 <= chars.length; c++) { chain.push("#" + chars.slice(c, c + 4).join("")); }
      return Promise.all([found[0], all(chain.filter(function (k, j) { return chain.indexOf(k) === j; }))]).then(function (two) {
        for (var d = 0; d < two[0].length; d++) { if (two[0][d] === 2 && !two[1][d]) { two[0][d] = 5; } }
        return two[0];
      });
    }
    if (/^[a-z]+$/.test(term)) {
      /* pinyin from a syllable's start, initials anywhere: whole up to the manifest's lengths, then
         the trigrams of the rest, the first two of them overlapping the whole part */
      var whole = manifest.pinyin[0], run = manifest.pinyin[1];
      var pinyin = ["^" + term.slice(0, whole)].concat(chars.length > whole ? gramKeys(chars.slice(whole - 2), "*") : []);
      var letters = ["~" + term.slice(0, run)].concat(chars.length > run ? gramKeys(chars.slice(run - 2), "~") : []);
      found.push(all(pinyin), all(letters));
    }
    return Promise.all(found).then(function (list) {
      var result = list[0];
      for (var i = 1; i < list.length; i++) {
        for (var j = 0; j < result.length; j++) { if (list[i][j]) { list[i][j] = 2; } }  /* pinyin: a title match */
        union(result, list[i]);
      }
      return result;
    });
  }

  /* Among equals: the items in catalogue order, then the entries newest first (numbered oldest first). */
  function rank(n) { return n < manifest.items ? n : manifest.items + manifest.docs - 1 - n; }

  /* Every document matching the query, best first: [{n, tier}] (tier: the sum over terms). */
  function search(query) {
    var ts = terms(query);
    if (!ts.length) { return Promise.resolve([]); }
    var joined = ts.join("");
    var waits = ts.map(termTiers);
    var docNo = joined.replace(/号$/, "");
    var asDocNo = /[0-9]/.test(joined) && ts.length > 1 && Array.from(docNo).length > 1;
    waits.push(asDocNo ? all(gramKeys(Array.from(docNo)), 3) : null);
    waits.push(all(["=" + joined]));
    return Promise.all(waits).then(function (found) {
      var exact = found.pop();
      var byDocNo = found.pop();
      var score = new Float64Array(manifest.docs);
      for (var i = 0; i < score.length; i++) {
        var total = 0;
        for (var t = 0; t < found.length; t++) {
          if (!found[t][i]) { total = 0; break; }
          total += found[t][i];
        }
        if (byDocNo && byDocNo[i] && (!total || byDocNo[i] * found.length < total)) { total = 3 * found.length; }
        if (exact[i]) { total = 1; }
        score[i] = total;
      }
      var hits = [];
      for (var n = 0; n < score.length; n++) { if (score[n]) { hits.push({ n: n, score: score[n], facets: {} }); } }
      hits.sort(function (a, b) { return a.score - b.score || rank(a.n) - rank(b.n); });
      return hits;
    });
  }

  /* The fragments of `hits` (what a result shows). */
  function fragments(hits) {
    return Promise.all(hits.map(function (hit) {
      var folder = Math.floor(hit.n / manifest.perFolder);
      return load(dataBase + "/r/" + folder + "/" + hit.n + ".js");
    }));
  }

  function unpack(bits, values) {
    return values.filter(function (v, i) { return bits & (1 << i); });
  }

  /* The filters' values of `hits` (loaded in chunks of documents). */
  function loadFacets(hits) {
    var size = manifest.facetChunk;
    var chunks = {};
    hits.forEach(function (hit) { chunks[Math.floor(hit.n / size) * size] = true; });
    return Promise.all(Object.keys(chunks).map(function (start) {
      return load(dataBase + "/f" + (start / size) + ".js");
    })).then(function () {
      var values = manifest.facets;
      hits.forEach(function (hit) {
        var row = facetRows[Math.floor(hit.n / size) * size][hit.n % size];
        var cat = manifest.cats[row[0]];
        var facets = { "类型": [KIND_NAMES[hit.n < manifest.items ? 0 : 1]], "领域": [cat[0]], "栏目": [cat[0] + " › " + cat[1]] };
        if (hit.n < manifest.items) {
          facets["方式"] = unpack(row[1], values["方式"]);
          facets["对象"] = unpack(row[2], values["对象"]);
          facets["层级"] = unpack(row[3], values["层级"]);
          facets["主体"] = [values["主体"][row[4]]];
        } else {
          if (row[1] >= 0) { facets["类别"] = [values["类别"][row[1]]]; }
          if (row[2] >= 0) { facets["有效性"] = [values["有效性"][row[2]]]; }
          if (row[3]) { facets["年份"] = [row[3]]; }
        }
        hit.facets = facets;
      });
      return hits;
    });
  }

  /* Text with every occurrence of the terms wrapped in <mark>, built as DOM nodes. */
  function highlighted(text, ts) {
    var fragment = document.createDocumentFragment();
    var lower = normalise(text);
    if (lower.length !== text.length) { lower = text.toLowerCase(); }
    var i = 0;
    while (i < text.length) {
      var next = -1, len = 0;
      ts.forEach(function (t) {
        var at = lower.indexOf(t, i);
        if (at >= 0 && (next < 0 || at < next || (at === next && t.length > len))) { next = at; len = t.length; }
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

  function compact(text) { return (normalise(text).match(RUN) || []).join(""); }

  /* The snippet of a result: its 文号 when the query is one, else the text around the first term. */
  function snippet(doc, ts) {
    if (doc.n) {
      var joined = ts.join("").replace(/号$/, "");
      if (/[0-9]/.test(joined) && compact(doc.n).indexOf(joined) >= 0) { return { text: "文号：" + doc.n, whole: doc.n }; }
    }
    var fields = [doc.s || "", doc.x || "", doc.n || ""];
    for (var f = 0; f < fields.length; f++) {
      var lower = normalise(fields[f]);
      if (lower.length !== fields[f].length) { lower = fields[f].toLowerCase(); }
      for (var i = 0; i < ts.length; i++) {
        var at = lower.indexOf(ts[i]);
        if (at >= 0) {
          var from = Math.max(0, at - 20);
          return { text: (from > 0 ? "…" : "") + fields[f].slice(from, at + ts[i].length + 40).replace(/\n/g, "；") };
        }
      }
    }
    return doc.s ? { text: doc.s.slice(0, 60) } : null;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function resultItem(hit, ts, base) {
    var doc = docs[hit.n];
    var li = el("li", "gkml-result gkml-result--" + (doc.k ? "entry" : "item"));
    li.appendChild(el("span", "gkml-result__kind", KIND_NAMES[doc.k]));
    var a = el("a", "gkml-result__title");
    a.href = base + doc.u;
    a.appendChild(highlighted(doc.t, ts));
    li.appendChild(a);
    var cat = manifest.cats[doc.c];
    li.appendChild(el("span", "gkml-result__where", cat[0] + " › " + cat[1]));
    if (doc.d) {
      var date = el("time", "gkml-result__date", doc.d);
      date.setAttribute("datetime", doc.d);
      li.appendChild(date);
    }
    var found = snippet(doc, ts);
    if (found) {
      var p = el("p", "gkml-result__snippet");
      if (found.whole) {
        var at = found.text.indexOf(found.whole);
        p.appendChild(document.createTextNode(found.text.slice(0, at)));
        p.appendChild(el("mark", "", found.whole));
      } else {
        p.appendChild(highlighted(found.text, ts));
      }
      li.appendChild(p);
    }
    return li;
  }

  function countText(hits, what) {
    var items = hits.filter(function (h) { return h.n < manifest.items; }).length;
    var parts = [];
    if (items) { parts.push("事项 " + items + " 个"); }
    if (hits.length - items) { parts.push("公开信息 " + (hits.length - items) + " 条"); }
    return what + hits.length + " 个结果" + (parts.length ? "（" + parts.join("，") + "）" : "");
  }

  function hasFilters() {
    var params = new URLSearchParams(window.location.search);
    return window.gkmlFilters && window.gkmlFilters.facets.some(function (f) { return params.has(f.key); });
  }

  /* The results page: search/?q=… (shareable; the address follows the query and the filters,
     ?q=…&类别=…). The query's parameter is the search box's name, from generator/site/routes.py. */
  function startPage(container) {
    var form = document.querySelector(".gkml-search-form");
    var input = form && form.querySelector("input[data-gkml-search]");
    var base = container.getAttribute("data-root");
    var status = document.getElementById("gkml-search-status");
    var params = new URLSearchParams(window.location.search);
    var query = (input && params.get(input.name)) || "";
    var current = { q: "", ts: [], hits: [], facets: false };
    var sequence = 0;
    var filters = null;
    if (input && input.value) { query = input.value; } else if (input) { input.value = query; }

    function say(text) { if (status) { status.textContent = text; } }

    function appendPage(list, visible, from, ts, done) {
      var page = visible.slice(from, from + PAGE_SIZE);
      var mine = sequence;
      return fragments(page).then(function () {
        if (mine !== sequence) { return; }
        page.forEach(function (hit) { list.appendChild(resultItem(hit, ts, base)); });
        if (done) { done(); }
      });
    }

    function show(visible) {
      var ts = current.ts;
      var filtered = filters && filters.active();
      var mine = ++sequence;
      if (!ts.length && !filtered) {
        container.textContent = "";
        say("");
        return;
      }
      var text;
      if (!ts.length) {
        text = visible.length ? "筛选出 " + visible.length + " 个结果（共 " + current.hits.length + " 个）" : "没有符合筛选条件的结果，请减少筛选条件。";
      } else if (!current.hits.length) {
        text = "没有找到与“" + current.q + "”相关的结果，请换个词或用拼音试试。";
      } else if (filtered) {
        text = countText(current.hits, "找到 ") + "，筛选后" + (visible.length ? "显示 " + visible.length + " 个" : "没有符合条件的结果");
      } else {
        text = countText(current.hits, "找到 ");
      }
      var list = el("ol", "gkml-results");
      appendPage(list, visible, 0, ts, function () {
        if (mine !== sequence) { return; }
        container.textContent = "";
        container.appendChild(el("p", "gkml-search-count", text));
        say(text);
        container.appendChild(list);
        if (visible.length > PAGE_SIZE) {
          var more = el("button", "gkml-more", "");
          more.type = "button";
          var label = function () {
            var left = visible.length - list.children.length;
            more.textContent = "显示更多结果（还有 " + left + " 个）";
          };
          label();
          more.addEventListener("click", function () {
            more.disabled = true;
            appendPage(list, visible, list.children.length, ts, function () {
              more.disabled = false;
              if (list.children.length >= visible.length) { more.remove(); } else { label(); }
            });
          });
          container.appendChild(more);
        }
      });
    }

    function withFacets() {
      if (current.facets || !current.hits.length) { return Promise.resolve(); }
      var asked = current;
      return loadFacets(asked.hits).then(function () {
        asked.facets = true;
        if (asked === current && filters) { filters.setItems(asked.hits); }
      });
    }

    if (window.gkmlFilters) {
      filters = window.gkmlFilters.create({ mount: container, status: false, onChange: show, onOpen: withFacets, noun: "个结果" });
    }

    /* With filters and no query, every document the filters leave is listed. */
    function everything() {
      var hits = [];
      if (filters && (filters.active() || hasFilters())) {
        for (var n = 0; n < manifest.docs; n++) { hits.push({ n: n, score: 0, facets: {} }); }
        hits.sort(function (a, b) { return rank(a.n) - rank(b.n); });
      }
      return Promise.resolve(hits);
    }

    function render(q) {
      var ts = terms(q);
      var mine = ++sequence;
      return (ts.length ? search(q) : everything()).then(function (hits) {
        if (mine !== sequence) { return null; }
        current = { q: q, ts: ts, hits: hits, facets: false };
        var before = hasFilters() || (filters && filters.active()) ? loadFacets(hits).then(function () { current.facets = true; }) : Promise.resolve();
        return before.then(function () {
          if (current.hits !== hits) { return; }
          if (filters) { filters.setItems(hits); } else { show(hits); }
        });
      });
    }

    function update() {
      var q = input.value;
      var url = new URL(window.location.href);
      if (q) { url.searchParams.set(input.name, q); } else { url.searchParams.delete(input.name); }
      window.history.replaceState(null, "", url.toString());
      return render(q);
    }

    if (input) {
      input.addEventListener("input", update);
      return update();
    }
    return render(query);
  }

  /* The header box: the best few results inline; Enter opens the results page. */
  function startHeader(form) {
    var input = form.querySelector("input[data-gkml-search]");
    var panel = el("div", "gkml-inline-results");
    panel.hidden = true;
    form.appendChild(panel);
    var base = root + "/";
    var sequence = 0;

    function render() {
      var q = input.value;
      var ts = terms(q);
      var mine = ++sequence;
      if (!ts.length) { panel.textContent = ""; panel.hidden = true; return; }
      search(q).then(function (hits) {
        var top = hits.slice(0, MAX_INLINE);
        return fragments(top).then(function () {
          if (mine !== sequence) { return; }
          panel.textContent = "";
          panel.hidden = false;
          if (!hits.length) {
            panel.appendChild(el("p", "gkml-search-count", "没有找到相关结果"));
            return;
          }
          var list = el("ol", "gkml-results");
          top.forEach(function (hit) { list.appendChild(resultItem(hit, ts, base)); });
          panel.appendChild(list);
          var all = el("a", "gkml-inline-results__all", "查看全部 " + hits.length + " 个结果");
          all.href = form.getAttribute("action") + "?" + encodeURIComponent(input.name) + "=" + encodeURIComponent(q);
          panel.appendChild(all);
        });
      });
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
    terms: terms,
    start: function (base, index) {
      root = base;
      dataBase = index.replace(/[^/]*$/, "");
      var script = document.createElement("script");
      script.src = base + "/" + index;
      document.head.appendChild(script);
      return ready.then(function (data) {
        dataBase += data.data;
        var container = document.getElementById("gkml-search-results");
        var started = container ? startPage(container) : null;
        document.querySelectorAll(".gkml-header-search").forEach(startHeader);
        return started;
      });
    }
  };
})();
