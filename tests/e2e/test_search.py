"""Search in the browser over items (事项) and published information (公开信息): the shareable results
page, the header box, 文号 typed several ways, pinyin, filters in the address, lazy loading.

The queries are derived from the loaded catalogue (a part of a real title, a phrase found only in
some bodies, a 文号, the pinyin of a name fragment), and so are the expected results, computed here
from the documents' texts (:func:`generator.site.search_index.documents`: the fields as the index
reads them), not from the index files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from playwright.sync_api import expect

from generator.model.slugs import pinyin_syllables
from generator.site.routes import Routes
from generator.site.search_index import Doc, documents

RESULTS_PAGE_SIZE = 20  # the results page shows this many, then a “显示更多结果” button
INLINE_RESULTS = 8  # the header box shows at most this many
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
KIND = {0: "事项", 1: "公开信息"}


# -- what the catalogue says a query must find -------------------------------------------------


@dataclass(frozen=True)
class Found:
    """A document with the address the site gives it."""

    number: int
    doc: Doc
    url: str

    def in_title(self, q: str) -> bool:
        return q.lower() in self.doc.title.lower()

    def anywhere(self, q: str) -> bool:
        q = q.lower()
        return any(q in text.lower() for text in self.doc.fields)


def all_documents(site: Any) -> list[Found]:
    """Every document in the order of equals: the items in catalogue order, then the entries newest first."""
    _, docs, _ = documents(site.catalogue, Routes())
    found = [Found(n, d, site.url + d.url) for n, d in enumerate(docs)]
    return [f for f in found if f.doc.kind == 0] + sorted(
        (f for f in found if f.doc.kind == 1), key=lambda f: -f.number
    )


def count_text(found: list[Found]) -> str:
    items = sum(1 for f in found if f.doc.kind == 0)
    parts = ([f"事项 {items} 个"] if items else []) + (
        [f"公开信息 {len(found) - items} 条"] if len(found) > items else []
    )
    return f"找到 {len(found)} 个结果（{'，'.join(parts)}）"


def name_fragment_query(docs: list[Found]) -> tuple[str, list[Found], list[Found]]:
    """Two Han characters from the middle of a real title, that some documents have in their
    title and others only in their text (to check the ranking), at most one page of them.

    Returns the query, the documents with it in the title, and those with it elsewhere only.
    """
    for found in docs:
        title = found.doc.title
        for start in range(1, len(title) - 2):
            q = title[start : start + 2]
            if not _HAN.match(q):
                continue
            in_title = [d for d in docs if d.in_title(q)]
            elsewhere = [d for d in docs if not d.in_title(q) and d.anywhere(q)]
            if elsewhere and len(in_title) + len(elsewhere) <= RESULTS_PAGE_SIZE and len(in_title) > 1:
                return q, in_title, elsewhere
    pytest.fail("no title has two Han characters found in a few titles and a few texts")


def body_phrase_query(docs: list[Found]) -> tuple[str, list[Found]]:
    """A phrase (3–4 Han characters) of some entries' bodies, in no title, 文号 or 摘要 (a page of them)."""
    counts: dict[str, int] = {}
    for found in docs:
        if found.doc.kind != 1:
            continue
        words = set()
        for run in re.findall(r"[\u4e00-\u9fff]{3,}", found.doc.fields[3]):
            words.update(run[i : i + n] for n in (4, 3) for i in range(len(run) - n + 1))
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    for word, _count in sorted(counts.items(), key=lambda wc: (-min(wc[1], 4), -len(wc[0]), wc[0])):
        hits = [d for d in docs if d.anywhere(word)]
        if 1 < len(hits) <= RESULTS_PAGE_SIZE and all(word not in "".join(d.doc.fields[:3]) for d in hits):
            return word, hits
    pytest.fail("no phrase of a body appears only in bodies")


def pinyin_fragment(docs: list[Found]) -> tuple[str, str, str]:
    """(Han fragment, its full pinyin, its pinyin initials): 公租房 when the catalogue has it."""
    titles = [d.doc.title for d in docs]
    if any("公租房" in t for t in titles):
        return "公租房", "gongzufang", "gzf"
    for title in titles:  # another catalogue: the first three characters of a name
        syllables = pinyin_syllables(title)
        if len(title) >= 3 and _HAN.match(title[:3]) and len(syllables) >= 3:
            return title[:3], "".join(syllables[:3]), "".join(s[0] for s in syllables[:3])
    pytest.fail("no title with three Han characters")


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
def docs(site: Any) -> list[Found]:
    return all_documents(site)


def by_url(docs: list[Found]) -> dict[str, Found]:
    return {d.url: d for d in docs}


# -- the results page --------------------------------------------------------------------------


def test_title_fragment_finds_items_and_entries_title_matches_first(site: Any, page: Any, docs: list[Found]) -> None:
    query, in_title, elsewhere = name_fragment_query(docs)
    results = open_results(site, page, query)
    expect(page.locator(".md-content").get_by_role("searchbox")).to_have_value(query)
    expect(results.locator(".gkml-search-count")).to_have_text(count_text(in_title + elsewhere))

    links = result_links(page)
    title_urls = [d.url for d in in_title]  # items first, then entries newest first
    assert set(links) == set(title_urls) | {d.url for d in elsewhere}, f"query {query!r}"
    assert len(links) == len(set(links)), "a document is listed twice"
    assert links[: len(title_urls)] == title_urls, f"query {query!r}: title matches first, newer first: {links}"
    titles = results.locator(".gkml-result__title")
    for title in titles.all()[: len(title_urls)]:
        expect(title.locator("mark").first).to_have_text(query)
    # each result says what it is, where it sits and its date
    known = by_url(docs)
    kinds = results.locator(".gkml-result__kind").all_inner_texts()
    wheres = results.locator(".gkml-result__where").all_inner_texts()
    for url, kind, where in zip(links, kinds, wheres, strict=True):
        found = known[url]
        area, column, _ = documents_columns(site)[found.doc.column]
        assert kind == KIND[found.doc.kind]
        assert where == f"{area} › {column}"


def documents_columns(site: Any) -> list[list[str]]:
    return documents(site.catalogue, Routes())[0]


def test_body_phrase_finds_exactly_the_entries_holding_it_with_a_highlighted_snippet(
    site: Any, page: Any, docs: list[Found]
) -> None:
    phrase, hits = body_phrase_query(docs)
    results = open_results(site, page, phrase)
    expect(results.locator(".gkml-search-count")).to_have_text(count_text(hits))
    assert sorted(result_links(page)) == sorted(d.url for d in hits), f"query {phrase!r}"
    snippets = results.locator(".gkml-result__snippet")
    expect(snippets).to_have_count(len(hits))
    for snippet in snippets.all():
        expect(snippet.locator("mark").first).to_have_text(phrase)
    expect(results.locator(".gkml-result__kind").first).to_have_text("公开信息")


def test_doc_number_typed_three_ways_finds_its_entry_first(site: Any, page: Any, docs: list[Found]) -> None:
    found = next(d for d in docs if re.fullmatch(r".+〔\d{4}〕\d+号", d.doc.doc_no))
    prefix, year, number = re.fullmatch(r"(.+)〔(\d{4})〕(\d+)号", found.doc.doc_no).groups()  # type: ignore[union-attr]
    for typed in (found.doc.doc_no, f"{prefix}[{year}]{number}号", f"{prefix}{year} {number}"):
        results = open_results(site, page, typed)
        assert result_links(page)[0] == found.url, typed
        first = results.locator(".gkml-result").first
        expect(first.locator(".gkml-result__snippet")).to_have_text(f"文号：{found.doc.doc_no}")
        expect(first.locator(".gkml-result__snippet mark")).to_have_text(found.doc.doc_no)


def test_full_pinyin_finds_titles_with_the_fragment(site: Any, page: Any, docs: list[Found]) -> None:
    fragment, full, _initials = pinyin_fragment(docs)
    named = {d.url for d in docs if fragment in d.doc.title}
    assert named
    open_results(site, page, full)
    links = result_links(page)
    known = by_url(docs)
    assert named <= set(links) | set(), f"{full!r} must find every title containing {fragment}"
    for url in links:
        assert full in pinyin_of(known[url].doc.title)[0] or known[url].anywhere(full), f"{full!r} found {url}"
    # typed with spaces between the syllables, or in capitals: the same results
    spaced = " ".join(pinyin_syllables(fragment)).upper()
    open_results(site, page, spaced)
    assert result_links(page) == links, f"{spaced!r} and {full!r} must find the same documents"


def test_pinyin_initials_find_titles_with_the_fragment(site: Any, page: Any, docs: list[Found]) -> None:
    fragment, _full, initials = pinyin_fragment(docs)
    named = {d.url for d in docs if fragment in d.doc.title}
    open_results(site, page, initials)
    links = result_links(page)
    assert named <= set(links), f"{initials!r} must find every title containing {fragment}"
    known = by_url(docs)
    for url in links:
        full, letters = pinyin_of(known[url].doc.title)
        assert initials in letters or initials in full or known[url].anywhere(initials), url


def test_query_without_matches_says_so(site: Any, page: Any) -> None:
    results = open_results(site, page, "镧钆铽")
    expect(results.locator(".gkml-search-count")).to_contain_text("没有找到与“镧钆铽”相关的结果")
    expect(results.locator(".gkml-result")).to_have_count(0)


def test_typing_in_the_search_page_box_updates_address_and_results(site: Any, page: Any, docs: list[Found]) -> None:
    first, in_title, elsewhere = name_fragment_query(docs)
    phrase, hits = body_phrase_query(docs)
    results = open_results(site, page, first)
    expect(results.locator(".gkml-search-count")).to_have_text(count_text(in_title + elsewhere))

    box = page.locator(".md-content").get_by_role("searchbox")
    box.fill("")
    box.press_sequentially(phrase)
    page.wait_for_function("q => new URLSearchParams(location.search).get('q') === q", arg=phrase)
    assert query_in_address(page) == phrase
    expect(results.locator(".gkml-search-count")).to_have_text(count_text(hits))
    assert sorted(result_links(page)) == sorted(d.url for d in hits)

    # the address can be shared: opening it elsewhere shows the same results
    shared = page.url
    other = page.context.new_page()
    other.goto(shared)
    expect(other.locator("#gkml-search-results .gkml-search-count")).to_have_text(count_text(hits))
    assert sorted(result_links(other)) == sorted(d.url for d in hits)
    other.close()

    # clearing the box clears the query and the results
    box.fill("")
    page.wait_for_function("() => !new URLSearchParams(location.search).has('q')")
    expect(results.locator(".gkml-result")).to_have_count(0)


def test_many_results_are_shown_a_page_at_a_time(site: Any, page: Any, docs: list[Found]) -> None:
    counts: dict[str, int] = {}
    for found in docs:
        for run in re.findall(r"[\u4e00-\u9fff]+", found.doc.title):
            for bigram in {run[i : i + 2] for i in range(len(run) - 1)}:
                counts[bigram] = counts.get(bigram, 0) + 1
    common = max(sorted(counts), key=lambda b: counts[b])
    hits = [d for d in docs if d.anywhere(common)]
    assert len(hits) > 2 * RESULTS_PAGE_SIZE
    results = open_results(site, page, common)
    expect(results.locator(".gkml-search-count")).to_have_text(count_text(hits))
    expect(results.locator(".gkml-result")).to_have_count(RESULTS_PAGE_SIZE)
    more = results.get_by_role("button", name=re.compile("显示更多结果"))
    expect(more).to_have_text(f"显示更多结果（还有 {len(hits) - RESULTS_PAGE_SIZE} 个）")
    more.click()
    expect(results.locator(".gkml-result")).to_have_count(2 * RESULTS_PAGE_SIZE)
    shown = 2 * RESULTS_PAGE_SIZE
    while shown < len(hits):
        more.click()
        shown = min(shown + RESULTS_PAGE_SIZE, len(hits))
        expect(results.locator(".gkml-result")).to_have_count(shown)
    expect(more).to_have_count(0)
    assert set(result_links(page)) == {d.url for d in hits}


def test_filters_in_the_address_narrow_the_results(site: Any, page: Any, docs: list[Found]) -> None:
    """类型, 类别 and 年份 of published information, combined, from a shared address."""
    query, in_title, elsewhere = name_fragment_query(docs)
    hits = [d for d in in_title + elsewhere if d.doc.kind == 1]
    assert hits
    chosen = hits[0].doc
    category = documents(site.catalogue, Routes())[2]["类别"][chosen.facets[1]]  # type: ignore[index]
    year = chosen.date[:4]
    left = [d for d in hits if d.doc.facets[1] == chosen.facets[1] and d.doc.date[:4] == year]
    page.goto(site.search_url(query) + f"&类型={quote('公开信息')}&类别={quote(category)}&年份={year}")
    results = page.locator("#gkml-search-results")
    count = results.locator(".gkml-search-count")
    expect(count).to_have_text(f"{count_text(in_title + elsewhere)}，筛选后显示 {len(left)} 个")
    assert sorted(result_links(page)) == sorted(d.url for d in left)
    toggle = page.locator(".gkml-filters__toggle")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    group = page.get_by_role("group", name="信息类别")
    expect(group.locator('[aria-pressed="true"]')).to_contain_text(category)
    # removing one filter widens the list, and the address follows
    page.get_by_role("group", name="发布年份").get_by_role("button", name=re.compile(year)).click()
    widened = [d for d in hits if d.doc.facets[1] == chosen.facets[1]]
    expect(count).to_have_text(f"{count_text(in_title + elsewhere)}，筛选后显示 {len(widened)} 个")
    assert "年份" not in parse_qs(urlsplit(page.url).query)
    assert parse_qs(urlsplit(page.url).query)["类别"] == [category]


def test_text_typed_before_the_search_data_arrives_is_kept_and_searched(
    site: Any, page: Any, docs: list[Found]
) -> None:
    """On a slow connection the reader may type before search/index.js has arrived."""
    phrase, hits = body_phrase_query(docs)
    held: list[Any] = []
    page.route("**/search/index.js", lambda route: held.append(route))
    page.goto(site.search_url(), wait_until="domcontentloaded")  # "load" would wait for the held index
    for _ in range(400):  # the page asks for the index as soon as it opens
        if held:
            break
        page.wait_for_timeout(25)
    assert held, "the search page did not ask for search/index.js"
    box = page.locator(".md-content").get_by_role("searchbox")
    box.press_sequentially(phrase)
    held[0].continue_()
    results = page.locator("#gkml-search-results")
    page.wait_for_load_state("load")  # the search data has arrived and been started
    expect(box).to_have_value(phrase)
    expect(results.locator(".gkml-search-count")).to_have_text(count_text(hits))
    assert query_in_address(page) == phrase


def test_home_search_box_opens_the_results_page(site: Any, page: Any, docs: list[Found]) -> None:
    phrase, hits = body_phrase_query(docs)
    page.goto(site.home_url())
    box = page.locator(".md-content").get_by_role("searchbox")
    box.fill(phrase)
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?"))
    assert site.path_of(page.url) == "/search/"
    assert query_in_address(page) == phrase
    expect(page.locator("#gkml-search-results .gkml-search-count")).to_have_text(count_text(hits))


# -- the header box on a wide screen --------------------------------------------------------------


def test_header_search_shows_inline_results_and_enter_opens_results_page(
    site: Any, wide_page: Any, docs: list[Found]
) -> None:
    page = wide_page
    query, in_title, elsewhere = name_fragment_query(docs)
    total = len(in_title) + len(elsewhere)
    record = site.catalogue.records[-1]
    page.goto(site.item_url(record))
    box = page.locator("header").get_by_role("searchbox", name="搜索公开事项")
    expect(box).to_be_visible()
    box.click()
    box.press_sequentially(query)

    panel = page.locator("header .gkml-inline-results")
    expect(panel).to_be_visible()
    shown = panel.locator(".gkml-result__title")
    expect(shown).to_have_count(min(total, INLINE_RESULTS))
    inline = shown.evaluate_all("links => links.map(a => a.href)")
    assert inline == [d.url for d in in_title + elsewhere][: len(inline)], "title matches come first"
    expect(panel.get_by_role("link", name=f"查看全部 {total} 个结果")).to_be_visible()

    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?"))
    assert site.path_of(page.url) == "/search/"
    assert query_in_address(page) == query
    expect(page.locator("#gkml-search-results .gkml-search-count")).to_have_text(count_text(in_title + elsewhere))
    assert set(result_links(page)) == {d.url for d in in_title + elsewhere}


def test_header_inline_results_close_with_escape_or_a_click_elsewhere(
    site: Any, wide_page: Any, docs: list[Found]
) -> None:
    page = wide_page
    query, _in_title, _elsewhere = name_fragment_query(docs)
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


def test_header_inline_result_opens_the_page(site: Any, wide_page: Any, docs: list[Found]) -> None:
    page = wide_page
    query, in_title, _elsewhere = name_fragment_query(docs)
    page.goto(site.home_url())
    box = page.locator("header").get_by_role("searchbox", name="搜索公开事项")
    box.fill(query)
    first = page.locator("header .gkml-inline-results .gkml-result__title").first
    expect(first).to_be_visible()
    target = first.evaluate("a => a.href")
    assert target == in_title[0].url
    first.click()
    expect(page).to_have_url(target)
    expect(page.locator("article h1")).to_have_text(in_title[0].doc.title)


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
