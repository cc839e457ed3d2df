"""Page weight: a first visit to the home page on a 375 px phone fetches at most 350 KB of files
(uncompressed, the theme's own bundle included: what a server that does not compress sends), and
nothing outside the site blocks rendering.

Measured in the browser (Resource Timing, in a fresh context with an empty cache) through nginx
with the shipped configuration, which sends the pre-compressed ``.gz`` files: ``transferSize`` (headers
and compressed body of every request) is written with the files' own sizes to
``tests/artifacts/page-weight.txt``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

BUDGET = 350 * 1000  # bytes
#: A name with a content hash (bundle.a5f9d56c.min.js, gkml.ab99f548.css: generator/site/assets.py).
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}(\.min)?\.(css|js)$")

ENTRIES = """() => [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]
  .map(e => ({url: e.name, transfer: e.transferSize, body: e.encodedBodySize, blocking: e.renderBlockingStatus}))"""


def site_file(site: Any, url: str) -> Path:
    path = unquote(site.path_of(url)).lstrip("/")
    return Path(site.dir) / (path + "index.html" if path.endswith("/") or not path else path)


def test_first_visit_to_home_on_a_phone_is_within_budget(site: Any, pages: Any, artifacts: Path) -> None:
    page = pages.open({"width": 375, "height": 812})
    page.goto(site.home_url())
    page.wait_for_load_state("networkidle")
    entries = page.evaluate(ENTRIES)
    transferred = sum(e["transfer"] for e in entries)
    total = 0
    lines = [f"{'file bytes':>12} {'transferred':>12}  render  request"]
    for e in entries:
        file = site_file(site, e["url"])
        assert file.is_file(), e["url"]
        size = file.stat().st_size
        total += size
        lines.append(f"{size:>12,} {e['transfer']:>12,}  {e['blocking'] or '':<8} {urlsplit(e['url']).path}")
    lines.append(
        f"{total:>12,} {transferred:>12,}  total (budget {BUDGET:,} file bytes; transferred: through nginx, "
        "gzip from the pre-compressed .gz files, headers included)"
    )
    (artifacts / "page-weight.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n" + "\n".join(lines))

    assert all(e["transfer"] > 0 for e in entries), "a request was served from a cache: the visit was not a first one"
    assert total <= BUDGET, f"home page first visit: {total:,} bytes > {BUDGET:,}"
    assert transferred < total / 2, "nginx sends the files compressed"
    blocking = [e["url"] for e in entries if e["blocking"] == "blocking"]
    assert blocking, "the stylesheets block rendering: the measurement must see them"
    assert all(urlsplit(url).hostname == urlsplit(site.url).hostname for url in blocking), blocking
    assert not pages.watch(page).foreign
    assert not pages.watch(page).requested("/search/index.js"), "the search data is loaded only when searching"


def test_a_second_page_fetches_only_itself_the_assets_come_from_the_cache(
    site: Any, pages: Any, page_urls: dict[str, str], artifacts: Path
) -> None:
    """The theme's and gkml's scripts and styles are named by their content and sent with a year's
    cache (deploy/nginx/gkml.conf): the next page of a visit asks the server for the page alone (and
    revalidates what is not fingerprinted, a few hundred bytes each)."""
    page = pages.open({"width": 375, "height": 812})
    page.goto(site.home_url())
    page.wait_for_load_state("networkidle")
    page.evaluate("performance.clearResourceTimings()")
    page.goto(page_urls["item"])
    page.wait_for_load_state("networkidle")
    entries = page.evaluate(ENTRIES)
    fingerprinted = [e for e in entries if FINGERPRINTED.search(urlsplit(e["url"]).path)]
    assert fingerprinted, "the page uses fingerprinted assets"
    assert all(e["transfer"] == 0 for e in fingerprinted), [e["url"] for e in fingerprinted if e["transfer"]]
    total = sum(e["transfer"] for e in entries)
    lines = [f"{e['transfer']:>12,}  {urlsplit(e['url']).path}" for e in entries]
    lines.append(f"{total:>12,}  total transferred for a second page (item) of the same visit, through nginx")
    (artifacts / "page-weight-second-page.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n" + "\n".join(lines))
    page_itself = site_file(site, page_urls["item"])
    assert total < page_itself.stat().st_size, "little more than the compressed page itself"
