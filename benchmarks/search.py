"""Search benchmark: gkml's search and Pagefind (extended) on the same synthetic site, in Chromium.

Usage::

    python benchmarks/search.py --items 2000 --entries 20000 [--queries 200] [--seed 1]
                                [--catalogue DIR | --site DIR] [--rev REV] [--workdir DIR]
                                [--pagefind DIR | --without-pagefind] [--details FILE]
    python benchmarks/search.py --example [--queries 200] ...

1. The site: the synthetic catalogue of benchmarks/synth.py (``--items``, ``--entries``,
   ``--seed``), written into the work folder (or ``--catalogue DIR``, written before by
   ``build.py --catalogue-only`` with the same arguments; ``--example``: the repository's
   catalogue/) and built as build.py builds it: a snapshot of this checkout's generator,
   mkdocs.yml, content/ and overrides/ (``--rev REV``: as committed in REV, whatever the
   checkout holds meanwhile), ``mkdocs build`` in a child. ``--site DIR`` takes a site built
   before from the same arguments instead.
2. The queries (benchmarks/search_queries.py): ``--queries`` (default 200) drawn with a fixed
   seed from the synthetic items and entries — title substrings, body runs of 2–4 Han
   characters, 文号 in three spellings, pinyin and initials of title runs — each with the page
   it must find.
3. Pagefind: the ``pagefind`` npm package (version :data:`PAGEFIND_VERSION`), installed on
   first use into benchmarks/.pagefind/ (git-ignored) with ``npm install``; its Linux platform
   package ships the extended binary (``pagefind_extended``, which segments Chinese), run as
   ``pagefind_extended --site SITE --output-path WORK/pagefind --root-selector article``: every
   page, only the article (Material's ``<article class="md-content__inner">``, what a site adds
   ``data-pagefind-body`` to), not the header, navigation or footer. ``--pagefind DIR`` takes a
   bundle indexed before from the same site; ``--without-pagefind`` measures gkml only.
4. The site is served on 127.0.0.1 by a threaded HTTP server that records every file it sends
   (its bytes, and its bytes after gzip -9, each file on its own); the Pagefind bundle is served
   at /pagefind/ beside it. Headless Chromium (/usr/bin/chromium, 1280×800) opens, for each
   query, in a new browser context (empty cache, as a fresh profile):

   * gkml: ``search/?q=<query>``. Time to results: from navigation start to the moment the
     results page shows its count line (``#gkml-search-results .gkml-search-count``, a
     MutationObserver in the page). Bytes: every file the page fetched until the network was
     quiet (no request for 0.3 s) except the page itself and the theme's shared assets — the
     files the home page fetches in a new context too (measured once before the queries),
     less any of those that are search files (a path containing "search": they are reported as
     ``idle_search_bytes``, which must be 0: nothing is loaded for search before the first one).
     The results (after the bytes were counted): the links of ``.gkml-result__title`` on the
     first page of the list, and every result from the page's own search function
     (``window.gkmlSearch.search``: today's index returns the items, a sharded index document
     numbers, turned into pages through its ``gkmlDoc(n, …)`` fragment files read from disk);
     without that function, the "more" button (``button.gkml-more``) is pressed until the
     expected page is listed or MAX_LISTED results are.
   * Pagefind: a page of its own (/__bench__/pagefind.html) that imports /pagefind/pagefind.js,
     calls ``search(query)`` and then ``data()`` of the first 5 results (Pagefind's UI shows 5);
     time from navigation start until those data are there; bytes: every file fetched except
     that page. The results: the ids of all results, mapped to their pages through the bundle's
     fragment files (read here, not fetched by the browser).

   gkml and Pagefind alternate query by query.

Recall (search_queries.summarise): the share of queries whose expected page is among all the
results the search lists (``recall``, per kind; ``recall_items``, ``recall_entries``), and among
the first results a reader sees (``recall_shown``: the first page of gkml's list, the 5 of
Pagefind's UI).

One JSON line on stdout (fields in benchmarks/README.md); progress on stderr; every query's
outcome in ``--details`` (JSON lines; default benchmarks/out/search-<items>-<entries>-<seed>.jsonl).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import build  # noqa: E402
import search_queries as sq  # noqa: E402
import synth  # noqa: E402

PAGEFIND_VERSION = "1.6.0"
PAGEFIND_CACHE = HERE / ".pagefind"
PAGEFIND_ROOT_SELECTOR = "article"
#: Pagefind's UI files (not fetched by the JS API; left out of its index figures).
PAGEFIND_UI = re.compile(r"^pagefind-(ui|component-ui|modular-ui|highlight)\.")
EXAMPLE = ROOT / "catalogue"
HARNESS = "/__bench__/pagefind.html"
PAGEFIND_SHOWN = 5  #: results Pagefind's UI shows before "Load more"; data() is fetched for these
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}
TIMEOUT_MS = 60_000
QUIET_S = 0.3

MAX_LISTED = 2000  #: without a search function to ask, results listed at most to find the expected page
GKML_DOC = re.compile(r"^gkmlDoc\((\d+),(.*)\);?\s*$", re.S)
#: Every result of a query from the page's own search function: an address (today's index, whose
#: hits carry the item) or a document number (a sharded index: its hits are numbers); null when
#: the page has no such function.
HITS_SCRIPT = """async (q) => {
  const api = window.gkmlSearch;
  if (!api || typeof api.search !== "function") return null;
  const hits = await api.search(q);
  return Array.from(hits, (h) => (h.item && h.item.url ? h.item.url : typeof h.n === "number" ? h.n : false));
}"""
COUNT = "#gkml-search-results .gkml-search-count"
DCL = "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"
RESULT_LINKS = "#gkml-search-results .gkml-result__title"
MORE = "#gkml-search-results button.gkml-more"
#: Installed in every gkml page before its own scripts: notes when the results' count line appears.
READY_SCRIPT = """(() => {
  const obs = new MutationObserver(() => {
    if (window.__benchReady === undefined && document.querySelector(__COUNT__)) {
      window.__benchReady = performance.now();
      obs.disconnect();
    }
  });
  obs.observe(document, {childList: true, subtree: true});
})();""".replace("__COUNT__", json.dumps(COUNT))
PAGEFIND_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Pagefind</title></head><body>
<script type="module">
const out = {};
try {
  const q = new URLSearchParams(location.search).get("q");
  const pagefind = await import("/pagefind/pagefind.js");
  const search = await pagefind.search(q);
  const results = search ? search.results : [];
  const top = await Promise.all(results.slice(0, __SHOWN__).map((r) => r.data()));
  out.ms = performance.now();
  out.ids = results.map((r) => r.id);
  out.top = top.map((d) => d.url);
} catch (e) {
  out.error = String(e);
}
window.__bench = out;
</script></body></html>
""".replace("__SHOWN__", str(PAGEFIND_SHOWN))


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- Pagefind --------------------------------------------------------------------------------


def pagefind_binary() -> Path:
    """``pagefind_extended`` of the npm package ``pagefind`` @ PAGEFIND_VERSION, installed into
    benchmarks/.pagefind/ with npm on first use (its platform package ships the binary)."""

    def found() -> Path | None:
        for path in sorted((PAGEFIND_CACHE / "node_modules" / "@pagefind").glob("*/bin/pagefind_extended")):
            return path
        return None

    binary = found()
    if binary is None or PAGEFIND_VERSION not in _version(binary):
        log(f"installing pagefind@{PAGEFIND_VERSION} from the npm registry into {PAGEFIND_CACHE}")
        PAGEFIND_CACHE.mkdir(exist_ok=True)
        cmd = ["npm", "install", "--prefix", str(PAGEFIND_CACHE), "--no-audit", "--no-fund", "--no-save"]
        subprocess.run([*cmd, f"pagefind@{PAGEFIND_VERSION}"], check=True, stdout=sys.stderr)
        binary = found()
        if binary is None:
            raise SystemExit("the pagefind npm package has no pagefind_extended for this platform")
    return binary


def _version(binary: Path) -> str:
    return subprocess.run([str(binary), "--version"], capture_output=True, text=True).stdout.strip()


def run_pagefind(binary: Path, site: Path, bundle: Path) -> float:
    """Index ``site`` into ``bundle``; the wall time in seconds. Fails unless Pagefind ran extended."""
    if bundle.exists():
        shutil.rmtree(bundle)
    cmd = [str(binary), "--site", str(site), "--output-path", str(bundle), "--root-selector", PAGEFIND_ROOT_SELECTOR]
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0 or "(Extended)" not in done.stdout:
        log(done.stdout[-3000:] + done.stderr[-3000:])
        raise SystemExit(f"pagefind failed or did not run extended (exit {done.returncode})")
    for line in done.stdout.splitlines():
        if line.strip().startswith(("Indexed", "Discovered")):
            log("pagefind: " + line.strip())
    return seconds


def fragment_pages(bundle: Path) -> dict[str, str]:
    """Pagefind result id → page address, from the bundle's fragment files (gzip, after the
    signature ``pagefind_dcd``: one fragment, or a group of fragments keyed by id)."""
    pages: dict[str, str] = {}
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        data = json.loads(raw[raw.index(b"{") :])
        if isinstance(data.get("url"), str):
            pages[path.stem] = data["url"]
        else:
            pages.update({key: value["url"] for key, value in data.items()})
    return pages


# -- what the site holds ---------------------------------------------------------------------------


def folder_figures(files: list[Path]) -> dict[str, int]:
    """Bytes of ``files``, raw and each gzip -9, and their number."""
    raw = gz = 0
    for path in files:
        data = path.read_bytes()
        raw += len(data)
        gz += sq.gzip_size(data)
    return {"index_bytes": raw, "index_gzip_bytes": gz, "index_files": len(files)}


def gkml_index_files(site: Path) -> list[Path]:
    """gkml's search data: every file under search/ but the page (index.html)."""
    return sorted(p for p in (site / "search").rglob("*") if p.is_file() and p.suffix != ".html")


def pagefind_index_files(bundle: Path) -> list[Path]:
    """The Pagefind bundle but its UI files: the files its JS API can fetch."""
    return sorted(p for p in bundle.rglob("*") if p.is_file() and not PAGEFIND_UI.match(p.name))


# -- serving --------------------------------------------------------------------------------------


class Recorder:
    """Every file the server sent since the last :meth:`reset`: (path, bytes, gzip -9 bytes).
    The gzip sizes are computed when asked for (:meth:`snapshot`), not while serving, so that
    compressing takes no time from the searches measured."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sent: list[tuple[str, Path | None]] = []
        self.inflight = 0
        self.last = time.monotonic()
        self._sizes: dict[Path, tuple[int, int]] = {}

    def reset(self) -> None:
        with self.lock:
            self.sent = []

    def begin(self) -> None:
        with self.lock:
            self.inflight += 1
            self.last = time.monotonic()

    def end(self, path: str, file: Path | None) -> None:
        """The request for ``path`` is done; ``file`` was sent (None: nothing was, e.g. not found)."""
        with self.lock:
            self.inflight -= 1
            self.last = time.monotonic()
            self.sent.append((path, file))

    def wait_quiet(self, quiet: float = QUIET_S, timeout: float = 30) -> None:
        """Until no request is open and none came for ``quiet`` seconds (or ``timeout``)."""
        give_up = time.monotonic() + timeout
        while time.monotonic() < give_up:
            with self.lock:
                idle = self.inflight == 0 and time.monotonic() - self.last >= quiet
            if idle:
                return
            time.sleep(0.02)

    def snapshot(self) -> list[tuple[str, int, int]]:
        """(path, bytes, gzip -9 bytes) of every request since :meth:`reset` (0, 0 when nothing was sent)."""
        with self.lock:
            sent = list(self.sent)
        return [(path, *self._size(file)) for path, file in sent]

    def _size(self, file: Path | None) -> tuple[int, int]:
        if file is None or not file.is_file():
            return 0, 0
        if file not in self._sizes:
            data = file.read_bytes()
            self._sizes[file] = (len(data), sq.gzip_size(data))
        return self._sizes[file]


class _Handler(SimpleHTTPRequestHandler):
    """Serves the site, the Pagefind bundle at /pagefind/ and the harness at /__bench__/."""

    recorder: Recorder
    mounts: dict[str, Path]

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def translate_path(self, path: str) -> str:
        clean = unquote(urlsplit(path).path)
        for prefix, folder in self.mounts.items():
            if clean.startswith(prefix):
                parts = [p for p in posixpath.normpath(clean[len(prefix) :]).split("/") if p not in ("", ".", "..")]
                return str(folder.joinpath(*parts)) + ("/" if clean.endswith("/") else "")
        return super().translate_path(path)

    def do_GET(self) -> None:
        self.recorder.begin()
        self._status = 0
        file: Path | None = None
        try:
            target = Path(self.translate_path(self.path))
            file = target / "index.html" if target.is_dir() else target
            super().do_GET()
        finally:
            self.recorder.end(urlsplit(self.path).path, file if self._status == 200 else None)

    def send_response(self, code: int, message: str | None = None) -> None:
        self._status = code
        super().send_response(code, message)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(site: Path, mounts: dict[str, Path], recorder: Recorder) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 with ``mounts`` (URL prefix → folder); yields the base URL."""
    handler = type("Handler", (_Handler,), {"recorder": recorder, "mounts": mounts})
    server = _Server(("127.0.0.1", 0), partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# -- the browser ----------------------------------------------------------------------------------


def is_search_file(path: str) -> bool:
    """A file fetched for search (by its path): used to tell which files a page without a query
    must not fetch."""
    return "search" in path.lower()


def shared_assets(browser: Any, base: str, recorder: Recorder) -> tuple[set[str], list[tuple[str, int, int]]]:
    """The theme's shared assets (what the home page fetches in a new context, search files
    excepted) and the search files the home page fetched without a search."""
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN", service_workers="block")
    try:
        recorder.reset()
        page = context.new_page()
        page.goto(base)
        time.sleep(1)
        recorder.wait_quiet()
        sent = recorder.snapshot()
    finally:
        context.close()
    shared = {path for path, _, _ in sent if not is_search_file(path)} - {"/", "/index.html"}
    return shared, [s for s in sent if is_search_file(s[0])]


def _counted(sent: list[tuple[str, int, int]], skip: set[str]) -> tuple[int, int, list[str]]:
    kept = [s for s in sent if s[0] not in skip]
    return sum(s[1] for s in kept), sum(s[2] for s in kept), [s[0] for s in kept]


def _site_path(url: str, base: str) -> str:
    return urlsplit(url).path.lstrip("/") if url.startswith(base) or url.startswith("/") else url


def gkml_documents(site: Path) -> dict[int, str]:
    """Document number → page address, from the result fragments of a sharded index
    (``gkmlDoc(n, {..., "u": address, ...})`` files under search/), where the search returns
    numbers rather than pages; empty for an index without them."""
    found: dict[int, str] = {}
    for path in (site / "search").rglob("*.js"):
        text = path.read_text(encoding="utf-8")
        match = GKML_DOC.match(text)
        if match:
            found[int(match[1])] = json.loads(match[2])["u"]
    return found


def _hits(page: Any, query: sq.Query, documents: dict[int, str]) -> list[str] | None:
    """Every result of ``query``, best first, from the page's own search function
    (``window.gkmlSearch.search``): its pages' addresses; None when the page has no such
    function or a result cannot be told."""
    found = page.evaluate(HITS_SCRIPT, query.text)
    if found is None:
        return None
    urls = []
    for hit in found:
        if isinstance(hit, str):
            urls.append(hit)
        elif isinstance(hit, (int, float)) and not isinstance(hit, bool) and int(hit) in documents:
            urls.append(documents[int(hit)])
        else:
            return None
    return urls


def _listed(page: Any, base: str) -> list[str]:
    """The results the page lists, once it is not loading more."""
    page.wait_for_function(f"() => !document.querySelector({json.dumps(MORE + ':disabled')})", timeout=TIMEOUT_MS)
    links = page.locator(RESULT_LINKS).evaluate_all("links => links.map(a => a.href)")
    return [_site_path(u, base) for u in links]


def gkml_query(
    browser: Any, base: str, recorder: Recorder, query: sq.Query, shared: set[str], documents: dict[int, str]
) -> sq.Outcome:
    """Open ``search/?q=`` in a new context: time to the count line, the files fetched (the
    shared assets and the page left out), then where the expected page is among the results:
    from the page's search function when it has one (every result), else from the list,
    pressing the "more" button until it is there or MAX_LISTED results are listed."""
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN", service_workers="block")
    context.add_init_script(READY_SCRIPT)
    skip = shared | {"/search/", "/search/index.html"}
    try:
        page = context.new_page()
        recorder.reset()
        page.goto(f"{base}search/?q={quote(query.text)}")
        try:
            page.wait_for_function("() => window.__benchReady !== undefined", timeout=TIMEOUT_MS)
        except Exception as exc:  # Playwright's TimeoutError
            recorder.wait_quiet()
            raw, gz, paths = _counted(recorder.snapshot(), skip)
            return sq.Outcome(query, False, None, 0, raw, gz, len(paths), None, paths, f"{type(exc).__name__}")
        ms = float(page.evaluate("window.__benchReady"))
        page_ms = float(page.evaluate(DCL))
        recorder.wait_quiet()
        raw, gz, paths = _counted(recorder.snapshot(), skip)
        count_text = page.locator(COUNT).first.inner_text()
        numbers = re.findall(r"\d[\d,]*", count_text)
        counted = int(numbers[0].replace(",", "")) if numbers and "没有" not in count_text else 0
        listed = _listed(page, base)
        shown = len(listed)
        error = ""
        hits = _hits(page, query, documents)
        if hits is not None:
            if hits[: len(listed)] != listed:
                error = "the page lists results in another order than its search function returns them"
            rank = sq.rank_of(query.expected, hits)
            found = rank is not None
            return sq.Outcome(query, found, rank, len(hits), raw, gz, len(paths), ms, paths, error, shown, page_ms)
        rank = sq.rank_of(query.expected, listed)
        while rank is None and len(listed) < MAX_LISTED and page.locator(MORE).count():
            page.locator(MORE).first.click()
            listed = _listed(page, base)
            rank = sq.rank_of(query.expected, listed)
        if rank is None and page.locator(MORE).count():
            error = f"not among the first {len(listed)} results listed; more were not looked at"
        found = rank is not None
        results = counted or len(listed)
        return sq.Outcome(query, found, rank, results, raw, gz, len(paths), ms, paths, error, shown, page_ms)
    finally:
        context.close()


def pagefind_query(browser: Any, base: str, recorder: Recorder, query: sq.Query, ids: dict[str, str]) -> sq.Outcome:
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN", service_workers="block")
    try:
        page = context.new_page()
        recorder.reset()
        page.goto(f"{base}{HARNESS.lstrip('/')}?q={quote(query.text)}")
        error = ""
        try:
            page.wait_for_function("() => window.__bench !== undefined", timeout=TIMEOUT_MS)
            out = page.evaluate("window.__bench")
            out["page_ms"] = page.evaluate(DCL)
        except Exception as exc:  # Playwright's TimeoutError
            out, error = {}, type(exc).__name__
        recorder.wait_quiet()
        raw, gz, paths = _counted(recorder.snapshot(), {HARNESS})
        error = error or str(out.get("error", ""))
        urls = [ids.get(i, f"?{i}") for i in out.get("ids", [])]
        rank = sq.rank_of(query.expected, urls)
        ms = out.get("ms")
        shown = min(PAGEFIND_SHOWN, len(urls))
        found = rank is not None
        page_ms = out.get("page_ms")
        return sq.Outcome(query, found, rank, len(urls), raw, gz, len(paths), ms, paths, error, shown, page_ms)
    finally:
        context.close()


# -- main -----------------------------------------------------------------------------------------


def snapshot_revision(work: Path, rev: str) -> tuple[Path, str]:
    """Like build.snapshot, but generator/, mkdocs.yml, content/ and overrides/ as committed in
    ``rev`` (``git archive``), whatever the checkout holds meanwhile."""
    src = work / "src"
    src.mkdir(parents=True)
    git = ["git", "-C", str(ROOT)]
    commit = subprocess.run([*git, "rev-parse", "--short", rev], capture_output=True, text=True, check=True).stdout
    paths = ["generator", "mkdocs.yml", "content", "overrides"]
    archive = subprocess.run([*git, "archive", rev, *paths], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
    return src, commit.strip()


def build_site(args: argparse.Namespace, work: Path) -> tuple[Path, str, dict[str, float] | None]:
    """The synthetic site, built as build.py builds it (or ``--site``); (its folder, the revision,
    the build's own figures as build.py measures them: None for ``--site``)."""
    if args.site:
        log(f"using the site in {args.site} (built before from the same --items, --entries and --seed)")
        return args.site.resolve(), build.revision() + " (checkout; site built before)", None
    catalogue = EXAMPLE if args.example else args.catalogue or work / "catalogue"
    if args.example or args.catalogue:
        log(f"using the catalogue in {catalogue}")
    else:
        log(f"writing {args.items} items and {args.entries} entries into {catalogue}")
        synth.write_catalogue(catalogue, args.items, args.seed, entries=args.entries)
    src, commit = snapshot_revision(work, args.rev) if args.rev else build.snapshot(work)
    env = build.child_env(src)
    config = build.gkml_project(work, src, catalogue)
    site = work / "site"
    log("building the site (mkdocs build)")
    wall, peak, cpu, system, pss, rss = build.run_build(config, site, env)
    log(f"built in {wall:.1f} s, {cpu:.1f} s CPU, {peak:.0f} MiB")
    figures = {"build_s": wall, "cpu_s": cpu, "sys_s": system, "peak_mib": peak}
    figures |= {"tree_pss_mib": pss, "tree_rss_mib": rss}
    return site, commit, {k: round(v, 1) for k, v in figures.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, help="number of synthetic items")
    parser.add_argument("--example", action="store_true", help="the example catalogue (catalogue/) instead")
    parser.add_argument("--entries", type=int, default=0, help="number of synthetic entries (公开信息)")
    parser.add_argument("--queries", type=int, default=200, help="size of the query set (default 200)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the catalogue and of the queries")
    parser.add_argument("--catalogue", type=Path, metavar="DIR", help="a catalogue written before (build.py)")
    parser.add_argument("--site", type=Path, metavar="DIR", help="a site built before from the same arguments")
    parser.add_argument("--rev", metavar="REV", help="build gkml as committed in REV (default: the checkout)")
    parser.add_argument("--workdir", type=Path, metavar="DIR", help="work and keep files here (default: temp dir)")
    parser.add_argument("--pagefind", type=Path, metavar="DIR", help="a Pagefind bundle indexed before from --site")
    parser.add_argument("--without-pagefind", action="store_true", help="measure gkml only (pagefind: null)")
    parser.add_argument("--details", type=Path, metavar="FILE", help="every query's outcome (JSON lines)")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} is missing: apt-get install chromium (bash tests/run.sh installs it)")
    from playwright.sync_api import sync_playwright

    if args.example:
        from generator.load.catalogue import load_catalogue

        loaded, diagnostics = load_catalogue(EXAMPLE, git_dates=False)
        if loaded is None:
            raise SystemExit("the example catalogue does not load: " + "; ".join(d.format() for d in diagnostics))
        pages = sq.catalogue_pages(loaded)
        args.items, args.entries = len(loaded.records), len(loaded.entries)
    else:
        if args.items is None:
            parser.error("--items is required (or --example)")
        pages = sq.pages(args.items, args.entries, args.seed)
    queries = sq.draw_queries(pages, args.queries, args.seed)
    log(f"{len(queries)} queries: " + ", ".join(f"{k} {v}" for k, v in sq.kind_counts(args.queries).items()))
    name = "example" if args.example else f"{args.items}-{args.entries}-{args.seed}"
    details = args.details or HERE / "out" / f"search-{name}.jsonl"
    work = args.workdir or Path(tempfile.mkdtemp(prefix="gkml-search-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        site, commit, built = build_site(args, work)
        missing = [q.expected for q in queries if not (site / q.expected / "index.html").is_file()]
        if missing:
            raise SystemExit(
                f"{site} has no page {missing[0]} (and {len(missing) - 1} more): built from other arguments?"
            )
        pagefind_s: float | None = None
        bundle: Path | None = None
        if args.without_pagefind:
            log("without Pagefind")
        elif args.pagefind:
            bundle = args.pagefind.resolve()
            log(f"using the Pagefind bundle in {bundle} (indexed before from the same site)")
        else:
            binary = pagefind_binary()
            bundle = work / "pagefind"
            log(f"indexing with {_version(binary)} (extended)")
            pagefind_s = run_pagefind(binary, site, bundle)
        ids = fragment_pages(bundle) if bundle else {}
        documents = gkml_documents(site)
        harness = work / "__bench__"
        harness.mkdir(exist_ok=True)
        (harness / "pagefind.html").write_text(PAGEFIND_PAGE, encoding="utf-8")

        recorder = Recorder()
        outcomes: dict[str, list[sq.Outcome]] = {"gkml": [], "pagefind": []}
        mounts = {"/pagefind/": bundle, "/__bench__/": harness} if bundle else {}
        with serve(site, mounts, recorder) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
            try:
                shared, idle = shared_assets(browser, base, recorder)
                log(f"shared assets of the theme: {' '.join(sorted(shared))}; search files on the home page: {idle}")
                details.parent.mkdir(parents=True, exist_ok=True)
                with details.open("w", encoding="utf-8") as out:
                    for n, query in enumerate(queries, 1):
                        measured = [("gkml", gkml_query(browser, base, recorder, query, shared, documents))]
                        if bundle:
                            measured.append(("pagefind", pagefind_query(browser, base, recorder, query, ids)))
                        for engine, outcome in measured:
                            outcomes[engine].append(outcome)
                            out.write(json.dumps({"engine": engine, **asdict(outcome)}, ensure_ascii=False) + "\n")
                        if n % 20 == 0 or n == len(queries):
                            log(
                                f"{n}/{len(queries)} queries; found so far: "
                                + ", ".join(f"{e} {sum(o.found for o in os_)}" for e, os_ in outcomes.items())
                            )
            finally:
                browser.close()

        result: dict[str, object] = {
            "catalogue": "example" if args.example else "synthetic",
            "items": args.items,
            "entries": args.entries,
            "pages": len(pages),
            "seed": args.seed,
            "queries": len(queries),
            "query_kinds": sq.kind_counts(args.queries),
        }
        result["gkml"] = {
            **folder_figures(gkml_index_files(site)),
            "idle_search_bytes": sum(s[1] for s in idle),
            "idle_search_gzip_bytes": sum(s[2] for s in idle),
            **sq.summarise(outcomes["gkml"]),
        }
        result["pagefind"] = None
        if bundle:
            result["pagefind"] = {
                "version": PAGEFIND_VERSION,
                "index_s": round(pagefind_s, 2) if pagefind_s is not None else None,
                **folder_figures(pagefind_index_files(bundle)),
                **sq.summarise(outcomes["pagefind"]),
            }
        result["build"] = built  # the one build the site came from (cold): wall, CPU, memory
        result["commit"] = commit
        result["details"] = str(details)
        result["loadavg_1m"] = round(os.getloadavg()[0], 2)
        print(json.dumps(result, ensure_ascii=False), flush=True)
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
