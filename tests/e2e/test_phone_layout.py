"""Phone layout (375×812): no page scrolls sideways; only the local server is ever asked for anything.

Screenshots of the main page kinds are written to ``tests/artifacts/`` (gitignored) for
people to look at; they are not compared against anything.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

ARTIFACTS_DIR = "tests/artifacts"


def page_widths(page: Any) -> dict[str, int]:
    return page.evaluate("() => ({scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth})")


def representative_urls(site: Any) -> dict[str, str]:
    """One page of each kind; the item and column with the most text (the likeliest to overflow)."""
    catalogue = site.catalogue
    area = max(catalogue.areas, key=lambda a: len(a.records))
    area_c, category = max(((a, c) for a in catalogue.areas for c in a.categories), key=lambda ac: len(ac[1].records))

    def length(r: Any) -> int:
        return (
            sum(len(e.text) for e in r.content)
            + sum(len(b.text) + len(b.url) for b in r.basis)
            + sum(len(c.detail) + len(c.url) for c in r.channels)
            + len(r.title)
        )

    record = max(catalogue.records, key=length)
    word = record.title[1:3]
    return {
        "home": site.home_url(),
        "area": site.area_url(area),
        "column": site.category_url(area_c, category),
        "item": site.item_url(record),
        "table": site.table_url(area),
        "search": site.search_url(word),
    }


@pytest.mark.parametrize("kind", ["home", "area", "column", "item", "table", "search"])
def test_page_does_not_scroll_sideways_on_a_phone(site: Any, page: Any, kind: str) -> None:
    page.goto(representative_urls(site)[kind])
    if kind == "search":
        expect(page.locator("#gkml-search-results .gkml-result").first).to_be_visible()
    widths = page_widths(page)
    assert widths["innerWidth"] == 375
    assert widths["scrollWidth"] <= widths["innerWidth"], f"{kind} page scrolls sideways: {widths}"


#: Left offset of each of gkml's layout lists (cards, tiles, facts, marks, channels, results) inside its container.
LIST_OFFSETS = """() => [...document.querySelectorAll('article :is(ul, ol)[class^=gkml-]')]
  .filter(list => !list.matches('.gkml-basis'))  /* a numbered prose list: indented on purpose */
  .map(list => {
    const box = list.parentElement.getBoundingClientRect();
    const style = getComputedStyle(list.parentElement);
    const left = box.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
    return [list.className, Math.round(list.getBoundingClientRect().left - left)];
  })"""


def test_layout_lists_line_up_with_their_container(site: Any, page: Any) -> None:
    """Cards, their facts, marks and badges start at the text edge, not indented like prose lists."""
    indented = {}
    for kind in ("home", "area", "column", "item", "search"):
        page.goto(representative_urls(site)[kind])
        if kind == "search":
            expect(page.locator("#gkml-search-results .gkml-result").first).to_be_visible()
        for name, offset in page.evaluate(LIST_OFFSETS):
            if offset != 0:
                indented.setdefault(name, (offset, kind))
    assert not indented, f"lists indented by (px, on page): {indented}"


def test_no_generated_page_scrolls_sideways_on_a_phone(site: Any, page: Any) -> None:
    """Every page of the built site, not just one of each kind."""
    paths = sorted(p.parent.relative_to(site.dir).as_posix() for p in site.dir.rglob("index.html"))
    assert len(paths) > len(site.catalogue.records)
    too_wide = {}
    for path in paths:
        page.goto(site.url + ("" if path == "." else f"{path}/"))
        widths = page_widths(page)
        if widths["scrollWidth"] > widths["innerWidth"]:
            too_wide[path] = widths["scrollWidth"]
    assert not too_wide, f"pages wider than the 375 px screen: {too_wide}"


def test_pages_ask_only_the_local_server(site: Any, pages: Any) -> None:
    """Fonts, scripts, styles, images, search data: all from the site itself (works offline and on an intranet)."""
    phone = pages.open()
    for url in representative_urls(site).values():
        phone.goto(url)
        phone.wait_for_load_state("networkidle")
    phone.goto(site.url + "guide/")
    phone.goto(site.url + "no-such-page/")  # the server's 404
    desk = pages.open({"width": 1280, "height": 800})
    desk.goto(site.home_url())
    desk.locator("header").get_by_role("searchbox").fill("gzf")
    expect(desk.locator("header .gkml-inline-results .gkml-result").first).to_be_visible()
    desk.wait_for_load_state("networkidle")
    for opened in (phone, desk):
        watch = pages.watch(opened)
        assert watch.requests
        assert not watch.foreign, f"requests to other hosts: {watch.foreign}"
    assert pages.watch(desk).requested("/search/index.js")


@pytest.fixture(scope="module")
def artifacts(site: Any) -> Any:
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / ARTIFACTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("kind", ["home", "column", "item", "table", "search"])
def test_screenshot_at_phone_width(site: Any, page: Any, artifacts: Any, kind: str) -> None:
    page.goto(representative_urls(site)[kind])
    if kind == "search":
        expect(page.locator("#gkml-search-results .gkml-result").first).to_be_visible()
    expect(page.locator("article h1").first).to_be_visible()
    first_screen = artifacts / f"phone-{kind}-screen.png"
    page.screenshot(path=str(first_screen))
    whole = artifacts / f"phone-{kind}.png"
    page.screenshot(path=str(whole), full_page=True)
    assert first_screen.stat().st_size > 10_000 and whole.stat().st_size > 10_000
