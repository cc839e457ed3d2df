"""What a reader sees on the home, area, column (category), item and table pages, on a phone.

Every expectation (titles, counts, links) is derived from the catalogue the site was
built from, so the tests hold while the example catalogue grows.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import expect

from generator.model import vocab
from generator.model.records import Record

#: The eight elements of 国办发〔2019〕54号 as labelled on item pages (name is the heading), plus 公开层级.
ELEMENT_LABELS = (
    "公开内容（要素）",
    "公开依据",
    "公开时限",
    "公开主体",
    "公开方式",
    "公开渠道和载体",
    "公开对象",
    "公开层级",
)


def href(link: Any) -> str:
    """The absolute URL a link leads to (as the browser resolves it)."""
    return link.evaluate("a => a.href")


def content(page: Any) -> Any:
    """The page's main column (without header, navigation and footer)."""
    return page.locator("article.md-content__inner")


def crumbs(page: Any) -> Any:
    return page.get_by_role("navigation", name="当前位置")


def no_page_scroll(page: Any) -> tuple[bool, dict[str, int]]:
    widths = page.evaluate("() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})")
    return widths["scroll"] <= widths["inner"], widths


# -- home -------------------------------------------------------------------------------


def test_home_shows_bureau_areas_with_counts_search_box_and_recent_updates(site: Any, page: Any) -> None:
    catalogue = site.catalogue
    page.goto(site.home_url())
    main = content(page)

    expect(main.get_by_role("heading", level=1)).to_have_text(catalogue.site.title)
    expect(page.locator("footer")).to_contain_text(f"主办单位：{catalogue.site.bureau}")
    expect(page).to_have_title(re.compile(re.escape(catalogue.site.title)))

    # one card per area, in catalogue order, each with its number of items and a link to the area
    cards = main.locator("ul.gkml-tiles--areas > li")
    expect(cards).to_have_count(len(catalogue.areas))
    for card, area in zip(cards.all(), catalogue.areas, strict=True):
        link = card.get_by_role("link")
        expect(link).to_have_text(area.title)
        assert href(link) == site.area_url(area)
        expect(card).to_contain_text(f"{len(area.records)} 项")

    # a search box right on the page (the header box is hidden on phones)
    box = main.get_by_role("searchbox")
    expect(box).to_be_visible()
    expect(box).to_be_editable()
    expect(main.get_by_role("button", name="搜索")).to_be_visible()

    # 最近更新: the ten newest pieces of published information (公开信息), newest first, each linking
    # to its page and saying where it was published; and the feed of them all
    newest = sorted(catalogue.entries, key=lambda e: (e.published, e.id), reverse=True)[:10]
    assert len(newest) == 10, "the example catalogue has entries, so the home page lists the newest ten"
    expect(main.get_by_role("heading", name="最近更新")).to_be_visible()
    items = main.locator("ol.gkml-entries > li")
    expect(items).to_have_count(len(newest))
    for item, entry in zip(items.all(), newest, strict=True):
        expect(item.locator("time")).to_have_text(entry.published)
        link = item.get_by_role("link")
        expect(link).to_have_text(entry.title)
        assert href(link) == site.entry_url(entry)
        expect(item).to_contain_text(f"{entry.area} › {entry.column}")
    feed = main.get_by_role("link", name="订阅全部最新信息（Atom）")
    assert href(feed) == site.url + "feed.xml"


def test_home_area_card_leads_to_area_page_with_its_columns(site: Any, page: Any) -> None:
    area = max(site.catalogue.areas, key=lambda a: len(a.categories))
    page.goto(site.home_url())
    content(page).get_by_role("link", name=area.title, exact=True).click()
    expect(page).to_have_url(site.area_url(area))
    main = content(page)
    expect(main.get_by_role("heading", level=1)).to_have_text(area.title)
    expect(main).to_contain_text(f"{len(area.categories)} 个一级事项，{len(area.records)} 个公开事项")
    tiles = main.locator("ul.gkml-tiles > li")
    expect(tiles).to_have_count(len(area.categories))
    for tile, category in zip(tiles.all(), area.categories, strict=True):
        link = tile.get_by_role("link")
        expect(link).to_have_text(category.title)
        assert href(link) == site.category_url(area, category)
        expect(tile).to_contain_text(f"{len(category.records)} 项")
    table_link = main.get_by_role("link", name="查看目录总表（标准格式）")
    assert href(table_link) == site.table_url(area)
    assert href(crumbs(page).get_by_role("link", name="首页")) == site.home_url()


def test_phone_menu_lists_every_area(site: Any, page: Any) -> None:
    page.goto(site.home_url())
    page.locator("label.md-header__button[for=__drawer]").click()
    drawer = page.locator("nav.md-nav--primary")
    for area in site.catalogue.areas:
        expect(drawer.get_by_text(area.title, exact=True).first).to_be_visible()


# -- column (category) page ----------------------------------------------------------------


def test_column_page_lists_every_item_as_a_card_linking_to_its_page(site: Any, page: Any) -> None:
    area, category = max(
        ((a, c) for a in site.catalogue.areas for c in a.categories), key=lambda ac: len(ac[1].records)
    )
    page.goto(site.category_url(area, category))
    main = content(page)
    expect(main.get_by_role("heading", level=1)).to_have_text(category.title)
    expect(main).to_contain_text(f"共 {len(category.records)} 个公开事项")

    cards = main.locator("ul.gkml-cards > li")
    expect(cards).to_have_count(len(category.records))
    for card, record in zip(cards.all(), category.records, strict=True):
        title = card.get_by_role("link")
        expect(title).to_have_text(record.title)
        assert href(title) == site.item_url(record)
        expect(card).to_contain_text("、".join(record.methods))
        expect(card).to_contain_text(record.time_limit)

    # breadcrumbs: 首页 › area › (this column, not a link)
    trail = crumbs(page)
    expect(trail.locator("li")).to_have_text(["首页", area.title, category.title])
    assert href(trail.get_by_role("link", name="首页")) == site.home_url()
    assert href(trail.get_by_role("link", name=area.title)) == site.area_url(area)
    expect(trail.get_by_role("link", name=category.title)).to_have_count(0)
    expect(trail.locator("[aria-current=page]")).to_have_text(category.title)

    # following a card opens the item
    record = category.records[-1]
    cards.last.get_by_role("link").click()
    expect(page).to_have_url(site.item_url(record))
    expect(content(page).get_by_role("heading", level=1)).to_have_text(record.title)


# -- item page --------------------------------------------------------------------------------


def _showcase_record(records: list[Record]) -> Record:
    """A record with both required and optional channels and content elements, if any."""

    def richness(r: Record) -> tuple[int, ...]:
        marks = {c.required for c in r.channels}
        elements = {e.required for e in r.content}
        return (len(marks), len(elements), len(r.channels), len(r.content))

    return max(records, key=richness)


def test_item_page_shows_all_elements_marks_and_breadcrumbs(site: Any, page: Any) -> None:
    record = _showcase_record(site.catalogue.records)
    area, category = site.where(record)
    page.goto(site.item_url(record))
    main = content(page)

    # ASCII permalink /item/<id>/
    path = site.path_of(page.url)
    assert path == f"/item/{record.id}/"
    assert re.fullmatch(r"/item/[a-z0-9-]+/", path), path
    expect(main).to_contain_text(f"编号：{record.id}")

    expect(main.get_by_role("heading", level=1)).to_have_text(record.title)
    labels = main.locator("dl.gkml-elements dt")
    for label in ELEMENT_LABELS:
        expect(labels.filter(has_text=re.compile(f"^{re.escape(label)}$"))).to_have_count(1)
        expect(labels.filter(has_text=re.compile(f"^{re.escape(label)}$"))).to_be_visible()

    def section(label: str) -> Any:
        return main.locator("dl.gkml-elements > div").filter(
            has=page.locator("dt", has_text=re.compile(f"^{re.escape(label)}$"))
        )

    # 公开内容: every element with its ● / 〇 mark
    elements = section("公开内容（要素）").locator("li")
    expect(elements).to_have_count(len(record.content))
    for li, element in zip(elements.all(), record.content, strict=True):
        expect(li).to_contain_text(f"{element.mark}{element.text}")
    expect(section("公开内容（要素）")).to_contain_text(vocab.CONTENT_LEGEND)

    for basis in record.basis:
        expect(section("公开依据")).to_contain_text(basis.title)
    expect(section("公开时限").locator("dd")).to_have_text(record.time_limit)
    expect(section("公开主体").locator("dd")).to_have_text(record.subject)
    expect(section("公开方式").locator("dd")).to_have_text("、".join(record.methods))
    expect(section("公开对象").locator("dd")).to_have_text("、".join(a.text for a in record.audiences))
    expect(section("公开层级").locator("dd")).to_have_text("、".join(record.levels))

    # 公开渠道和载体: one badge per channel, ■ required / □ optional
    badges = section("公开渠道和载体").locator(".gkml-badge")
    expect(badges).to_have_count(len(record.channels))
    for badge, channel in zip(badges.all(), record.channels, strict=True):
        expect(badge).to_be_visible()
        expect(badge).to_contain_text(f"{channel.mark} {channel.name}")
        expect(badge).to_contain_text("（必选）" if channel.required else "（可选）")  # for screen readers
    expect(section("公开渠道和载体")).to_contain_text(vocab.CHANNEL_LEGEND)
    shown_marks = "".join(badges.all_inner_texts())
    assert shown_marks.count(vocab.CHANNEL_REQUIRED) == sum(c.required for c in record.channels)
    assert shown_marks.count(vocab.CHANNEL_OPTIONAL) == sum(not c.required for c in record.channels)

    # breadcrumbs 首页 › area › category, each a working link
    trail = crumbs(page)
    expect(trail.locator("li")).to_have_text(["首页", area.title, category.title])
    assert href(trail.get_by_role("link", name="首页")) == site.home_url()
    assert href(trail.get_by_role("link", name=area.title)) == site.area_url(area)
    assert href(trail.get_by_role("link", name=category.title)) == site.category_url(area, category)
    trail.get_by_role("link", name=category.title).click()
    expect(page).to_have_url(site.category_url(area, category))
    expect(content(page).get_by_role("heading", level=1)).to_have_text(category.title)


def test_item_links_in_basis_and_channels_are_only_http(site: Any, page: Any) -> None:
    """Links on an item page point to web pages: site URLs or http(s), nothing else."""
    record = max(
        site.catalogue.records, key=lambda r: sum(bool(b.url) for b in r.basis) + sum(bool(c.url) for c in r.channels)
    )
    page.goto(site.item_url(record))
    links = content(page).locator("dl.gkml-elements a")
    expected = [b.url for b in record.basis if b.url] + [c.url for c in record.channels if c.url]
    expect(links).to_have_count(len(expected))
    for link in links.all():
        assert urlsplit(href(link)).scheme in ("http", "https")
    assert sorted(href(link) for link in links.all()) == sorted(expected)


# -- the area table ---------------------------------------------------------------------------


def test_area_table_has_the_official_header_and_scrolls_inside_its_frame(site: Any, page: Any) -> None:
    area = max(site.catalogue.areas, key=lambda a: len(a.records))
    page.goto(site.table_url(area))
    main = content(page)
    expect(main.get_by_role("heading", level=1)).to_have_text(f"{area.title}领域基层政务公开标准目录")

    header = main.locator("table thead")
    for name in (
        "序号",
        "公开事项",
        "一级事项",
        "二级事项",
        "公开内容（要素）",
        "公开依据",
        "公开时限",
        "公开主体",
        "公开渠道和载体",
        "公开对象",
        "全社会",
        "特定群体",
        "公开方式",
        "主动",
        "依申请",
        "公开层级",
        *vocab.LEVELS,
    ):
        expect(header.get_by_role("columnheader", name=name, exact=True)).to_have_count(1)
    first_row = header.locator("tr").first.locator("th")
    expect(first_row.first).to_have_text("序号")

    rows = main.locator("table tbody tr")
    expect(rows).to_have_count(len(area.records))
    records = area.records
    for number, (row, record) in enumerate(zip(rows.all(), records, strict=True), start=1):
        expect(row.locator("td").first).to_have_text(str(number))
        link = row.locator("td").get_by_role("link", name=record.name, exact=True)
        assert href(link) == site.item_url(record)
    for category in area.categories:
        link = main.locator("tbody th[scope=rowgroup]").get_by_role("link", name=category.title, exact=True)
        assert href(link) == site.category_url(area, category)

    # at 375 px the page itself does not scroll sideways; the table's frame does
    fits, widths = no_page_scroll(page)
    assert fits, f"the table page scrolls sideways on a phone: {widths}"
    wrap = main.locator(".gkml-table-wrap")
    sizes = wrap.evaluate("el => ({scroll: el.scrollWidth, client: el.clientWidth})")
    assert sizes["scroll"] > sizes["client"], sizes
    wrap.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    assert wrap.evaluate("el => el.scrollLeft") > 0
    assert page.evaluate("() => window.scrollX") == 0
    expect(wrap).to_have_attribute("role", "region")
