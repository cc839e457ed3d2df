"""``gkml export``: the official layout (same columns and headers as the site's table page), deterministic
bytes, CSV with BOM, JSON described by the published schema."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from generator.commands import main as cli
from generator.exchange import export, opendata
from generator.exchange import table as t
from generator.load.catalogue import load_catalogue
from generator.model import vocab
from generator.model.records import RECORD_FIELDS, Catalogue
from generator.site.pages import Renderer
from generator.site.routes import Routes

from .helpers import CATALOGUE, ROOT
from .schema_subset import KEYWORDS, errors, keywords

SCHEMA_PATH = ROOT / "generator" / "schemas" / opendata.SCHEMA_FILE


@pytest.fixture(scope="module")
def example() -> Catalogue:
    catalogue, _ = load_catalogue(CATALOGUE, git_dates=False)
    assert catalogue is not None
    return catalogue


@pytest.fixture(scope="module")
def workbook(example: Catalogue) -> object:
    return load_workbook(io.BytesIO(export.xlsx_bytes(example)))


class _Headers(HTMLParser):
    """The texts of the <th> cells of each header row of the page's table."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._in_head = self._in_th = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "thead":
            self._in_head = True
        elif tag == "tr" and self._in_head:
            self.rows.append([])
        elif tag == "th" and self._in_head:
            self._in_th = True
            self.rows[-1].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "thead":
            self._in_head = False
        elif tag == "th":
            self._in_th = False

    def handle_data(self, data: str) -> None:
        if self._in_th:
            self.rows[-1][-1] += data.strip()


def upper_and_lower(columns: tuple[t.Column, ...]) -> tuple[list[str], list[str]]:
    upper: list[str] = []
    for c in columns:
        text = c.group or c.header
        if not (c.group and upper and upper[-1] == c.group):
            upper.append(text)
    return upper, [c.header for c in columns if c.group]


def test_columns_and_headers_are_those_of_the_site_table_page(example: Catalogue) -> None:
    page = Renderer(example, Routes()).table(example.areas[0])
    parser = _Headers()
    parser.feed(page.html)
    assert parser.rows == list(upper_and_lower(t.official_columns(level3=False)))


def test_every_record_element_has_a_column() -> None:
    assert {f.attr for f in RECORD_FIELDS} == set(t.CARRIED)
    columns = t.table_columns(level3=True)
    keys = {c.key for c in columns}
    assert set(t.CARRIED) <= keys
    assert len({c.header for c in columns if not c.group} | {c.title for c in columns if c.group}) == len(columns)


def test_headers_of_the_export_are_recognised() -> None:
    for column in t.table_columns(level3=True):
        found = t.classify(column.group or column.header, column.header if column.group else "")
        assert found is not None and (found.key, found.value) == (column.key, column.value), column
    for column, header in zip(t.csv_columns(), t.csv_headers(), strict=True):
        found = t.classify(header)
        assert found is not None and (found.key, found.value) == (column.key, column.value), header


@pytest.mark.parametrize(
    ("top", "sub", "key", "value"),
    [
        ("公开对象", "特定群众", t.AUDIENCES, "特定群体"),
        ("公开方式", "依申请公开", t.METHODS, "依申请"),
        ("公开层级", "县(区)级", t.LEVELS, "县级"),
        ("公开层级", "乡、村级", t.LEVELS, "乡级"),
        ("公开层级", "镇街（园区）级", t.LEVELS, "乡级"),
        ("公开渠道和载体", "", t.CHANNELS, ""),
        ("公开内容(要素)", "", t.CONTENT, ""),
        ("公开事项", "二级事项", t.NAME, ""),
        ("序 号", "", t.SEQ, ""),
        ("公开层级/县级", "", t.LEVELS, "县级"),
        ("渠道说明(GKML)", "", t.CHANNEL_DETAILS, ""),
    ],
)
def test_header_variants_of_real_copies(top: str, sub: str, key: str, value: str) -> None:
    found = t.classify(top, sub)
    assert found is not None and (found.key, found.value) == (key, value)


def test_unknown_headers() -> None:
    assert t.classify("公开层级", "省级") is None
    assert t.classify("咨询电话") is None


def test_a_level_the_vocabulary_does_not_name_is_read_as_the_nearest_one() -> None:
    """州级 (a prefecture) is a 市级 tick column: the guess vocab.LEVEL_GUESSES allows (said by the import)."""
    column = t.classify("公开层级", "州级")
    assert column is not None and (column.key, column.value, column.header) == ("levels", "市级", "州级")


def test_sheet_in_the_official_layout(example: Catalogue, workbook: object) -> None:
    assert workbook.sheetnames == [a.title for a in example.areas] + [t.SETTINGS_SHEET]  # type: ignore[attr-defined]
    area = example.areas[0]
    ws = workbook[area.title]  # type: ignore[index]
    columns = t.table_columns()
    last = get_column_letter(len(columns))
    assert ws["A1"].value == f"{example.site.bureau}{area.title}领域基层政务公开标准目录"
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {f"A1:{last}1", "A2:A3", "B2:C2", "I2:J2", "K2:L2", "M2:O2"} <= merged
    assert [ws.cell(2, c).value for c in range(1, 10)] == [
        "序号", "公开事项", None, "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象",
    ]  # fmt: skip
    assert [ws.cell(3, c).value for c in range(9, 16)] == [*vocab.AUDIENCES, *vocab.METHODS, *vocab.LEVELS]
    assert all(ws.cell(2, c).value.endswith("（gkml）") for c in range(16, len(columns) + 1))
    # a row per record, the 一级事项 merged over its records, marks and ticks
    first = area.categories[0]
    assert f"B4:B{3 + len(first.records)}" in merged
    record = first.records[0]
    assert ws["C4"].value == record.name
    assert ws["D4"].value == "\n".join(e.mark + e.text for e in record.content)
    assert ws["H4"].value.split("\n") == [c.mark + c.name for c in record.channels]
    assert ws["I4"].value == "√" and ws["J4"].value is None
    assert ws.cell(4, 16).value == record.id
    # the legend under the table
    legend_row = 4 + len(area.records)
    assert ws.cell(legend_row, 1).value == "注：1.公开内容（要素）中，“●”表示必选项，“〇”表示可选项。"
    assert ws.cell(legend_row + 1, 1).value == "2.公开渠道和载体中，“■”表示必选项，“□”表示可选项。"


def test_xlsx_bytes_are_the_same_for_the_same_catalogue(example: Catalogue) -> None:
    first, second = export.xlsx_bytes(example), export.xlsx_bytes(example)
    assert first == second
    newest = example.newest_date()
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        dates = {info.date_time[:3] for info in archive.infolist()}
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert dates == {tuple(int(x) for x in newest.split("-"))}
    modified = ElementTree.fromstring(core).find("{http://purl.org/dc/terms/}modified")
    assert modified is not None and modified.text == f"{newest}T00:00:00Z"


def test_csv_is_utf8_with_bom_and_one_header_row(example: Catalogue) -> None:
    data = export.csv_bytes(example)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == t.csv_headers()
    assert rows[0][:4] == ["领域", "序号", "一级事项", "二级事项"] and "公开对象/特定群体" in rows[0]
    assert len(rows) == 1 + len(example.records)
    assert {r[0] for r in rows[1:]} == {a.title for a in example.areas}


def test_committed_json_schema_is_up_to_date() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == opendata.export_schema_json(), (
        "generator/schemas/export.schema.json 与程序不一致：请运行 "
        "gkml export --format schema -o generator/schemas/export.schema.json 并提交"
    )


def test_json_export_matches_its_schema(example: Catalogue) -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert set(keywords(schema)) <= KEYWORDS
    document = json.loads(opendata.json_text(example))
    assert list(errors(schema, document)) == []
    record = document["领域"][0]["一级事项"][0]["事项"][0]
    assert list(record) == [f.key for f in RECORD_FIELDS]
    broken = json.loads(json.dumps(document))
    broken["领域"][0]["一级事项"][0]["事项"][0]["渠道"][0]["渠道"] = "政府门户"
    assert list(errors(schema, broken))


def test_sheet_names_are_valid_and_unique() -> None:
    assert t.sheet_name("a/b:c*d?e[f]", set()) == "abcdef"
    long = "很" * 40
    assert len(t.sheet_name(long, set())) == 31
    assert t.sheet_name(long, {t.sheet_name(long, set())}).endswith("（2）")


def test_export_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for suffix in ("xlsx", "csv", "json"):
        out = tmp_path / f"目录.{suffix}"
        assert cli.main(["export", "--catalogue", str(CATALOGUE), "-o", str(out)]) == 0
        assert out.stat().st_size > 1000
    assert "已导出：" in capsys.readouterr().err
    assert cli.main(["export", "--catalogue", str(CATALOGUE), "-o", str(tmp_path / "x.txt")]) == 2
    assert "请用 --format 指定格式" in capsys.readouterr().err
    assert cli.main(["export", "--catalogue", str(tmp_path / "none"), "-o", str(tmp_path / "x.csv")]) == 1
    assert "未导出" in capsys.readouterr().err
