/* Runs the site's own search.js under Node over a built site, without a browser: the scripts it
   asks for are read from disk and run, as a page would load them. Each query runs in a fresh
   context (a new page), so that the files it loads are all those it needs; with GKML_SHARED=1,
   in one page.

   node search_node.js <site folder> <search.js>   (queries on stdin, one JSON string a line)
   prints one JSON line a query: {"q", "hits": [[number, score]…], "files": [paths loaded]} */
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const readline = require("readline");

const [site, script] = process.argv.slice(2);
const engine = new vm.Script(fs.readFileSync(script, "utf8"), { filename: script });
const cache = new Map();

function page() {
  const loaded = [];
  const sandbox = { URLSearchParams, Promise, setImmediate };
  sandbox.window = sandbox;
  sandbox.document = {
    createElement: () => ({}),
    head: {
      appendChild(element) {
        const rel = element.src.replace(/^\.\//, "");
        loaded.push(rel);
        setImmediate(() => {
          const file = path.join(site, rel);
          if (!fs.existsSync(file)) { if (element.onerror) { element.onerror(); } return; }
          if (!cache.has(file)) { cache.set(file, new vm.Script(fs.readFileSync(file, "utf8"), { filename: file })); }
          cache.get(file).runInContext(context);
          if (element.onload) { element.onload(); }
        });
      },
    },
    getElementById: () => null,
    querySelectorAll: () => [],
  };
  const context = vm.createContext(sandbox);
  engine.runInContext(context);
  return { window: sandbox, loaded };
}

const shared = Boolean(process.env.GKML_SHARED);  // one page for every query (faster; files loaded once)
let current = null;

(async () => {
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (!line.trim()) { continue; }
    const q = JSON.parse(line);
    if (!shared || !current) {
      current = page();
      await current.window.gkmlSearch.start(".", "search/index.js");
    }
    const { window, loaded } = current;
    loaded.length = 0;
    const hits = await window.gkmlSearch.search(q);
    process.stdout.write(JSON.stringify({ q, hits: hits.map((h) => [h.n, h.score]), files: loaded }) + "\n");
  }
})();
