"""Accessibility and 长辈版 (elder mode, 适老化) in the browser.

* axe-core (bundled by axe-playwright-python, MPL-2.0) finds no serious or critical
  violation on the home, column, item, table and search pages, an entry's page and page 2
  of a column's entries (with its pager), and on the filters,
  in normal mode and in 长辈版. Every violation found (any impact) is written to
  ``tests/artifacts/axe-<mode>.txt``.
* The 长辈版 toggle sits in the header of every page (item pages included), makes body
  text at least 18 px and tap targets at least 44 × 44 px, and is remembered across pages,
  applied before the first paint (it does not wait for any script file).
* ``lang="zh-CN"``, zoom allowed, ``prefers-reduced-motion`` honoured.
"""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

BLOCKING = ("serious", "critical")


def facet_column_url(site: Any) -> str:
    """A column whose items differ in some filter value (so its filters are shown)."""
    for area in site.catalogue.areas:
        for category in area.categories:
            records = category.records
            values = [
                {tuple(r.methods) for r in records},
                {tuple(a.kind for a in r.audiences) for r in records},
                {r.subject for r in records},
                {tuple(r.levels) for r in records},
            ]
            if any(len(v) > 1 for v in values):
                return site.category_url(area, category)
    pytest.fail("no column of the example catalogue has items that differ in 方式, 对象, 主体 or 层级")


def views(site: Any, page_urls: dict[str, str]) -> dict[str, str]:
    return {
        "home": page_urls["home"],
        "column": page_urls["column"],
        "item": page_urls["item"],
        "table": page_urls["table"],
        "search": page_urls["search"],
        "entry": page_urls["entry"],
        "entries-page": page_urls["entries-page"],
        "column-filters": facet_column_url(site),
        "search-filters": site.url + "search/?方式=依申请",
    }


def open_view(page: Any, name: str, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if name.endswith("filters"):  # the filters open, so that their options are checked too
        toggle = page.locator(".gkml-filters__toggle")
        expect(toggle).to_be_visible()
        if toggle.get_attribute("aria-expanded") != "true":
            toggle.click()
        expect(page.locator(".gkml-filter__option").first).to_be_visible()
    if name == "search":
        expect(page.locator("#gkml-search-results .gkml-result").first).to_be_visible()
    # what the reader sees once it has settled: opening the filters may scroll the page, and the
    # theme's header then swaps the site name for the page title (pages are opened with reduced
    # motion, so that axe never catches the title half-faded in); two frames let the scroll land
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("mode", ["normal", "elder"])
def test_axe_finds_no_serious_or_critical_violation(
    site: Any, page_urls: dict[str, str], pages: Any, artifacts: Any, axe: Axe, mode: str
) -> None:
    page = pages.open(elder=mode == "elder", reduced_motion="reduce")
    blocking: dict[str, list[str]] = {}
    lines = []
    for name, url in views(site, page_urls).items():
        open_view(page, name, url)
        assert page.evaluate("document.documentElement.classList.contains('gkml-elder')") == (mode == "elder")
        violations = axe.run(page).response["violations"]
        lines.append(f"{name} ({url}): {len(violations)} violation(s)")
        for v in violations:
            targets = ", ".join(str(n["target"]) for n in v["nodes"][:3])
            line = f"  {v['id']} [{v['impact']}] ×{len(v['nodes'])}: {v['help']} — {targets}"
            lines.append(line)
            if v["impact"] in BLOCKING:
                blocking.setdefault(name, []).append(line.strip())
    (artifacts / f"axe-{mode}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert not blocking, f"axe-core ({mode}): " + "\n".join(f"{k}: {v}" for k, v in blocking.items())


# -- the document -----------------------------------------------------------------------


def test_document_language_is_zh_cn_and_zoom_is_allowed(page_urls: dict[str, str], page: Any) -> None:
    for url in page_urls.values():
        page.goto(url)
        assert page.evaluate("document.documentElement.lang") == "zh-CN", url
        viewport = page.locator('meta[name="viewport"]').get_attribute("content")
        assert "user-scalable=no" not in viewport.replace(" ", "") and "maximum-scale" not in viewport, viewport


def test_reduced_motion_is_honoured(page_urls: dict[str, str], pages: Any) -> None:
    moving = pages.open()
    still = pages.open(reduced_motion="reduce")
    durations = "() => getComputedStyle(document.querySelector('.md-header__button')).transitionDuration"
    moving.goto(page_urls["home"])
    still.goto(page_urls["home"])
    assert moving.evaluate(durations) != "0s"  # the theme animates its header buttons…
    assert still.evaluate(durations) == "0s"  # …but not for readers who asked for less motion
    assert still.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"


# -- 长辈版 ----------------------------------------------------------------------------------

#: Font size (px) of every visible piece of text in the page's content and footer.
TEXT_SIZES = """() => {
  const sizes = [];
  const roots = document.querySelectorAll('article, .md-footer-meta');
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!node.textContent.trim() || !el.checkVisibility()) continue;
      const box = el.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) continue;  /* visually hidden text for screen readers */
      sizes.push([parseFloat(getComputedStyle(el).fontSize), el.tagName.toLowerCase() + '.' + el.className,
                  node.textContent.trim().slice(0, 12)]);
    }
  }
  return sizes;
}"""

#: Visible controls and stand-alone links with their size (px); links inside sentences are exempt.
TAP_TARGETS = """() => [...document.querySelectorAll(
    'header a, header button, header input, article a, article button, article input, article summary, footer a')]
  .filter(el => el.checkVisibility() && !el.closest('p, dd, td, .gkml-channel__detail, .gkml-table-wrap'))
  .map(el => { const b = el.getBoundingClientRect();
               return [Math.round(b.width), Math.round(b.height), el.tagName.toLowerCase() + '.' + el.className,
                       (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 12)]; })
  .filter(([w, h]) => w > 1 && h > 1)"""


def elder_button(page: Any) -> Any:
    return page.locator("header").get_by_role("button", name="长辈版")


def body_font_size(page: Any) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.querySelector('article p, article dd')).fontSize)")


def test_elder_toggle_in_the_header_is_remembered_across_pages(site: Any, page_urls: dict[str, str], page: Any) -> None:
    page.goto(page_urls["home"])
    button = elder_button(page)
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-pressed", "false")
    normal = body_font_size(page)
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("document.documentElement.classList.contains('gkml-elder')")
    assert body_font_size(page) >= max(18, normal * 1.15)

    for kind in ("item", "column", "search"):  # item pages are filled into a shared shell: the toggle is chrome
        page.goto(page_urls[kind])
        assert page.evaluate("document.documentElement.classList.contains('gkml-elder')"), kind
        expect(elder_button(page)).to_have_attribute("aria-pressed", "true")
        assert body_font_size(page) >= 18, kind

    elder_button(page).focus()
    page.keyboard.press("Enter")  # a real button: the keyboard works too
    expect(elder_button(page)).to_have_attribute("aria-pressed", "false")
    page.goto(page_urls["table"])
    assert not page.evaluate("document.documentElement.classList.contains('gkml-elder')")
    expect(elder_button(page)).to_have_attribute("aria-pressed", "false")


def test_elder_mode_applies_before_any_script_file_runs(page_urls: dict[str, str], pages: Any) -> None:
    """The stored choice is applied by a small blocking script in <head> (assets/gkml/head.<hash>.js, a file so
    that a strict Content-Security-Policy allows it): no flash of normal type."""
    page = pages.open(elder=True)

    def only_head_js(route: Any) -> None:  # neither the theme's bundle nor gkml.js
        route.continue_() if "/assets/gkml/head." in route.request.url else route.abort()

    page.route("**/*.js", only_head_js)
    page.goto(page_urls["column"], wait_until="domcontentloaded")
    assert page.evaluate("document.documentElement.classList.contains('gkml-elder')")
    assert body_font_size(page) >= 18


def test_without_scripts_the_toggle_is_not_offered(page_urls: dict[str, str], pages: Any) -> None:
    page = pages.open(java_script_enabled=False)
    page.goto(page_urls["home"])
    expect(page.locator(".gkml-elder-toggle")).to_be_hidden()


@pytest.mark.parametrize("width", [320, 414])
def test_elder_text_is_at_least_18px_and_targets_at_least_44px(
    site: Any, page_urls: dict[str, str], pages: Any, width: int
) -> None:
    page = pages.open({"width": width, "height": 800}, elder=True)
    small_text: dict[str, list[Any]] = {}
    small_targets: dict[str, list[Any]] = {}
    for name, url in views(site, page_urls).items():
        open_view(page, name, url)
        sizes = page.evaluate(TEXT_SIZES)
        assert sizes, name
        tiny = [s for s in sizes if s[0] < 18]
        if tiny:
            small_text[name] = tiny[:5]
        targets = page.evaluate(TAP_TARGETS)
        assert targets, name
        cramped = [t for t in targets if t[0] < 44 or t[1] < 44]
        if cramped:
            small_targets[name] = cramped[:5]
    assert not small_text, f"text under 18 px in 长辈版 at {width} px: {small_text}"
    assert not small_targets, f"tap targets under 44×44 px in 长辈版 at {width} px: {small_targets}"
