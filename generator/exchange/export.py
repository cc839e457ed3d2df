"""Catalogue → the official Excel table (.xlsx bytes) and CSV.

The workbook has one sheet per area in the national layout (title line, two header rows,
the 一级事项 cells merged over their items, ●/〇 and ■/□ marks, √ columns, the legend lines
under the table), ready to print on A3 landscape and submit, followed by gkml's own columns
and a ``目录设置（gkml）`` sheet (the bureau, and each area's and column's settings) that a
bureau may delete before submitting (see :mod:`generator.exchange.table`).

The bytes are the same for the same catalogue: the document's dates and every zip entry's
date are the catalogue's newest 更新日期 (openpyxl would write the time of saving).

The CSV is the same table for all areas in one file: a 领域 column first, one header row
(``公开对象/全社会`` for the grouped columns), 一级事项 on every row; UTF-8 with BOM, so Excel
opens it as UTF-8; a cell a spreadsheet would run as a formula begins with a quote
(:mod:`generator.exchange.csvcells`).
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import zipfile
from collections.abc import Iterator
from copy import copy
from typing import TypeAlias

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

from generator.exchange import cells, csvcells
from generator.exchange import table as t
from generator.model.records import META_FIELDS, SITE_FIELDS, Area, Catalogue, Category, Record

CSV_ENCODING = "utf-8-sig"  #: UTF-8 with BOM: what Excel needs to read a CSV as UTF-8
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
    return csv_text(catalogue).encode(CSV_ENCODING)


# -- xlsx -----------------------------------------------------------------------------------------------

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="center")
_CENTRE = Alignment(wrap_text=True, vertical="center", horizontal="center")
_HEADER_FONT = Font(bold=True)
_GKML_FONT = Font(bold=True, color="595959")
_GKML_FILL = PatternFill("solid", fgColor="EDEDED")
_TITLE_FONT = Font(bold=True, size=16)
_CENTRED_KEYS = frozenset({t.SEQ, t.LEVEL1, t.ORDER, t.UPDATED})
_PAPER_A3 = 8


def _text(value: CellValue | None) -> CellValue | None:
    """A cell value Excel can hold (control characters dropped)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _put(ws: Worksheet, row: int, col: int, value: CellValue | None) -> None:
    cell = ws.cell(row, col, _text(value))
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text that looks like a formula stays text


def _header(ws: Worksheet, columns: tuple[t.Column, ...]) -> None:
    """Rows 2 and 3: a grouped column's group over its columns, the others over both rows."""
    upper, lower = t.header_rows(columns)
    col, below = 1, iter(lower)
    for head in upper:
        _put(ws, 2, col, head.text)
        if head.columns > 1 or head.rows > 1:
            ws.merge_cells(start_row=2, start_column=col, end_row=1 + head.rows, end_column=col + head.columns - 1)
        if head.rows == 1:
            for i in range(head.columns):
                _put(ws, 3, col + i, next(below).text)
        col += head.columns
    for row in (2, 3):
        for i, column in enumerate(columns, start=1):
            cell = ws.cell(row, i)
            cell.font = _GKML_FONT if column.gkml else _HEADER_FONT
            if column.gkml:
                cell.fill = _GKML_FILL
            cell.alignment = _CENTRE
            cell.border = _BORDER


def _styled(ws: Worksheet, alignment: Alignment) -> StyleArray:
    """The style of a body cell with ``alignment`` and the table border, made once per sheet."""
    row = ws.max_row + 1
    cell = ws.cell(row, 1)
    cell.border, cell.alignment = _BORDER, alignment
    style: StyleArray = copy(cell._style)  # type: ignore[union-attr]  # the stubs leave out the private _style slot
    del ws._cells[(row, 1)]  # only its style was wanted
    return style


def _area_sheet(ws: Worksheet, area: Area, bureau: str) -> None:
    columns = t.table_columns(level3=any(r.level3 for r in area.records))
    last = get_column_letter(len(columns))
    _put(ws, 1, 1, t.sheet_title(bureau, area.title))
    ws.merge_cells(f"A1:{last}1")
    ws["A1"].font = _TITLE_FONT
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 36
    _header(ws, columns)
    row = 4
    level1 = next(i for i, c in enumerate(columns, start=1) if c.key == t.LEVEL1)
    # Every body cell has one of two styles. Setting border and alignment cell by cell makes
    # openpyxl hash the style objects each time (seconds for a few thousand rows); the style
    # of a prepared cell is copied instead.
    centred, wrapped = (_styled(ws, alignment) for alignment in (_CENTRE, _WRAP))
    groups: list[tuple[int, int]] = []
    for category, values in area_rows(area, columns):
        if groups and ws.cell(groups[-1][0], level1).value == category.title and groups[-1][1] == row - 1:
            groups[-1] = (groups[-1][0], row)
        else:
            groups.append((row, row))
        for col, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            inside_merged = col == level1 and groups[-1][0] != row  # inside the merged 一级事项 cell: empty
            _put(ws, row, col, None if inside_merged else value)
            style = centred if column.tick or column.key in _CENTRED_KEYS else wrapped
            ws.cell(row, col)._style = copy(style)  # type: ignore[union-attr]  # the stubs leave out _style
        row += 1
    for first, end in groups:
        if end > first:
            # Registered directly: merge_cells() would also restyle every covered cell (seconds for
            # large columns); these cells are empty and already carry the body style.
            ws.merged_cells.add(CellRange(min_col=level1, min_row=first, max_col=level1, max_row=end))
    for line in (*t.LEGEND_LINES, t.GKML_NOTE):
        _put(ws, row, 1, line)
        ws.merge_cells(f"A{row}:{last}{row}")
        ws.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    for i, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = column.width
    ws.freeze_panes = "A4"
    ws.print_title_rows = "2:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = _PAPER_A3
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


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


def _settings_sheet(ws: Worksheet, catalogue: Catalogue, sheets: list[str]) -> None:
    _put(ws, 1, 1, SETTINGS_INTRO)
    ws.cell(1, 1).font = Font(bold=True)
    _put(ws, 3, 1, SITE_HEADING)
    ws.cell(3, 1).font = _HEADER_FONT
    row = 4
    for spec in SITE_FIELDS:
        value = getattr(catalogue.site, spec.attr, "")
        if value not in ("", None):
            _put(ws, row, 1, spec.key)
            _put(ws, row, 2, value)
            row += 1
    row += 1
    _put(ws, row, 1, COLUMNS_HEADING)
    ws.cell(row, 1).font = _HEADER_FONT
    row += 1
    for col, text in enumerate(settings_headers(), start=1):
        _put(ws, row, col, text)
        ws.cell(row, col).font = _HEADER_FONT
    for area, sheet in zip(catalogue.areas, sheets, strict=True):
        row += 1
        for col, value in enumerate([area.title, "", sheet, *_meta_values(area)], start=1):
            _put(ws, row, col, value)
        for category in area.categories:
            row += 1
            for col, value in enumerate([area.title, category.title, "", *_meta_values(category)], start=1):
                _put(ws, row, col, value)
    for col, width in enumerate((24, 30, 16, 12, 8, 8, 40), start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def _stamp(catalogue: Catalogue) -> dt.datetime:
    return dt.datetime.fromisoformat(catalogue.newest_date())


def _fixed_dates(data: bytes, stamp: dt.datetime, core: bytes) -> bytes:
    """The workbook's zip with every entry dated ``stamp`` and ``core`` as its document properties."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, core if info.filename == "docProps/core.xml" else src.read(info))
    return out.getvalue()


def xlsx_bytes(catalogue: Catalogue) -> bytes:
    """The workbook: one sheet per area in the official layout, then the settings sheet."""
    wb = Workbook()
    wb.remove(wb.worksheets[0])  # the empty sheet a new workbook starts with
    taken: set[str] = {t.SETTINGS_SHEET}
    sheets = []
    for area in catalogue.areas:
        name = t.sheet_name(area.title, taken)
        taken.add(name)
        sheets.append(name)
        _area_sheet(wb.create_sheet(name), area, catalogue.site.bureau)
    _settings_sheet(wb.create_sheet(t.SETTINGS_SHEET), catalogue, sheets)
    stamp = _stamp(catalogue)
    wb.properties.creator = catalogue.site.bureau
    wb.properties.title = catalogue.site.title
    wb.properties.created = stamp
    buffer = io.BytesIO()
    wb.save(buffer)
    wb.properties.modified = stamp  # saving set it to the time of saving
    return _fixed_dates(buffer.getvalue(), stamp, tostring(wb.properties.to_tree()))
