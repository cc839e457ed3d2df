"""An .xlsx workbook's sheets as text, read as a stream and within the limits of a run.

openpyxl reads what a workbook says of itself (its sheets and their parts, which styles are
dates, the 1900 or 1904 calendar). The shared strings and each sheet's XML are read here as a
stream (expat): openpyxl's readers cost time and memory for every row up to the last formatted
one (and, without a ``<dimension>``, parse a whole sheet just to learn its size), and its
read-only mode drops the merged cells the importer needs. So:

* before anything is parsed, the sizes the zip declares for its members must add up to no
  more than ``import_unpacked_bytes``; a member that inflates past what it declared stops the
  reading: a zip bomb is a message, not gigabytes of memory;
* empty cells cost only their parsing: cells with a value go to
  :class:`~generator.exchange.sheetcells.SheetCells` (the row, column and cell limits), and a
  text is kept only up to the cell limit while it is read (its full length is counted);
* the merged ranges (``<mergeCells>``) are read in the same pass, cut to the rows and columns read;
* an XML document type declaration (never in a real workbook; the way to entity expansion)
  is refused.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO
from xml.parsers import expat

from generator.check.diagnostics import Diagnostic, make_cell
from generator.exchange.sheetcells import SheetCells, cell_text
from generator.model.limits import Limits, format_limit, format_size

#: Merged range: top, left, bottom, right (1-based, inclusive).
Range = tuple[int, int, int, int]

_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
_RANGE_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7}):\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
_CHUNK = 1 << 16
#: A merged range's element in a sheet's bytes (read so once the sheet's cells are no longer parsed).
_MERGE_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]*?\bref\s*=\s*[\"']([^\"']{1,40})[\"']")
_TAG_OVERLAP = 256  #: bytes of a block searched again with the next (a tag cut in two is found whole)
_SHARED_STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


@dataclass(frozen=True)
class Sheet:
    """One worksheet read: its name, position, the text of its cells by row, its merged ranges."""

    name: str
    order: int
    rows: list[list[str]]
    merges: list[Range]


class _Refused(Exception):
    """Reading stops: the file is damaged, declares a document type, or inflates past the limit."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index


def _cell_ref(ref: str) -> tuple[int, int] | None:
    match = _CELL_REF.match(ref)
    return (int(match[2]), _column_index(match[1])) if match else None


def _range_ref(ref: str) -> Range | None:
    match = _RANGE_REF.match(ref)
    if match is None:
        cell = _cell_ref(ref)
        return None if cell is None else (*cell, *cell)
    top, bottom = sorted((int(match[2]), int(match[4])))
    left, right = sorted((_column_index(match[1]), _column_index(match[3])))
    return top, left, bottom, right


def _int(text: str, default: int = 0) -> int:
    try:
        return int(text)
    except ValueError:
        return default


def _local(name: str) -> str:
    """An element's name without its namespace (expat gives ``namespace name``)."""
    return name.rpartition(" ")[2]


def _unpacked_too_large(shown: str, size: int, limits: Limits, *, at_least: bool = False) -> Diagnostic:
    key, allowed = "import_unpacked_bytes", limits.import_unpacked_bytes
    return make_cell(
        "xlsx-unpacked-too-large",
        shown,
        size=("至少 " if at_least else "") + format_size(size),
        limit=format_limit(key, allowed),
        key=key,
        example=format_limit(key, 2 * allowed),
    )


def _damaged(shown: str) -> Diagnostic:
    return make_cell("file-not-xlsx", shown, reason="文件内容不完整或已损坏")


class _Capped(io.RawIOBase):
    """A zip member read no further than ``budget`` bytes once inflated (then ``refuse`` says why not)."""

    def __init__(self, member: IO[bytes], budget: int, refuse: Callable[[int], _Refused]) -> None:
        self.member, self.budget, self.refuse, self.read_so_far = member, budget, refuse, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]  # RawIOBase's buffer type
        data = self.member.read(len(buffer))
        self.read_so_far += len(data)
        if self.read_so_far > self.budget:
            raise self.refuse(self.read_so_far)
        buffer[: len(data)] = data
        return len(data)


class _Text:
    """The characters of one value being read: kept up to ``cap``, all of them counted."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.parts: list[str] = []
        self.kept = self.length = 0

    def add(self, data: str) -> None:
        self.length += len(data)
        if self.kept < self.cap:
            piece = data[: self.cap - self.kept]
            self.parts.append(piece)
            self.kept += len(piece)

    def take(self) -> str:
        text = "".join(self.parts)
        self.parts, self.kept, self.length = [], 0, 0
        return text


class _Full(Exception):
    """A sheet's row limit is reached: no more cells are parsed."""


class _Xml:
    """An expat parser over a zip member: namespaces resolved, no document type declaration."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = True
        parser.StartDoctypeDeclHandler = self.refuse_doctype
        parser.EntityDeclHandler = self.refuse_doctype
        self.parser = parser

    def refuse_doctype(self, *_: object) -> None:
        raise _Refused(_damaged(self.shown))

    def parse(self, stream: IO[bytes]) -> None:
        """Parse ``stream`` to its end (or until a handler raises :class:`_Full`: then :meth:`rest` reads on)."""
        chunk = b""
        try:
            while chunk := stream.read(_CHUNK):
                self.parser.Parse(chunk, False)
            self.parser.Parse(b"", True)
        except expat.ExpatError as exc:
            raise _Refused(_damaged(self.shown)) from exc
        except _Full:
            self.rest(chunk, stream)

    def rest(self, chunk: bytes, stream: IO[bytes]) -> None:
        """What is still wanted of the stream after :class:`_Full`, from ``chunk`` (being parsed) on."""


class _StringsReader(_Xml):
    """The shared strings table (``<si>`` items: their ``<t>`` texts, not the phonetic guides),
    each kept up to ``cap`` characters, with the full length of those that were cut."""

    def __init__(self, shown: str, cap: int) -> None:
        super().__init__(shown)
        self.strings: list[str] = []
        self.lengths: dict[int, int] = {}  #: index → full length, for the strings that were cut
        self.value = _Text(cap)
        self.reading = self.phonetic = False
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.text

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        if tag == "t" and not self.phonetic:
            self.reading = True
        elif tag == "rPh":
            self.phonetic = True

    def text(self, data: str) -> None:
        if self.reading:
            self.value.add(data)

    def end(self, name: str) -> None:
        tag = _local(name)
        if tag == "t":
            self.reading = False
        elif tag == "rPh":
            self.phonetic = False
        elif tag == "si":
            length = self.value.length
            text = self.value.take().replace("x005F_", "")  # as openpyxl reads an escaped underscore
            if length > len(text):
                self.lengths[len(self.strings)] = length
            self.strings.append(text)


@dataclass
class _Workbook:
    """What the cells of every sheet need: the shared strings and which styles are dates."""

    strings: _StringsReader
    date_styles: frozenset[int]
    duration_styles: frozenset[int]
    epoch: dt.datetime


class _SheetReader(_Xml):
    """One worksheet's XML: each cell with a value into ``cells``; the merged ranges into ``merges``."""

    def __init__(self, cells: SheetCells, book: _Workbook, shown: str) -> None:
        super().__init__(shown)
        self.cells, self.book = cells, book
        self.merges: list[Range] = []
        self.row = self.column = 0
        self.ref, self.kind, self.style = "", "n", ""
        self.value = _Text(cells.limits.cell_chars + 1)
        self.has_value = self.reading = self.inline = self.phonetic = False
        self.names: dict[str, str] = {}
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.text

    def read(self, stream: IO[bytes]) -> list[Range]:
        """Parse ``stream`` to its end; the merged ranges found."""
        self.parse(stream)
        return self.merges

    def local(self, name: str) -> str:
        tag = self.names.get(name)
        if tag is None:
            tag = self.names[name] = _local(name)
        return tag

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = self.local(name)
        if tag == "c":  # most elements: its place is worked out only if it has a value
            self.column += 1
            self.ref, self.kind, self.style = attrs.get("r", ""), attrs.get("t", "n"), attrs.get("s", "")
            self.has_value = False
        elif tag == "v" or (tag == "t" and self.inline and not self.phonetic):
            self.reading = self.has_value = True
        elif tag == "row":
            number = _int(attrs.get("r", ""))
            self.row, self.column = (number if number > 0 else self.row + 1), 0
        elif tag == "is":
            self.inline = True
        elif tag == "rPh":
            self.phonetic = True
        elif tag == "mergeCell":
            self.merge(attrs)

    def merge(self, attrs: dict[str, str]) -> None:
        merge = _range_ref(attrs.get("ref", ""))
        if merge is not None:
            self.merges.append(merge)

    def text(self, data: str) -> None:
        if self.reading:
            self.value.add(data)

    def end(self, name: str) -> None:
        tag = self.local(name)
        if tag == "c":
            if self.has_value:
                self.cell()
        elif tag in ("v", "t"):
            self.reading = False
        elif tag == "is":
            self.inline = False
        elif tag == "rPh":
            self.phonetic = False

    def cell(self) -> None:
        place = _cell_ref(self.ref) if self.ref else None
        if place is not None:
            self.row, self.column = place
        length = self.value.length
        text, full = self.text_of(self.value.take())
        self.cells.add(self.row, self.column, text, max(length, full))
        if self.cells.full:
            raise _Full

    def rest(self, chunk: bytes, stream: IO[bytes]) -> None:
        """No more cells are read, only the merged ranges (after the cells): found in the bytes, not parsed."""
        tail = b""
        while chunk:
            block = tail + chunk
            for match in _MERGE_TAG.finditer(block):
                merge = _range_ref(match[1].decode("ascii", "replace"))
                if merge is not None:
                    self.merges.append(merge)  # one found twice (in the overlap) is one range: see _clipped
            tail, chunk = block[-_TAG_OVERLAP:], stream.read(_CHUNK)

    def text_of(self, raw: str) -> tuple[str, int]:
        """A cell's value as text, by its type (as openpyxl reads it), and the full length of a shared string."""
        kind = self.kind
        if kind == "s":
            strings = self.book.strings
            index = _int(raw, -1)
            if not 0 <= index < len(strings.strings):
                raise _Refused(_damaged(self.shown))
            return cell_text(strings.strings[index]), strings.lengths.get(index, 0)
        if kind in ("inlineStr", "str", "e"):
            return cell_text(raw), 0
        if kind == "b":
            return cell_text(raw.strip() == "1"), 0
        try:
            if kind == "d":
                return cell_text(dt.datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))), 0
            number: float = float(raw) if any(c in raw for c in ".eE") else int(raw)
            style = _int(self.style)
            if style in self.book.date_styles:
                from openpyxl.utils.datetime import from_excel

                duration = style in self.book.duration_styles
                return cell_text(from_excel(number, self.book.epoch, timedelta=duration)), 0
            return cell_text(number), 0
        except (ValueError, OverflowError, TypeError):
            return cell_text(raw), 0


def _member(archive: zipfile.ZipFile, name: str, shown: str, limits: Limits) -> IO[bytes]:
    """The member ``name`` of ``archive`` as a stream that stops at what it declared (and at the limit)."""
    info = archive.getinfo(name)

    def refuse(size: int) -> _Refused:
        if size > limits.import_unpacked_bytes:
            return _Refused(_unpacked_too_large(shown, size, limits, at_least=True))
        return _Refused(_damaged(shown))  # more than the zip declared for it

    budget = min(info.file_size, limits.import_unpacked_bytes)
    return io.BufferedReader(_Capped(archive.open(info), budget, refuse), _CHUNK)


def read_xlsx(raw: bytes, shown: str, limits: Limits) -> tuple[list[Sheet], list[Diagnostic]]:
    """Every worksheet of the workbook ``raw`` (shown as ``shown``) as text, within ``limits``;
    problems (the file, or what is beyond the limits) located at the file, the sheet or the cell."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return [], [make_cell("file-not-xlsx", shown, reason="文件内容不是 Excel 工作簿的格式")]
    if any(info.filename == "word/document.xml" for info in members):
        return [], [make_cell("file-word", shown)]
    declared = sum(info.file_size for info in members)
    if declared > limits.import_unpacked_bytes:
        return [], [_unpacked_too_large(shown, declared, limits)]
    try:
        return _read(archive, raw, shown, limits)
    except _Refused as refused:
        return [], [refused.diagnostic]
    except Exception:  # openpyxl raises many kinds for a damaged workbook part: each is the same problem here
        return [], [_damaged(shown)]


def _read(archive: zipfile.ZipFile, raw: bytes, shown: str, limits: Limits) -> tuple[list[Sheet], list[Diagnostic]]:
    from openpyxl.packaging.manifest import Override
    from openpyxl.reader.excel import ExcelReader  # only the xlsx path needs openpyxl
    from openpyxl.styles.stylesheet import apply_stylesheet

    reader = ExcelReader(io.BytesIO(raw), read_only=True, data_only=True, keep_links=False)
    reader.read_manifest()
    reader.read_workbook()
    apply_stylesheet(reader.archive, reader.wb)  # which styles are dates
    strings = _StringsReader(shown, limits.cell_chars + 1)
    overrides: list[Override] = list(reader.package.Override)
    for part in overrides:
        if part.ContentType == _SHARED_STRINGS:
            with _member(archive, str(part.PartName).lstrip("/"), shown, limits) as stream:
                strings.parse(stream)
            break
    wb = reader.wb
    book = _Workbook(
        strings,
        frozenset(getattr(wb, "_date_formats", ())),  # set by apply_stylesheet (openpyxl's own name)
        frozenset(getattr(wb, "_timedelta_formats", ())),
        wb.epoch,
    )
    parts = [
        (sheet.name, rel.target)
        for sheet, rel in reader.parser.find_sheets()
        if rel.target in reader.valid_files and "chartsheet" not in rel.Type
    ]
    sheets: list[Sheet] = []
    problems: list[Diagnostic] = []
    for order, (name, target) in enumerate(parts):
        cells = SheetCells(shown, name, order, limits)
        with _member(archive, target, shown, limits) as stream:
            merges = _SheetReader(cells, book, shown).read(stream)
        sheets.append(Sheet(name, order, cells.rows(), _clipped(merges, cells.height, cells.width)))
        problems += cells.problems
    return sheets, problems


def _clipped(merges: list[Range], height: int, width: int) -> list[Range]:
    """The merged ranges cut to the rows and columns read (a range over whole columns costs nothing)."""
    out = set()
    for top, left, bottom, right in merges:
        if top > height or left > width:
            continue
        clipped = (top, left, min(bottom, height), min(right, width))
        if clipped[2] > top or clipped[3] > left:
            out.add(clipped)
    return sorted(out)
