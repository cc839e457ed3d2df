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
from typing import Any, TypeAlias

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.xml.functions import tostring

from generator.exchange import cells, csvcells
from generator.exchange import table as t
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


class _Sheet:
    """A sheet written row by row (openpyxl's write-only mode: a row is turned into XML as it is
    appended, not kept), laid out like a sheet of the ordinary mode: cells with their styles, merged
    ranges (their covered cells styled as openpyxl's ``merge_cells`` styles them), column widths and
    row heights, which must be set before the first row is appended."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws  #: a WriteOnlyWorksheet (openpyxl's stubs leave out what it copies from Worksheet)
        self.row = 0  #: the last row appended
        self._styles: dict[tuple[object, ...], StyleArray] = {}

    def style(
        self,
        *,
        font: Font | None = None,
        fill: PatternFill | None = None,
        alignment: Alignment | None = None,
        border: Border | None = None,
    ) -> StyleArray:
        """The style array of a cell with these attributes (made once per sheet: setting them on each
        cell makes openpyxl hash the style objects each time)."""
        key = (font, fill, alignment, border)
        found = self._styles.get(key)
        if found is None:
            cell = WriteOnlyCell(self.ws)
            if font is not None:
                cell.font = font
            if fill is not None:
                cell.fill = fill
            if alignment is not None:
                cell.alignment = alignment
            if border is not None:
                cell.border = border
            found = self._styles[key] = copy(cell._style)  # type: ignore[attr-defined]
        return found

    def cell(self, value: CellValue | None, style: StyleArray | None = None) -> Cell:
        """A cell of ``value`` (text that looks like a formula stays text) with ``style``."""
        cell = WriteOnlyCell(self.ws, _text(value))
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"
        if style is not None:
            cell._style = copy(style)  # type: ignore[attr-defined]
        return cell

    def append(self, cells: list[Cell | None]) -> None:
        self.ws.append(cells)
        self.row += 1

    def merge(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        self.ws.merged_cells.add(CellRange(min_col=first_col, min_row=first_row, max_col=last_col, max_row=last_row))


def _merged_line(sheet: _Sheet, text: str, width: int, style: StyleArray, edge: StyleArray) -> None:
    """One row of ``text`` over ``width`` merged columns; the covered cells styled as ``merge_cells``
    leaves them (``edge``: the border openpyxl copies from the first cell, i.e. none)."""
    sheet.append([sheet.cell(text, style), *(sheet.cell(None, edge) for _ in range(width - 1))])
    sheet.merge(sheet.row, 1, sheet.row, width)


def _header(sheet: _Sheet, columns: tuple[t.Column, ...]) -> None:
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
    plain = sheet.style(font=_HEADER_FONT, alignment=_CENTRE, border=_BORDER)
    gkml = sheet.style(font=_GKML_FONT, fill=_GKML_FILL, alignment=_CENTRE, border=_BORDER)
    for values in rows:
        sheet.append([sheet.cell(v, gkml if c.gkml else plain) for v, c in zip(values, columns, strict=True)])
    for merge in merges:
        sheet.merge(*merge)


def _area_sheet(ws: Any, area: Area, bureau: str) -> None:
    columns = t.table_columns(level3=any(r.level3 for r in area.records))
    width = len(columns)
    for i, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = column.width
    ws.row_dimensions[1].height = 36
    ws.freeze_panes = "A4"
    ws.print_title_rows = "2:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = _PAPER_A3
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet = _Sheet(ws)
    edge = sheet.style(border=Border())
    title = sheet.style(font=_TITLE_FONT, alignment=Alignment(horizontal="center", vertical="center"))
    _merged_line(sheet, t.sheet_title(bureau, area.title), width, title, edge)
    _header(sheet, columns)
    level1 = next(i for i, c in enumerate(columns) if c.key == t.LEVEL1)
    centred, wrapped = sheet.style(alignment=_CENTRE, border=_BORDER), sheet.style(alignment=_WRAP, border=_BORDER)
    styles = [centred if c.tick or c.key in _CENTRED_KEYS else wrapped for c in columns]
    group_start, group_title = 0, None  # the 一级事项 cell merged over its column's rows
    for category, made in area_rows(area, columns):
        row, values = sheet.row + 1, list[CellValue | None](made)
        if category.title == group_title and group_start:
            values[level1] = None  # inside the merged 一级事项 cell: empty
        else:
            _merge_group(sheet, group_start, row - 1, level1)
            group_start, group_title = row, category.title
        sheet.append([sheet.cell(v, s) for v, s in zip(values, styles, strict=True)])
    _merge_group(sheet, group_start, sheet.row, level1)
    legend = sheet.style(alignment=Alignment(wrap_text=True, vertical="top"))
    for line in (*t.LEGEND_LINES, t.GKML_NOTE):
        _merged_line(sheet, line, width, legend, edge)


def _merge_group(sheet: _Sheet, first: int, end: int, level1: int) -> None:
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


def _settings_sheet(ws: Any, catalogue: Catalogue, sheets: list[str]) -> None:
    for col, width in enumerate((24, 30, 16, 12, 8, 8, 40), start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    sheet = _Sheet(ws)
    bold, header = sheet.style(font=Font(bold=True)), sheet.style(font=_HEADER_FONT)
    sheet.append([sheet.cell(SETTINGS_INTRO, bold)])
    sheet.append([])
    sheet.append([sheet.cell(SITE_HEADING, header)])
    for spec in SITE_FIELDS:
        value = getattr(catalogue.site, spec.attr, "")
        if value not in ("", None):
            sheet.append([sheet.cell(spec.key), sheet.cell(value)])
    sheet.append([])
    sheet.append([sheet.cell(COLUMNS_HEADING, header)])
    sheet.append([sheet.cell(text, header) for text in settings_headers()])
    for area, name in zip(catalogue.areas, sheets, strict=True):
        sheet.append([sheet.cell(v) for v in [area.title, "", name, *_meta_values(area)]])
        for category in area.categories:
            sheet.append([sheet.cell(v) for v in [area.title, category.title, "", *_meta_values(category)]])


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
    wb = Workbook(write_only=True)  # each row becomes XML as it is made: the sheets are never held whole
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
