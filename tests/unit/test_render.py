"""The pure HTML renderers: golden pages, escaping, safe links, determinism and link integrity."""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.load.catalogue import load_catalogue
from generator.model.records import Basis, Catalogue, Channel, Record
from generator.site.pages import BASE, SECTION_IDS, GeneratedPage, Renderer
from generator.site.routes import DISCLOSURE_PAGES, Routes
from generator.site.routes import SEARCH_INDEX as INDEX_PATH
from generator.site.search_index import build_search_files

from .helpers import GOLDEN, TREES, formatted

# -- golden files ------------------------------------------------------------------------------

GOLDEN_PAGES: dict[str, tuple[str, ...]] = {
    # golden file name: (page kind, area slug, category slug, record id or entry id)
    "item-bzxzf-pjgl-zgsh.html": ("item", "bzxzf", "bzxzf-pjgl-zgsh"),
    "item-bzxzf-pjgl-pzjg.html": ("item", "bzxzf", "bzxzf-pjgl-pzjg"),
    "item-bzxzf-bszn-gzfsq.html": ("item", "bzxzf", "bzxzf-bszn-gzfsq"),
    "category-bzxzf-pjgl.html": ("category", "bzxzf", "pjgl"),
    "table-bzxzf.html": ("table", "bzxzf"),
}
#: Pages of published information (公开信息), rendered from ``trees/golden_entries``: an entry with
#: 文号, 摘要, a body with a table and a list, two attachments and a related entry naming it; the
#: column listing its entries.
GOLDEN_ENTRY_PAGES: dict[str, tuple[str, ...]] = {
    "entry-pjgl-20250312-1.html": ("entry", "bzxzf", "pjgl-20250312-1"),
    "entries-category-bzxzf-pjgl.html": ("category", "bzxzf", "pjgl"),
}
GOLDEN_PAGES.update(GOLDEN_ENTRY_PAGES)


def render_golden(catalogue: Catalogue, name: str) -> str:
    kind, area_slug, *rest = GOLDEN_PAGES[name]
    renderer = Renderer(catalogue, Routes())
    area = next(a for a in catalogue.areas if a.slug == area_slug)
    if kind == "table":
        return renderer.table(area).html
    if kind == "category":
        category = next(c for c in area.categories if c.slug == rest[0])
        return renderer.category(area, category).html
    for category in area.categories:
        for record in category.records:
            if record.id == rest[0]:
                return renderer.item(area, category, record).html
        for entry in category.entries:
            if kind == "entry" and entry.id == rest[0]:
                return renderer.entry(area, category, entry).html
    raise LookupError(name)


def test_golden_files_match_the_list() -> None:
    assert sorted(p.name for p in GOLDEN.glob("*.html")) == sorted(GOLDEN_PAGES)


@pytest.mark.parametrize("name", sorted(GOLDEN_PAGES))
def test_golden_page(name: str, golden_catalogue: Catalogue, update_goldens: bool) -> None:
    if name in GOLDEN_ENTRY_PAGES:
        golden_catalogue, diagnostics = load_catalogue(TREES / "golden_entries", git_dates=False)
        assert golden_catalogue is not None, formatted(diagnostics)
    html = render_golden(golden_catalogue, name).encode("utf-8")
    path = GOLDEN / name
    if update_goldens:
        path.write_bytes(html)
    assert path.exists(), f"missing golden file {name}: run pytest tests/unit --update-goldens"
    assert html == path.read_bytes(), (
        f"{name} differs; if the change is intended run: pytest tests/unit --update-goldens"
    )


def _all_output(catalogue: Catalogue, routes: Routes) -> dict[str, str]:
    renderer = Renderer(catalogue, routes)
    out = {page.src: page.html for page in renderer.pages()}
    out["footer"] = renderer.footer()
    out.update(build_search_files(catalogue, routes).files)
    return out


@pytest.mark.parametrize("directory_urls", [True, False])
def test_rendering_is_deterministic(directory_urls: bool) -> None:
    runs = []
    for _ in range(2):
        catalogue, diagnostics = load_catalogue(TREES / "golden_site", git_dates=False)
        assert catalogue is not None, formatted(diagnostics)
        runs.append(_all_output(catalogue, Routes(directory_urls)))
    assert runs[0] == runs[1]


# -- pages ----------------------------------------------------------------------------------


def test_pages_in_navigation_order(golden_catalogue: Catalogue) -> None:
    pages = Renderer(golden_catalogue, Routes()).pages()
    assert [(p.kind, p.src) for p in pages] == [
        ("home", "index.md"),
        ("area", "bzxzf/index.md"),
        ("category", "bzxzf/bszn/index.md"),
        ("category", "bzxzf/pjgl/index.md"),
        ("table", "bzxzf/table/index.md"),
        ("area", "szfw/index.md"),
        ("category", "szfw/rqjyxk/index.md"),
        ("table", "szfw/table/index.md"),
        ("disclosure", "gongkai/index.md"),
        ("search", "search/index.md"),
        ("sitemap", "sitemap/index.md"),
        ("item", "item/bzxzf-bszn-gzfsq/index.md"),
        ("item", "item/bzxzf-pjgl-zgsh/index.md"),
        ("item", "item/bzxzf-pjgl-pzjg/index.md"),
        ("item", "item/szfw-rqjy-xkzhf/index.md"),
    ]
    assert len({p.src for p in pages}) == len(pages)


def _item(catalogue: Catalogue, record_id: str) -> GeneratedPage:
    renderer = Renderer(catalogue, Routes())
    for area in catalogue.areas:
        for category in area.categories:
            for record in category.records:
                if record.id == record_id:
                    return renderer.item(area, category, record)
    raise LookupError(record_id)


def test_item_page_has_every_element_and_its_anchor(golden_catalogue: Catalogue) -> None:
    page = _item(golden_catalogue, "bzxzf-pjgl-pzjg")
    assert page.title == "配租结果"  # 三级事项 is the title, the 二级事项 a subtitle
    assert "二级事项：公租房配租" in page.html
    assert page.description == "保障性住房 › 配给管理 › 配租结果：配租结果确定之日起20个工作日内"
    assert page.anchors == frozenset(SECTION_IDS.values())
    for anchor in ("content", "basis", "time-limit", "subject", "methods", "channels", "audiences", "levels", "note"):
        assert f'id="{anchor}"' in page.html
    for label in (
        "公开内容（要素）",
        "公开依据",
        "公开时限",
        "公开主体",
        "公开方式",
        "公开渠道和载体",
        "公开对象",
        "公开层级",
    ):
        assert f"<dt>{label}</dt>" in page.html
    assert "配租结果公示期为5个工作日。" in page.html


def test_item_page_without_note_has_no_note_section(golden_catalogue: Catalogue) -> None:
    assert 'id="note"' not in _item(golden_catalogue, "bzxzf-pjgl-zgsh").html


def test_item_page_links_only_given_urls(golden_catalogue: Catalogue) -> None:
    html = _item(golden_catalogue, "bzxzf-pjgl-zgsh").html
    assert '<a href="https://www.example.gov.cn/zcfg/gzfglbf.html">《公共租赁住房管理办法》</a>' in html
    assert (
        '<a href="https://zjj.example.gov.cn/zfxxgk/bzxzf/pjgl/">政府信息公开 &gt; 保障性住房 &gt; 配给管理</a>' in html
    )
    assert "《中华人民共和国政府信息公开条例》<span" in html  # no URL: plain text


def test_table_page_has_a_level3_column_only_when_needed(golden_catalogue: Catalogue) -> None:
    renderer = Renderer(golden_catalogue, Routes())
    housing, municipal = golden_catalogue.areas
    assert '<th scope="col">三级事项</th>' in renderer.table(housing).html
    assert "三级事项" not in renderer.table(municipal).html
    assert 'rowspan="2"><a href="../pjgl/">配给管理</a>' in renderer.table(housing).html


def test_footer_shows_the_bureau_identity(golden_catalogue: Catalogue) -> None:
    footer = Renderer(golden_catalogue, Routes()).footer()
    assert "主办单位：示例县住房和城乡建设局" in footer
    assert "网站标识码：0000000001" in footer
    assert 'href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=00000000000001"' in footer


def test_search_page_points_at_the_real_index(golden_catalogue: Catalogue) -> None:
    html = Renderer(golden_catalogue, Routes()).search().html
    assert "index.json" not in html


# -- escaping and safe links ----------------------------------------------------------------

EVIL = ("<script", "<img", "<b>", "<i>", "onerror=alert(1)>")


@pytest.fixture(scope="module")
def escaping_catalogue() -> Catalogue:
    catalogue, diagnostics = load_catalogue(TREES / "escaping", git_dates=False)
    assert catalogue is not None, formatted(diagnostics)
    return catalogue


def test_escaping_fixture_reaches_every_page_kind(escaping_catalogue: Catalogue) -> None:
    kinds = {p.kind for p in Renderer(escaping_catalogue, Routes()).pages()}
    assert kinds == {"home", "area", "category", "table", "item", "search", "sitemap", "disclosure"}


@pytest.mark.parametrize("directory_urls", [True, False])
def test_record_text_is_escaped_on_every_page(escaping_catalogue: Catalogue, directory_urls: bool) -> None:
    renderer = Renderer(escaping_catalogue, Routes(directory_urls))
    pages = {p.kind: p.html for p in renderer.pages()}
    pages["footer"] = renderer.footer()
    for kind, html in pages.items():
        found = [m for m in EVIL if m in html]
        assert found == [], f"{kind} page contains raw {found}"
    for kind in ("item", "category", "table"):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[kind], kind
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages["item"]
    assert "&lt;b&gt;领域&lt;/b&gt;" in pages["home"]
    assert "&lt;img src=x onerror=alert(1)&gt;简介" in pages["home"]
    assert "示例县&lt;script&gt;alert(1)&lt;/script&gt;住建局" in pages["footer"]


def test_attribute_values_are_escaped(escaping_catalogue: Catalogue) -> None:
    html = next(p.html for p in Renderer(escaping_catalogue, Routes()).pages() if p.kind == "item")
    assert 'href="https://example.gov.cn/&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html
    assert 'href="https://example.gov.cn/?q=&#34;&gt;&lt;img/src=&#34;x&#34;/onerror=alert(1)&gt;"' in html


def test_search_index_round_trips_hostile_text(escaping_catalogue: Catalogue) -> None:
    files = build_search_files(escaping_catalogue, Routes()).files
    text = files[INDEX_PATH]
    assert text.startswith("gkmlSearchData(") and text.endswith(");\n")
    data = json.loads(text[len("gkmlSearchData(") : -len(");\n")])
    record = escaping_catalogue.records[0]
    assert data["cats"][0][:2] == ["<b>领域</b>", "<i>栏目</i>"]
    assert data["facets"]["主体"] == ["<img src=x onerror=alert(1)>住建局"]
    fragment = next(t for p, t in files.items() if p.endswith("/r/0/0.js"))
    assert json.loads(fragment[len("gkmlDoc(0,") : -len(");\n")])["t"] == record.title


def test_safe_url_filter(golden_catalogue: Catalogue) -> None:
    safe_url = Renderer(golden_catalogue, Routes()).env.filters["safe_url"]
    assert safe_url("https://a.example.gov.cn/") == "https://a.example.gov.cn/"
    assert safe_url("/zfxxgk/") == "/zfxxgk/"
    for bad in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "//evil.example.com/", "", "a/b"):
        assert safe_url(bad) is None, bad


def test_unsafe_urls_never_become_links_even_when_constructed_directly(golden_catalogue: Catalogue) -> None:
    """A Record built in code, bypassing the validator, still renders no javascript: link."""
    area = golden_catalogue.areas[0]
    category = area.categories[1]
    record: Record = replace(
        category.records[0],
        basis=(Basis("《办法》", "令1号", "javascript:alert(1)"), Basis("《条例》", "", "//evil.example.com/")),
        channels=(
            Channel("政府网站", True, "栏目", "javascript:alert(1)"),
            Channel("其他", False, "", "data:text/html,<script>alert(1)</script>"),
        ),
    )
    evil_category = replace(category, records=[record])
    evil_area = replace(area, categories=[evil_category])
    evil = replace(golden_catalogue, areas=[evil_area])
    renderer = Renderer(evil, Routes())
    for html in (renderer.item(evil_area, evil_category, record).html, renderer.table(evil_area).html):
        hrefs = re.findall(r'href="([^"]*)"', html)
        assert not [h for h in hrefs if not (h.startswith(("./", "../", "http://", "https://")) or h == "")], hrefs
        assert "javascript:" not in "".join(hrefs)
        assert "<script" not in html
    item = renderer.item(evil_area, evil_category, record).html
    assert "《办法》<span" in item  # the title stays, as text


# -- links between generated pages ------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is not None and ((tag == "a" and name == "href") or (tag == "form" and name == "action")):
                self.targets.append(value)


@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_internal_link_reaches_a_generated_page(golden_catalogue: Catalogue, directory_urls: bool) -> None:
    routes = Routes(directory_urls)
    renderer = Renderer(golden_catalogue, routes)
    pages = renderer.pages()
    urls = {routes.url(p.src) for p in pages} | {routes.url(src) for src in DISCLOSURE_PAGES.values()}  # content/
    anchors = {routes.url(p.src): p.anchors for p in pages}
    checked = 0
    for page in pages:
        parser = _Links()
        here = routes.url(page.src)
        folder = here.rstrip("/") if directory_urls else posixpath.dirname(here)
        root = posixpath.relpath(".", folder or ".")  # what the theme puts where the footer says BASE
        parser.feed(page.html + renderer.footer().replace(BASE, root))
        for target in parser.targets:
            if target.startswith(("http://", "https://", "mailto:", "tel:")):
                continue
            path, _, anchor = target.partition("#")
            resolved = posixpath.normpath(posixpath.join(folder or ".", path))
            if directory_urls:
                assert path.endswith("/"), f"{page.src}: {target} is not a directory URL"
                resolved = "" if resolved == "." else resolved + "/"
            assert resolved in urls, f"{page.src}: {target} → {resolved}"
            if anchor:
                assert anchor in anchors[resolved], f"{page.src}: {target}"
            checked += 1
    assert checked > 40


def test_generated_sources_live_where_the_routes_say(golden_catalogue: Catalogue) -> None:
    for page in Renderer(golden_catalogue, Routes()).pages():
        assert Path(page.src).name == "index.md"
