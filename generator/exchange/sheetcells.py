"""The text of a sheet's cells as ``gkml import`` reads them, within the limits of a run.

Both readers (:mod:`generator.exchange.xlsxfile` and the CSV reader) hand every cell to one
:class:`SheetCells`, which keeps the cells that hold text and reports, at the cell, what goes
beyond :class:`~generator.model.limits.Limits`:

* a cell with text below row ``import_rows``: reported once; the reader stops there;
* a cell with text right of column ``import_columns``: reported once per sheet, not kept;
* a cell longer than ``cell_chars``: reported, its text cut to the limit (so the row does not
  also read as empty).

Empty cells cost nothing: a sheet formatted down to row 1,048,576 or across to column XFD
keeps only the rows and columns that hold text.
"""

from __future__ import annotations

import datetime as dt

from generator.check.diagnostics import Diagnostic, column_letter, make_cell
from generator.exchange import table as t
from generator.model.limits import Limits, format_limit


def cell_text(value: object) -> str:
    """A cell's value as the text a person sees (dates as YYYY-MM-DD, 3.0 as 3)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return t.TICK if value else ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value).replace("_x000D_", "").replace("\r\n", "\n").replace("\r", "\n")


def _limit(key: str, value: int) -> dict[str, str]:
    """The values a limit's message shows: the limit, its key and an example of raising it."""
    return {"limit": format_limit(key, value), "key": key, "example": format_limit(key, 2 * value)}


class SheetCells:
    """The text of one sheet's cells (or a CSV file's), kept within ``limits``; ``problems`` says what was not."""

    def __init__(self, file: str, sheet: str, order: int, limits: Limits) -> None:
        self.file, self.sheet, self.order, self.limits = file, sheet, order, limits
        self.problems: list[Diagnostic] = []
        self.full = False  #: a row below the limit holds text: nothing more is read
        self._cells: dict[int, dict[int, str]] = {}
        self._wide = False

    def _at(self, code: str, row: int, column: int, **values: object) -> Diagnostic:
        return make_cell(
            code,
            self.file,
            self.sheet,
            row,
            column,
            path="",
            sheet_index=self.order,
            element="",
            severity=None,
            **values,
        )

    def add(self, row: int, column: int, text: str, length: int | None = None) -> None:
        """The cell at ``row``, ``column`` (from 1) holds ``text``; ``length`` is its full length
        when the reader kept only the start of a very long text."""
        if self.full or not text.strip():
            return
        limits = self.limits
        if row > limits.import_rows:
            self.full = True
            rows = limits.import_rows
            self.problems.append(self._at("sheet-too-many-rows", row, column, **_limit("import_rows", rows)))
            return
        if column > limits.import_columns:
            if not self._wide:
                self._wide = True
                last = column_letter(limits.import_columns)
                found = _limit("import_columns", limits.import_columns)
                self.problems.append(self._at("sheet-too-many-columns", row, column, last=last, **found))
            return
        length = max(length or 0, len(text))
        if length > limits.cell_chars:
            found = _limit("cell_chars", limits.cell_chars)
            self.problems.append(self._at("cell-too-long", row, column, length=f"{length:,}", **found))
            text = text[: limits.cell_chars]
        self._cells.setdefault(row, {})[column] = text

    @property
    def height(self) -> int:
        """The last row with text (0 when none)."""
        return max(self._cells, default=0)

    @property
    def width(self) -> int:
        """The last column with text (0 when none)."""
        return max((max(row) for row in self._cells.values()), default=0)

    def rows(self) -> list[list[str]]:
        """Every row up to the last with text, each up to its last cell with text ("" for an empty cell)."""
        out: list[list[str]] = []
        for number in range(1, self.height + 1):
            row = self._cells.get(number, {})
            out.append([row.get(column, "") for column in range(1, max(row, default=0) + 1)])
        return out
