"""A legacy Excel workbook (.xls, BIFF8 as Excel 97–2003 and WPS save it) as sheets of cell texts.

Read with xlrd (pure Python, the reference reader of the format for twenty years, now kept for
.xls only): ``formatting_info`` for the merged ranges (the 一级事项 over its items), each cell's
text through :class:`~generator.exchange.sheetcells.SheetCells`, so the run's limits apply as
for a .xlsx (the file itself went through the file gate, whose size limit bounds what xlrd
holds in memory). A damaged or encrypted file is a located diagnostic, never a traceback.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import xlrd

from generator.check.diagnostics import Diagnostic, make_cell
from generator.exchange.sheetcells import SheetCells, cell_text
from generator.model.limits import Limits


@dataclass
class XlsSheet:
    """One worksheet: its name, position, rows of cell texts and merged ranges (1-based, inclusive)."""

    name: str
    order: int
    rows: list[list[str]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  #: (top, left, bottom, right)


def _text(book: xlrd.book.Book, cell: xlrd.sheet.Cell) -> str:
    """A cell's value as the text a person sees (dates as YYYY-MM-DD, 3.0 as 3)."""
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            value: object = xlrd.xldate_as_datetime(float(cell.value), book.datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            value = cell.value
        if isinstance(value, dt.datetime) and value.time() == dt.time():
            value = value.date()
        return cell_text(value)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return cell_text(bool(cell.value))
    if cell.ctype in (xlrd.XL_CELL_ERROR, xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    return cell_text(cell.value)


def read_xls(raw: bytes, shown: str, limits: Limits) -> tuple[list[XlsSheet], list[Diagnostic]]:
    """Every worksheet of the .xls ``raw``, within ``limits``; problems located at the file or cell."""
    try:
        book = xlrd.open_workbook(file_contents=raw, formatting_info=True, on_demand=True, logfile=_Quiet())
    except Exception as error:  # xlrd raises many kinds for damaged files: each is said the same way
        return [], [make_cell("file-not-xls", shown, reason=f"无法按 .xls 格式读取（{type(error).__name__}）")]
    sheets: list[XlsSheet] = []
    problems: list[Diagnostic] = []
    try:
        for order in range(book.nsheets):
            sheet = book.sheet_by_index(order)
            found = SheetCells(shown, sheet.name, order, limits)
            for r in range(sheet.nrows):
                for c in range(min(sheet.ncols, limits.import_columns + 1)):
                    text = _text(book, sheet.cell(r, c))
                    if text:
                        found.add(r + 1, c + 1, text)
                if found.full:
                    break
            merges = [(r0 + 1, c0 + 1, r1, c1) for r0, r1, c0, c1 in sheet.merged_cells if r1 > r0 and c1 > c0]
            sheets.append(XlsSheet(sheet.name, order, found.rows(), merges))
            problems += found.problems
            book.unload_sheet(order)
    except Exception as error:  # a sheet damaged past its header
        problems.append(make_cell("file-not-xls", shown, reason=f"工作表已损坏（{type(error).__name__}）"))
    finally:
        book.release_resources()
    return sheets, problems


class _Quiet:
    """xlrd's log, kept off the terminal (it prints warnings about odd records of real files)."""

    def write(self, text: str) -> int:
        return len(text)
