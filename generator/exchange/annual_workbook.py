"""年度报告 as a workbook (.xlsx): the tables of part 二 in the national layout, the documents the
figures count, and the other statistics (:mod:`generator.exchange.annual` makes the figures).

Sheets: ``主动公开政府信息情况`` (the four tables of 条例第二十条, each under its clause, a figure
gkml cannot know as the text :data:`~generator.exchange.annual.TO_FILL` on a yellow cell, never 0),
``计入的文件`` and ``其他统计`` (only when entries were published in the year). The bytes are the same
for the same catalogue and year: the workbook is dated with the catalogue's newest change, as
the catalogue's own export (:mod:`generator.exchange.export`).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

from generator.exchange.annual import (
    OTHER_PARTS,
    OTHER_TABLES,
    PART_TWO,
    POLICY_CLAUSE,
    POLICY_COLUMNS,
    TO_FILL,
    AnnualFigures,
    notes,
    policy_cells,
    remark,
    title,
)
from generator.model.entries import INTERPRETATION, Entry

MAIN_SHEET = "主动公开政府信息情况"
COUNTED_SHEET = "计入的文件"
OTHERS_SHEET = "其他统计"
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_WRAP = Alignment(vertical="center", wrap_text=True)
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_TO_FILL = PatternFill("solid", fgColor="FFF2CC")
_WIDTH = 4  #: columns of the main sheet: 信息内容 and the three figures of 第二十条第（一）项

Value = str | int


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


def _put(ws: Worksheet, row: int, col: int, value: Value, *, bold: bool = False, border: bool = True) -> None:
    cell = ws.cell(row, col, ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text that looks like a formula stays text
    cell.alignment = _CENTRE if border else _WRAP
    if border:
        cell.border = _BORDER
    if bold:
        cell.font = _BOLD
    if value == TO_FILL:
        cell.fill = _TO_FILL


def _line(ws: Worksheet, row: int, text: str, *, font: Font | None = None, width: int = _WIDTH) -> int:
    """A line of text across the sheet's table; the next row."""
    _put(ws, row, 1, text, border=False)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    if font is not None:
        ws.cell(row, 1).font = font
    return row + 1


def _row(ws: Worksheet, row: int, values: Sequence[Value], *, bold: bool = False) -> int:
    """A row of the table; the last value spans the columns left (``本年处理决定数量`` over three)."""
    for col, value in enumerate(values, start=1):
        _put(ws, row, col, value, bold=bold)
    if len(values) < _WIDTH:
        for col in range(len(values) + 1, _WIDTH + 1):
            ws.cell(row, col).border = _BORDER
        ws.merge_cells(start_row=row, start_column=len(values), end_row=row, end_column=_WIDTH)
    return row + 1


def _clause(ws: Worksheet, row: int, clause: str) -> int:
    _put(ws, row, 1, clause, bold=True)
    for col in range(2, _WIDTH + 1):
        ws.cell(row, col).border = _BORDER
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=_WIDTH)
    return row + 1


def _main_sheet(ws: Worksheet, figures: AnnualFigures) -> None:
    row = _line(ws, 1, title(figures), font=_TITLE)
    ws.row_dimensions[1].height = 36
    for note in notes(figures):
        ws.row_dimensions[row].height = 45
        row = _line(ws, row, note)
    row = _line(ws, row + 1, PART_TWO, font=_BOLD)
    row = _clause(ws, row, POLICY_CLAUSE)
    row = _row(ws, row, POLICY_COLUMNS, bold=True)
    for policy in figures.rows:
        cells = [TO_FILL if value is None else value for value in policy_cells(figures, policy)]
        row = _row(ws, row, [policy.label, *cells])
    for clause, header, labels in OTHER_TABLES:
        row = _clause(ws, row, clause)
        row = _row(ws, row, ("信息内容", header), bold=True)
        for label in labels:
            row = _row(ws, row, (label, TO_FILL))
    row += 1
    row = _line(ws, row, f"标“{TO_FILL}”的数字 gkml 无法得知（不是 0），请从审批、执法和财务系统中取得后填写。")
    row = _line(ws, row, "年度报告的其他部分（需另行填写）：", font=_BOLD)
    for part, source in OTHER_PARTS:
        row = _line(ws, row, f"{part}：{source}。")
    for col, width in enumerate((28, 18, 18, 18), start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = 9  # A4


def _counted_sheet(ws: Worksheet, figures: AnnualFigures) -> None:
    header = ("信息内容", "数字", "发布日期", "标题", "文号", "发布机构", "有效性", "有效性日期", "id", "备注")
    for col, text in enumerate(header, start=1):
        _put(ws, 1, col, text, bold=True)
    row = 2
    for policy in figures.rows:
        for name, counted in (
            ("本年制发", policy.issued),
            ("本年废止", policy.repealed),
            ("现行有效", policy.in_force),
        ):
            for entry in counted:
                note = remark(entry, figures.year) if name == "本年制发" else ""
                values = (policy.label, name, *_entry_cells(entry), note)
                for col, value in enumerate(values, start=1):
                    _put(ws, row, col, value)
                    ws.cell(row, col).alignment = _WRAP
                row += 1
    for col, width in enumerate((16, 10, 12, 48, 24, 28, 10, 12, 22, 36), start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(row - 1, 1)}"


def _entry_cells(entry: Entry) -> tuple[str, ...]:
    validity = entry.validity
    return (entry.published, entry.title, entry.doc_no, entry.publisher, validity.state, validity.date, entry.id)


def _others_sheet(ws: Worksheet, figures: AnnualFigures) -> None:
    year = figures.year
    _put(ws, 1, 1, "类别", bold=True)
    _put(ws, 1, 2, f"{year} 年发布的公开信息（条）", bold=True)
    row = 2
    for category, count in [*figures.by_category(), ("合计", len(figures.published))]:
        _put(ws, row, 1, category)
        _put(ws, row, 2, count)
        row += 1
    row += 1
    _put(ws, row, 1, "政策文件和解读", bold=True)
    _put(ws, row, 2, "数量", bold=True)
    interpretations = sum(1 for e in figures.published if e.category == INTERPRETATION)
    for text, count in (
        (f"{year} 年发布的政策文件（规章、规范性文件、其他政策文件）", len(figures.policies)),
        ("其中有政策解读的", len(figures.interpreted)),
        (f"{year} 年发布的政策解读", interpretations),
    ):
        row += 1
        _put(ws, row, 1, text)
        _put(ws, row, 2, count)
    ws.column_dimensions["A"].width = 52
    ws.column_dimensions["B"].width = 24


def annual_xlsx(figures: AnnualFigures, stamp: dt.datetime) -> bytes:
    """The workbook of ``figures``, dated ``stamp`` (the catalogue's newest change: the same bytes
    for the same catalogue)."""
    wb = Workbook()
    _main_sheet(wb.worksheets[0], figures)
    wb.worksheets[0].title = MAIN_SHEET
    if figures.known:
        _counted_sheet(wb.create_sheet(COUNTED_SHEET), figures)
        _others_sheet(wb.create_sheet(OTHERS_SHEET), figures)
    wb.properties.creator = figures.bureau
    wb.properties.title = title(figures)
    wb.properties.created = stamp
    buffer = io.BytesIO()
    wb.save(buffer)
    wb.properties.modified = stamp  # saving set it to the time of saving
    return _fixed_dates(buffer.getvalue(), stamp, tostring(wb.properties.to_tree()))
