"""Every page stays readable and navigable without JavaScript (search aside): an older phone browser,
a reader or an office that turned scripts off, a script the network did not deliver. Each page kind
(home, area, column, item, table, entry, a later page of a column's list) is opened in Chromium with
JavaScript disabled: its heading and content are shown, its navigation links are there and lead on,
and the phone menu opens (Material's drawer is a checkbox and a label, no script)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import MOBILE, WIDE  # tests/e2e is on sys.path (pytest prepends it)
from playwright.sync_api import expect

KINDS = ("home", "area", "column", "item", "table", "entry", "entries-page")

#: What each page kind shows as its content (selectors in the article), at least one of each.
CONTENT = {
    "home": ("ul.gkml-tiles > li a", "ol.gkml-entries > li a"),
    "area": ("ul.gkml-tiles > li a",),
    "column": ("ul.gkml-cards > li a",),
    "item": (".gkml-elements .gkml-element", "ol.gkml-entries > li a"),
    "table": ("table.gkml-table tbody tr",),
    "entry": (".gkml-entry-body",),
    "entries-page": ("ol.gkml-entries > li a", ".gkml-pager a"),
}


def without_js(pages: Any, viewport: dict[str, int] = WIDE) -> Any:
    return pages.open(viewport, java_script_enabled=False)


def article(page: Any) -> Any:
    return page.locator("article.md-content__inner")


@pytest.mark.parametrize("kind", KINDS)
def test_page_is_readable_without_javascript(page_urls: dict[str, str], pages: Any, kind: str) -> None:
    page = without_js(pages)
    page.goto(page_urls[kind])
    main = article(page)
    heading = main.get_by_role("heading", level=1)
    expect(heading).to_be_visible()
    assert heading.inner_text().strip()
    for selector in CONTENT[kind]:
        found = main.locator(selector)
        assert found.count() > 0, f"{kind}: nothing matches {selector}"
        expect(found.first).to_be_visible()
    # the way around: the tabs of every area (wide screens) and, below the home page, the breadcrumbs
    tabs = page.locator(".md-tabs a.md-tabs__link")
    assert tabs.count() >= 5
    expect(tabs.first).to_be_visible()
    if kind != "home":
        crumbs = page.locator(".gkml-crumbs a")
        assert crumbs.count() >= 1, kind
        expect(crumbs.first).to_be_visible()
    # the footer with the bureau's identity and the site map
    expect(page.locator(".gkml-identity")).to_be_visible()
    expect(page.get_by_role("link", name="网站地图")).to_be_attached()


@pytest.mark.parametrize("kind", KINDS)
def test_links_lead_on_without_javascript(page_urls: dict[str, str], pages: Any, kind: str) -> None:
    """Following a link of the page's content (or its first breadcrumb) opens a page with content."""
    page = without_js(pages)
    page.goto(page_urls[kind])
    main = article(page)
    link = main.locator(CONTENT[kind][0]).first if CONTENT[kind][0].endswith(" a") else None
    if link is None:
        link = page.locator(".gkml-crumbs a").last
    before = page.url
    link.click()
    page.wait_for_load_state()
    assert page.url != before, f"{kind}: the link did not lead anywhere"
    expect(article(page).get_by_role("heading", level=1)).to_be_visible()


def test_the_phone_menu_opens_without_javascript(site: Any, page_urls: dict[str, str], pages: Any) -> None:
    page = without_js(pages, MOBILE)
    page.goto(page_urls["item"])
    page.locator("label.md-header__button[for=__drawer]").click()
    drawer = page.locator("nav.md-nav--primary")
    area = site.catalogue.areas[0]
    link = drawer.get_by_text(area.title, exact=True).first
    expect(link).to_be_visible()


def test_the_search_page_says_what_to_do_without_javascript(page_urls: dict[str, str], pages: Any) -> None:
    """Search needs JavaScript: its page still has a heading and the way to every area and item."""
    page = without_js(pages)
    page.goto(page_urls["search"])
    expect(article(page).get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".md-tabs a.md-tabs__link").first).to_be_visible()
