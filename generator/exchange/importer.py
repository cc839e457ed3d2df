"""A bureau's table (.xlsx or .csv in the national layout) or a gkml JSON file → record files.

Reading (:func:`read_file`) never raises for bad input: what cannot be mapped is reported as a
:class:`~generator.check.diagnostics.Diagnostic` located by sheet, row and column. What is read:

* every sheet with a header row in the national layout (one or two header rows, in the
  spellings of real copies, see :mod:`generator.exchange.table`); several tables in one
  sheet, each under its own title line, are read as several areas;
* merged cells (the 一级事项 over its items, a 公开依据 shared by several rows): the value
  belongs to every row the merge covers; a merge that runs from one table into the next
  is an error. An empty 一级事项 under a filled one continues it (tables without merges);
* the area from the title line ``<单位名称><领域>领域基层政务公开标准目录``, from a 领域 column
  (CSV), or from the sheet's name;
* within the limits of the run (:class:`~generator.model.limits.Limits`): the file through the
  file gate, a workbook's sheets as a stream (:mod:`.xlsxfile`), every cell through
  :class:`~generator.exchange.sheetcells.SheetCells`; what is beyond a limit is reported at its
  place (a cell formatted in row 1,048,576 costs nothing);
* gkml's own columns and settings sheet when present (a gkml export reads back element for
  element); without them, ids are made as ``gkml new`` makes them, records keep the table's
  order (顺序), and what the national table cannot say (政府网站's column, the group of
  特定群体, the name of 其他) is filled with a visible placeholder and reported.

Planning (:func:`plan_import`) decides the file of each record, never over an existing
record without ``force`` (an existing record equal to the row is left as it is), and checks
each text with the checker itself; :func:`write_plan` writes.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as dt
import io
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.check.diagnostics import Diagnostic, column_letter, has_errors, make_cell
from generator.check.record import validate_record
from generator.check.severity import Severity
from generator.exchange import cells, htmltables, lenient, xlsxfile
from generator.exchange import table as t
from generator.exchange.cells import cell_problem
from generator.exchange.csvcells import cell_from_csv
from generator.exchange.export import SHEET_HEADER
from generator.exchange.matching import infer_area, match_item
from generator.exchange.opendata import read_json
from generator.exchange.rows import Item, Parsed, column_key
from generator.exchange.sheetcells import SheetCells, cell_text
from generator.exchange.wordfile import WordError, read_docx
from generator.exchange.writer import meta_yaml, record_yaml, site_yaml
from generator.exchange.xlsfile import read_xls
from generator.load.catalogue import META_FILE, SITE_FILE, SLUG_PATTERN, record_files
from generator.load.files import FileGate
from generator.load.folders import CatalogueFolders, scan_catalogue
from generator.load.yamlfile import parse_yaml, read_yaml
from generator.model import vocab
from generator.model.limits import DEFAULT_LIMITS, Limits
from generator.model.naming import category_slug, file_stem, is_valid_id, make_id
from generator.model.placeholders import find_placeholders
from generator.model.records import META_FIELDS, SITE_FIELDS, Audience, Basis, Channel, ContentElement, Record
from generator.model.standard import StandardItem, standard_areas

SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv", ".docx", ".html", ".htm", ".json")
SITE_PLACEHOLDER = "请填写单位名称"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# -- grids: a sheet's cells as text, and its merged ranges ----------------------------------------------


@dataclass(frozen=True)
class Merge:
    """A merged range, 1-based and inclusive."""

    top: int
    left: int
    bottom: int
    right: int

    @property
    def ref(self) -> str:
        return f"{column_letter(self.left)}{self.top}:{column_letter(self.right)}{self.bottom}"


class MergedCells:
    """The cells of some merged ranges, looked up by (row, column): indexed by row, not by cell, so a
    range over a whole sheet costs one entry per row. ``first``: whether a range's first cell counts."""

    def __init__(self, merges: Sequence[Merge] = (), *, first: bool = True) -> None:
        self.first = first
        self._rows: dict[int, list[Merge]] = {}
        for m in reversed(merges):  # the last range over a cell wins, as in a workbook
            for r in range(m.top, m.bottom + 1):
                self._rows.setdefault(r, []).append(m)

    def get(self, cell: tuple[int, int]) -> Merge | None:
        """The range that holds ``cell``, or None."""
        row, col = cell
        for m in self._rows.get(row, ()):
            if m.left <= col <= m.right and (self.first or (row, col) != (m.top, m.left)):
                return m
        return None

    def __contains__(self, cell: object) -> bool:
        return isinstance(cell, tuple) and self.get(cell) is not None


@dataclass
class Grid:
    """One sheet (or a CSV file): the text of each cell, and the merged ranges."""

    file: str  #: the file, as shown
    sheet: str  #: the sheet's name ("" for a CSV file)
    order: int  #: the sheet's position in the workbook
    cells: list[list[str]]
    merges: list[Merge] = field(default_factory=list)
    covered: MergedCells = field(default_factory=MergedCells)  #: cells inside a merge, but its first
    starts: dict[tuple[int, int], Merge] = field(default_factory=dict)  #: each merge by its first cell

    def __post_init__(self) -> None:
        self.covered = MergedCells(self.merges, first=False)
        for m in self.merges:
            self.starts.setdefault((m.top, m.left), m)

    @property
    def name(self) -> str:
        """How messages name it: the sheet, or the CSV file."""
        return self.sheet or self.file

    def at(
        self, code: str, row: int = 0, column: int = 0, *, severity: Severity | None = None, **values: object
    ) -> Diagnostic:
        """A diagnostic at a cell of this grid (a row without ``column``, the whole sheet without ``row``)."""
        # every option named, so that no message value is taken for one
        return make_cell(
            code,
            self.file,
            self.sheet,
            row,
            column,
            path="",
            sheet_index=self.order,
            element="",
            severity=severity,
            **values,
        )

    def place(self, diagnostic: Diagnostic, row: int, column: int = 0) -> Diagnostic:
        """``diagnostic`` (found in a cell's text) placed at that cell."""
        return diagnostic.placed(self.file, self.sheet, row, column, sheet_index=self.order)

    @property
    def height(self) -> int:
        return len(self.cells)

    @property
    def width(self) -> int:
        return max((len(row) for row in self.cells), default=0)

    def raw(self, row: int, col: int) -> str:
        """The text written in a cell itself (a merged range's text is in its first cell only)."""
        if 1 <= row <= len(self.cells) and 1 <= col <= len(self.cells[row - 1]):
            return self.cells[row - 1][col - 1]
        return ""

    def filled(self, row: int) -> list[int]:
        """The columns of ``row`` with text of their own."""
        return [c for c, text in enumerate(self.cells[row - 1], start=1) if text.strip()] if row <= self.height else []


def read_xlsx(raw: bytes, shown: str, limits: Limits = DEFAULT_LIMITS) -> tuple[list[Grid], list[Diagnostic]]:
    """Every worksheet of the workbook ``raw`` as a grid, read as a stream within ``limits`` (:mod:`.xlsxfile`)."""
    sheets, problems = xlsxfile.read_xlsx(raw, shown, limits)
    return [Grid(shown, s.name, s.order, s.rows, [Merge(*m) for m in s.merges]) for s in sheets], problems


@contextlib.contextmanager
def _csv_fields_up_to(size: int) -> Iterator[None]:
    """Let the csv module read fields of ``size`` characters (its own limit is 131,072): a longer cell
    is then reported at its place by :class:`SheetCells`, not as a malformed file."""
    before = csv.field_size_limit(max(size, csv.field_size_limit()))
    try:
        yield
    finally:
        csv.field_size_limit(before)


def read_csv(raw: bytes, shown: str, limits: Limits = DEFAULT_LIMITS) -> tuple[Grid | None, list[Diagnostic]]:
    """A CSV file (UTF-8 with or without BOM, or GB18030 as Excel writes it on Chinese Windows), within
    ``limits``; the quote gkml's CSV writer puts before a formula-like cell is taken off
    (:func:`.csvcells.cell_from_csv`)."""
    problems: list[Diagnostic] = []
    text: str | None = None
    for encoding in ("utf-8-sig", "utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        try:
            text = raw.decode("gb18030")
            problems.append(make_cell("csv-encoding", shown))
        except UnicodeDecodeError:
            return None, [make_cell("csv-undecodable", shown)]
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    found = SheetCells(shown, "", 0, limits)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        with _csv_fields_up_to(len(text) + 1):
            for number, row in enumerate(reader, start=1):
                for column, value in enumerate(row, start=1):
                    if value:
                        found.add(number, column, cell_text(cell_from_csv(value)))
                if found.full:
                    break
    except csv.Error as exc:
        reason = "含有空字符（NUL），可能不是文本文件" if "NUL" in str(exc) else "无法按 CSV 格式读取"
        return None, [make_cell("csv-malformed", shown, "", reader.line_num, reason=reason)]
    return Grid(shown, "", 0, found.rows()), problems + found.problems


# -- finding the tables in a grid --------------------------------------------------------------------------------


@dataclass
class Section:
    """One table in a grid: its header rows, columns, data rows and area."""

    header: int  #: the (upper) header row
    sub: int | None  #: the lower header row, when there are two
    end: int = 0  #: the last row that may hold data
    title: str = ""
    title_row: int | None = None
    columns: dict[str, int] = field(default_factory=dict)  #: column key (tick columns: "key:value") → number
    tick_columns: dict[str, list[tuple[int, t.Column]]] = field(default_factory=dict)
    unknown: dict[int, str] = field(default_factory=dict)  #: column number → its header, for columns not mapped
    area: str = ""

    @property
    def first(self) -> int:
        return (self.sub or self.header) + 1


def _main_keys(grid: Grid, row: int) -> set[str]:
    keys = set()
    for col in grid.filled(row):
        text = t.clean_header(grid.raw(row, col))
        column = t.classify(text)
        if column is None or column.key not in t.MAIN_KEYS:
            continue
        if column.tick and t.normalise_header(text) == t.normalise_header(column.header):
            continue  # a bare 全社会, 主动公开, 县级: a lower header row's word, or a mark written as text
        keys.add(column.key)
    return keys


def _spans(grid: Grid, row: int, col: int) -> bool:
    """Whether the header cell at (row, col) stands over more than one column."""
    merge = grid.starts.get((row, col))
    if merge is not None:
        return merge.right > col
    return not grid.raw(row, col + 1).strip() and (row, col + 1) not in grid.covered and col < grid.width


def _has_sub_row(grid: Grid, row: int) -> bool:
    """Whether the row under header row ``row`` is its lower header row (一级事项, 全社会, 主动 …)."""
    below = row + 1
    if below > grid.height:
        return False
    for col in grid.filled(row):
        if t.group_of(grid.raw(row, col)) is None or not _spans(grid, row, col):
            continue
        text = grid.raw(below, col).strip()
        if text and text not in t.TICK_MARKS and t.classify(grid.raw(row, col), text) is not None:
            return True
    return False


def _lone_text(grid: Grid, row: int) -> tuple[int, str] | None:
    """(column, text) when ``row`` has text in one cell only."""
    filled = grid.filled(row)
    return (filled[0], grid.raw(row, filled[0]).strip()) if len(filled) == 1 else None


def find_sections(grid: Grid) -> list[Section]:
    """The tables of a grid, each from its header row to the row before the next table's header."""
    sections: list[Section] = []
    row = 1
    while row <= grid.height:
        if len(_main_keys(grid, row)) >= 3:
            sub = row + 1 if _has_sub_row(grid, row) else None
            sections.append(Section(row, sub))
            row = (sub or row) + 1
        else:
            row += 1
    for i, section in enumerate(sections):
        section.end = sections[i + 1].header - 1 if i + 1 < len(sections) else grid.height
        start = sections[i - 1].first if i else 1
        for r in range(section.header - 1, start - 1, -1):
            lone = _lone_text(grid, r)
            if lone and t.is_title(lone[1]):
                section.title, section.title_row = lone[1], r
                break
    return sections


def _header_text(grid: Grid, section: Section, col: int) -> tuple[str, str]:
    """(upper, lower) header text of a column."""
    top = grid.raw(section.header, col)
    merge = grid.covered.get((section.header, col))
    if not top.strip() and merge is not None and merge.top == section.header:
        top = grid.raw(merge.top, merge.left)
    sub = ""
    if section.sub is not None:
        sub = grid.raw(section.sub, col)
        merge = grid.covered.get((section.sub, col))
        if not sub.strip() and merge is not None and merge.top == section.sub:
            sub = grid.raw(merge.top, merge.left)
    return t.clean_header(top), t.clean_header(sub)


_REQUIRED = (t.LEVEL1, t.NAME, t.CONTENT, t.BASIS, t.TIME_LIMIT, t.SUBJECT, t.CHANNELS)


def _split_header(grid: Grid, section: Section, col: int, top: str, sub: str) -> list[t.Column] | None:
    """The columns under one header cell that names several values of a group (``州级县级`` over two √
    columns): one per value, when the cells to its right under the same group have no header of their own."""
    group = t.group_of(top)
    if group is None or group == t.ITEM_GROUP or not sub.strip():
        return None
    parts = t.split_values(group, sub)
    if parts is None:
        return None
    for offset in range(1, len(parts)):
        right_top, right_sub = _header_text(grid, section, col + offset)
        if t.group_of(right_top) != group or (right_sub.strip() and right_sub != sub):
            return None
    return [t.Column(group, spelling, t.label_of(group), value=value) for spelling, value in parts]


def map_columns(grid: Grid, section: Section, lenient: bool = False) -> list[Diagnostic]:
    """Which column holds what; problems for missing, doubled and unknown columns.

    ``lenient`` (gkml import without --strict): an unknown column is kept (its cells go to each
    record's 备注), a second column of the same kind too, a missing column is a warning (its value
    becomes a placeholder in every record), a header cell naming two values (``州级县级``) heads
    the two columns under it, and a level that is none of the three (州级) is read as the nearest (said)."""
    problems: list[Diagnostic] = []
    split: dict[int, t.Column] = {}
    for col in range(1, grid.width + 1):
        top, sub = _header_text(grid, section, col)
        if col in split:
            column: t.Column | None = split[col]
        elif not top.strip() and not sub.strip():
            continue
        else:
            parts = _split_header(grid, section, col, top, sub) if lenient else None
            if parts:
                split.update({col + i: part for i, part in enumerate(parts)})
                why = "一个表头格写了几个层级，按顺序对应其下的各列"
                shown = "、".join(f"{p.header}→{p.value}" for p in parts)
                problems.append(
                    grid.at(
                        "import-guess", section.sub or section.header, col, value=sub.strip(), normal=shown, why=why
                    )
                )
                column = parts[0]
            else:
                column = t.classify(top, sub)
        if column is not None and column.tick and t.tick_value(column.key, column.header) is None and not lenient:
            column = None  # 州级: read as 市级 only when guesses are allowed
        elif column is not None and column.tick and t.tick_value(column.key, column.header) is None:
            value = column.header
            why = "不是标准的三个层级，按最接近的层级理解"
            problems.append(
                grid.at("import-guess", section.sub or section.header, col, value=value, normal=column.value, why=why)
            )
        if column is None and lenient:
            top, sub = top.strip(), sub.strip()
            section.unknown[col] = f"{top}/{sub}" if top and sub and top != sub else (top or sub)
            problems.append(
                grid.at("import-column-kept", section.sub or section.header, col, header=section.unknown[col])
            )
            continue
        if column is None:
            top, sub = top.strip(), sub.strip()
            section.unknown[col] = f"{top}/{sub}" if top and sub and top != sub else (top or sub)
            headers = t.standard_headers()
            problems.append(
                grid.at(
                    "column-unknown", section.sub or section.header, col, header=section.unknown[col], columns=headers
                )
            )
            continue
        key = f"{column.key}:{column.value}" if column.tick else column.key
        if lenient and (key in section.columns or (not column.tick and column.key in section.tick_columns)):
            section.unknown[col] = column.title  # a second column of a kind: kept in 备注
            problems.append(grid.at("import-column-kept", section.sub or section.header, col, header=column.title))
            continue
        if key in section.columns or (not column.tick and column.key in section.tick_columns):
            other = section.columns.get(key) or section.columns.get(column.key)
            problems.append(
                grid.at("column-duplicate", section.sub or section.header, col, name=column.title, other=other)
            )
            continue
        section.columns[key] = col
        if column.tick:
            section.tick_columns.setdefault(column.key, []).append((col, column))
            section.columns.setdefault(column.key, col)
    missing = [t.label_of(k) for k in (*_REQUIRED, *t.TICK_GROUPS) if k not in section.columns]
    severity = Severity.WARNING if lenient else None
    for name in missing:
        problems.append(
            grid.at("column-missing", section.header, name=name, columns=t.standard_headers(), severity=severity)
        )
    return problems


# -- reading the rows -----------------------------------------------------------------------------------------------


@dataclass
class _Context:
    """What reading needs beyond the grid: the areas to recognise in titles, the bureau, the settings sheet."""

    known_areas: list[str]
    bureau: str = ""
    sheet_areas: dict[str, str] = field(default_factory=dict)  #: sheet name → area (settings sheet)
    ids: dict[str, str] = field(default_factory=dict)  #: id given in the file → where first seen
    counters: dict[tuple[str, str], int] = field(default_factory=dict)  #: 顺序 for tables without gkml's
    #: keep what cannot be mapped in placeholders, say each guess (gkml import without --strict)
    lenient: bool = False
    area: str = ""  #: the area of tables that name none (gkml import --area)

    def next_order(self, area: str, level1: str) -> int:
        """The 顺序 of the next item of a column, for a table that has no 顺序 column (its rows' order)."""
        self.counters[(area, level1)] = self.counters.get((area, level1), 0) + 1
        return self.counters[(area, level1)]


@dataclass(frozen=True)
class _Names:
    """Where a row's item belongs and what it is called."""

    area: str
    level1: str
    name: str
    level3: str
    note: str = ""  #: the table's own names, when the standard's were taken (lenient)


@dataclass(frozen=True)
class _Elements:
    """The elements a row's cells are parsed into, and the placeholders written for the editor."""

    content: tuple[ContentElement, ...]
    basis: tuple[Basis, ...]
    channels: tuple[Channel, ...]
    audiences: tuple[Audience, ...]
    methods: tuple[str, ...]
    levels: tuple[str, ...]
    todo: tuple[str, ...]


@dataclass(frozen=True)
class _Own:
    """What only gkml's own columns give (empty in a table without them)."""

    id: str
    order: int | None
    updated: str
    note: str


def _record(names: _Names, texts: dict[str, str], elements: _Elements, own: _Own) -> Record:
    """The record of a row read without errors."""
    return Record(
        id=own.id,
        name=names.name,
        content=elements.content,
        basis=elements.basis,
        time_limit=texts[t.TIME_LIMIT],
        subject=texts[t.SUBJECT],
        methods=elements.methods,
        channels=elements.channels,
        audiences=elements.audiences,
        levels=elements.levels,
        level3=names.level3,
        order=own.order,
        updated=own.updated,
        note=own.note,
        area=names.area,
        category=names.level1,
    )


#: The columns every item fills in (二级事项 may continue the row above).
_FILLED = (t.NAME, t.CONTENT, t.BASIS, t.TIME_LIMIT, t.SUBJECT, t.CHANNELS)


class _Reader:
    """Reads the data rows of one section of a grid into items; problems go to ``self.problems``."""

    def __init__(self, grid: Grid, section: Section, zones: dict[int, int], bad: MergedCells, lenient: bool) -> None:
        self.grid, self.section, self.zones, self.bad, self.lenient = grid, section, zones, bad, lenient
        self.problems: list[Diagnostic] = []
        self.previous = _Names("", "", "", "")  #: the last row's (for continuation)
        self.standard: StandardItem | None = None  #: the current row's standard item (lenient)
        self.unnamed: list[int] = []  #: rows without a name (lenient: listed, not imported)

    def value(self, row: int, key: str) -> str:
        col = self.section.columns.get(key)
        return self.cell(row, col) if col else ""

    def cell(self, row: int, col: int) -> str:
        text = self.grid.raw(row, col)
        if text.strip():
            return text.strip()
        merge = self.grid.covered.get((row, col))
        if merge is not None and (row, col) not in self.bad and self.zones.get(merge.top) == self.zones.get(row):
            return self.grid.raw(merge.top, merge.left).strip()
        return ""

    def report(self, found: Diagnostic, row: int) -> None:
        """``found`` (a problem in a cell's text) placed at ``row``, in the column its element names."""
        self.problems.append(self.grid.place(found, row, self.section.columns.get(column_key(found.element), 0)))

    def row(self, row: int, ctx: _Context) -> Item | None:
        """The item of data row ``row``; None when the row has an error (reported) or, lenient, no name (listed)."""
        before = len(self.problems)
        names = self.names(row)
        if names is None:
            return None  # the merge's error says why, or the row has no name (listed)
        if self.lenient:
            names = self.matched(row, names)
        texts = self.filled(row, names.name)
        elements = self.elements(row, texts)
        self.unknown_ticks(row)
        own = self.gkml_values(row, ctx)
        if self.lenient and self.section.unknown:
            own = dataclasses.replace(own, note="\n".join(filter(None, [own.note, *self.kept(row)])))
        if self.lenient and names.note:
            own = dataclasses.replace(own, note="\n".join(filter(None, [own.note, names.note])))
        if not names.area:
            self.report(cell_problem("cell-empty", t.AREA, name=t.AREA_HEADER), row)
        if has_errors(self.problems[before:]):
            return None
        if t.ORDER not in self.section.columns:  # a plain table: keep its order on the site
            own = dataclasses.replace(own, order=ctx.next_order(names.area, names.level1))
        record = _record(names, texts, elements, own)
        grid, columns, todo = self.grid, dict(self.section.columns), list(elements.todo)
        return Item(names.area, names.level1, record, grid.file, grid.sheet, row, "", grid.order, columns, todo)

    def kept(self, row: int) -> list[str]:
        """``列标题：文字`` for the cells of the columns the table has beyond the standard's (lenient)."""
        return [f"{header}：{text}" for col, header in self.section.unknown.items() if (text := self.cell(row, col))]

    def names(self, row: int) -> _Names | None:
        """Area, 一级事项, 二级事项 and 三级事项 of a row; an empty 一级事项 or 二级事项 continues the
        row above (when no merge says otherwise). None when the 一级事项 is under a bad merge, or
        (lenient) when the row has no name at all: then it is listed with its full text."""
        s, previous = self.section, self.previous
        area = self.value(row, t.AREA) or (previous.area if t.AREA in s.columns else s.area)
        level1 = self.value(row, t.LEVEL1)
        level1_col = s.columns.get(t.LEVEL1, 0)
        if not level1 and (row, level1_col) in self.bad:
            return None
        if not level1 and (row, level1_col) not in self.grid.covered and previous.area == area and previous.level1:
            level1 = previous.level1
            if self.lenient and level1_col:
                self.problems.append(self.grid.at("import-level1-continued", row, level1_col, value=level1))
        name, level3 = self.value(row, t.NAME), self.value(row, t.LEVEL3)
        if not name and level3 and previous.level1 == level1:
            name = previous.name
        if self.lenient and not name:
            text = " | ".join(self.grid.raw(row, c).strip() for c in self.grid.filled(row))
            self.problems.append(self.grid.at("import-row-unnamed", row, s.columns.get(t.NAME, 0), text=text))
            self.unnamed.append(row)
            return None
        if not level1 and not self.lenient:
            self.report(cell_problem("level1-empty", t.LEVEL1), row)
        self.previous = _Names(area, level1, name, level3)
        return self.previous

    def matched(self, row: int, names: _Names) -> _Names:
        """The names of a row matched to the national standard (lenient): a name written with other
        spaces or punctuation, or a little differently, becomes the standard's, the table's text
        kept in 备注 (said); an empty 一级事项 becomes the standard item's, or a placeholder."""
        match = match_item(names.area, names.level1, names.name, names.level3)
        self.standard = match.item if match else None
        level1, name, note = names.level1, names.name, []
        col = self.section.columns.get(t.NAME, 0)
        if match is not None and match.item.level2 != name:
            item = match.item
            why = "与国家标准目录的事项名称写法不同，按标准名称导入，原表名称写入备注"
            self.problems.append(self.grid.at("import-guess", row, col, value=name, normal=item.level2, why=why))
            note.append(f"原表事项名称：{name}")
            name = item.level2
        if not level1:
            col1 = self.section.columns.get(t.LEVEL1, 0)
            if match is not None:
                level1 = match.item.level1
                why = "原表没有一级事项，按国家标准目录中这个事项的一级事项"
                self.problems.append(self.grid.at("import-guess", row, col1, value="", normal=level1, why=why))
            else:
                level1, found = lenient.missing(t.LEVEL1)
                self.report(found, row)
        self.previous = _Names(names.area, level1, self.previous.name, names.level3)
        return _Names(names.area, level1, name, names.level3, "\n".join(note))

    def filled(self, row: int, name: str) -> dict[str, str]:
        """The text of the columns every item fills in (empty ones reported; lenient: a placeholder)."""
        texts = {key: name if key == t.NAME else self.value(row, key) for key in _FILLED}
        for key, text in texts.items():
            if text:
                continue
            if self.lenient and key in (t.TIME_LIMIT, t.SUBJECT):
                texts[key], found = lenient.missing(key)
                self.report(found, row)
            elif not self.lenient or key == t.NAME:
                self.report(cell_problem("cell-empty", key, name=t.label_of(key)), row)
        return texts

    def elements(self, row: int, texts: dict[str, str]) -> _Elements:
        """内容, 依据, 渠道, 对象, 方式 and 层级 from their cells (completed by gkml's detail columns)."""
        if self.lenient:
            return self.kept_elements(row, texts)
        found: list[Diagnostic] = []
        content, more = cells.parse_content(texts[t.CONTENT]) if texts[t.CONTENT] else ((), [])
        found += more
        basis_details = self.value(row, t.BASIS_DETAILS)
        basis, more = cells.parse_basis(texts[t.BASIS], basis_details) if texts[t.BASIS] else ((), [])
        found += more
        channels = cells.parse_channels(texts[t.CHANNELS], self.value(row, t.CHANNEL_DETAILS))
        found += channels.problems
        audiences, more, todo = self.audiences(row)
        found += more
        methods, more = self.choices(row, t.METHODS)
        found += more
        levels, more = self.choices(row, t.LEVELS)
        found += more
        for problem in found:
            self.report(problem, row)
        placeholders = (*channels.placeholders, *todo)
        return _Elements(content, basis, channels.channels, audiences, methods, levels, placeholders)

    def kept_elements(self, row: int, texts: dict[str, str]) -> _Elements:
        """The elements as :meth:`elements` reads them, but nothing dropped (:mod:`.lenient`)."""
        found: list[Diagnostic] = []
        content: tuple[ContentElement, ...]
        basis: tuple[Basis, ...]
        if texts[t.CONTENT]:
            content, more = lenient.content(texts[t.CONTENT], self.standard)
            found += more
        if not texts[t.CONTENT] or not content:
            text, more_one = lenient.missing(t.CONTENT)
            content, found = (ContentElement(text, True),), [*found, more_one]
        if texts[t.BASIS]:
            basis, more = lenient.basis(texts[t.BASIS], self.value(row, t.BASIS_DETAILS))
            found += more
        if not texts[t.BASIS] or not basis:
            text, more_one = lenient.missing(t.BASIS)
            basis, found = (Basis(text),), [*found, more_one]
        channel_text = texts[t.CHANNELS]
        if not channel_text:
            channel_text, more_one = lenient.missing(t.CHANNELS)
            channel_text = f"{vocab.CHANNEL_REQUIRED}{vocab.OTHER_CHANNEL}（{channel_text}）"
            found.append(more_one)
        channels = lenient.channels(channel_text, self.value(row, t.CHANNEL_DETAILS), self.standard)
        found += channels.problems
        audiences, more, todo = self.audiences(row)
        found += more
        methods, more = self.choices(row, t.METHODS)
        found += more
        levels, more = self.choices(row, t.LEVELS)
        found += more
        for problem in found:
            self.report(problem, row)
        placeholders = (*channels.placeholders, *todo)
        return _Elements(content, basis, channels.channels, audiences, methods, levels, placeholders)

    def unknown_ticks(self, row: int) -> None:
        """Report a √ in a column whose header is not understood (its value cannot be imported;
        lenient: it is kept in 备注 with its header)."""
        if self.lenient:
            return
        for col, header in self.section.unknown.items():
            text = self.cell(row, col)
            if text and text[0] in t.TICK_MARKS:
                self.problems.append(
                    self.grid.at("tick-unknown-column", row, col, header=header, rule=_tick_hint(header))
                )

    def gkml_values(self, row: int, ctx: _Context) -> _Own:
        """编号, 顺序, 更新日期 and 备注 from gkml's own columns (bad ones reported)."""
        record_id, order, updated = self.value(row, t.ID), self.value(row, t.ORDER), self.value(row, t.UPDATED)
        if record_id and not is_valid_id(record_id):
            self.report(cell_problem("bad-id", t.ID, value=record_id), row)
        elif record_id and record_id in ctx.ids:
            self.report(cell_problem("duplicate-id", t.ID, value=record_id, other=ctx.ids[record_id]), row)
        elif record_id:
            ctx.ids[record_id] = f"{self.grid.name} 第 {row} 行"
        number = _int(order)
        if order and number is None:
            self.report(cell_problem("order-format", t.ORDER, value=order), row)
        if updated and not _is_date(updated):
            self.report(cell_problem("date-format", t.UPDATED, value=updated), row)
        return _Own(record_id, number, updated, self.value(row, t.NOTE))

    def ticks(self, row: int, group: str) -> tuple[list[tuple[str, cells.Tick]], bool]:
        """The ticked values of a group of √ columns (problems reported at their cells); whether any was bad."""
        out, bad = [], False
        for col, column in self.section.tick_columns.get(group, []):
            text = self.cell(row, col)
            if self.lenient and text.strip():
                given, found = lenient.tick(text, column)
                self.problems += [self.grid.place(p, row, col) for p in found]
                out += [(value, cells.Tick(True, extra)) for value, extra in given]
                continue
            tick, found = cells.parse_tick(text, column)
            self.problems += [self.grid.place(p, row, col) for p in found]
            bad = bad or has_errors(found)
            if tick.on:
                out.append((column.value, tick))
        return out, bad

    def choices(self, row: int, group: str) -> tuple[tuple[str, ...], list[Diagnostic]]:
        """公开方式 or 公开层级: from its √ columns, or from one column holding the values as text."""
        none = cell_problem("tick-none", group, allowed=_allowed(group))
        if self.lenient:
            if group in self.section.tick_columns:
                ticked, _ = self.ticks(row, group)
                found, problems = [value for value, _ in ticked], list[Diagnostic]()
            else:
                text = self.value(row, group)
                found, problems = lenient.values(text, group) if text else ([], [])
            if not found:
                kept, warning = lenient.missing(group)
                found, problems = [kept], [*problems, warning]
            return lenient.ordered(found, group), problems
        if group not in self.section.tick_columns:
            text = self.value(row, group)
            return cells.parse_values(text, group) if text else ((), [none])
        ticked, bad = self.ticks(row, group)
        values = {value for value, _ in ticked}
        return tuple(v for v in t.TICK_GROUPS[group][0] if v in values), [] if values or bad else [none]

    def audiences(self, row: int) -> tuple[tuple[Audience, ...], list[Diagnostic], list[str]]:
        group = t.AUDIENCES
        none = cell_problem("tick-none", group, allowed=_allowed(group))
        problems: list[Diagnostic] = []
        if group not in self.section.tick_columns:
            text = self.value(row, group)
            if not text:
                if self.lenient:
                    kept, warning = lenient.missing(group)
                    return (Audience(kept),), [warning], []
                return (), [none], []
            parts = re.split(r"[\n、，,；;]+", text)
            if self.lenient:
                listed, problems = self.kept_audiences(parts)
            else:
                listed, problems = cells.parse_audience_texts(parts)
        else:
            ticked, bad = self.ticks(row, group)
            if not ticked:
                if self.lenient:
                    kept, warning = lenient.missing(group)
                    return (Audience(kept),), [warning], []
                return (), [] if bad else [none], []
            listed = [Audience(kind, tick.extra if kind == vocab.AUDIENCE_GROUP else "") for kind, tick in ticked]
        details = self.value(row, t.AUDIENCE_DETAILS)
        if details:
            given, found = cells.parse_audience_texts(cells.lines(details))
            problems += [dataclasses.replace(p, element=t.label_of(t.AUDIENCE_DETAILS)) for p in found]
            if {a.kind for a in given} == {a.kind for a in listed}:
                listed = given
            elif not found:
                problems.append(cell_problem("audience-mismatch", t.AUDIENCE_DETAILS))
                groups = [a for a in given if a.kind == vocab.AUDIENCE_GROUP]
                if groups and any(a.kind == vocab.AUDIENCE_GROUP for a in listed):
                    listed = [a for a in listed if a.kind != vocab.AUDIENCE_GROUP] + groups
        listed = list({(a.kind, a.group): a for a in listed}.values())
        audiences, found, todo = cells.complete_audiences(listed)
        return audiences, problems + found, todo

    def kept_audiences(self, parts: list[str]) -> tuple[list[Audience], list[Diagnostic]]:
        """公开对象 written out (lenient): what is not 全社会 or 特定群体 kept in a placeholder."""
        listed, problems = [], []
        for part in (p.strip() for p in parts if p.strip()):
            one, found = cells.parse_audience_texts([part])
            if one and not has_errors(found):
                listed += one
                problems += found
                continue
            kept, warning = lenient.placeholder(t.AUDIENCES, part, "公开对象只能是全社会、特定群体（群体名称）")
            listed.append(Audience(kept))
            problems.append(warning)
        return listed, problems


def _tick_hint(header: str) -> str:
    """What the √ columns of the group ``header`` names may be, with the variants that are understood."""
    group = next((g for g in t.TICK_GROUPS if header.startswith(t.label_of(g))), None)
    if group is None:
        return "标准目录中打“√”的只有公开对象、公开方式和公开层级下面的列。"
    variants = "、".join(f"“{v}”" for v in t.TICK_EXAMPLES[group])
    return f"{t.label_of(group)}下面的列只能是{_allowed(group)}（也认得{variants}等写法）。"


def _allowed(group: str) -> str:
    return "、".join(t.TICK_GROUPS[group][0])


def _int(text: str) -> int | None:
    try:
        return int(text.strip())
    except ValueError:
        return None


def _is_date(text: str) -> bool:
    try:
        return bool(_DATE.match(text)) and bool(dt.date.fromisoformat(text))
    except ValueError:
        return False


def _zones(grid: Grid, sections: list[Section]) -> dict[int, int]:
    """Each row's zone: -1 above the first table, 2i for table i's header rows, 2i+1 for its data rows."""
    zones = {}
    for row in range(1, grid.height + 1):
        zones[row] = -1
    for i, s in enumerate(sections):
        for row in range(s.header, s.first):
            zones[row] = 2 * i
        for row in range(s.first, s.end + 1):
            zones[row] = 2 * i + 1
    return zones


def _bad_merges(grid: Grid, sections: list[Section], zones: dict[int, int]) -> tuple[list[Diagnostic], MergedCells]:
    """The merged ranges that span two sections, reported; and the cells they cover."""
    problems: list[Diagnostic] = []
    bad: list[Merge] = []
    data_zones = {2 * i + 1 for i in range(len(sections))}
    for m in grid.merges:
        touched = {zones.get(r, -1) for r in range(m.top, m.bottom + 1)}
        if len(touched) < 2 or not touched & data_zones:
            continue
        first = zones.get(m.top, -1)
        change = next(r for r in range(m.top, m.bottom + 1) if zones.get(r, -1) != first)
        nxt = next((s for s in sections if s.header >= change), None)
        if nxt is not None and nxt.title_row is not None and m.top < nxt.title_row < change:
            change = nxt.title_row
        what = f"另一张表格：“{nxt.title}”" if nxt is not None and nxt.title else "另一张表格"
        problems.append(grid.at("merge-spans-sections", m.top, m.left, range=m.ref, start=change, what=what))
        bad.append(m)
    return problems, MergedCells(bad)


def _section_area(grid: Grid, section: Section, ctx: _Context, parsed: Parsed) -> str:
    if section.title:
        found = t.parse_title(section.title, ctx.known_areas, ctx.bureau)
        if found is not None:
            area, bureau = found
            if bureau and not parsed.site.get("单位名称"):
                parsed.site["单位名称"] = bureau
            return area
    if grid.name in ctx.sheet_areas:
        return ctx.sheet_areas[grid.name]
    if ctx.area:
        return ctx.area
    if grid.name.lower().endswith(".csv") or t.GENERIC_SHEET.match(grid.name.strip()):
        return ""
    if ctx.lenient and grid.name.strip() not in ctx.known_areas:
        return _inferred_area(grid, section, parsed, ctx) or grid.name.strip()
    return grid.name.strip()


def read_grid(grid: Grid, ctx: _Context, parsed: Parsed, *, lone_sheet: bool) -> bool:
    """Read the tables of one grid into ``parsed``; False when it has none."""
    sections = find_sections(grid)
    if not sections:
        if any(grid.filled(r) for r in range(1, grid.height + 1)):
            code = "header-missing" if lone_sheet else "sheet-skipped"
            parsed.problems.append(grid.at(code))
        return False
    zones = _zones(grid, sections)
    found, bad = _bad_merges(grid, sections, zones)
    parsed.problems += found
    for section in sections:
        column_problems = map_columns(grid, section, ctx.lenient)
        header_cells = ((r, c) for r in range(section.header, section.first) for c in range(1, grid.width + 1))
        if any(cell in bad for cell in header_cells):  # the merge over this header is reported: not its consequences
            parsed.problems += [p for p in column_problems if p.code != "column-missing"]
            continue
        parsed.problems += column_problems
        if has_errors(column_problems):
            continue
        if t.AREA not in section.columns:
            section.area = _section_area(grid, section, ctx, parsed)
            if not section.area and ctx.lenient:
                section.area = _inferred_area(grid, section, parsed, ctx)
            if not section.area:
                example = t.sheet_title(ctx.bureau or "示例县住房和城乡建设局", "保障性住房")
                parsed.problems.append(grid.at("area-unknown", section.title_row or section.header, example=example))
                continue
        _read_rows(grid, section, zones, bad, ctx, parsed)
    return True


def _read_rows(
    grid: Grid, section: Section, zones: dict[int, int], bad: MergedCells, ctx: _Context, parsed: Parsed
) -> None:
    """The data rows of one table into ``parsed`` (counted: items, rows without a name, notes, failed)."""
    reader = _Reader(grid, section, zones, bad, ctx.lenient)
    for row in range(section.first, section.end + 1):
        if not grid.filled(row):
            continue
        parsed.rows_read += 1
        lone = _lone_text(grid, row)
        if lone is not None and _not_an_item(grid, section, row, *lone):
            parsed.rows_skipped += 1
            title = t.parse_title(lone[1], ctx.known_areas, ctx.bureau) if t.is_title(lone[1]) else None
            if ctx.lenient and title is not None and t.AREA not in section.columns and title[0] in ctx.known_areas:
                section.area = title[0]  # a title inside the table: the rows below are of its area
                reader.previous = _Names("", "", "", "")
                parsed.problems.append(grid.at("import-title-in-table", row, lone[0], text=lone[1], area=title[0]))
            elif not (t.is_title(lone[1]) or t.is_legend(lone[1])) or (ctx.lenient and not _standard_legend(lone[1])):
                code = "row-skipped" if not (t.is_title(lone[1]) or t.is_legend(lone[1])) else "import-note-row"
                parsed.problems.append(grid.at(code, row, lone[0], text=lone[1]))
            continue
        before = len(reader.unnamed)
        item = reader.row(row, ctx)
        if item is not None:
            item.standard = reader.standard
            parsed.items.append(item)
        elif len(reader.unnamed) > before:
            parsed.rows_unnamed += 1
        else:
            parsed.rows_failed += 1
    parsed.problems += reader.problems


def _standard_legend(text: str) -> bool:
    """Whether a note under a table is only the national table's own legend (“●”表示必选项 …)."""
    return "表示必选" in text or "表示可选" in text


def _inferred_area(grid: Grid, section: Section, parsed: Parsed, ctx: _Context) -> str:
    """The area of a table that names none: ``--area``, or the standard area its rows match most (said)."""
    if ctx.area:
        return ctx.area
    names = []
    for row in range(section.first, section.end + 1):
        col1, col2 = section.columns.get(t.LEVEL1), section.columns.get(t.NAME)
        names.append((grid.raw(row, col1).strip() if col1 else "", grid.raw(row, col2).strip() if col2 else ""))
    found = infer_area(names)
    if found is None:
        return ""
    area, matched = found
    rows = sum(1 for _, name in names if name)
    example = t.sheet_title(ctx.bureau or "示例县住房和城乡建设局", area)
    at = section.header
    parsed.problems.append(grid.at("import-area-inferred", at, area=area, matched=matched, rows=rows, example=example))
    return area


def _not_an_item(grid: Grid, section: Section, row: int, col: int, text: str) -> bool:
    """Whether a row with text in one cell only is a title, a note or a legend rather than an item."""
    if t.is_title(text) or t.is_legend(text):
        return True
    merge = grid.starts.get((row, col))
    return (merge is not None and merge.right - merge.left >= 2) or col not in section.columns.values()


# -- the settings sheet --------------------------------------------------------------------------------------------


def read_settings(grid: Grid, parsed: Parsed, ctx: _Context) -> None:
    """Bureau and folder settings from the ``目录设置（gkml）`` sheet of a gkml export."""
    site_keys = {spec.key for spec in SITE_FIELDS}
    meta_keys = {spec.key for spec in META_FIELDS}
    header: dict[str, int] | None = None
    for row in range(1, grid.height + 1):
        first = grid.raw(row, 1).strip()
        if header is None:
            if first == t.AREA_HEADER and grid.raw(row, 2).strip() == t.LEVEL_HEADERS[t.LEVEL1]:
                header = {grid.raw(row, c).strip(): c for c in grid.filled(row)}
            elif first in site_keys and grid.raw(row, 2).strip():
                parsed.site[first] = grid.raw(row, 2).strip()
            continue
        area = first
        if not area:
            continue
        category = grid.raw(row, header[t.LEVEL_HEADERS[t.LEVEL1]]).strip()
        values = {
            key: grid.raw(row, col).strip()
            for key, col in header.items()
            if key in meta_keys and grid.raw(row, col).strip()
        }
        if category:
            parsed.categories[(area, category)] = values
        else:
            parsed.areas[area] = values
            sheet = grid.raw(row, header.get(SHEET_HEADER, 0)).strip() if SHEET_HEADER in header else ""
            if sheet:
                ctx.sheet_areas[sheet] = area


# -- reading a file -----------------------------------------------------------------------------------------------


def read_file(
    path: Path,
    *,
    known_areas: list[str] | None = None,
    bureau: str = "",
    gate: FileGate | None = None,
    lenient: bool = False,
    area: str = "",
) -> Parsed:
    """Items, settings and problems from a .xlsx, .xls, .csv, .docx, .html or .json file (never raises
    for bad input).

    The file is read through ``gate`` (by default: anywhere, at the default limits), which refuses
    it when larger than ``import_file_bytes``; its sheets are read within the gate's other limits.
    ``lenient`` (``gkml import`` without ``--strict``): nothing a row holds is dropped, what cannot
    be mapped is kept in a placeholder (:mod:`.lenient`); ``area``: the area of tables that name none.
    """
    shown = path.name
    parsed = Parsed(shown)
    suffix = path.suffix.lower()
    if not os.path.lexists(path):
        parsed.problems.append(make_cell("file-missing", path.as_posix()))
        return parsed
    gate = gate or FileGate()
    raw, refused = gate.read_bytes(path, path.as_posix(), limit="import_file_bytes")
    if raw is None:
        parsed.problems += [d.placed(d.file) for d in refused]  # said of the file, not of a line in it
        return parsed
    if raw.startswith(_OLE) and suffix != ".xls":
        parsed.problems.append(make_cell("file-word" if suffix == ".doc" else "file-xls", shown))
        return parsed
    if suffix not in SUFFIXES:
        parsed.problems.append(make_cell("file-type", shown, suffix=path.suffix or "（无扩展名）"))
        return parsed
    if suffix == ".json":
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            parsed.problems.append(make_cell("json-invalid", shown, reason="不是 UTF-8 编码"))
            return parsed
        return read_json(text, shown)
    ctx = _Context(sorted({*(known_areas or []), *standard_areas()}, key=len, reverse=True), bureau)
    ctx.lenient, ctx.area, parsed.lenient = lenient, area, lenient
    if suffix == ".csv":
        grid, problems = read_csv(raw, shown, gate.limits)
        parsed.problems += problems
        grids = [grid] if grid is not None else []
    elif suffix == ".xls":
        grids, problems = read_xls_grids(raw, shown, gate.limits)
        parsed.problems += problems
    elif suffix == ".docx":
        grids, problems = _word_grids(raw, shown, gate.limits)
        parsed.problems += problems
        if not grids:
            return parsed
    elif suffix in (".html", ".htm"):
        grids, problems = read_html_grids(raw, shown, gate.limits)
        parsed.problems += problems
        if not grids:
            parsed.problems.append(make_cell("html-no-table", shown))
            return parsed
    else:
        grids, problems = read_xlsx(raw, shown, gate.limits)
        parsed.problems += problems
    settings = [g for g in grids if t.normalise_header(g.name) == t.normalise_header(t.SETTINGS_SHEET)]
    for grid in settings:
        read_settings(grid, parsed, ctx)
    if parsed.site.get("单位名称"):
        ctx.bureau = parsed.site["单位名称"]
    ctx.known_areas = sorted({*ctx.known_areas, *parsed.areas}, key=len, reverse=True)
    tables = [g for g in grids if g not in settings]
    found = [read_grid(g, ctx, parsed, lone_sheet=len(tables) == 1) for g in tables]
    if grids and not any(found) and not has_errors(parsed.problems):
        parsed.problems.append(make_cell("no-table", shown))
    if any(found) and not parsed.items and not has_errors(parsed.problems):
        parsed.problems.append(make_cell("no-records", shown))
    return parsed


def _limited(
    shown: str,
    name: str,
    order: int,
    rows: list[list[str]],
    merges: Sequence[tuple[int, int, int, int]],
    limits: Limits,
) -> tuple[Grid, list[Diagnostic]]:
    """A table read by another reader (Word, a web page, .xls) as a grid, its cells within ``limits``."""
    found = SheetCells(shown, name, order, limits)
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row, start=1):
            if text:
                found.add(r, c, cell_text(text))
        if found.full:
            break
    height = found.height
    kept = [Merge(*m) for m in merges if m[0] <= max(height, 1)]
    return Grid(shown, name, order, found.rows(), kept), found.problems


def read_xls_grids(raw: bytes, shown: str, limits: Limits = DEFAULT_LIMITS) -> tuple[list[Grid], list[Diagnostic]]:
    """Every worksheet of a legacy .xls workbook as a grid (:mod:`.xlsfile`)."""
    sheets, problems = read_xls(raw, shown, limits)
    return [Grid(shown, s.name, s.order, s.rows, [Merge(*m) for m in s.merges]) for s in sheets], problems


def _tables(
    shown: str, tables: Sequence[tuple[list[list[str]], Sequence[tuple[int, int, int, int]]]], limits: Limits
) -> tuple[list[Grid], list[Diagnostic]]:
    """The tables headed like the catalogue, each as a grid named 表格1, 表格2 … (others are the page's layout)."""
    grids: list[Grid] = []
    problems: list[Diagnostic] = []
    for number, (rows, merges) in enumerate(tables, start=1):
        grid, found = _limited(shown, f"表格{number}", number - 1, rows, merges, limits)
        if find_sections(grid):
            grids.append(grid)
            problems += found
    return grids, problems


def read_html_grids(raw: bytes, shown: str, limits: Limits = DEFAULT_LIMITS) -> tuple[list[Grid], list[Diagnostic]]:
    """The catalogue tables of a saved web page (:mod:`.htmltables`), in any encoding a Chinese site uses."""
    text, _ = htmltables.decode(raw)
    return _tables(shown, [(table.rows, table.merges) for table in htmltables.read_tables(text)], limits)


def _word_grids(raw: bytes, shown: str, limits: Limits) -> tuple[list[Grid], list[Diagnostic]]:
    """The catalogue tables of a Word document (several tables, merged cells); a notice is said to be one."""
    try:
        document = read_docx(raw, shown, limits)
    except WordError as error:
        return [], [error.diagnostic]
    grids, problems = _tables(shown, document.grids, limits)
    if not grids:
        return [], [make_cell("file-word-notice", shown)]
    return grids, problems


# -- planning ------------------------------------------------------------------------------------------------------

NEW, OVERWRITE, UNCHANGED, EXISTS = "new", "overwrite", "unchanged", "exists"


@dataclass
class Planned:
    """One file the import would write (or leave alone)."""

    path: Path
    text: str
    kind: str  #: record, meta or site
    status: str  #: new, overwrite, unchanged (an equal record is there), exists (a different record is there)
    item: Item | None = None
    replaces: Path | None = None  #: the record of the same id in another column, removed when this is written


@dataclass
class _Folder:
    path: Path
    title: str
    slug: str
    order: int
    new: bool
    values: dict[str, str] = field(default_factory=dict)  #: the _meta.yaml of a new folder
    children: dict[str, _Folder] = field(default_factory=dict)


@dataclass
class Plan:
    """What an import would do."""

    into: Path
    files: list[Planned]
    problems: list[Diagnostic]

    @property
    def writes(self) -> list[Planned]:
        return [f for f in self.files if f.status in (NEW, OVERWRITE)]

    @property
    def conflicts(self) -> list[Planned]:
        return [f for f in self.files if f.status == EXISTS]

    @property
    def unchanged(self) -> list[Planned]:
        return [f for f in self.files if f.status == UNCHANGED]


@dataclass
class _Existing:
    path: Path
    id: str


def _existing_records(folders: CatalogueFolders) -> tuple[dict[str, _Existing], dict[tuple[str, ...], _Existing]]:
    """Records already in the target: by id, and by (area, category, 名称, 三级事项)."""
    by_id: dict[str, _Existing] = {}
    by_name: dict[tuple[str, ...], _Existing] = {}
    for area in folders.areas:
        for category in area.categories:
            for path in record_files(category.path):
                doc, _ = read_yaml(path)
                data = doc.data if doc is not None else None
                if not isinstance(data, dict) or not isinstance(data.get("id"), str):
                    continue
                entry = _Existing(path, data["id"].strip())
                by_id.setdefault(entry.id, entry)
                name, level3 = data.get("名称"), data.get("三级事项") or ""
                if isinstance(name, str) and isinstance(level3, str):
                    by_name.setdefault((area.title, category.title, name.strip(), level3.strip()), entry)
    return by_id, by_name


def _kept_comments(path: Path) -> list[str]:
    """The comments at the top of a record file (its source notes), but a previous import's and to-dos."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    kept = []
    for line in lines[1:] if lines and "yaml-language-server" in lines[0] else lines:
        if not line.startswith("#"):
            break
        text = line[1:].strip()
        if text and not text.startswith(("由 gkml import 导入", "待填写")):
            kept.append(text)
    return kept


def _same_record(path: Path, record: Record) -> bool:
    doc, _ = read_yaml(path)
    if doc is None:
        return False
    existing, _ = validate_record(doc)
    if existing is None:
        return False
    return _unplaced(existing) == _unplaced(record)


def _unplaced(record: Record) -> Record:
    """``record`` without where it was read from (its file, area and category), to compare contents."""
    return dataclasses.replace(record, file="", area="", category="")


#: Says that a folder setting (key, value) is invalid, and what it must be.
_Invalid = Callable[[str, str, str], None]


def _slug(values: dict[str, str], taken: set[str], default: str, invalid: _Invalid) -> str:
    """The slug the file gives a new folder when it is valid and free, ``default`` otherwise (and said so)."""
    text = values.get("slug", "")
    if text and SLUG_PATTERN.match(text) and text not in taken:
        return text
    if text:
        invalid("slug", text, "slug 只能用小写字母、数字和连字符，同一层的栏目不能重复。")
    return default


def _order(values: dict[str, str], default: int, invalid: _Invalid) -> int:
    """The 顺序 the file gives a new folder when it is an integer, ``default`` otherwise (and said so)."""
    text = values.get("顺序", "")
    number = _int(text) if text else None
    if text and number is None:
        invalid("顺序", text, "顺序应为整数。")
    return default if number is None else number


def _folder_name(parent: Path, title: str, taken: set[str]) -> Path:
    stem, n = file_stem(title), 2
    path = parent / stem
    while path.name in taken or path.exists():
        path, n = parent / f"{stem}（{n}）", n + 1
    taken.add(path.name)
    return path


#: A person's numbers found in a cell: an error that a lenient import writes anyway (gkml check keeps it an error).
PRIVACY_CODES = frozenset({"privacy-mobile", "privacy-id-number", "privacy-bank-card"})
#: What the checker says of a record that the import has already said, more precisely, at its cell.
_SAID_BY_IMPORT = frozenset({"record-placeholder"})
#: What the checker says of a value that is one of the import's placeholders (a 时限 it cannot read).
_OF_PLACEHOLDER = frozenset({"time-limit-unparsed"})


def _held(diagnostic: Diagnostic) -> bool:
    """Whether ``diagnostic`` is said of a value that holds an import placeholder."""
    return bool(find_placeholders(diagnostic.message))


class _Planner:
    def __init__(self, parsed: Parsed, into: Path, force: bool) -> None:
        self.parsed, self.into, self.force = parsed, into, force
        self.folders = scan_catalogue(into) if into.is_dir() else CatalogueFolders(into, [], set(), "")
        self.problems: list[Diagnostic] = []
        self.areas: dict[str, _Folder] = {}
        for area in self.folders.areas:
            folder = _Folder(area.path, area.title, area.slug, area.order, False)
            for c in area.categories:
                folder.children[c.title] = _Folder(c.path, c.title, c.slug, c.order, False)
                folder.children.setdefault(c.path.name, folder.children[c.title])
            self.areas[area.title] = folder
            self.areas.setdefault(area.path.name, folder)
        self.new_orders: dict[str, int] = {}

    def area(self, title: str) -> _Folder:
        if title not in self.areas:
            known = list({id(f): f for f in self.areas.values()}.values())
            self.areas[title] = self._new_folder(self.into, title, self.parsed.areas.get(title, {}), known, title)
        return self.areas[title]

    def category(self, area: _Folder, title: str) -> _Folder:
        if title not in area.children:
            values = self.parsed.categories.get((area.title, title), {})
            known = list({id(f): f for f in area.children.values()}.values())
            area.children[title] = self._new_folder(area.path, title, values, known, f"{area.title}/{title}")
        return area.children[title]

    def _new_folder(self, parent: Path, title: str, given: dict[str, str], known: list[_Folder], where: str) -> _Folder:
        """A folder to create: its name, slug and 顺序 (from the file's settings when valid)."""

        def invalid(key: str, value: str, rule: str) -> None:
            found = make_cell("setting-invalid", self.parsed.file, element=where, key=key, value=value, rule=rule)
            self.problems.append(found)

        taken = {f.slug for f in known}
        slug = _slug(given, taken, category_slug(title, taken), invalid)
        order = _order(given, max((f.order for f in known if f.order < 1000), default=0) + 1, invalid)
        path = _folder_name(parent, title, {f.path.name for f in known})
        values = {key: text for key, text in given.items() if key in {spec.key for spec in META_FIELDS}}
        values.update({"标题": title, "slug": slug, "顺序": str(order)})
        return _Folder(path, title, slug, order, True, values)

    def plan(self) -> Plan:
        files: list[Planned] = []
        by_id, by_name = _existing_records(self.folders)
        taken = set(self.folders.ids) | {i.record.id for i in self.parsed.items if i.record.id}
        planned_paths: set[Path] = set()
        claimed: set[Path] = set()
        for item in self.parsed.items:
            area = self.area(item.area)
            category = self.category(area, item.category)
            record = item.record
            key = (area.title, category.title, record.name, record.level3)
            existing = by_id.get(record.id) if record.id else by_name.get(key)
            if existing is not None and existing.path in claimed:
                existing = None  # a second row of the same name: a record of its own
            if existing is not None:
                claimed.add(existing.path)
                record = dataclasses.replace(record, id=record.id or existing.id)
            elif not record.id:
                record = dataclasses.replace(record, id=make_id(area.slug, category.slug, record.name, taken))
                taken.add(record.id)
            record = dataclasses.replace(record, area=area.title, category=category.title)
            comments = [f"由 gkml import 导入：{self.parsed.file}，{item.source}。"]
            text = record_yaml(record, comments, item.todo)
            if not self._checked(item, record, text):
                continue
            if existing is not None and existing.path.parent == category.path:
                if _same_record(existing.path, record):
                    status = UNCHANGED
                elif self.force:
                    status = OVERWRITE
                    text = record_yaml(record, [*_kept_comments(existing.path), *comments], item.todo)
                else:
                    status = EXISTS
                files.append(Planned(existing.path, text, "record", status, item))
                planned_paths.add(existing.path)
                continue
            if existing is not None and not self.force:  # the table puts it in another column
                files.append(Planned(existing.path, text, "record", EXISTS, item))
                continue
            path = self._new_path(category.path, record, planned_paths)
            files.append(Planned(path, text, "record", NEW, item, existing.path if existing is not None else None))
            planned_paths.add(path)
        files = self._settings_files(files)
        return Plan(self.into, files, self.problems)

    def _new_path(self, folder: Path, record: Record, planned: set[Path]) -> Path:
        stem = file_stem(record.title if not record.level3 else f"{record.name}-{record.level3}")
        path, n = folder / f"{stem}.yaml", 2
        while path in planned or path.exists() or path.with_suffix(".yml").exists():
            path, n = folder / f"{stem}（{n}）.yaml", n + 1
        return path

    def _checked(self, item: Item, record: Record, text: str) -> bool:
        """Check the text with the checker; report what it says at the item's row (in the column
        of the element it names)."""
        doc, problems = parse_yaml(text.encode("utf-8"), item.source)
        read, more = validate_record(doc) if doc is not None else (None, [])
        # each placeholder the import wrote was said where it wrote it (import-placeholder …): not again
        more = [d for d in more if d.code not in _SAID_BY_IMPORT and not (d.code in _OF_PLACEHOLDER and _held(d))]
        self.problems += [item.locate(d) for d in [*problems, *more]]
        if read is not None and _unplaced(read) != _unplaced(record):
            self.problems.append(item.locate(make_cell("import-readback")))
            return False
        errors = {d.code for d in [*problems, *more] if d.severity.value == "error"}
        if read is None and self.parsed.lenient and errors and errors <= PRIVACY_CODES:
            return True  # kept verbatim and written: gkml check reports it until it is removed (never published)
        return read is not None

    def _settings_files(self, records: list[Planned]) -> list[Planned]:
        files: list[Planned] = []
        if not (self.into / SITE_FILE).exists():
            values = {k: v for k, v in self.parsed.site.items() if k in {s.key for s in SITE_FIELDS}}
            if not values.get("单位名称"):
                values["单位名称"] = SITE_PLACEHOLDER
                self.problems.append(make_cell("site-placeholder", self.parsed.file, placeholder=SITE_PLACEHOLDER))
            files.append(Planned(self.into / SITE_FILE, site_yaml(values, "由 gkml import 创建。"), "site", NEW))
        seen: set[int] = set()
        for area in self.areas.values():
            if id(area) in seen:
                continue
            seen.add(id(area))
            if area.new:
                files.append(
                    Planned(
                        area.path / META_FILE,
                        meta_yaml(area.values, area=True, comment="领域设置：由 gkml import 创建。"),
                        "meta",
                        NEW,
                    )
                )
            for category in {id(c): c for c in area.children.values()}.values():
                if category.new:
                    files.append(
                        Planned(
                            category.path / META_FILE,
                            meta_yaml(category.values, area=False, comment="栏目设置：由 gkml import 创建。"),
                            "meta",
                            NEW,
                        )
                    )
        return files + records


def plan_import(parsed: Parsed, into: Path, *, force: bool = False) -> Plan:
    """Where each record of ``parsed`` goes in the catalogue folder ``into``, and its text (nothing is written)."""
    return _Planner(parsed, into, force).plan()


def write_plan(plan: Plan) -> None:
    """Write the new and overwritten files (folders as needed); remove the records they replace."""
    for planned in plan.writes:
        planned.path.parent.mkdir(parents=True, exist_ok=True)
        mode = "w" if planned.status == OVERWRITE else "x"
        with planned.path.open(mode, encoding="utf-8", newline="\n") as out:
            out.write(planned.text)
        if planned.replaces is not None and planned.replaces != planned.path:
            planned.replaces.unlink(missing_ok=True)


def known_areas(into: Path) -> tuple[list[str], str]:
    """The area titles of the catalogue in ``into`` and its bureau ("" when it has no _site.yaml)."""
    if not into.is_dir():
        return [], ""
    folders = scan_catalogue(into)
    bureau = folders.bureau if (into / SITE_FILE).exists() else ""
    return [a.title for a in folders.areas], bureau
