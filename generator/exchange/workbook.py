"""An .xlsx workbook written as a stream: each row becomes XML as it is appended, compressed into
the zip at once; nothing of a sheet is held but its merged ranges.

Only what gkml's tables need is here: text and whole-number cells, a few cell formats (bold,
size, colour, solid fill, thin borders, alignment, wrapping), column widths, row heights, frozen
header rows, rows repeated on every printed page, A3 landscape one page wide, merged ranges, and
the document's creator, title and dates. Text is written inline (``t="inlineStr"``, as openpyxl's
write-only mode writes it), so it is never read as a formula. The parts and their order follow
what openpyxl writes, which Excel, WPS and LibreOffice open; openpyxl made a cell as an object of
its own, and at 20,000 items that took most of the time of a build's downloads.

The bytes are the same for the same calls: every zip entry carries the date given, not the time
of writing.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, TypeAlias

#: What a cell holds: text, a whole number, or nothing.
CellValue: TypeAlias = str | int | None

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
#: Characters XML 1.0 cannot hold (as openpyxl drops them).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_PAPER_A3 = 8
_ROWS_PER_WRITE = 64  #: rows joined before they go to the zip


@dataclass(frozen=True)
class Format:
    """How a cell looks. The default is Excel's own: Calibri 11, no fill, no border."""

    bold: bool = False
    size: int = 0  #: font size in points; 0: the default
    color: str = ""  #: text colour, ``RRGGBB``
    fill: str = ""  #: solid background, ``RRGGBB``
    border: bool = False  #: a thin black line on each side
    horizontal: str = ""  #: ``center``
    vertical: str = ""  #: ``center``, ``top``
    wrap: bool = False


@dataclass(frozen=True)
class Layout:
    """How a sheet is shown and printed (set before its first row)."""

    widths: Sequence[float]  #: column widths, from column A
    heights: dict[int, float] = field(default_factory=dict)  #: row number → height in points
    frozen_rows: int = 0  #: rows kept in view while scrolling
    title_rows: tuple[int, int] | None = None  #: first and last row printed on every page
    a3_landscape: bool = False  #: A3 landscape, the table fitted to one page wide


def column_letter(number: int) -> str:
    """``1`` → ``A``, ``27`` → ``AA``."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _escape(text: str) -> str:
    text = _ILLEGAL.sub("", text)
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _attribute(text: str) -> str:
    return _escape(text).replace('"', "&quot;")


class Sheet:
    """One sheet being written: :meth:`append` rows, :meth:`merge` ranges."""

    def __init__(self, stream: IO[bytes], layout: Layout) -> None:
        self.row = 0  #: the last row appended
        self._stream = stream
        self._layout = layout
        self._merges: list[str] = []
        self._pending: list[str] = []
        self._letters = [column_letter(i) for i in range(1, max(len(layout.widths), 1) + 1)]
        self._write(_sheet_start(layout))

    def append(self, values: Sequence[CellValue], styles: Sequence[int] = ()) -> None:
        """The next row: ``values`` from column A, each with the style of the same place in
        ``styles`` (:meth:`Workbook.style`; 0 or missing: none). An empty cell is written only
        when it has a style."""
        self.row += 1
        r = str(self.row)
        letters = self._letters
        while len(letters) < len(values):
            letters.append(column_letter(len(letters) + 1))
        parts = []
        for i, value in enumerate(values):
            style = styles[i] if i < len(styles) else 0
            s = f' s="{style}"' if style else ""
            if value is None or value == "":
                if style:
                    parts.append(f'<c r="{letters[i]}{r}"{s}/>')
            elif isinstance(value, str):
                text = _escape(value)
                space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
                parts.append(f'<c r="{letters[i]}{r}"{s} t="inlineStr"><is><t{space}>{text}</t></is></c>')
            else:
                parts.append(f'<c r="{letters[i]}{r}"{s}><v>{int(value)}</v></c>')
        height = self._layout.heights.get(self.row)
        shown = f' ht="{height:g}" customHeight="1"' if height else ""
        self._pending.append(f'<row r="{r}"{shown}>{"".join(parts)}</row>')
        if len(self._pending) >= _ROWS_PER_WRITE:
            self._flush()

    def merge(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        """Merge the cells from (``first_row``, ``first_col``) to (``last_row``, ``last_col``), from 1."""
        self._merges.append(
            f'<mergeCell ref="{column_letter(first_col)}{first_row}:{column_letter(last_col)}{last_row}"/>'
        )

    def _flush(self) -> None:
        self._write("".join(self._pending))
        self._pending.clear()

    def _write(self, text: str) -> None:
        self._stream.write(text.encode("utf-8"))

    def finish(self) -> None:
        """The end of the sheet: its merged ranges and print settings."""
        self._flush()
        self._write("</sheetData>")
        if self._merges:
            self._write(f'<mergeCells count="{len(self._merges)}">{"".join(self._merges)}</mergeCells>')
        self._write('<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>')
        if self._layout.a3_landscape:
            self._write(f'<pageSetup paperSize="{_PAPER_A3}" fitToWidth="1" fitToHeight="0" orientation="landscape"/>')
        self._write("</worksheet>")


def _sheet_start(layout: Layout) -> str:
    head = [f'{_DECLARATION}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">']
    if layout.a3_landscape:
        head.append('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>')
    if layout.frozen_rows:
        top = f"A{layout.frozen_rows + 1}"
        head.append(
            '<sheetViews><sheetView workbookViewId="0">'
            f'<pane ySplit="{layout.frozen_rows}" topLeftCell="{top}" activePane="bottomLeft" state="frozen"/>'
            f'<selection pane="bottomLeft" activeCell="{top}" sqref="{top}"/></sheetView></sheetViews>'
        )
    else:
        head.append('<sheetViews><sheetView workbookViewId="0"/></sheetViews>')
    head.append('<sheetFormatPr defaultRowHeight="15"/>')
    if layout.widths:
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{w:g}" customWidth="1"/>' for i, w in enumerate(layout.widths, start=1)
        )
        head.append(f"<cols>{cols}</cols>")
    head.append("<sheetData>")
    return "".join(head)


class Workbook:
    """A workbook written into a zip as its sheets are written (:meth:`sheet`), finished by :meth:`close`."""

    def __init__(self, stamp: dt.datetime) -> None:
        self._stamp = stamp
        self._buffer = io.BytesIO()
        self._zip = zipfile.ZipFile(self._buffer, "w", zipfile.ZIP_DEFLATED)
        self._formats: dict[Format, int] = {Format(): 0}
        self._sheets: list[tuple[str, Layout]] = []

    def style(self, fmt: Format) -> int:
        """The number of ``fmt`` among the workbook's cell formats (given to :meth:`Sheet.append`)."""
        return self._formats.setdefault(fmt, len(self._formats))

    @contextmanager
    def sheet(self, name: str, layout: Layout) -> Iterator[Sheet]:
        """A new sheet called ``name``, written row by row inside the ``with`` block."""
        self._sheets.append((name, layout))
        with self._zip.open(self._entry(f"xl/worksheets/sheet{len(self._sheets)}.xml"), "w") as stream:
            sheet = Sheet(stream, layout)
            yield sheet
            sheet.finish()

    def close(self, *, creator: str, title: str) -> bytes:
        """The workbook's bytes: its sheets, cell formats and document properties."""
        parts = {
            "xl/workbook.xml": self._workbook_xml(),
            "xl/_rels/workbook.xml.rels": self._workbook_rels(),
            "xl/styles.xml": _styles_xml(list(self._formats)),
            "docProps/core.xml": self._core_xml(creator, title),
            "docProps/app.xml": f'{_DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/'
            '2006/extended-properties"><Application>gkml</Application></Properties>',
            "_rels/.rels": _package_rels(),
            "[Content_Types].xml": self._content_types(),
        }
        for path, text in parts.items():
            self._zip.writestr(self._entry(path), text.encode("utf-8"))
        self._zip.close()
        return self._buffer.getvalue()

    def _entry(self, path: str) -> zipfile.ZipInfo:
        entry = zipfile.ZipInfo(path, date_time=self._stamp.timetuple()[:6])
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o644 << 16
        return entry

    def _workbook_xml(self) -> str:
        sheets = "".join(
            f'<sheet name="{_attribute(name)}" sheetId="{i}" r:id="rId{i}"/>'
            for i, (name, _) in enumerate(self._sheets, start=1)
        )
        names = "".join(
            f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'
            f"{_attribute(_quoted(name))}!${layout.title_rows[0]}:${layout.title_rows[1]}</definedName>"
            for i, (name, layout) in enumerate(self._sheets)
            if layout.title_rows
        )
        return (
            f'{_DECLARATION}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><workbookPr/>'
            '<bookViews><workbookView activeTab="0"/></bookViews>'
            f"<sheets>{sheets}</sheets>{f'<definedNames>{names}</definedNames>' if names else ''}"
            '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
        )

    def _workbook_rels(self) -> str:
        count = len(self._sheets)
        rels = [(f"rId{i}", "worksheet", f"worksheets/sheet{i}.xml") for i in range(1, count + 1)]
        rels.append((f"rId{count + 1}", "styles", "styles.xml"))
        body = "".join(f'<Relationship Id="{i}" Type="{_REL}/{kind}" Target="{target}"/>' for i, kind, target in rels)
        return f'{_DECLARATION}<Relationships xmlns="{_PACKAGE_REL}">{body}</Relationships>'

    def _core_xml(self, creator: str, title: str) -> str:
        when = self._stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
        return (
            f'{_DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:creator>{_escape(creator)}</dc:creator><dc:title>{_escape(title)}</dc:title>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified></cp:coreProperties>'
        )

    def _content_types(self) -> str:
        overrides = [("/xl/workbook.xml", f"{_TYPE}.sheet.main+xml"), ("/xl/styles.xml", f"{_TYPE}.styles+xml")]
        count = len(self._sheets)
        overrides += [(f"/xl/worksheets/sheet{i}.xml", f"{_TYPE}.worksheet+xml") for i in range(1, count + 1)]
        overrides += [
            ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
            ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
        ]
        body = "".join(f'<Override PartName="{p}" ContentType="{c}"/>' for p, c in overrides)
        return (
            f'{_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{body}</Types>'
        )


def _quoted(sheet: str) -> str:
    """A sheet's name as a formula refers to it: ``'保障性住房'``."""
    return "'" + sheet.replace("'", "''") + "'"


def _package_rels() -> str:
    rels = [
        ("rId1", f"{_REL}/officeDocument", "xl/workbook.xml"),
        ("rId2", f"{_PACKAGE_REL}/metadata/core-properties", "docProps/core.xml"),
        ("rId3", f"{_REL}/extended-properties", "docProps/app.xml"),
    ]
    body = "".join(f'<Relationship Id="{i}" Type="{kind}" Target="{target}"/>' for i, kind, target in rels)
    return f'{_DECLARATION}<Relationships xmlns="{_PACKAGE_REL}">{body}</Relationships>'


def _font(fmt: Format) -> str:
    bold = '<b val="1"/>' if fmt.bold else ""
    color = f'<color rgb="FF{fmt.color}"/>' if fmt.color else ""
    return f'<font>{bold}<sz val="{fmt.size or 11}"/>{color}<name val="Calibri"/><family val="2"/></font>'


def _fill(fmt: Format) -> str:
    return f'<fill><patternFill patternType="solid"><fgColor rgb="FF{fmt.fill}"/></patternFill></fill>'


_THIN = '<{0} style="thin"><color rgb="FF000000"/></{0}>'
_BORDERS = [
    "<border><left/><right/><top/><bottom/><diagonal/></border>",
    f"<border>{''.join(_THIN.format(side) for side in ('left', 'right', 'top', 'bottom'))}<diagonal/></border>",
]


def _styles_xml(formats: list[Format]) -> str:
    """The cell formats, numbered as :meth:`Workbook.style` numbered them."""
    fonts: dict[str, int] = {}
    fills: dict[str, int] = {
        '<fill><patternFill patternType="none"/></fill>': 0,
        '<fill><patternFill patternType="gray125"/></fill>': 1,
    }
    xfs = []
    for fmt in formats:
        font = fonts.setdefault(_font(fmt), len(fonts))
        fill = fills.setdefault(_fill(fmt), len(fills)) if fmt.fill else 0
        border = 1 if fmt.border else 0
        aligned = (("horizontal", fmt.horizontal), ("vertical", fmt.vertical), ("wrapText", "1" if fmt.wrap else ""))
        align = "".join(f' {name}="{value}"' for name, value in aligned if value)
        used = (("applyFont", font), ("applyFill", fill), ("applyBorder", border), ("applyAlignment", align))
        applied = "".join(f' {name}="1"' for name, on in used if on)
        inner = f"<alignment{align}/>" if align else ""
        xfs.append(
            f'<xf numFmtId="0" fontId="{font}" fillId="{fill}" borderId="{border}" xfId="0"{applied}>{inner}</xf>'
            if inner
            else f'<xf numFmtId="0" fontId="{font}" fillId="{fill}" borderId="{border}" xfId="0"{applied}/>'
        )
    return (
        f'{_DECLARATION}<styleSheet xmlns="{_MAIN}">'
        f'<fonts count="{len(fonts)}">{"".join(fonts)}</fonts>'
        f'<fills count="{len(fills)}">{"".join(fills)}</fills>'
        f'<borders count="{len(_BORDERS)}">{"".join(_BORDERS)}</borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )
