"""Catalogue → the official Excel table (.xlsx bytes) and CSV.

The workbook has one sheet per area in the national layout (title line, two header rows,
the 一级事项 cells merged over their items, ●/〇 and ■/□ marks, √ columns, the legend lines
under the table), ready to print on A3 landscape and submit, followed by gkml's own columns
and a ``目录设置（gkml）`` sheet (the bureau, and each area's and column's settings) that a
bureau may delete before submitting (see :mod:`generator.exchange.table`).

The bytes are the same for the same catalogue: the document's dates and every zip entry's
date are the catalogue's newest 更新日期 (:mod:`generator.exchange.workbook` writes it as a stream).

The CSV is the same table for all areas in one file: a 领域 column first, one header row
(``公开对象/全社会`` for the grouped columns), 一级事项 on every row; UTF-8 with BOM, so Excel
opens it as UTF-8; a cell a spreadsheet would run as a formula begins with a quote
(:mod:`generator.exchange.csvcells`).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import TypeAlias

from generator.exchange import cells, csvcells
from generator.exchange import table as t
from generator.exchange.workbook import Format, Layout, Sheet, Workbook
from generator.model.records import META_FIELDS, SITE_FIELDS, Area, Catalogue, Category, Record

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: What a cell of the exported table holds: text or a number (序号, 顺序, 更新周期).
CellValue: TypeAlias = str | int


# -- the cells of a record -----------------------------------------------------------------------------


def record_values(record: Record, category: Category, seq: int) -> dict[str, CellValue]:
    """A record's cell values by column key (tick columns: by value)."""
    kinds = {a.kind for a in record.audiences}
    values: dict[str, CellValue] = {
        t.SEQ: seq,
        t.AREA: record.area or category.area,
        t.LEVEL1: category.title,
        t.NAME: record.name,
        t.LEVEL3: record.level3,
        t.CONTENT: cells.content_cell(record.content),
        t.BASIS: cells.basis_cell(record.basis),
        t.TIME_LIMIT: record.time_limit,
        t.SUBJECT: record.subject,
        t.CHANNELS: cells.channels_cell(record.channels),
        t.ID: record.id,
        t.ORDER: record.order if record.order is not None else "",
        t.UPDATED: record.updated,
        t.NOTE: record.note,
        t.CHANNEL_DETAILS: cells.channel_details_cell(record.channels),
        t.BASIS_DETAILS: cells.basis_details_cell(record.basis),
        t.AUDIENCE_DETAILS: cells.audience_details_cell(record.audiences),
    }
    chosen = {t.AUDIENCES: kinds, t.METHODS: set(record.methods), t.LEVELS: set(record.levels)}
    for key, on in chosen.items():
        for value in t.TICK_GROUPS[key][0]:
            values[f"{key}:{value}"] = cells.tick(value in on)
    return values


def _cell(column: t.Column, values: dict[str, CellValue]) -> CellValue:
    return values[f"{column.key}:{column.value}" if column.tick else column.key]


def area_rows(area: Area, columns: tuple[t.Column, ...]) -> Iterator[tuple[Category, list[CellValue]]]:
    """Each record of ``area`` as a row of ``columns``, with its category, numbered from 1."""
    seq = 0
    for category in area.categories:
        for record in category.records:
            seq += 1
            values = record_values(record, category, seq)
            yield category, [_cell(c, values) for c in columns]


# -- CSV ------------------------------------------------------------------------------------------------


def csv_text(catalogue: Catalogue) -> str:
    """All areas in one table: a header row, then a row per record (no BOM: see :func:`csv_bytes`).

    Cells are written by :func:`~generator.exchange.csvcells.csv_cell`: none can run as a formula.
    """
    columns = t.csv_columns()
    rows = (row for area in catalogue.areas for _, row in area_rows(area, columns))
    return csvcells.csv_text(itertools.chain([t.csv_headers()], rows))


def csv_bytes(catalogue: Catalogue) -> bytes:
    """The CSV file: UTF-8 with BOM."""
    return csv_text(catalogue).encode(csvcells.CSV_ENCODING)


# -- xlsx -----------------------------------------------------------------------------------------------

_BODY = Format(border=True, vertical="center", wrap=True)
_CENTRED = Format(border=True, vertical="center", horizontal="center", wrap=True)
_HEADER = Format(bold=True, border=True, vertical="center", horizontal="center", wrap=True)
_GKML_HEADER = Format(
    bold=True, color="595959", fill="EDEDED", border=True, vertical="center", horizontal="center", wrap=True
)
_TITLE = Format(bold=True, size=16, horizontal="center", vertical="center")
_LEGEND = Format(vertical="top", wrap=True)
_BOLD = Format(bold=True)
_CENTRED_KEYS = frozenset({t.SEQ, t.LEVEL1, t.ORDER, t.UPDATED})


def _merged_line(sheet: Sheet, text: str, width: int, style: int) -> None:
    """One row of ``text`` over ``width`` merged columns."""
    sheet.append([text], [style])
    sheet.merge(sheet.row, 1, sheet.row, width)


def _header(book: Workbook, sheet: Sheet, columns: tuple[t.Column, ...]) -> None:
    """Rows 2 and 3: a grouped column's group over its columns, the others over both rows."""
    upper, lower = t.header_rows(columns)
    rows: list[list[CellValue | None]] = [[None] * len(columns), [None] * len(columns)]
    col, below = 0, iter(lower)
    merges = []
    for head in upper:
        rows[0][col] = head.text
        if head.columns > 1 or head.rows > 1:
            merges.append((2, col + 1, 1 + head.rows, col + head.columns))
        if head.rows == 1:
            for i in range(head.columns):
                rows[1][col + i] = next(below).text
        col += head.columns
    plain, gkml = book.style(_HEADER), book.style(_GKML_HEADER)
    styles = [gkml if c.gkml else plain for c in columns]
    for values in rows:
        sheet.append(values, styles)
    for merge in merges:
        sheet.merge(*merge)


def _area_sheet(book: Workbook, name: str, area: Area, bureau: str) -> None:
    columns = t.table_columns(level3=any(r.level3 for r in area.records))
    width = len(columns)
    layout = Layout(
        widths=[c.width for c in columns], heights={1: 36}, frozen_rows=3, title_rows=(2, 3), a3_landscape=True
    )
    with book.sheet(name, layout) as sheet:
        _merged_line(sheet, t.sheet_title(bureau, area.title), width, book.style(_TITLE))
        _header(book, sheet, columns)
        level1 = next(i for i, c in enumerate(columns) if c.key == t.LEVEL1)
        centred, wrapped = book.style(_CENTRED), book.style(_BODY)
        styles = [centred if c.tick or c.key in _CENTRED_KEYS else wrapped for c in columns]
        group_start, group_title = 0, None  # the 一级事项 cell merged over its column's rows
        for category, made in area_rows(area, columns):
            row, values = sheet.row + 1, list[CellValue | None](made)
            if category.title == group_title and group_start:
                values[level1] = None  # inside the merged 一级事项 cell: empty
            else:
                _merge_group(sheet, group_start, row - 1, level1)
                group_start, group_title = row, category.title
            sheet.append(values, styles)
        _merge_group(sheet, group_start, sheet.row, level1)
        legend = book.style(_LEGEND)
        for line in (*t.LEGEND_LINES, t.GKML_NOTE):
            _merged_line(sheet, line, width, legend)


def _merge_group(sheet: Sheet, first: int, end: int, level1: int) -> None:
    """Merge the 一级事项 cells of rows ``first`` to ``end`` (its covered cells are empty and already
    carry the body style; none for a column of one row)."""
    if first and end > first:
        sheet.merge(first, level1 + 1, end, level1 + 1)


def _meta_values(folder: Area | Category) -> list[CellValue]:
    out: list[CellValue] = []
    for spec in META_FIELDS:
        if spec.attr == "title":
            continue
        value = getattr(folder, spec.attr, None)
        out.append("" if value is None else value)
    return out


SETTINGS_INTRO = (
    f"本工作表由 gkml 导出时生成，记录单位信息和网站的领域、栏目设置，供 gkml import 使用；"
    f"向上级报送时可以删除本工作表和列标题带“{t.GKML_SUFFIX}”的列。"
)
SITE_HEADING = "单位设置"
COLUMNS_HEADING = "栏目设置"
SHEET_HEADER = "工作表"


def settings_headers() -> list[str]:
    """The header row of the settings table: 领域, 一级事项, 工作表, then the keys of ``_meta.yaml``."""
    return [t.AREA_HEADER, t.LEVEL_HEADERS[t.LEVEL1], SHEET_HEADER] + [
        spec.key for spec in META_FIELDS if spec.attr != "title"
    ]


def _settings_sheet(book: Workbook, catalogue: Catalogue, sheets: list[str]) -> None:
    with book.sheet(t.SETTINGS_SHEET, Layout(widths=(24, 30, 16, 12, 8, 8, 40))) as sheet:
        bold = book.style(_BOLD)
        sheet.append([SETTINGS_INTRO], [bold])
        sheet.append([])
        sheet.append([SITE_HEADING], [bold])
        for spec in SITE_FIELDS:
            value = getattr(catalogue.site, spec.attr, "")
            if value not in ("", None):
                sheet.append([spec.key, value])
        sheet.append([])
        sheet.append([COLUMNS_HEADING], [bold])
        headers = settings_headers()
        sheet.append(headers, [bold] * len(headers))
        for area, name in zip(catalogue.areas, sheets, strict=True):
            sheet.append([area.title, "", name, *_meta_values(area)])
            for category in area.categories:
                sheet.append([area.title, category.title, "", *_meta_values(category)])


def _stamp(catalogue: Catalogue) -> dt.datetime:
    return dt.datetime.fromisoformat(catalogue.newest_date())


def xlsx_bytes(catalogue: Catalogue) -> bytes:
    """The workbook: one sheet per area in the official layout, then the settings sheet."""
    book = Workbook(_stamp(catalogue))
    taken: set[str] = {t.SETTINGS_SHEET}
    sheets = []
    for area in catalogue.areas:
        name = t.sheet_name(area.title, taken)
        taken.add(name)
        sheets.append(name)
        _area_sheet(book, name, area, catalogue.site.bureau)
    _settings_sheet(book, catalogue, sheets)
    return book.close(creator=catalogue.site.bureau, title=catalogue.site.title)
