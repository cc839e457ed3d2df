"""Filters on column pages and on /search/: 领域, 方式, 对象, 主体 and 层级, with counts, without a
reload; the address records them, so a filtered view can be shared.

Expectations are computed from the catalogue: which items each choice leaves, and how
many items each option would leave given the other choices.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from generator.model.records import Record
from generator.site.routes import Routes
from generator.site.search_index import documents

#: Filter kinds as the site names them (URL parameter) and how to read them off a record.
KINDS = {
    "方式": lambda r, area: list(r.methods),
    "对象": lambda r, area: list(dict.fromkeys(a.kind for a in r.audiences)),
    "主体": lambda r, area: [r.subject],
    "层级": lambda r, area: list(r.levels),
    "领域": lambda r, area: [area],
}


def values(record: Record, kind: str) -> list[str]:
    return KINDS[kind](record, record.area)


def leaves(records: list[Record], chosen: dict[str, list[str]], except_kind: str | None = None) -> list[Record]:
    """The records a choice leaves: any chosen value within a kind, every kind."""
    return [
        r
        for r in records
        if all(set(want) & set(values(r, kind)) for kind, want in chosen.items() if want and kind != except_kind)
    ]


def option_counts(records: list[Record], chosen: dict[str, list[str]], kind: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for r in leaves(records, chosen, except_kind=kind):
        for v in values(r, kind):
            counts[v] = counts.get(v, 0) + 1
    return counts


def shown_counts(page: Any, kind_legend: str) -> dict[str, int]:
    group = page.get_by_role("group", name=kind_legend)
    found = {}
    for option in group.locator(".gkml-filter__option").all():
        value = option.locator(".gkml-filter__value").inner_text().removeprefix("✓ ")
        count = option.locator(".gkml-filter__count").inner_text().strip("（）")
        found[value] = int(count)
    return found


LEGENDS = {"领域": "领域", "方式": "公开方式", "对象": "公开对象", "主体": "公开主体", "层级": "公开层级"}


def chosen_in_address(page: Any) -> dict[str, list[str]]:
    query = parse_qs(urlsplit(page.url).query)
    return {k: v for k, v in query.items() if k in KINDS}


@pytest.fixture(scope="module")
def varied_column(site: Any) -> tuple[Any, Any]:
    """The column whose items differ in the most filter kinds."""

    def spread(category: Any) -> int:
        return sum(len({tuple(values(r, k)) for r in category.records}) > 1 for k in ("方式", "对象", "主体", "层级"))

    area, category = max(((a, c) for a in site.catalogue.areas for c in a.categories), key=lambda ac: spread(ac[1]))
    if spread(category) < 2:
        pytest.fail("the example catalogue needs a column whose items differ in at least two filter kinds")
    return area, category


def visible_titles(page: Any) -> list[str]:
    return page.locator(".gkml-cards > .gkml-card:visible .gkml-card__title").all_inner_texts()


def filters_button(page: Any) -> Any:
    """The button that shows the filters (its name also says how many are chosen)."""
    return page.get_by_role("button", name="筛选", exact=False).and_(page.locator(".gkml-filters__toggle"))


def open_filters(page: Any) -> None:
    toggle = filters_button(page)
    expect(toggle).to_be_visible()
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")


def test_column_filters_narrow_the_cards_with_counts_and_record_the_choice(
    site: Any, page: Any, varied_column: tuple[Any, Any]
) -> None:
    area, category = varied_column
    records = category.records
    page.goto(site.category_url(area, category))
    expect(page.locator(".gkml-card")).to_have_count(len(records))
    open_filters(page)
    offered = [k for k in ("方式", "对象", "主体", "层级") if len(option_counts(records, {}, k)) > 1]
    assert page.locator(".gkml-filter__legend").all_inner_texts() == [LEGENDS[k] for k in offered]
    for kind in offered:
        assert shown_counts(page, LEGENDS[kind]) == option_counts(records, {}, kind), kind

    # choose the least common value of the first kind offered, then one more of another kind
    chosen: dict[str, list[str]] = {}
    status = page.get_by_role("status")
    for kind in offered[:2]:
        counts = option_counts(records, chosen, kind)
        value = min(counts, key=lambda v: (counts[v], v))
        page.get_by_role("group", name=LEGENDS[kind]).get_by_role("button", name=value).click()
        chosen[kind] = [value]
        expected = leaves(records, chosen)
        expect(page.locator(".gkml-card:visible")).to_have_count(len(expected))
        assert visible_titles(page) == [r.title for r in expected]
        assert chosen_in_address(page) == chosen
        expect(status).to_have_text(f"筛选后显示 {len(expected)} 个事项，共 {len(records)} 个事项。")
        for other in offered:
            assert shown_counts(page, LEGENDS[other]) == option_counts(records, chosen, other), other
        pressed = page.get_by_role("group", name=LEGENDS[kind]).get_by_role("button", name=value)
        expect(pressed).to_have_attribute("aria-pressed", "true")

    # the address opens the same view elsewhere, with the filters shown
    shared = page.url
    other = page.context.new_page()
    other.goto(shared)
    expect(filters_button(other)).to_have_attribute("aria-expanded", "true")
    expect(other.locator(".gkml-card:visible")).to_have_count(len(leaves(records, chosen)))
    other.close()

    page.get_by_role("button", name="清除筛选").click()
    expect(page.locator(".gkml-card:visible")).to_have_count(len(records))
    assert chosen_in_address(page) == {}
    assert urlsplit(page.url).path == urlsplit(site.category_url(area, category)).path


def test_without_scripts_every_item_is_listed(site: Any, pages: Any, varied_column: tuple[Any, Any]) -> None:
    area, category = varied_column
    page = pages.open(java_script_enabled=False)
    page.goto(site.category_url(area, category) + "?方式=依申请")
    expect(page.locator(".gkml-card:visible")).to_have_count(len(category.records))
    expect(page.locator(".gkml-filters")).to_have_count(0)


def test_column_without_differences_offers_no_filters(site: Any, page: Any) -> None:
    same = next(
        (a, c)
        for a in site.catalogue.areas
        for c in a.categories
        if len(c.records) > 1
        and all(len({tuple(values(r, k)) for r in c.records}) == 1 for k in ("方式", "对象", "主体", "层级"))
    )
    page.goto(site.category_url(*same))
    page.wait_for_load_state("networkidle")
    expect(page.locator(".gkml-card:visible")).to_have_count(len(same[1].records))
    expect(filters_button(page)).to_be_hidden()


def test_search_page_filters_without_a_query_list_every_matching_item(site: Any, page: Any) -> None:
    records = site.catalogue.records
    total = len(records) + len(site.catalogue.entries)  # the search covers items and entries
    counts = option_counts(records, {}, "方式")
    rare = min(counts, key=lambda v: (counts[v], v))
    page.goto(site.url + "search/?" + "方式=" + rare)
    expected = leaves(records, {"方式": [rare]})  # entries have no 方式: only items are left
    results = page.locator("#gkml-search-results")
    expect(results.locator(".gkml-search-count")).to_have_text(f"筛选出 {len(expected)} 个结果（共 {total} 个）")
    links = results.locator(".gkml-result__title").evaluate_all("links => links.map(a => a.href)")
    assert links == [site.item_url(r) for r in expected][:SEARCH_PAGE]
    expect(filters_button(page)).to_have_attribute("aria-expanded", "true")
    for kind in ("领域", "方式", "对象", "主体", "层级"):
        counts = {v: n for v, n in option_counts(records, {"方式": [rare]}, kind).items() if n}
        if len(option_counts(records, {}, kind)) > 1:
            assert shown_counts(page, LEGENDS[kind]) == counts, kind
    expect(page.locator("#gkml-search-status")).to_have_text(f"筛选出 {len(expected)} 个结果（共 {total} 个）")


SEARCH_PAGE = 20  #: results shown before “显示更多结果”


def show_all(results: Any, total: int) -> None:
    """Press “显示更多结果” until all ``total`` results are listed."""
    shown = min(total, SEARCH_PAGE)
    expect(results.locator(".gkml-result")).to_have_count(shown)
    while shown < total:
        results.get_by_role("button", name=re.compile("显示更多结果")).click()
        shown = min(shown + SEARCH_PAGE, total)
        expect(results.locator(".gkml-result")).to_have_count(shown)


def test_search_query_and_filters_combine_and_stay_in_the_address(site: Any, page: Any) -> None:
    columns, docs, _ = documents(site.catalogue, Routes())
    area_of = {site.url + d.url: columns[d.column][0] for d in docs}
    # a query found in several areas: a bigram common to titles
    by_bigram: dict[str, set[str]] = {}
    for d in docs:
        for i in range(len(d.title) - 1):
            by_bigram.setdefault(d.title[i : i + 2], set()).add(columns[d.column][0])
    query = max(sorted(b for b in by_bigram if re.fullmatch(r"[\u4e00-\u9fff]{2}", b)), key=lambda b: len(by_bigram[b]))
    page.goto(site.search_url(query))
    results = page.locator("#gkml-search-results")
    expect(results.locator(".gkml-search-count")).to_contain_text("找到")
    summary = results.locator(".gkml-search-count").inner_text()
    total = int(summary.split()[1])
    show_all(results, total)
    found = results.locator(".gkml-result__title").evaluate_all("links => links.map(a => a.href)")
    assert len(set(found)) == total
    open_filters(page)
    # the search's filter data is fetched when the filters first open: wait for its options
    expect(page.get_by_role("group", name="领域").locator(".gkml-filter__option").first).to_be_visible()
    areas = shown_counts(page, "领域")
    expected_areas: dict[str, int] = {}
    for url in found:
        expected_areas[area_of[url]] = expected_areas.get(area_of[url], 0) + 1
    assert areas == expected_areas
    area = min(areas, key=lambda a: (areas[a], a))
    page.get_by_role("group", name="领域").get_by_role("button", name=area).click()
    count = results.locator(".gkml-search-count")
    expect(count).to_have_text(f"{summary}，筛选后显示 {areas[area]} 个")
    assert chosen_in_address(page) == {"领域": [area]}
    assert parse_qs(urlsplit(page.url).query)["q"] == [query]
    # clearing the query keeps the filter: every document of the area is listed
    box = page.locator(".md-content").get_by_role("searchbox")
    box.fill("")
    expect(results.locator(".gkml-search-count")).to_contain_text("筛选出")
    assert chosen_in_address(page) == {"领域": [area]}
    assert "q" not in parse_qs(urlsplit(page.url).query)
    expected_all = [u for u in area_of if area_of[u] == area]
    expect(results.locator(".gkml-result")).to_have_count(min(len(expected_all), SEARCH_PAGE))
