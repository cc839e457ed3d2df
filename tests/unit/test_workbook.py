"""The streaming workbook writer: what a spreadsheet program reads back (openpyxl stands in for it)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from generator.exchange.workbook import Format, Layout, Workbook, column_letter

STAMP = dt.datetime(2026, 3, 5)


def _book(rows: list[list[str | int | None]], layout: Layout | None = None, fmt: Format | None = None) -> object:
    book = Workbook(STAMP)
    style = book.style(fmt) if fmt else 0
    with book.sheet("表", layout or Layout(widths=(10, 20))) as sheet:
        for row in rows:
            sheet.append(row, [style] * len(row))
    return load_workbook(io.BytesIO(book.close(creator="示例县住房和城乡建设局", title="目录")))


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("a < b & c > d", "a < b & c > d"),
        ("引号\"和'撇号", "引号\"和'撇号"),
        ("  前后空格  ", "  前后空格  "),
        ("第一行\n第二行", "第一行\n第二行"),
        ("控制\x01字符\x1f", "控制字符"),
        ("=SUM(A1:A2)", "=SUM(A1:A2)"),
        ("𠀀扩展字", "𠀀扩展字"),
        (12, 12),
    ],
)
def test_a_cell_reads_back_as_written(written: str | int, read: str | int) -> None:
    ws = _book([[written]]).active  # type: ignore[attr-defined]
    assert ws["A1"].value == read
    assert ws["A1"].data_type == ("n" if isinstance(read, int) else "s")  # a formula-like text stays text


def test_an_empty_cell_is_written_only_when_it_has_a_format() -> None:
    ws = _book([["a", None, ""]], fmt=Format(border=True)).active  # type: ignore[attr-defined]
    assert [c.value for c in ws[1]] == ["a", None, None]
    assert all(c.border.left.style == "thin" for c in ws[1])


def test_formats_layout_and_printing_are_what_the_sheet_asked_for() -> None:
    layout = Layout(widths=(5, 30), heights={1: 36}, frozen_rows=3, title_rows=(2, 3), a3_landscape=True)
    fmt = Format(bold=True, size=16, color="595959", fill="EDEDED", horizontal="center", vertical="top", wrap=True)
    book = _book([["标题"], ["x", "y"], ["z", 1], ["w", 2]], layout, fmt)
    ws = book.active  # type: ignore[attr-defined]
    cell = ws["A1"]
    assert (cell.font.b, cell.font.sz, cell.font.color.rgb[-6:]) == (True, 16, "595959")
    assert (cell.fill.fill_type, cell.fill.fgColor.rgb[-6:]) == ("solid", "EDEDED")
    assert (cell.alignment.horizontal, cell.alignment.vertical, cell.alignment.wrap_text) == ("center", "top", True)
    assert [ws.column_dimensions[c].width for c in "AB"] == [5, 30]
    assert ws.row_dimensions[1].height == 36
    assert ws.freeze_panes == "A4"
    assert ws.print_title_rows == "$2:$3"
    assert (ws.page_setup.orientation, ws.page_setup.paperSize, ws.page_setup.fitToWidth) == ("landscape", 8, 1)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert book.properties.creator == "示例县住房和城乡建设局"  # type: ignore[attr-defined]
    assert book.properties.modified == STAMP  # type: ignore[attr-defined]


def test_merged_ranges_and_a_sheet_name_with_a_quote() -> None:
    book = Workbook(STAMP)
    with book.sheet("住建局'表", Layout(widths=(8, 8, 8), title_rows=(1, 1))) as sheet:
        sheet.append(["合并"])
        sheet.merge(1, 1, 1, 3)
    wb = load_workbook(io.BytesIO(book.close(creator="", title="")))
    ws = wb["住建局'表"]
    assert [str(r) for r in ws.merged_cells.ranges] == ["A1:C1"]
    assert ws.print_title_rows == "$1:$1"


def test_the_same_calls_give_the_same_bytes() -> None:
    def made() -> bytes:
        book = Workbook(STAMP)
        with book.sheet("表", Layout(widths=(8,))) as sheet:
            sheet.append(["甲", 1], [book.style(Format(bold=True))])
        return book.close(creator="局", title="表")

    assert made() == made()


@pytest.mark.parametrize(("number", "letters"), [(1, "A"), (26, "Z"), (27, "AA"), (702, "ZZ"), (703, "AAA")])
def test_column_letters(number: int, letters: str) -> None:
    assert column_letter(number) == letters
