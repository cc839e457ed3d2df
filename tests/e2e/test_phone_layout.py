"""Phone layout at 320, 375 and 414 px, in normal and 长辈版: no page scrolls sideways; only
the local server is ever asked for anything.

Screenshots of the main page kinds in both modes are written to ``tests/artifacts/``
(git-ignored) for people to look at; they are not compared against anything.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

WIDTHS = (320, 375, 414)
KINDS = ("home", "area", "column", "item", "table", "search", "entry", "entries-page")


def page_widths(page: Any) -> dict[str, int]:
    return page.evaluate("() => ({scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth})")


def open_kind(page: Any, page_urls: dict[str, str], kind: str) -> None:
    page.goto(page_urls[kind])
    if kind == "search":
        expect(page.locator("#gkml-search-results .gkml-result").first).to_be_visible()
    expect(page.locator("article h1").first).to_be_visible()


#: Elements wider than the screen, or reaching past its right edge (outside scroll boxes).
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter(el => el.getClientRects().length && !el.closest('.gkml-table-wrap, .md-sidebar, .md-nav'))
    .filter(el => { const box = el.getBoundingClientRect(); return box.width > 0 && box.right > width + 0.5; })
    .map(el => el.tagName.toLowerCase() + '.' + [...el.classList].join('.'))
    .slice(0, 10);
}"""


@pytest.mark.parametrize("mode", ["normal", "elder"])
@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_kind_scrolls_sideways(page_urls: dict[str, str], pages: Any, width: int, mode: str) -> None:
    page = pages.open({"width": width, "height": 800}, elder=mode == "elder")
    wide = {}
    for kind in KINDS:
        open_kind(page, page_urls, kind)
        assert page.evaluate("document.documentElement.classList.contains('gkml-elder')") == (mode == "elder")
        widths = page_widths(page)
        assert widths["innerWidth"] == width
        if widths["scrollWidth"] > widths["innerWidth"]:
            wide[kind] = (widths["scrollWidth"], page.evaluate(OVERFLOWING))
    assert not wide, f"pages wider than the {width} px screen ({mode}): {wide}"


#: Left offset of each of gkml's layout lists (cards, tiles, facts, marks, channels, results) inside its container.
LIST_OFFSETS = """() => [...document.querySelectorAll('article :is(ul, ol)[class^=gkml-]')]
  .filter(list => !list.matches('.gkml-basis, .gkml-pager__pages'))  /* a numbered prose list: indented on purpose;
                                                                      the pager's numbers follow 上一页 in its row */
  .map(list => {
    const box = list.parentElement.getBoundingClientRect();
    const style = getComputedStyle(list.parentElement);
    const left = box.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
    return [list.className, Math.round(list.getBoundingClientRect().left - left)];
  })"""


def test_layout_lists_line_up_with_their_container(page_urls: dict[str, str], page: Any) -> None:
    """Cards, their facts, marks and badges start at the text edge, not indented like prose lists."""
    indented = {}
    for kind in ("home", "area", "column", "item", "search", "entry", "entries-page"):
        open_kind(page, page_urls, kind)
        for name, offset in page.evaluate(LIST_OFFSETS):
            if offset != 0:
                indented.setdefault(name, (offset, kind))
    assert not indented, f"lists indented by (px, on page): {indented}"


def test_no_generated_page_scrolls_sideways_on_a_phone(site: Any, page: Any) -> None:
    """Every page of the built site, not just one of each kind (375 px)."""
    paths = sorted(p.parent.relative_to(site.dir).as_posix() for p in site.dir.rglob("index.html"))
    assert len(paths) > len(site.catalogue.records)
    too_wide = {}
    for path in paths:
        page.goto(site.url + ("" if path == "." else f"{path}/"))
        widths = page_widths(page)
        if widths["scrollWidth"] > widths["innerWidth"]:
            too_wide[path] = widths["scrollWidth"]
    assert not too_wide, f"pages wider than the 375 px screen: {too_wide}"


def test_pages_ask_only_the_local_server(site: Any, page_urls: dict[str, str], pages: Any) -> None:
    """Fonts, scripts, styles, images, search data: all from the site itself (works offline and on an intranet)."""
    phone = pages.open()
    for url in page_urls.values():
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


@pytest.mark.parametrize("mode", ["normal", "elder"])
def test_screenshots(page_urls: dict[str, str], pages: Any, artifacts: Any, mode: str) -> None:
    """phone-<kind>[-elder]-<width>.png (whole page) and …-screen.png (first screen), for people to look at."""
    suffix = "-elder" if mode == "elder" else ""
    for width in (320, 375):
        page = pages.open({"width": width, "height": 812}, elder=mode == "elder")
        kinds = ("home", "column", "item", "table", "search") if width == 375 else ("home", "column", "item", "search")
        for kind in kinds:
            open_kind(page, page_urls, kind)
            page.wait_for_load_state("networkidle")
            first_screen = artifacts / f"phone-{kind}{suffix}-{width}-screen.png"
            page.screenshot(path=str(first_screen))
            whole = artifacts / f"phone-{kind}{suffix}-{width}.png"
            page.screenshot(path=str(whole), full_page=True)
            assert first_screen.stat().st_size > 10_000 and whole.stat().st_size > 10_000
