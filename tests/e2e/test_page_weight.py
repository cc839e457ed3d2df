"""Page weight: a first visit to the home page on a 375 px phone transfers at most 350 KB in
total (the theme's own bundle included), and nothing outside the site blocks rendering.

Measured in the browser (Resource Timing ``transferSize``: headers and body of every
request, in a fresh context with an empty cache). The test server sends files as they
are, uncompressed; the gzip figures that a compressing web server would send are
computed from the same files and written with the measurement to
``tests/artifacts/page-weight.txt``.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

BUDGET = 350 * 1000  # bytes

ENTRIES = """() => [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]
  .map(e => ({url: e.name, transfer: e.transferSize, body: e.encodedBodySize, blocking: e.renderBlockingStatus}))"""


def site_file(site_dir: Path, url: str) -> Path:
    path = unquote(urlsplit(url).path).lstrip("/")
    return site_dir / (path + "index.html" if path.endswith("/") or not path else path)


def test_first_visit_to_home_on_a_phone_is_within_budget(site: Any, pages: Any, artifacts: Path) -> None:
    page = pages.open({"width": 375, "height": 812})
    page.goto(site.home_url())
    page.wait_for_load_state("networkidle")
    entries = page.evaluate(ENTRIES)
    total = sum(e["transfer"] for e in entries)
    zipped = 0
    lines = [f"{'transferred':>12} {'gzip -6':>8}  render  request"]
    for e in entries:
        file = site_file(site.dir, e["url"])
        assert file.is_file(), e["url"]
        packed = len(gzip.compress(file.read_bytes(), compresslevel=6, mtime=0))
        zipped += packed
        lines.append(f"{e['transfer']:>12,} {packed:>8,}  {e['blocking'] or '':<8} {urlsplit(e['url']).path}")
    lines.append(f"{total:>12,} {zipped:>8,}  total (budget {BUDGET:,} bytes; the test server does not compress)")
    (artifacts / "page-weight.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n" + "\n".join(lines))

    assert all(e["transfer"] > 0 for e in entries), "a request was served from a cache: the visit was not a first one"
    assert total <= BUDGET, f"home page first visit: {total:,} bytes > {BUDGET:,}"
    blocking = [e["url"] for e in entries if e["blocking"] == "blocking"]
    assert blocking, "the stylesheets block rendering: the measurement must see them"
    assert all(urlsplit(url).hostname == urlsplit(site.url).hostname for url in blocking), blocking
    assert not pages.watch(page).foreign
    assert not pages.watch(page).requested("/search/index.js"), "the search data is loaded only when searching"
