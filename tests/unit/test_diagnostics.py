"""Diagnostics and the message table: one type for a line of a file, a cell of a table and a web
address, in three forms (human, GitHub, JSON); Chinese text; every code exercised by a fixture."""

from __future__ import annotations

import inspect
import json
import string

import pytest

from generator.check.diagnostics import (
    Diagnostic,
    format_github,
    format_human,
    format_json,
    has_errors,
    make,
    make_cell,
    make_url,
)
from generator.check.messages import IMPORT_CODES, MESSAGES
from generator.check.severity import Severity

from .helpers import FIXTURES, HAN, RECORDS, ROOT, TREES, read_expected

#: Codes whose fixtures cannot be files (an unreadable file, a missing folder), tested in test_loader/test_catalogue.
#: Codes whose cases depend on more than files (the day, the content folder): see test_cli and test_site_rules.
#: The codes only ``gkml import`` reports are tested with the tables of test_exchange_import.
TESTED_WITHOUT_FIXTURE = IMPORT_CODES | {
    "file-unreadable",
    "catalogue-missing",
    "standard-item-missing",
    "column-stale",
    "item-overdue",
    "content-placeholder",
    "content-item-missing",  # tests/plugin/test_build.py: a strict build with a link to a missing item
    "slug-content",  # tests/unit/test_addresses.py: an area at the address of a page of the content folder
    "date-future",  # tests/unit/test_dates.py: depends on the day
    "name-windows",  # tests/unit/test_addresses.py: a file con.yaml here would keep Windows from checking gkml out
    "file-too-large",  # tests/unit/test_files.py: a 50 MB record (a fixture over 1 MiB would weigh on the repository)
    "config-site-url",  # tests/unit/test_site_address.py: a site_url left in mkdocs.yml (not a catalogue's file)
    # an attachment's text that cannot or was not all read, a list of many people: tests/unit/test_attachment_privacy.py
    # (their PDF, Word and Excel files are made by the tests)
    "entry-attachment-unreadable",
    "entry-attachment-truncated",
    "entry-attachment-more-findings",
    # entries (公开信息) are read and checked on their own for now: tests/unit/test_entries.py
    *(code for code in MESSAGES if code.startswith("entry-")),
}


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_format_with_element_and_hint() -> None:
    d = make("missing-field", "catalogue/a.yaml", 1, 1, element="时限", key="时限", example="20个工作日内")
    assert (
        d.format()
        == "catalogue/a.yaml:1:1: 错误[missing-field] 时限：缺少“时限”（提示：请添加一行“时限: 20个工作日内”。）"
    )


def test_format_without_element_or_hint() -> None:
    d = Diagnostic("a.yaml", 3, 7, "x", Severity.INFO, "", "说明", "")
    assert d.format() == "a.yaml:3:7: 提示[x] 说明"


def test_severity_labels_are_chinese() -> None:
    assert [s.label for s in Severity] == ["错误", "警告", "提示"]


def test_make_defaults_and_overrides() -> None:
    d = make("file-empty", "a.yaml")
    assert (d.line, d.column, d.severity, d.element) == (1, 1, Severity.ERROR, "")
    assert make("file-empty", "a.yaml", severity=Severity.WARNING).severity is Severity.WARNING


def test_to_dict_is_json_ready() -> None:
    d = make("vocab-variant", "a.yaml", 2, 5, element="方式", value="主动公开", normal="主动")
    assert d.to_dict() == {
        "file": "a.yaml",
        "line": 2,
        "column": 5,
        "code": "vocab-variant",
        "severity": "info",
        "element": "方式",
        "message": "“主动公开”已按标准写法理解为“主动”",
        "hint": "建议直接写“主动”。",
    }


def test_has_errors() -> None:
    info = make("vocab-variant", "a", value="a", normal="b")
    assert not has_errors([info])
    assert has_errors([info, make("file-empty", "a")])
    assert not has_errors([])


def test_human_and_json_output_are_sorted_by_place() -> None:
    ds = [
        make("file-empty", "b.yaml"),
        make("order-format", "a.yaml", 9, 5, value="x"),
        make("vocab-variant", "a.yaml", 2, 5, value="a", normal="b"),
        make("bad-id", "a.yaml", 2, 1, value="X"),
    ]
    lines = format_human(ds).splitlines()
    assert [line.split(": ", 1)[0] for line in lines[:-1]] == ["a.yaml:2:1", "a.yaml:2:5", "a.yaml:9:5", "b.yaml:1:1"]
    assert lines[-1] == "共 3 个错误、0 个警告、1 个提示。"
    data = json.loads(format_json(ds))
    assert [(e["file"], e["line"], e["column"]) for e in data] == [
        ("a.yaml", 2, 1),
        ("a.yaml", 2, 5),
        ("a.yaml", 9, 5),
        ("b.yaml", 1, 1),
    ]
    assert "“" in format_json(ds)  # not ASCII-escaped


def test_empty_human_output() -> None:
    assert format_human([]) == "共 0 个错误、0 个警告、0 个提示。"


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_message_is_chinese_and_fillable(code: str) -> None:
    entry = MESSAGES[code]
    assert HAN.search(entry.message) and HAN.search(entry.hint) and HAN.search(entry.title), code
    names = _placeholders(entry.message) | _placeholders(entry.hint)
    d = make(code, "a.yaml", **{n: "值" for n in names})
    assert "{" not in d.message + d.hint
    assert d.severity is entry.severity


def test_message_titles_are_unique() -> None:
    titles = [m.title for m in MESSAGES.values()]
    assert len(titles) == len(set(titles))


def test_every_code_is_demonstrated_by_a_fixture() -> None:
    """Each diagnostic code appears in at least one .expected file (records, trees, or deadlines: the
    findings of a day, tests/unit/test_deadlines.py; site_address: tests/unit/test_site_address.py)."""
    seen: set[str] = set()
    checked = [*(FIXTURES / "deadlines").glob("*.expected"), *(FIXTURES / "site_address").glob("*.expected")]
    for path in [*RECORDS.glob("*.expected"), *TREES.glob("*.expected"), *checked]:
        for line in read_expected(path):
            seen.add(line.split("[", 1)[1].split("]", 1)[0])
    assert sorted(set(MESSAGES) - seen - TESTED_WITHOUT_FIXTURE) == []
    assert sorted(seen - set(MESSAGES)) == []


# -- places other than a line of a text file ---------------------------------------------------------------

CELL = make_cell(
    "mark-unknown",
    "标准目录.xlsx",
    "保障性住房",
    5,
    6,
    sheet_index=1,
    element="公开内容（要素）",
    mark="◆",
    value="◆文号",
    legend="必选项前加“●”，可选项前加“〇”",
)
URL = make_url("url-scheme", "https://www.example.gov.cn/zwgk/", element="渠道", value="www.example.gov.cn")


def test_a_cell_in_the_three_forms() -> None:
    assert CELL.format() == (
        "标准目录.xlsx, 保障性住房, 第 5 行, 第 6 列（列标 F）: 错误[mark-unknown] 公开内容（要素）："
        "有不认识的标记“◆”（“◆文号”）（提示：必选项前加“●”，可选项前加“〇”；其他符号不能作为标记。）"
    )
    # an annotation needs a file and a line: the file's first line, the cell at the head of the message
    assert format_github([CELL]) == (
        "::error file=标准目录.xlsx,line=1,title=错误[mark-unknown] 公开内容（要素）::"
        "保障性住房, 第 5 行, 第 6 列（列标 F）: 有不认识的标记“◆”（“◆文号”）"
        "（提示：必选项前加“●”，可选项前加“〇”；其他符号不能作为标记。）"
    )
    assert json.loads(format_json([CELL])) == [
        {
            "file": "标准目录.xlsx",
            "sheet": "保障性住房",
            "row": 5,
            "column": 6,
            "code": "mark-unknown",
            "severity": "error",
            "element": "公开内容（要素）",
            "message": "有不认识的标记“◆”（“◆文号”）",
            "hint": "必选项前加“●”，可选项前加“〇”；其他符号不能作为标记。",
        }
    ]


def test_a_web_address_in_the_three_forms() -> None:
    assert URL.format() == (
        "https://www.example.gov.cn/zwgk/: 错误[url-scheme] 渠道：网址“www.example.gov.cn”不是 http:// 或 https:// 开头"
        "（提示：请填写完整网址，例如“https://www.example.gov.cn/zwgk/”。）"
    )
    assert format_github([URL]) == (
        "::error title=错误[url-scheme] 渠道::https://www.example.gov.cn/zwgk/: 网址“www.example.gov.cn”"
        "不是 http:// 或 https:// 开头（提示：请填写完整网址，例如“https://www.example.gov.cn/zwgk/”。）"
    )
    data = json.loads(format_json([URL]))
    assert data[0]["url"] == "https://www.example.gov.cn/zwgk/"
    assert list(data[0]) == ["url", "code", "severity", "element", "message", "hint"]


def test_a_line_of_a_text_file_keeps_its_annotation_and_keys() -> None:
    d = make("subject-vague", "catalogue/a.yaml", 3, 5, element="主体", value="有关部门")
    assert format_github([d]).startswith(
        "::warning file=catalogue/a.yaml,line=3,col=5,title=警告[subject-vague] 主体::"
    )
    assert list(d.to_dict()) == ["file", "line", "column", "code", "severity", "element", "message", "hint"]


@pytest.mark.parametrize(
    ("where", "shown", "keys"),
    [
        ({"row": 7}, "t.csv, 第 7 行", ["file", "row"]),  # a CSV file has no sheets
        ({"sheet": "保障性住房"}, "t.csv, 保障性住房", ["file", "sheet"]),
        ({"sheet": "保障性住房", "row": 2}, "t.csv, 保障性住房, 第 2 行", ["file", "sheet", "row"]),
        ({"column": 28, "row": 3}, "t.csv, 第 3 行, 第 28 列（列标 AB）", ["file", "row", "column"]),
        ({"path": "领域[0].一级事项[1]"}, "t.csv, 领域[0].一级事项[1]", ["file", "path"]),
        ({}, "t.csv", ["file"]),
    ],
)
def test_places_in_a_file_being_imported(where: dict[str, object], shown: str, keys: list[str]) -> None:
    d = make_cell("no-records", "t.csv", **where)  # type: ignore[arg-type]
    assert d.format().startswith(f"{shown}: 错误[no-records] ")
    assert list(d.to_dict())[: len(keys)] == keys and "line" not in d.to_dict()


def test_what_the_checker_says_moves_into_the_cell_it_came_from() -> None:
    d = make("bad-id", "保障性住房 第 4 行", 1, 5, element="id", value="Bad_ID")
    placed = d.placed("t.xlsx", "保障性住房", 4, 15)
    assert placed.format().startswith("t.xlsx, 保障性住房, 第 4 行, 第 15 列（列标 O）: 错误[bad-id] id：id“Bad_ID”")
    assert (placed.code, placed.message, placed.hint) == (d.code, d.message, d.hint)


def test_sheets_sort_in_the_workbooks_order_after_text_files() -> None:
    second = make_cell("sheet-skipped", "b.xlsx", "甲", sheet_index=1)
    first = make_cell("no-records", "b.xlsx", "乙", 9, 2, sheet_index=0)
    whole = make_cell("csv-encoding", "b.xlsx")
    text = make("file-empty", "a.yaml")
    lines = format_human([second, first, whole, text]).splitlines()
    assert [line.split(": ", 1)[0] for line in lines[:-1]] == [
        "a.yaml:1:1",
        "b.xlsx",
        "b.xlsx, 乙, 第 9 行, 第 2 列（列标 B）",
        "b.xlsx, 甲",
    ]
    assert lines[-1] == "共 2 个错误、1 个警告、1 个提示。"


def test_placeholders_are_not_the_names_of_a_place() -> None:
    """A message's ``{row}`` would be taken for the row of :func:`make_cell`: no placeholder is named so."""
    taken = set(inspect.signature(make).parameters) | set(inspect.signature(make_cell).parameters)
    taken |= set(inspect.signature(make_url).parameters)
    taken -= {"values"}
    for code, entry in MESSAGES.items():
        assert not (_placeholders(entry.message) | _placeholders(entry.hint)) & taken, code


def test_every_code_is_used() -> None:
    """One table for the checker and the importer: no code is left over from a merge."""
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "generator").rglob("*.py"))
    sources = sources.replace((ROOT / "generator" / "check" / "messages.py").read_text(encoding="utf-8"), "")
    assert sorted(code for code in MESSAGES if f'"{code}"' not in sources) == []
