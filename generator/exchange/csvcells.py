"""CSV cells as gkml writes and reads them: text a spreadsheet cannot take for a formula.

Excel, WPS and LibreOffice run a CSV cell that begins with ``=``, ``+``, ``-`` or ``@`` (and, in
some versions, a tab or a carriage return) as a formula: ``=HYPERLINK(…)`` or a DDE payload in a
published download would run on the reader's computer. :func:`csv_cell` writes such a cell with a
single quote in front (the OWASP advice), which spreadsheets show as text; a cell that itself
begins with a quote gets one more, so that :func:`cell_from_csv` knows which quote it added.
Every CSV gkml writes goes through :func:`csv_text`, and ``gkml import`` reads every CSV cell
through :func:`cell_from_csv`: the round trip gives back ``-同上`` or ``+补充说明`` unchanged.

Numbers (序号, 顺序) are written as numbers: ``-3`` is a number to a spreadsheet, not a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

#: What a spreadsheet runs as a formula when a cell begins with it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: What makes a spreadsheet take the rest of the cell as text.
QUOTE = "'"
#: Line ends of the CSV gkml writes (what Excel writes).
LINE_END = "\r\n"
#: Encoding of the CSV gkml writes: UTF-8 with BOM, what Excel needs to read a CSV as UTF-8.
CSV_ENCODING = "utf-8-sig"


def csv_cell(value: str | int) -> str:
    """The text of a CSV cell holding ``value``: a quote in front of text that begins like a formula
    or with a quote; numbers as they are."""
    if isinstance(value, int):
        return str(value)
    return QUOTE + value if value.startswith((*FORMULA_STARTS, QUOTE)) else value


def cell_from_csv(text: str) -> str:
    """The value :func:`csv_cell` wrote as ``text`` (the quote it added taken off; other text as it is)."""
    if text.startswith(QUOTE) and text[1:].startswith((*FORMULA_STARTS, QUOTE)):
        return text[1:]
    return text


def csv_text(rows: Iterable[Sequence[str | int]]) -> str:
    """``rows`` as CSV text, every cell written by :func:`csv_cell`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=LINE_END)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return out.getvalue()
