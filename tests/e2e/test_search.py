"""Catalogue search in the browser: the shareable results page, the header box, lazy loading.

The queries are derived from the loaded catalogue (a part of a real item name, a word
found only in some items' 公开内容, the pinyin of a name fragment), and so are the
expected results, computed here from the records rather than from the search index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from generator.model.records import Catalogue, Record
from generator.model.slugs import pinyin_syllables

RESULTS_PAGE_SIZE = 50  # the results page shows this many, then a “显示全部” button
INLINE_RESULTS = 8  # the header box shows at most this many
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")


# -- what the catalogue says a query must find -------------------------------------------------


@dataclass(frozen=True)
class Entry:
    record: Record
    title: str
    place: str  #: area + category titles
    body: str  #: 公开内容
    docs: str  #: 公开依据
    subject: str

    def in_title(self, q: str) -> bool:
        return q.lower() in self.title.lower()

    def anywhere(self, q: str) -> bool:
        q = q.lower()
        return any(q in text.lower() for text in (self.title, self.place, self.body, self.docs, self.subject))


def entries(catalogue: Catalogue) -> list[Entry]:
    found = []
    for area in catalogue.areas:
        for category in area.categories:
            for r in category.records:
                found.append(
                    Entry(
                        r,
                        r.title,
                        area.title + category.title,
                        "、".join(e.text for e in r.content),
                        "\n".join(b.text for b in r.basis),
                        r.subject,
                    )
                )
    return found


def name_fragment_query(all_entries: list[Entry]) -> tuple[str, list[Entry], list[Entry]]:
    """Two characters from the middle of a real item name, preferably one that some items
    have in their name and others only in their text (to check the ranking).

    Returns the query, the items with it in the name, and the items with it elsewhere only.
    """
    fallback = None
    for entry in all_entries:
        name = entry.record.name
        for start in range(1, len(name) - 2):
            q = name[start : start + 2]
            if not _HAN.match(q):
                continue
            in_name = [e for e in all_entries if e.in_title(q)]
            elsewhere = [e for e in all_entries if not e.in_title(q) and e.anywhere(q)]
            if len(in_name) + len(elsewhere) > RESULTS_PAGE_SIZE or len(in_name) == len(all_entries):
                continue
            if elsewhere:
                return q, in_name, elsewhere
            fallback = fallback or (q, in_name, elsewhere)
    if fallback is None:
        pytest.fail("no item name in the catalogue has two Han characters in its middle")
    return fallback


def content_word_query(all_entries: list[Entry]) -> tuple[str, list[Entry]]:
    """A word (2–4 Han characters) found in some items' 公开内容 and nowhere else."""
    candidates: dict[str, int] = {}
    for entry in all_entries:
        words = set()
        for element in entry.record.content:
            text = element.text
            for size in (4, 3, 2):
                for start in range(len(text) - size + 1):
                    word = text[start : start + size]
                    if _HAN.match(word):
                        words.add(word)
        for word in words:
            candidates[word] = candidates.get(word, 0) + 1
    for word, _count in sorted(candidates.items(), key=lambda wc: (-min(wc[1], 6), -len(wc[0]), wc[0])):
        hits = [e for e in all_entries if e.anywhere(word)]
        if not hits or len(hits) > RESULTS_PAGE_SIZE or len(hits) == len(all_entries):
            continue
        if all(word in e.body and word not in e.title + e.place + e.docs + e.subject for e in hits):
            return word, hits
    pytest.fail("no word of 公开内容 appears only in 公开内容")


def pinyin_fragment(catalogue: Catalogue) -> tuple[str, str, str]:
    """(Han fragment, its full pinyin, its pinyin initials): 公租房 when the catalogue has it."""
    titles = [r.title for r in catalogue.records]
    if any("公租房" in t for t in titles):
        return "公租房", "gongzufang", "gzf"
    for title in titles:  # another catalogue: the first three characters of a name
        syllables = pinyin_syllables(title)
        if len(title) >= 3 and _HAN.match(title[:3]) and len(syllables) >= 3:
            return title[:3], "".join(syllables[:3]), "".join(s[0] for s in syllables[:3])
    pytest.fail("no item name with three Han characters")


def pinyin_of(title: str) -> tuple[str, str]:
    syllables = [s for s in pinyin_syllables(title) if s.isascii() and s.isalnum()]
    return "".join(syllables), "".join(s[0] for s in syllables)


# -- reading the page ----------------------------------------------------------------------


def result_links(page: Any, scope: str = "#gkml-search-results") -> list[str]:
    return page.locator(f"{scope} .gkml-result__title").evaluate_all("links => links.map(a => a.href)")


def query_in_address(page: Any) -> str | None:
    values = parse_qs(urlsplit(page.url).query).get("q")
    return values[0] if values else None


def open_results(site: Any, page: Any, query: str) -> Any:
    """Open /search/?q=… and wait until the results (or the no-results note) are shown."""
    page.goto(site.search_url(query))
    results = page.locator("#gkml-search-results")
    expect(results.locator(".gkml-search-count")).to_be_visible()
    return results


@pytest.fixture(scope="module")
def catalogue_entries(site: Any) -> list[Entry]:
    return entries(site.catalogue)


# -- the results page --------------------------------------------------------------------------


def test_name_fragment_finds_items_and_ranks_name_matches_first(
    site: Any, page: Any, catalogue_entries: list[Entry]
) -> None:
    query, in_name, elsewhere = name_fragment_query(catalogue_entries)
    results = open_results(site, page, query)
    expect(page.locator(".md-content").get_by_role("searchbox")).to_have_value(query)
    expect(results.locator(".gkml-search-count")).to_have_text(f"找到 {len(in_name) + len(elsewhere)} 个相关事项")

    links = result_links(page)
    name_urls = {site.item_url(e.record) for e in in_name}
    other_urls = {site.item_url(e.record) for e in elsewhere}
    assert set(links) == name_urls | other_urls, f"query {query!r}"
    assert len(links) == len(set(links)), "an item is listed twice"
    # items with the query in their name come before items that only mention it
    assert set(links[: len(name_urls)]) == name_urls, f"query {query!r}: name matches must rank first: {links}"
    # the matched part of each name is highlighted
    titles = results.locator(".gkml-result__title")
    for title in titles.all()[: len(name_urls)]:
        expect(title.locator("mark").first).to_have_text(query)
    # each result says where the item sits
    by_url = {site.item_url(e.record): e for e in [*in_name, *elsewhere]}
    for url, where in zip(links, results.locator(".gkml-result__where").all_inner_texts(), strict=True):
        record = by_url[url].record
        assert where == f"{record.area} › {record.category}"


def test_word_from_item_content_finds_exactly_the_items_containing_it(
    site: Any, page: Any, catalogue_entries: list[Entry]
) -> None:
    word, hits = content_word_query(catalogue_entries)
    results = open_results(site, page, word)
    expect(results.locator(".gkml-search-count")).to_have_text(f"找到 {len(hits)} 个相关事项")
    assert sorted(result_links(page)) == sorted(site.item_url(e.record) for e in hits), f"query {word!r}"
    # each result quotes the matching text with the word highlighted
    snippets = results.locator(".gkml-result__snippet")
    expect(snippets).to_have_count(len(hits))
    for snippet in snippets.all():
        expect(snippet.locator("mark").first).to_have_text(word)


def test_full_pinyin_finds_items_named_with_the_fragment(site: Any, page: Any, catalogue_entries: list[Entry]) -> None:
    fragment, full, _initials = pinyin_fragment(site.catalogue)
    named = {site.item_url(e.record) for e in catalogue_entries if fragment in e.title}
    assert named
    results = open_results(site, page, full)
    links = result_links(page)
    assert named <= set(links), f"{full!r} must find every item whose name contains {fragment}"
    by_url = {site.item_url(e.record): e for e in catalogue_entries}
    for url in links:
        assert full in pinyin_of(by_url[url].title)[0], f"{full!r} found {by_url[url].title}"
    expect(results.locator(".gkml-search-count")).to_have_text(f"找到 {len(links)} 个相关事项")
    # typed with spaces between the syllables, or in capitals: the same results
    spaced = " ".join(pinyin_syllables(fragment)).upper()
    open_results(site, page, spaced)
    assert result_links(page) == links, f"{spaced!r} and {full!r} must find the same items"


def test_pinyin_initials_find_items_named_with_the_fragment(
    site: Any, page: Any, catalogue_entries: list[Entry]
) -> None:
    fragment, _full, initials = pinyin_fragment(site.catalogue)
    named = {site.item_url(e.record) for e in catalogue_entries if fragment in e.title}
    open_results(site, page, initials)
    links = result_links(page)
    assert named <= set(links), f"{initials!r} must find every item whose name contains {fragment}"
    by_url = {site.item_url(e.record): e for e in catalogue_entries}
    for url in links:
        full, letters = pinyin_of(by_url[url].title)
        assert initials in letters or initials in full, f"{initials!r} found {by_url[url].title}"


def test_query_without_matches_says_so(site: Any, page: Any) -> None:
    results = open_results(site, page, "镧钆铽")
    expect(results.locator(".gkml-search-count")).to_contain_text("没有找到与“镧钆铽”相关的事项")
    expect(results.locator(".gkml-result")).to_have_count(0)


def test_typing_in_the_search_page_box_updates_address_and_results(
    site: Any, page: Any, catalogue_entries: list[Entry]
) -> None:
    first, in_name, elsewhere = name_fragment_query(catalogue_entries)
    word, hits = content_word_query(catalogue_entries)
    results = open_results(site, page, first)
    expect(results.locator(".gkml-search-count")).to_have_text(f"找到 {len(in_name) + len(elsewhere)} 个相关事项")

    box = page.locator(".md-content").get_by_role("searchbox")
    box.fill("")
    box.press_sequentially(word)
    page.wait_for_function("q => new URLSearchParams(location.search).get('q') === q", arg=word)
    assert query_in_address(page) == word
    expect(results.locator(".gkml-search-count")).to_have_text(f"找到 {len(hits)} 个相关事项")
    assert sorted(result_links(page)) == sorted(site.item_url(e.record) for e in hits)

    # the address can be shared: opening it elsewhere shows the same results
    shared = page.url
    other = page.context.new_page()
    other.goto(shared)
    expect(other.locator("#gkml-search-results .gkml-search-count")).to_have_text(f"找到 {len(hits)} 个相关事项")
    assert sorted(result_links(other)) == sorted(site.item_url(e.record) for e in hits)
    other.close()

    # clearing the box clears the query and the results
    box.fill("")
    page.wait_for_function("() => !new URLSearchParams(location.search).has('q')")
    expect(results.locator(".gkml-result")).to_have_count(0)


def test_many_results_are_shown_fifty_at_a_time(site: Any, page: Any, catalogue_entries: list[Entry]) -> None:
    counts: dict[str, int] = {}
    for entry in catalogue_entries:
        for char in set(entry.title + entry.place + entry.body + entry.docs + entry.subject):
            if _HAN.match(char):
                counts[char] = counts.get(char, 0) + 1
    common = [c for c, n in sorted(counts.items(), key=lambda cn: -cn[1]) if n > RESULTS_PAGE_SIZE]
    if not common:
        pytest.skip(f"no character is found in more than {RESULTS_PAGE_SIZE} items yet")
    char = common[0]
    total = sum(1 for e in catalogue_entries if e.anywhere(char))
    results = open_results(site, page, char)
    expect(results.locator(".gkml-search-count")).to_have_text(f"找到 {total} 个相关事项")
    expect(results.locator(".gkml-result")).to_have_count(RESULTS_PAGE_SIZE)
    more = results.get_by_role("button", name=f"显示全部 {total} 个结果")
    more.click()
    expect(results.locator(".gkml-result")).to_have_count(total)
    expect(more).to_have_count(0)
    assert len(set(result_links(page))) == total


def test_text_typed_before_the_search_data_arrives_is_kept_and_searched(
    site: Any, page: Any, catalogue_entries: list[Entry]
) -> None:
    """On a slow connection the reader may type before search/index.js has arrived."""
    word, hits = content_word_query(catalogue_entries)
    held: list[Any] = []
    page.route("**/search/index.js", lambda route: held.append(route))
    page.goto(site.search_url(), wait_until="domcontentloaded")  # "load" would wait for the held index
    for _ in range(400):  # the page asks for the index as soon as it opens
        if held:
            break
        page.wait_for_timeout(25)
    assert held, "the search page did not ask for search/index.js"
    box = page.locator(".md-content").get_by_role("searchbox")
    box.press_sequentially(word)
    held[0].continue_()
    results = page.locator("#gkml-search-results")
    page.wait_for_load_state("load")  # the search data has arrived and been started
    expect(box).to_have_value(word)
    expect(results.locator(".gkml-search-count")).to_have_text(f"找到 {len(hits)} 个相关事项")
    assert query_in_address(page) == word


def test_home_search_box_opens_the_results_page(site: Any, page: Any, catalogue_entries: list[Entry]) -> None:
    word, hits = content_word_query(catalogue_entries)
    page.goto(site.home_url())
    box = page.locator(".md-content").get_by_role("searchbox")
    box.fill(word)
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?"))
    assert urlsplit(page.url).path == "/search/"
    assert query_in_address(page) == word
    expect(page.locator("#gkml-search-results .gkml-search-count")).to_have_text(f"找到 {len(hits)} 个相关事项")


# -- the header box on a wide screen --------------------------------------------------------------


def test_header_search_shows_inline_results_and_enter_opens_results_page(
    site: Any, wide_page: Any, catalogue_entries: list[Entry]
) -> None:
    page = wide_page
    query, in_name, elsewhere = name_fragment_query(catalogue_entries)
    total = len(in_name) + len(elsewhere)
    record = catalogue_entries[-1].record
    page.goto(site.item_url(record))
    box = page.locator("header").get_by_role("searchbox", name="搜索公开事项")
    expect(box).to_be_visible()
    box.click()
    box.press_sequentially(query)

    panel = page.locator("header .gkml-inline-results")
    expect(panel).to_be_visible()
    shown = panel.locator(".gkml-result__title")
    expect(shown).to_have_count(min(total, INLINE_RESULTS))
    expected = {site.item_url(e.record) for e in [*in_name, *elsewhere]}
    inline = shown.evaluate_all("links => links.map(a => a.href)")
    assert set(inline) <= expected
    leading = min(len(in_name), INLINE_RESULTS)
    assert set(inline[:leading]) <= {site.item_url(e.record) for e in in_name}, "name matches must come first"
    expect(panel.get_by_role("link", name=f"查看全部 {total} 个结果")).to_be_visible()

    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?"))
    assert urlsplit(page.url).path == "/search/"
    assert query_in_address(page) == query
    expect(page.locator("#gkml-search-results .gkml-search-count")).to_have_text(f"找到 {total} 个相关事项")
    assert set(result_links(page)) == expected


def test_header_inline_results_close_with_escape_or_a_click_elsewhere(
    site: Any, wide_page: Any, catalogue_entries: list[Entry]
) -> None:
    page = wide_page
    query, _in_name, _elsewhere = name_fragment_query(catalogue_entries)
    page.goto(site.home_url())
    box = page.locator("header").get_by_role("searchbox", name="搜索公开事项")
    panel = page.locator("header .gkml-inline-results")
    box.fill(query)
    expect(panel).to_be_visible()
    box.press("Escape")
    expect(panel).to_be_hidden()
    box.fill(query + " ")
    expect(panel).to_be_visible()
    page.locator("article h1").click()
    expect(panel).to_be_hidden()


def test_header_inline_result_opens_the_item(site: Any, wide_page: Any, catalogue_entries: list[Entry]) -> None:
    page = wide_page
    query, in_name, _elsewhere = name_fragment_query(catalogue_entries)
    page.goto(site.home_url())
    box = page.locator("header").get_by_role("searchbox", name="搜索公开事项")
    box.fill(query)
    first = page.locator("header .gkml-inline-results .gkml-result__title").first
    expect(first).to_be_visible()
    target = first.evaluate("a => a.href")
    assert target in {site.item_url(e.record) for e in in_name}
    first.click()
    expect(page).to_have_url(target)
    record = next(e.record for e in in_name if site.item_url(e.record) == target)
    expect(page.locator("article h1")).to_have_text(record.title)


# -- lazy loading ---------------------------------------------------------------------------------

SEARCH_FILES = ("/assets/gkml/search.js", "/search/index.js")


def _no_search_files_loaded(watch: Any) -> None:
    for name in SEARCH_FILES:
        assert not watch.requested(name), f"{name} was requested before the reader started to search"


def test_home_loads_search_only_when_the_box_is_used(site: Any, pages: Any) -> None:
    page = pages.open()
    watch = pages.watch(page)
    page.goto(site.home_url())
    page.wait_for_load_state("networkidle")
    _no_search_files_loaded(watch)
    box = page.locator(".md-content").get_by_role("searchbox")
    with page.expect_request(lambda r: r.url.endswith("/search/index.js")):
        box.focus()
    assert watch.requested("/assets/gkml/search.js")
    box.press_sequentially("公")  # typing afterwards does not fetch them again
    page.wait_for_load_state("networkidle")
    for name in SEARCH_FILES:
        assert len(watch.requested(name)) == 1, name


def test_item_page_loads_search_only_when_the_header_box_is_used(site: Any, pages: Any) -> None:
    record = site.catalogue.records[0]
    phone = pages.open()
    phone.goto(site.item_url(record))
    phone.wait_for_load_state("networkidle")
    _no_search_files_loaded(pages.watch(phone))

    desk = pages.open({"width": 1280, "height": 800})
    watch = pages.watch(desk)
    desk.goto(site.item_url(record))
    desk.wait_for_load_state("networkidle")
    _no_search_files_loaded(watch)
    box = desk.locator("header").get_by_role("searchbox", name="搜索公开事项")
    with desk.expect_request(lambda r: r.url.endswith("/search/index.js")):
        box.press_sequentially("gzf")
    assert watch.requested("/assets/gkml/search.js")
    expect(desk.locator("header .gkml-inline-results")).to_be_visible()
