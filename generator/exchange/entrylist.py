"""The list of information a bureau's old site (its CMS) exports: one row per published piece,
with 标题, 发布日期, 文号, 栏目 and 网址 (``gkml import --entries``).

The header row is the first of the first rows that names a 标题 column and at least one other
column this module knows; rows above it (a title row) are skipped and said. Headers are compared
as the catalogue import compares them (:func:`generator.exchange.table.normalise_header`: spaces
and line breaks inside, half-width brackets), then by their words without what a bracket adds
(``发布日期（年-月-日）``), in any order; columns gkml does not know are kept with each row
(they go into the entry file as comments, never lost).

Reading never raises for bad input: what cannot be read is a located diagnostic (file, sheet,
row, column) from the one message table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.check.diagnostics import Diagnostic, column_letter, make_cell
from generator.exchange import table as t
from generator.model.limits import Limits

#: The columns gkml reads, by key, with the headers CMS exports use for them (compared normalised).
LIST_COLUMNS: dict[str, tuple[str, ...]] = {
    "标题": ("标题", "信息标题", "文章标题", "题目", "信息名称", "文件名称", "名称", "标题名称"),
    "发布日期": ("发布日期", "发布时间", "日期", "时间", "发布日", "上网日期", "发表时间", "发文日期"),
    "形成日期": ("形成日期", "成文日期", "生成日期", "印发日期"),
    "文号": ("文号", "发文字号", "发文文号", "字号", "文件编号", "文件文号"),
    "栏目": ("栏目", "所属栏目", "栏目名称", "发布栏目", "所在栏目", "信息栏目", "分类", "所属分类", "目录"),
    "网址": ("网址", "链接", "链接地址", "地址", "url", "原文链接", "访问地址", "页面地址", "信息链接", "原文网址"),
    "事项": ("事项", "事项id", "事项编号", "公开事项id"),
    "发布机构": ("发布机构", "发布单位", "发文机关", "来源", "信息来源", "发布部门"),
    "摘要": ("摘要", "内容摘要", "内容概述", "简介"),
    "类别": ("类别", "信息类别", "信息分类", "文种", "公开类别", "信息类型"),
}
#: The columns a list must have.
REQUIRED = ("标题", "发布日期")
#: How many rows from the top the header is looked for in.
_HEADER_ROWS = 10
_BRACKETED = re.compile(r"[（(【\[][^）)】\]]*[）)】\]]")


def _plain(text: str) -> str:
    return t.normalise_header(text).lower()


_BY_HEADER: dict[str, str] = {_plain(header): key for key, headers in LIST_COLUMNS.items() for header in headers}


def column_of(header: str) -> str | None:
    """The key of the list column a header cell names, or None (not a column gkml reads)."""
    plain = _plain(header)
    if plain in _BY_HEADER:
        return _BY_HEADER[plain]
    return _BY_HEADER.get(_BRACKETED.sub("", plain)) if plain else None


@dataclass
class ListRow:
    """One row of the list: its cells by key, the columns gkml does not read, where it stands."""

    file: str
    sheet: str
    sheet_index: int
    row: int  #: 1-based
    values: dict[str, str]  #: key → the cell's text (stripped)
    columns: dict[str, int]  #: key → 1-based column
    extra: list[tuple[str, str]] = field(default_factory=list)  #: (header, text) of the other columns
    cells: list[str] = field(default_factory=list)  #: every cell as read, for the report

    def get(self, key: str) -> str:
        return self.values.get(key, "")

    @property
    def text(self) -> str:
        """The row as a person reads it: its non-empty cells, in order."""
        return " | ".join(c.replace("\n", " ") for c in self.cells if c.strip())


@dataclass
class EntryList:
    """What a list file held: its rows and what was said while reading it."""

    file: str
    rows: list[ListRow] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    skipped: list[tuple[str, int, str]] = field(default_factory=list)  #: (sheet, row, text) above a header


def is_entry_list_header(cells: list[str]) -> bool:
    """Whether a row reads as the header of an information list (标题 and 发布日期 or 网址)."""
    keys = {column_of(c) for c in cells if c.strip()}
    return "标题" in keys and bool(keys & {"发布日期", "网址"})


Rows = list[list[str]]


def sheet_rows(
    path: Path, raw: bytes, shown: str, limits: Limits
) -> tuple[list[tuple[str, int, Rows]], list[Diagnostic]]:
    """The sheets of a list: (name, position, rows of cell texts) and what was said reading them."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        from generator.exchange.importer import read_csv

        grid, problems = read_csv(raw, shown, limits)
        return ([("", 0, grid.cells)] if grid is not None else []), list(problems)
    if suffix == ".xls":
        from generator.exchange.xlsfile import read_xls

        xls_sheets, problems = read_xls(raw, shown, limits)
        return [(s.name, s.order, s.rows) for s in xls_sheets], list(problems)
    from generator.exchange.xlsxfile import read_xlsx

    sheets, problems = read_xlsx(raw, shown, limits)
    return [(s.name, s.order, s.rows) for s in sheets], list(problems)


def read_entry_list(path: Path, raw: bytes, shown: str, limits: Limits) -> EntryList:
    """The rows of the information list ``raw`` (.xlsx, .xls or .csv, shown as ``shown``)."""
    found = EntryList(shown)
    grids, problems = sheet_rows(path, raw, shown, limits)
    found.problems += problems
    headers_seen = False
    for sheet, order, rows in grids:
        header_at = next((i for i, r in enumerate(rows[:_HEADER_ROWS]) if is_entry_list_header(r)), None)
        if header_at is None:
            continue
        headers_seen = True
        found.skipped += [(sheet, i + 1, " | ".join(c for c in r if c.strip())) for i, r in enumerate(rows[:header_at])]
        found.skipped = [s for s in found.skipped if s[2]]
        _read_sheet(found, sheet, order, rows, header_at)
    if not headers_seen and not any(d.severity.value == "error" for d in found.problems):
        found.problems.append(make_cell("entries-no-header", shown))
    return found


def _read_sheet(found: EntryList, sheet: str, order: int, rows: list[list[str]], header_at: int) -> None:
    header = rows[header_at]
    columns: dict[str, int] = {}
    extra: dict[int, str] = {}
    for number, text in enumerate(header, start=1):
        if not text.strip():
            continue
        key = column_of(text)
        if key is None or key in columns:  # a second column of a key: kept as an extra column
            extra[number] = " ".join(text.split())
            found.problems.append(
                make_cell(
                    "entries-column-kept",
                    found.file,
                    sheet,
                    header_at + 1,
                    number,
                    sheet_index=order,
                    element=" ".join(text.split()),
                )
            )
        else:
            columns[key] = number
    for key in REQUIRED:
        if key not in columns:
            found.problems.append(
                make_cell("entries-column-missing", found.file, sheet, header_at + 1, sheet_index=order, name=key)
            )
    if any(key not in columns for key in REQUIRED):
        return
    for index in range(header_at + 1, len(rows)):
        cells = rows[index]
        if not any(c.strip() for c in cells):
            continue
        values = {key: _cell(cells, number) for key, number in columns.items()}
        others = [(extra[n], _cell(cells, n)) for n in sorted(extra) if _cell(cells, n)]
        width = max(len(header), len(cells))
        others += [
            (f"{column_letter(n)} 列", _cell(cells, n))
            for n in range(1, width + 1)
            if n not in extra and n not in columns.values() and _cell(cells, n)
        ]
        found.rows.append(ListRow(found.file, sheet, order, index + 1, values, columns, others, list(cells)))


def _cell(cells: list[str], number: int) -> str:
    return cells[number - 1].strip() if number <= len(cells) else ""
