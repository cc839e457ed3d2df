"""``gkml import`` of an exported official table with cell-level mutations of the kinds real copies show
(issue 18): marks removed, changed or written as text, spaces and line breaks in headers and cells,
bracket widths, two columns swapped, merges lost. Hypothesis, seeded and capped.

Whatever the mutation: no traceback; every piece of text of every data cell is found in the records
written, in the messages or in the report (nothing lost); no level, method or audience that neither
the row nor its standard item gives, unless a message says how it was read (nothing invented);
the report's figures add up.
"""

from __future__ import annotations

import io
import tempfile
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from generator.exchange import export, importer, migration
from generator.load.catalogue import load_catalogue

from .helpers import CATALOGUE
from .test_import_fixtures import _remember, imported, invented, lost_text

#: Data rows of the official table kept (the first area's first rows: enough for merges and every mark).
ROWS = 8


@dataclass
class Table:
    rows: list[list[str | None]]
    merges: list[tuple[int, int, int, int]]


def official_table() -> Table:
    """The example catalogue's first area as gkml exports it, without gkml's own columns."""
    catalogue, _ = load_catalogue(CATALOGUE, git_dates=False)
    assert catalogue is not None
    ws = load_workbook(io.BytesIO(export.xlsx_bytes(catalogue))).worksheets[0]
    width = next(c for c in range(1, ws.max_column + 1) if str(ws.cell(2, c).value or "").endswith("（gkml）")) - 1
    last = 3 + ROWS
    rows = [
        [None if ws.cell(r, c).value is None else str(ws.cell(r, c).value) for c in range(1, width + 1)]
        for r in range(1, last + 1)
    ]
    merges = []
    for m in ws.merged_cells.ranges:
        top, left, bottom, right = m.min_row, m.min_col, min(m.max_row, last), min(m.max_col, width)
        if top <= last and left <= width and (bottom > top or right > left):
            merges.append((top, left, bottom, right))
    return Table(rows, merges)


BASE = official_table()
DATA = range(4, len(BASE.rows) + 1)
COLUMNS = range(1, len(BASE.rows[2]) + 1)

#: (what, row, column, choice) — one mutation of one cell or of the table.
MUTATION = st.tuples(
    st.sampled_from(["marks", "tick-text", "ticks-gone", "space", "brackets", "swap", "merge-lost", "half-punct"]),
    st.sampled_from(list(DATA)),
    st.sampled_from(list(COLUMNS)),
    st.integers(0, 5),
)


def mutated(mutations: list[tuple[str, int, int, int]]) -> Table:
    rows = [list(r) for r in BASE.rows]
    merges = list(BASE.merges)
    for what, row, col, choice in mutations:
        text = rows[row - 1][col - 1]
        if what == "marks" and text:
            old, new = [("●", ""), ("〇", "○"), ("■", ""), ("□", "▲"), ("●", "◆"), ("■", "")][choice]
            rows[row - 1][col - 1] = text.replace(old, new)
        elif what == "tick-text" and text == "√":
            header = rows[2][col - 1] or ""
            rows[row - 1][col - 1] = [header, f"{header}公开", "是", "有时", "√", "州级"][choice]
        elif what == "ticks-gone":
            rows[row - 1] = [None if c == "√" else c for c in rows[row - 1]]
        elif what == "space" and text:
            header_row = 1 + choice % 2 + 1  # a header cell or this cell
            target = (header_row, col) if choice < 2 else (row, col)
            value = rows[target[0] - 1][target[1] - 1]
            if value and len(value) > 1:
                sep = [" ", "\n", "\u3000"][choice % 3]
                rows[target[0] - 1][target[1] - 1] = value[:1] + sep + value[1:]
        elif what == "brackets" and text:
            rows[row - 1][col - 1] = text.replace("（", "(").replace("）", ")")
        elif what == "half-punct" and text:
            rows[row - 1][col - 1] = text.replace("，", ",").replace("；", ";").replace("：", ":")
        elif what == "swap":
            other = 4 + choice  # 公开内容 … 公开渠道: columns of one header cell over two rows
            if col != other and 4 <= col <= 8:
                for r in rows:
                    r[col - 1], r[other - 1] = r[other - 1], r[col - 1]
        elif what == "merge-lost":
            merges = [m for m in merges if not (m[1] == 2 and m[0] >= 4)]
    return Table(rows, merges)


def xlsx(table: Table, path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "保障性住房"
    for r, row in enumerate(table.rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(r, c, value).data_type = "s"
    for top, left, bottom, right in table.merges:
        ws.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)
    wb.save(path)


@seed(20_261_203)
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(mutations=st.lists(MUTATION, min_size=1, max_size=6))
def test_mutated_official_table_loses_nothing_and_invents_nothing(mutations: list[tuple[str, int, int, int]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "目录.xlsx"
        xlsx(mutated(mutations), path)
        parsed, plan, rendered = imported(path, Path(tmp) / "catalogue")
        assert lost_text(path, rendered) == []
        _remember(path)
        messages = "\n".join(p.format() for p in parsed.problems + plan.problems)
        assert invented(parsed, messages) == []
        report = migration.file_report(parsed, plan, parsed.problems + plan.problems)
        assert report.rows_read == report.records + report.unnamed + report.notes + report.failed
        assert report.records == report.written + report.unchanged + report.conflicts + report.refused


def test_the_unmutated_table_imports_whole(tmp_path: Path) -> None:
    path = tmp_path / "目录.xlsx"
    xlsx(BASE, path)
    parsed, plan, rendered = imported(path, tmp_path / "catalogue")
    assert len(parsed.items) == ROWS and len(plan.writes) > ROWS
    assert lost_text(path, rendered) == []
    assert not [p for p in parsed.problems if p.code.startswith("import-")]
    assert isinstance(importer.read_file(path, lenient=False), importer.Parsed)
