"""Published information (公开信息) in the built site, as a reader, a feed reader and a search
engine find it: entry pages, columns' lists and their further pages, item pages, 最近更新,
the Atom feeds, the sitemap; the same bytes every build; and a takedown — an entry deleted
from the catalogue is in no file of the rebuilt site.

Each test builds a small catalogue (one area, three columns of the example, entries written
here) with ``gkml build`` in a temporary folder.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

import feedparser  # type: ignore[import-untyped]
import pytest

ROOT = Path(__file__).resolve().parents[2]
AREA = "保障性住房"
COLUMNS = ("法规政策", "政策解读", "配给管理")  # slugs fgzc, zcjd, pjgl
SITE_URL = "https://zjj.example.gov.cn/gkml/"
REVIEW = "审核: {审核人: 王五, 审核日期: 2024-01-02}"
#: Bytes of the policy's attachment: a PDF as far as the site is concerned.
PDF = b"%PDF-1.4\n% gkml test attachment\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
NOTICES = 23  # 公示 in 配给管理: two pages of 20, then 3


# -- a small project ------------------------------------------------------------------------


def make_project(dest: Path, *, site_url: str | None = SITE_URL) -> Path:
    """mkdocs.yml, content/, overrides/ and a catalogue of the example's 保障性住房 area with three of
    its columns and no entries; its 网站地址 (_site.yaml) is ``site_url``, or left out when None."""
    dest.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for folder in ("content", "overrides"):
        shutil.copytree(ROOT / folder, dest / folder)
    catalogue = dest / "catalogue"
    (catalogue / AREA).mkdir(parents=True)
    site = (ROOT / "catalogue" / "_site.yaml").read_text(encoding="utf-8")
    site, count = re.subn(r"(?m)^网站地址:.*\n", f"网站地址: {site_url}\n" if site_url else "", site)
    assert count == 1
    (catalogue / "_site.yaml").write_text(site, encoding="utf-8")
    shutil.copy(ROOT / "catalogue" / AREA / "_meta.yaml", catalogue / AREA / "_meta.yaml")
    for column in COLUMNS:
        (catalogue / AREA / column).mkdir()
        for path in (ROOT / "catalogue" / AREA / column).glob("*.yaml"):
            shutil.copy(path, catalogue / AREA / column / path.name)
    return dest


def write_entry(project: Path, column: str, name: str, front: str, body: str = "正文。\n") -> Path:
    """An entry file ``<column>/<year>/<name>.md`` (the year from its 发布日期) with ``front``
    (YAML lines) and the review every entry carries."""
    year = re.search(r"发布日期: (\d{4})", front)
    assert year is not None
    path = project / "catalogue" / AREA / column / year[1] / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front.strip()}\n{REVIEW}\n---\n\n{body}", encoding="utf-8")
    return path


def write_attachment(project: Path, column: str, year: str, name: str, data: bytes) -> Path:
    path = project / "catalogue" / AREA / column / year / "附件" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


OLD_POLICY = """
id: fgzc-20230105-1
标题: 示例县公共租赁住房管理暂行办法
事项: bzxzf-fgzc-zcwj
发布日期: 2023-01-05
发布机构: 示例县住房和城乡建设局
文号: 示建规〔2023〕2号
类别: 规范性文件
有效性: {状态: 已废止, 日期: 2024-03-10, 替代: fgzc-20240310-1}
"""
POLICY = """
id: fgzc-20240310-1
标题: 示例县公共租赁住房管理实施细则
事项: bzxzf-fgzc-zcwj
发布日期: 2024-03-10
形成日期: 2024-03-03
发布机构: 示例县住房和城乡建设局
文号: 示建规〔2024〕1号
类别: 规范性文件
摘要: 规定本县公共租赁住房的申请条件、审核程序、轮候配租和退出管理。
附件: [{名称: 实施细则全文, 文件: 附件/实施细则 全文.pdf}]
"""
#: The 解读 names its policy; the policy does not name it.
INTERPRETATION = """
id: zcjd-20240312-1
标题: 关于公租房管理实施细则的政策解读
事项: bzxzf-zcjd-zcjd
发布日期: 2024-03-12
发布机构: 示例县住房和城乡建设局
类别: 政策解读
关联: [fgzc-20240310-1]
"""


def notice_id(n: int) -> str:
    return f"pjgl-2024{notice_date(n)[5:].replace('-', '')}-1"


def notice_date(n: int) -> str:
    """Notice ``n`` (1…) is published on day ``n`` of April–May 2024, one a day."""
    month, day = (4, n) if n <= 30 else (5, n - 30)
    return f"2024-{month:02d}-{day:02d}"


def notice_title(n: int) -> str:
    return f"关于第{n}批公租房配租结果的公示"


def write_notice(project: Path, n: int) -> Path:
    front = f"""
id: {notice_id(n)}
标题: {notice_title(n)}
事项: bzxzf-pjgl-fpjg
发布日期: {notice_date(n)}
发布机构: 示例县住房和城乡建设局住房保障股
类别: 公示公告
"""
    return write_entry(project, "配给管理", f"第{n:02d}批配租结果公示", front)


def write_entries(project: Path) -> None:
    write_entry(project, "法规政策", "公租房管理暂行办法", OLD_POLICY, "第一条 为规范公共租赁住房管理，制定本办法。\n")
    write_entry(project, "法规政策", "公租房管理实施细则", POLICY, "## 第一章 总则\n\n第一条 为规范本县公租房管理。\n")
    write_attachment(project, "法规政策", "2024", "实施细则 全文.pdf", PDF)
    write_entry(project, "政策解读", "实施细则解读", INTERPRETATION, "## 一、制定背景\n\n细则共六章。\n")
    for n in range(1, NOTICES + 1):
        write_notice(project, n)


# -- building ---------------------------------------------------------------------------------


def gkml_build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """``gkml build`` of ``project`` into ``site``, run in the project as a bureau would."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", "-d", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        encoding="utf-8",
        stdin=subprocess.DEVNULL,
        env={**_env(), "PYTHONPATH": str(ROOT)},
    )


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("GKML_CATALOGUE", "SOURCE_DATE_EPOCH")}


def build(project: Path, site: Path) -> Path:
    result = gkml_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@dataclass(frozen=True)
class Built:
    project: Path
    site: Path

    def text(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")

    def content(self, path: str) -> str:
        """The page's own part (between the theme's chrome): the ``<article>``."""
        page = self.text(path)
        start = page.index("<article")
        return page[start : page.index("</article>", start)]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = make_project(tmp_path_factory.mktemp("entries") / "project")
    write_entries(project)
    return Built(project, build(project, project.parent / "site"))


# -- reading pages ----------------------------------------------------------------------------


def visible(fragment: str) -> str:
    """The text of an HTML fragment as a reader sees it (tags dropped, spaces collapsed)."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def meta_table(page: str) -> dict[str, str]:
    table = re.search(r'<table class="gkml-entry-meta">(.*?)</table>', page, re.S)
    assert table is not None, "an entry page has its table of facts"
    rows = re.findall(r'<th scope="row">(.*?)</th>\s*<td>(.*?)</td>', table[1], re.S)
    return {visible(k): visible(v) for k, v in rows}


def links(fragment: str) -> list[tuple[str, str]]:
    """(href, text) of each link in ``fragment``."""
    return [(html.unescape(h), visible(t)) for h, t in re.findall(r'<a [^>]*?href="([^"]*)"[^>]*>(.*?)</a>', fragment)]


def resolve(built: Built, page: str, href: str) -> Path:
    """The file a relative link of page ``page`` (``info/x/index.html``) leads to."""
    url = urljoin("http://site/" + page, href)
    path = unquote(urlsplit(url).path).lstrip("/")
    target = built.site / path
    return target / "index.html" if path.endswith("/") or not path else target


def entry_titles(fragment: str) -> list[str]:
    return [visible(t) for t in re.findall(r'<a class="gkml-entry__title"[^>]*>(.*?)</a>', fragment)]


def entry_dates(fragment: str) -> list[str]:
    return re.findall(r'<span class="gkml-entry__meta"><time datetime="([\d-]+)"', fragment)


# -- entry pages ------------------------------------------------------------------------------


def test_an_entry_page_shows_its_facts_body_and_attachment(built: Built) -> None:
    page = built.content("info/fgzc-20240310-1/index.html")
    assert "<h1>示例县公共租赁住房管理实施细则</h1>" in page
    facts = meta_table(page)
    assert facts["发布机构"] == "示例县住房和城乡建设局"
    assert facts["文号"] == "示建规〔2024〕1号"
    assert facts["发布日期"] == "2024-03-10"
    assert facts["有效性"] == "现行有效"  # a policy says so even when in force
    assert facts["所属事项"] == "政策文件"
    assert "审核" not in facts and "王五" not in page, "who reviewed an entry is for the bureau only"
    assert "第一条 为规范本县公租房管理。" in visible(page)

    attachments = re.search(r'<ul class="gkml-attachments">(.*?)</ul>', page, re.S)
    assert attachments is not None
    assert visible(attachments[1]) == f"实施细则全文 （PDF，{len(PDF)} B）"
    [(href, text)] = links(attachments[1])
    assert text == "实施细则全文"
    target = resolve(built, "info/fgzc-20240310-1/index.html", href)
    assert target.parent == built.site / "info" / "fgzc-20240310-1", "published beside the page"
    assert target.read_bytes() == PDF
    assert " " not in target.name, "the published name needs no escaping in an address"


def test_a_repealed_policy_says_so_and_links_the_one_in_force(built: Built) -> None:
    page = built.content("info/fgzc-20230105-1/index.html")
    banner = re.search(r'<div class="gkml-validity gkml-validity--repealed" role="note">(.*?)</div>', page, re.S)
    assert banner is not None, "a repealed policy carries the banner"
    assert visible(banner[1]).startswith("本文件已废止（2024-03-10起）。现行文件：示例县公共租赁住房管理实施细则")
    [(href, _)] = links(banner[1])
    assert resolve(built, "info/fgzc-20230105-1/index.html", href) == built.site / "info/fgzc-20240310-1/index.html"
    assert meta_table(page)["有效性"] == "已废止（2024-03-10）"
    # the policy in force names the one it replaced
    current = built.content("info/fgzc-20240310-1/index.html")
    replaces = re.search(r'<h2 id="replaces">本文件替代</h2>(.*?)</ul>', current, re.S)
    assert replaces is not None and "示例县公共租赁住房管理暂行办法" in visible(replaces[1])
    # lists mark it
    column = built.content("bzxzf/fgzc/index.html")
    item = re.search(r"管理暂行办法</a>\s*<span[^>]*>(.*?)</span>", column, re.S)
    assert item is not None and "已废止" in visible(item[1])


def test_a_policy_lists_the_interpretation_that_names_it(built: Built) -> None:
    """关联 is written in the 解读 only; both pages link the other."""
    policy = built.content("info/fgzc-20240310-1/index.html")
    related = re.search(r'<h2 id="related">相关信息</h2>(.*?)</ul>', policy, re.S)
    assert related is not None, "the policy's page lists its 解读"
    assert visible(related[1]) == "政策解读 关于公租房管理实施细则的政策解读 2024-03-12"
    [(href, _)] = links(related[1])
    assert resolve(built, "info/fgzc-20240310-1/index.html", href) == built.site / "info/zcjd-20240312-1/index.html"
    interpretation = built.content("info/zcjd-20240312-1/index.html")
    back = re.search(r'<h2 id="related">相关信息</h2>(.*?)</ul>', interpretation, re.S)
    assert back is not None and "示例县公共租赁住房管理实施细则" in visible(back[1])
    assert "有效性" not in meta_table(interpretation), "only policies have a validity"
    # the repealed policy is not linked to the 解读 of its replacement
    assert 'id="related"' not in built.content("info/fgzc-20230105-1/index.html")


# -- lists ------------------------------------------------------------------------------------


def test_a_column_of_more_than_20_entries_continues_on_page_2_newest_first(built: Built) -> None:
    first = built.content("bzxzf/pjgl/index.html")
    second = built.content("bzxzf/pjgl/page/2/index.html")
    assert not (built.site / "bzxzf/pjgl/page/3").exists()
    listed = entry_titles(first) + entry_titles(second)
    assert listed == [notice_title(n) for n in range(NOTICES, 0, -1)], "every entry once, newest first"
    assert len(entry_titles(first)) == 20
    dates = entry_dates(first) + entry_dates(second)
    assert dates == sorted(dates, reverse=True)
    assert f"{NOTICES} 条公开信息" in visible(first)

    for path, page, current in (("bzxzf/pjgl/index.html", first, 1), ("bzxzf/pjgl/page/2/index.html", second, 2)):
        pager = re.search(r'<nav class="gkml-pager" aria-label="信息列表分页">(.*?)</nav>', page, re.S)
        assert pager is not None, path
        assert f"第 {current} 页，共 2 页" in visible(pager[1])
        assert re.search(rf'<span aria-current="page">{current}</span>', pager[1]), path
        targets = {text: resolve(built, path, href) for href, text in links(pager[1])}
        other = 2 if current == 1 else 1
        step = "下一页" if current == 1 else "上一页"
        pages = {1: built.site / "bzxzf/pjgl/index.html", 2: built.site / "bzxzf/pjgl/page/2/index.html"}
        assert targets == {str(other): pages[other], step: pages[other]}, path
    # every title links its entry's page
    for href, text in links(second):
        if text == notice_title(1):
            assert (
                resolve(built, "bzxzf/pjgl/page/2/index.html", href) == built.site / f"info/{notice_id(1)}/index.html"
            )
            break
    else:
        pytest.fail("the oldest notice is on page 2")
    assert "<title>配给管理（第 2 页）" in built.text("bzxzf/pjgl/page/2/index.html")
    # a column of fewer entries has no pager
    assert 'class="gkml-pager"' not in built.content("bzxzf/fgzc/index.html")


def test_an_item_page_lists_its_latest_five_entries(built: Built) -> None:
    page = built.content("item/bzxzf-pjgl-fpjg/index.html")
    section = page[page.index('<h2 id="entries">最新公开信息</h2>') :]
    assert entry_titles(section) == [notice_title(n) for n in range(NOTICES, NOTICES - 5, -1)]
    more = re.search(r'<p class="gkml-more">(.*?)</p>', section, re.S)
    assert more is not None and visible(more[1]) == f"查看本栏目全部 {NOTICES} 条信息"
    [(href, _)] = links(more[1])
    assert href == "../../bzxzf/pjgl/#entries"
    # an item without entries has no such section
    assert 'id="entries"' not in built.content("item/bzxzf-pjgl-xfhyhgg/index.html")


def test_the_home_page_lists_the_newest_entries_under_recent_updates(built: Built) -> None:
    page = built.content("index.html")
    recent = page[page.index('<h2 id="recent">最近更新</h2>') :]
    assert entry_titles(recent) == [notice_title(n) for n in range(NOTICES, NOTICES - 10, -1)]
    assert "保障性住房 › 配给管理" in visible(recent), "each says where it was published"


# -- feeds ------------------------------------------------------------------------------------

FEED_LINK = re.compile(r'<link rel="alternate" type="application/atom\+xml" title="([^"]*)" href="([^"]*)">')


def parse_feed(path: Path) -> feedparser.FeedParserDict:
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, f"{path}: {feed.get('bozo_exception')}"
    return feed


def test_the_feeds_list_the_newest_entries_with_absolute_links(built: Built) -> None:
    feed = parse_feed(built.site / "feed.xml")
    assert feed.version == "atom10"
    assert feed.feed.title == "示例县住房和城乡建设局政务公开标准目录：最新信息"
    titles = [e.title for e in feed.entries]
    assert len(titles) == NOTICES + 3
    assert titles[0] == notice_title(NOTICES)
    assert [e.published for e in feed.entries] == sorted((e.published for e in feed.entries), reverse=True)
    by_title = {e.title: e for e in feed.entries}
    policy = by_title["示例县公共租赁住房管理实施细则"]
    assert policy.link == SITE_URL + "info/fgzc-20240310-1/"
    assert policy.id == policy.link, "an entry's id is its permanent address"
    assert policy.summary == "规定本县公共租赁住房的申请条件、审核程序、轮候配租和退出管理。"
    assert policy.published.startswith("2024-03-10T00:00:00+08:00")
    assert feed.feed.link == SITE_URL

    column = parse_feed(built.site / "bzxzf/pjgl/feed.xml")
    assert [e.title for e in column.entries] == [notice_title(n) for n in range(NOTICES, 0, -1)]
    assert column.feed.link == SITE_URL + "bzxzf/pjgl/"
    assert [e.link for e in column.entries] == [SITE_URL + f"info/{notice_id(n)}/" for n in range(NOTICES, 0, -1)]
    assert [e.title for e in parse_feed(built.site / "bzxzf/zcjd/feed.xml").entries] == [
        "关于公租房管理实施细则的政策解读"
    ]


def test_every_page_announces_the_feeds_in_its_head(built: Built) -> None:
    pages = sorted(built.site.rglob("*.html"))
    assert len(pages) > 50
    column_pages = {"bzxzf/pjgl/index.html", "bzxzf/pjgl/page/2/index.html"}
    for path in pages:
        rel = path.relative_to(built.site).as_posix()
        text = path.read_text(encoding="utf-8")
        head = text[: text.index("</head>")]
        found = FEED_LINK.findall(head)
        assert found, f"{rel} does not announce the feed"
        if rel == "404.html":  # served at any address: links from the site's root path
            root = urlsplit(SITE_URL).path
            assert all(href.startswith(root) for _, href in found), found
            targets = [built.site / href.removeprefix(root) for _, href in found]
        else:
            targets = [resolve(built, rel, href) for _, href in found]
        assert targets[0] == built.site / "feed.xml", rel
        assert all(t.is_file() for t in targets), (rel, found)
        if rel in column_pages:
            assert found[1][0] == "配给管理：最新信息"
            assert targets[1] == built.site / "bzxzf/pjgl/feed.xml"


def test_without_a_site_address_feed_links_are_relative_to_the_feed(unaddressed: Built) -> None:
    site = unaddressed.site
    for path, address in (("feed.xml", "https://county.example/"), ("bzxzf/pjgl/feed.xml", "https://c.example/x/")):
        feed = parse_feed(site / path)
        assert feed.entries
        feed_url = address + path  # wherever the site is served, links resolve from the feed's own address
        for entry in feed.entries:
            href = entry.links[0].href
            assert not urlsplit(href).scheme and not href.startswith("/"), href
            page = urljoin(feed_url, href)
            assert page.startswith(address + "info/") and page.endswith("/")
            assert (site / page.removeprefix(address) / "index.html").is_file(), page
            assert entry.id.startswith("tag:"), "an id that does not depend on where the feed was read"
        [alternate] = [link for link in feed.feed.links if link.rel == "alternate"]
        assert (site / urljoin(feed_url, alternate.href).removeprefix(address) / "index.html").is_file()


# -- the sitemap ------------------------------------------------------------------------------


def test_the_sitemap_lists_every_entry_page_and_the_further_list_pages(built: Built) -> None:
    xml = built.text("sitemap.xml")
    assert gzip.decompress((built.site / "sitemap.xml.gz").read_bytes()).decode("utf-8") == xml
    urls = dict(re.findall(r"<url><loc>([^<]+)</loc>(?:<lastmod>([^<]+)</lastmod>)?</url>", xml))
    for n in range(1, NOTICES + 1):
        assert urls[SITE_URL + f"info/{notice_id(n)}/"] == notice_date(n)
    assert urls[SITE_URL + "info/fgzc-20230105-1/"] == "2024-03-10", "changed when it was repealed"
    assert SITE_URL + "bzxzf/pjgl/page/2/" in urls
    for loc in urls:
        page = built.site / loc.removeprefix(SITE_URL)
        assert (page / "index.html" if loc.endswith("/") else page).is_file(), loc


# -- determinism ------------------------------------------------------------------------------


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_the_same_entries_build_the_same_site_byte_for_byte(built: Built, tmp_path: Path) -> None:
    again = build(built.project, tmp_path / "again")
    first, second = digest(built.site), digest(again)
    assert first == second, sorted(k for k in first.keys() | second.keys() if first.get(k) != second.get(k))
    assert "info/fgzc-20240310-1/实施细则-全文.pdf" in first


# -- takedown ---------------------------------------------------------------------------------


def spellings(text: str) -> set[bytes]:
    """Ways ``text`` can be written in a file of the site: as is, percent-encoded in a link,
    as JSON or JavaScript escapes, as HTML character references, as UTF-16 (in an xlsx no)."""
    forms = {
        text,
        quote(text),
        quote(text, safe=""),
        json.dumps(text)[1:-1],
        json.dumps(text, ensure_ascii=True)[1:-1],
        "".join(f"&#{ord(c)};" for c in text),
        "".join(f"&#x{ord(c):x};" for c in text),
    }
    return {f.encode("utf-8") for f in forms} | {text.encode("utf-16-le")}


def readable_files(site: Path) -> Iterator[tuple[str, bytes]]:
    """Every file of ``site`` with its bytes, and the files inside its gzip and zip files
    (``sitemap.xml.gz``, xlsx, docx), which a search of the raw bytes would not see into."""
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        data = path.read_bytes()
        yield rel, data
        yield from _inside(rel, data)


def _inside(rel: str, data: bytes) -> Iterator[tuple[str, bytes]]:
    if data[:2] == b"\x1f\x8b":
        inner = gzip.decompress(data)
        yield f"{rel}!", inner
        yield from _inside(f"{rel}!", inner)
    elif data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                inner = archive.read(name)
                yield f"{rel}!{name}", inner
                yield from _inside(f"{rel}!{name}", inner)


def traces(site: Path, *texts: str, data: bytes = b"") -> list[str]:
    """The files of ``site`` (and inside them) naming any of ``texts`` or holding ``data``."""
    needles = {form for text in texts for form in spellings(text)}
    if data:
        needles.add(data)
    found = []
    for rel, content in readable_files(site):
        for needle in needles:
            if needle in content or needle in rel.encode("utf-8"):
                found.append(f"{rel}: {needle.decode('utf-8', 'replace')}")
    return found


#: An entry that has to be taken down: its id, its title and its attachment's name and bytes
#: are found nowhere else in the site.
LEAK_ID = "pjgl-20240620-7"
LEAK_TITLE = "关于第九批公租房承租家庭名单的公示"
LEAK_FILE = "第九批承租家庭名单.pdf"
LEAK_BYTES = b"%PDF-1.4\n% gkml-takedown-marker-5c1e9d\n%%EOF\n"
LEAK = f"""
id: {LEAK_ID}
标题: {LEAK_TITLE}
事项: bzxzf-pjgl-fpjg
发布日期: 2024-06-20
发布机构: 示例县住房和城乡建设局住房保障股
类别: 公示公告
摘要: 公示第九批承租家庭。
附件: [{{名称: 承租家庭名单, 文件: 附件/{LEAK_FILE}}}]
"""


def leak_traces(site: Path) -> list[str]:
    return traces(site, LEAK_ID, LEAK_TITLE, LEAK_FILE.removesuffix(".pdf"), data=LEAK_BYTES)


@pytest.fixture(scope="module")
def unaddressed(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The entries and the one to take down, built without a site address (mkdocs.yml has no
    site_url): the feeds' links are relative. Tests that change it work on a copy (``leaking``)."""
    project = make_project(tmp_path_factory.mktemp("unaddressed") / "project", site_url=None)
    write_entries(project)
    write_entry(project, "配给管理", "第九批承租家庭名单公示", LEAK, "名单见附件。\n")
    write_attachment(project, "配给管理", "2024", LEAK_FILE, LEAK_BYTES)
    return Built(project, build(project, project.parent / "site"))


@pytest.fixture
def leaking(unaddressed: Built, tmp_path: Path) -> tuple[Path, Path, Path]:
    """A copy of ``unaddressed``, with the entry to take down published: (project, its entry file, the site)."""
    project = shutil.copytree(unaddressed.project, tmp_path / "project", symlinks=True)
    site = shutil.copytree(unaddressed.site, tmp_path / "site", symlinks=True)
    leak = project / "catalogue" / AREA / "配给管理" / "2024" / "第九批承租家庭名单公示.md"
    found = leak_traces(site)
    for where in (
        "feed.xml",
        "bzxzf/pjgl/feed.xml",
        "sitemap.xml",
        "sitemap.xml.gz!",
        "index.html",
        "downloads/catalogue-entries.json",
        "downloads/catalogue-entries.csv",
    ):
        assert any(f.startswith(where + ":") for f in found), f"the test would not see the entry in {where}"
    assert (site / "info" / LEAK_ID / LEAK_FILE).read_bytes() == LEAK_BYTES
    return project, leak, site


def test_a_deleted_entry_is_in_no_file_of_the_rebuilt_site(leaking: tuple[Path, Path, Path]) -> None:
    """删除信息文件并重新发布: the attachment left in 附件/ is not published either."""
    project, leak, site = leaking
    leak.unlink()
    build(project, site)  # into the same folder, as a bureau republishes
    assert leak_traces(site) == []
    assert not (site / "info" / LEAK_ID).exists()
    # the rest is still there, the column's pages counted anew
    assert (site / "info" / notice_id(1) / "index.html").is_file()
    assert f"{NOTICES} 条公开信息" in visible(Built(project, site).content("bzxzf/pjgl/index.html"))


def test_an_entry_others_name_cannot_be_dropped_silently_and_leaves_no_trace_once_unnamed(
    leaking: tuple[Path, Path, Path],
) -> None:
    """Deleting an entry a 解读 names fails the build (the 关联 names no entry): the published
    site stays as it was until the 关联 is removed too; then the entry is gone everywhere,
    and so are the policy's attachment and its mention on the 解读's page."""
    project, _, site = leaking
    policy = project / "catalogue" / AREA / "法规政策" / "2024" / "公租房管理实施细则.md"
    policy.unlink()
    result = gkml_build(project, site)
    assert result.returncode != 0
    assert "catalogue/保障性住房/政策解读/2024/实施细则解读.md" in result.stdout + result.stderr
    assert "关联的信息“fgzc-20240310-1”不存在" in result.stdout + result.stderr
    assert (site / "info/fgzc-20240310-1/index.html").is_file(), "a failed build leaves the site as it was"

    # the old policy named it as its replacement too: neither may name it
    interpretation = project / "catalogue" / AREA / "政策解读" / "2024" / "实施细则解读.md"
    interpretation.write_text(interpretation.read_text(encoding="utf-8").replace("关联: [fgzc-20240310-1]\n", ""))
    old = project / "catalogue" / AREA / "法规政策" / "2023" / "公租房管理暂行办法.md"
    old.write_text(old.read_text(encoding="utf-8").replace(", 替代: fgzc-20240310-1", ""), encoding="utf-8")
    build(project, site)
    assert traces(site, "fgzc-20240310-1", "示例县公共租赁住房管理实施细则", "示建规〔2024〕1号", data=PDF) == []


def test_an_attachment_replaced_under_a_new_name_leaves_no_trace_of_the_old_one(
    leaking: tuple[Path, Path, Path],
) -> None:
    """发现泄露时 (使用说明): the redacted attachment under a new name, the old one deleted: the old
    file and its address are gone, the entry stays with the new file."""
    project, leak, site = leaking
    old = project / "catalogue" / AREA / "配给管理" / "2024" / "附件" / LEAK_FILE
    old.unlink()
    redacted = b"%PDF-1.4\n% redacted list\n%%EOF\n"
    write_attachment(project, "配给管理", "2024", "承租家庭名单（更正）.pdf", redacted)
    leak.write_text(leak.read_text(encoding="utf-8").replace(LEAK_FILE, "承租家庭名单（更正）.pdf"), encoding="utf-8")
    build(project, site)
    assert traces(site, LEAK_FILE.removesuffix(".pdf"), data=LEAK_BYTES) == []
    assert not (site / "info" / LEAK_ID / LEAK_FILE).exists()
    assert (site / "info" / LEAK_ID / "承租家庭名单（更正）.pdf").read_bytes() == redacted
