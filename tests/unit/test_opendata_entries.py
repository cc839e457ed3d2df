"""The entries (公开信息) as open data: the JSON a consumer downloads matches its published schema
and holds every field the site shows (never 审核), the CSV opens in a spreadsheet without running
anything, the files are the same every build, and the table pages and 政府信息公开 link them."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from generator.exchange import entrydata
from generator.load.catalogue import load_catalogue
from generator.model.entries import ENTRY_FIELDS, size_text
from generator.model.records import Catalogue
from generator.site.downloads import ENTRIES, Download, site_downloads
from generator.site.pages import Renderer
from generator.site.routes import Routes

from .helpers import CATALOGUE
from .schema_subset import KEYWORDS, errors, keywords

try:  # the library confirms the small validator's verdict where it is installed
    import jsonschema
except ImportError:  # pragma: no cover
    jsonschema = None

REVIEWER = "审核人赵钱孙"
ENTRY_NAMES = ("catalogue-entries.csv", "catalogue-entries.json", "catalogue-entries.schema.json")
INTERPRETATION = Path("保障性住房/政策解读/2025/公租房实施细则解读.md")
REPEALED = Path("保障性住房/法规政策/2025/公租房管理暂行办法.md")


def copy_catalogue(dest: Path) -> Path:
    """The example catalogue, every entry reviewed by :data:`REVIEWER` (a name found nowhere else)."""
    folder = dest / "catalogue"
    shutil.copytree(CATALOGUE, folder)
    for path in folder.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"审核人: [^,}]+", f"审核人: {REVIEWER}", text), encoding="utf-8")
    return folder


def load(folder: Path) -> Catalogue:
    catalogue, diagnostics = load_catalogue(folder, git_dates=False)
    assert catalogue is not None, [d.format() for d in diagnostics if d.severity.value == "error"]
    return catalogue


def entries_files(catalogue: Catalogue, routes: Routes | None = None, site_url: str = "") -> dict[str, bytes]:
    return {
        d.path.rsplit("/", 1)[1]: d.data
        for d in site_downloads(catalogue, "catalogue", routes, site_url)
        if d.group == ENTRIES
    }


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    return load(copy_catalogue(tmp_path_factory.mktemp("example")))


@pytest.fixture(scope="module")
def files(example: Catalogue) -> dict[str, bytes]:
    return entries_files(example)


def csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, as Excel needs"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_the_site_publishes_csv_json_and_schema_of_the_entries(files: dict[str, bytes]) -> None:
    assert list(files) == list(ENTRY_NAMES)


def test_the_json_matches_its_published_schema(example: Catalogue, files: dict[str, bytes]) -> None:
    schema = json.loads(files["catalogue-entries.schema.json"])
    document = json.loads(files["catalogue-entries.json"])
    assert set(keywords(schema)) <= KEYWORDS
    assert list(errors(schema, document)) == []
    if jsonschema is not None:
        jsonschema.Draft7Validator.check_schema(schema)
        jsonschema.validate(document, schema)
    broken = json.loads(json.dumps(document))
    broken["公开信息"][0]["类别"] = "新闻"
    assert list(errors(schema, broken))
    broken = json.loads(json.dumps(document))
    broken["公开信息"][0]["审核"] = {"审核人": "某人", "审核日期": "2025-03-11"}
    assert list(errors(schema, broken)), "the schema admits no key it does not describe"


def test_every_shown_field_is_published_with_where_the_entry_is(example: Catalogue, files: dict[str, bytes]) -> None:
    document = json.loads(files["catalogue-entries.json"])
    assert document["单位名称"] == example.site.bureau
    entries = document["公开信息"]
    assert [e["id"] for e in entries] == [e.id for e in example.entries]  # area, column, newest first
    shown = [f.key for f in ENTRY_FIELDS if f.shown]
    for published in entries:
        assert [k for k in published if k in {f.key for f in ENTRY_FIELDS}] == shown
        assert "审核" not in published
    rules = next(e for e in entries if e["id"] == "fgzc-20250310-1")
    assert rules["领域"] == "保障性住房" and rules["栏目"] == "法规政策"
    assert rules["页面网址"] == "info/fgzc-20250310-1/"
    assert rules["事项名称"]
    assert "正文" not in rules  # on the page: the document stays small at 200,000 entries
    [attachment] = rules["附件"]
    assert attachment["名称"] == "实施细则全文" and attachment["类型"] == "PDF"
    pdf = CATALOGUE / "保障性住房/法规政策/2025/附件/实施细则全文.pdf"
    assert attachment["大小"] == pdf.stat().st_size
    assert attachment["网址"] == "info/fgzc-20250310-1/%E5%AE%9E%E6%96%BD%E7%BB%86%E5%88%99%E5%85%A8%E6%96%87.pdf"
    repealed = next(e for e in entries if e["id"] == "fgzc-20190601-1")
    assert repealed["有效性"] == {"状态": "已废止", "日期": "2025-03-10", "替代": "fgzc-20250310-1"}
    interpretation = next(e for e in entries if e["id"] == "zcjd-20250312-1")
    assert interpretation["关联"] == ["fgzc-20250310-1"]


def test_addresses_follow_the_sites_choice_of_urls(example: Catalogue) -> None:
    files = entries_files(example, Routes(directory_urls=False), "https://zjj.example.gov.cn/gkml")
    document = json.loads(files["catalogue-entries.json"])
    assert document["网站地址"] == "https://zjj.example.gov.cn/gkml/"
    first = example.entries[0]
    assert document["公开信息"][0]["页面网址"] == f"info/{first.id}/index.html"
    assert json.loads(entries_files(example)["catalogue-entries.json"])["网站地址"] == ""


def test_the_csv_has_a_chinese_header_and_one_row_per_entry(example: Catalogue, files: dict[str, bytes]) -> None:
    rows = csv_rows(files["catalogue-entries.csv"])
    header = rows[0]
    assert header[:4] == ["领域", "栏目", "编号", "标题"]
    assert {"发布日期", "发布机构", "类别", "附件", "附件网址", "有效性", "页面网址"} <= set(header)
    assert "审核" not in header
    assert [row[header.index("编号")] for row in rows[1:]] == [e.id for e in example.entries]
    assert all(len(row) == len(header) for row in rows)
    rules = next(row for row in rows if row[2] == "fgzc-20250310-1")
    pdf = CATALOGUE / "保障性住房/法规政策/2025/附件/实施细则全文.pdf"
    assert rules[header.index("附件")] == f"实施细则全文（PDF，{size_text(pdf.stat().st_size)}）"
    assert rules[header.index("页面网址")] == "info/fgzc-20250310-1/"


def test_no_download_holds_the_review(example: Catalogue) -> None:
    assert all(e.review is not None and e.review.reviewer == REVIEWER for e in example.entries)
    for download in site_downloads(example):
        assert REVIEWER.encode("utf-8") not in download.data, download.path
        if download.group == ENTRIES:
            assert "审核人".encode() not in download.data and "审核日期".encode() not in download.data


def test_a_title_like_a_formula_stays_text_in_the_csv(tmp_path: Path) -> None:
    folder = copy_catalogue(tmp_path)
    path = folder / INTERPRETATION
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^标题: .*$", '标题: "=1+1"', text), encoding="utf-8")
    files = entries_files(load(folder))
    rows = csv_rows(files["catalogue-entries.csv"])
    titles = [row[3] for row in rows[1:]]
    assert "'=1+1" in titles
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    document = json.loads(files["catalogue-entries.json"])
    assert "=1+1" in [e["标题"] for e in document["公开信息"]]  # the JSON keeps the value itself


def test_the_same_catalogue_gives_the_same_bytes(tmp_path: Path, files: dict[str, bytes]) -> None:
    again = entries_files(load(copy_catalogue(tmp_path)))
    assert again == files


def test_a_removed_entry_is_in_no_download(tmp_path: Path) -> None:
    folder = copy_catalogue(tmp_path)
    (folder / REPEALED).unlink()
    before = len(load(copy_catalogue(tmp_path / "before")).entries)
    catalogue = load(folder)
    for download in site_downloads(catalogue):
        assert b"fgzc-20190601-1" not in download.data, download.path
        assert "示例县公共租赁住房管理暂行办法".encode() not in download.data, download.path
    rows = csv_rows(entries_files(catalogue)["catalogue-entries.csv"])
    assert len(rows) == 1 + len(catalogue.entries) == before  # the header and every other entry


def test_a_site_without_entries_publishes_and_links_only_the_catalogue(tmp_path: Path) -> None:
    folder = copy_catalogue(tmp_path)
    for path in folder.rglob("*.md"):
        path.unlink()
    catalogue = load(folder)
    downloads = site_downloads(catalogue)
    assert [d.group for d in downloads] == ["catalogue"] * 4
    area = catalogue.areas[0]
    html = Renderer(catalogue, Routes()).table(area, downloads).html
    assert "公开信息" not in html


def _lines(html: str) -> list[list[tuple[str, str, str]]]:
    """The links of each download line of a page: (href, label, size)."""
    return [
        re.findall(r'<a href="([^"]+)" download="[^"]+">([^<]+)</a>（([^）]+)）', line)
        for line in re.findall(r'<p class="gkml-downloads">(.*?)</p>', html)
    ]


def test_table_pages_and_the_disclosure_page_link_the_entries_with_sizes(example: Catalogue) -> None:
    downloads: list[Download] = site_downloads(example)
    renderer = Renderer(example, Routes())
    table = renderer.table(example.areas[0], downloads).html
    catalogue_line, entries_line = _lines(table)
    assert [label for _, label, _ in entries_line] == ["公开信息 CSV", "公开信息 JSON", "JSON Schema 格式说明"]
    assert [href for href, _, _ in entries_line] == [f"../../downloads/{name}" for name in ENTRY_NAMES]
    assert "下载全部公开信息（开放数据）：" in table
    assert all(re.fullmatch(r"\d+\u00a0(B|KB)|\d+\.\d\u00a0MB", size) for _, _, size in entries_line)
    assert len(catalogue_line) == 4
    disclosure = renderer.disclosure(downloads).html
    assert [href for href, _, _ in _lines(disclosure)[1]] == [f"../downloads/{name}" for name in ENTRY_NAMES]


def test_the_schema_lists_exactly_the_shown_fields() -> None:
    entry = entrydata.entries_schema()["properties"]["公开信息"]["items"]
    keys = [k for k in entry["properties"] if k in {f.key for f in ENTRY_FIELDS}]
    assert keys == [f.key for f in ENTRY_FIELDS if f.shown]
    assert entry["required"] == list(entry["properties"])
