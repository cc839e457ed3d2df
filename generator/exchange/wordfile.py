"""What a Word (.docx) file is: a notice (通知、公告、政策文件) or a catalogue table.

``gkml import`` reads catalogue tables and ``gkml new --entry --from`` notices; each is given
the other kind of file now and then, and should say which command reads it. This module reads
just enough of a .docx to tell (with the standard library, within the limits of a run):

* its paragraphs outside tables, in order, each with its text, whether it is centred, bold
  throughout, or in a heading style (a notice's title is one of these);
* its tables, as rows of cell texts;

and :func:`is_catalogue_table` says whether a table is headed like the national catalogue
(公开事项、公开内容、公开依据 …: :func:`generator.exchange.table.classify`).

As for a workbook (:mod:`generator.exchange.xlsxfile`): the sizes the zip declares must add
up to no more than ``import_unpacked_bytes`` before anything is read, a member that inflates
past what it declared stops the reading, and an XML document type declaration (the way to
entity expansion; never in a real document) is refused in every XML part, so that a converter
reading the same file afterwards reads only what was checked here.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.parsers import expat

from generator.check.diagnostics import Diagnostic, make_cell
from generator.exchange import table as t
from generator.model.limits import Limits, format_limit, format_size

_DOCUMENT = "word/document.xml"
_STYLES = "word/styles.xml"
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_HEADING_STYLE = re.compile(r"^(?:heading\s*\d|title|标题\s*\d*)$", re.IGNORECASE)
#: A table counts as the catalogue's when its first rows head at least this many of its columns.
_CATALOGUE_HEADERS = 3
_HEADER_ROWS = 3


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the document's body, outside tables."""

    text: str
    centred: bool = False
    bold: bool = False  #: every run with text is bold
    heading: bool = False  #: in a heading or title style


@dataclass
class WordDocument:
    """The parts of a .docx that tell a notice from a table."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)  #: each table: rows of cell texts
    #: each table as a grid: rows of cell texts at their grid columns (a merged cell's text in its
    #: first cell), and its merged ranges (top, left, bottom, right; 1-based, inclusive) from
    #: ``w:gridSpan`` and ``w:vMerge``
    grids: list[tuple[list[list[str]], list[tuple[int, int, int, int]]]] = field(default_factory=list)

    @property
    def text_length(self) -> int:
        """Characters of text, in paragraphs and tables."""
        return sum(len(p.text) for p in self.paragraphs) + sum(len(c) for tb in self.tables for r in tb for c in r)


class WordError(Exception):
    """The file cannot be read as a Word document; ``diagnostic`` says why (in Chinese)."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def check_docx(raw: bytes, shown: str, limits: Limits) -> list[Diagnostic]:
    """Why ``raw`` may not be read as a .docx ([] when it may): not a zip with a document, more
    than ``import_unpacked_bytes`` once unpacked, or a document type declaration in an XML part."""
    try:
        _checked_archive(raw, shown, limits)
    except WordError as error:
        return [error.diagnostic]
    return []


def read_docx(raw: bytes, shown: str, limits: Limits) -> WordDocument:
    """The paragraphs and tables of a .docx (raises :class:`WordError`, with a Chinese message,
    when it cannot be read)."""
    archive = _checked_archive(raw, shown, limits)
    with archive:
        styles = _style_names(archive.read(_STYLES)) if _STYLES in archive.namelist() else {}
        reader = _BodyReader(styles)
        try:
            reader.parse(archive.read(_DOCUMENT))
        except expat.ExpatError as error:
            raise WordError(_damaged(shown, f"document.xml 第 {error.lineno} 行无法解析")) from None
    return reader.document


def is_catalogue_table(rows: list[list[str]]) -> bool:
    """Whether a table is headed like the national catalogue (公开事项、公开内容、公开依据 …)."""
    keys: set[str] = set()
    for row in rows[:_HEADER_ROWS]:
        for cell in row:
            column = t.classify(cell)
            if column is not None and column.key in t.MAIN_KEYS:
                keys.add(column.key)
            elif t.group_of(cell) is not None:
                keys.add(str(t.group_of(cell)))
    return len(keys) >= _CATALOGUE_HEADERS


def is_catalogue(document: WordDocument) -> bool:
    """Whether the document is mostly a catalogue table: one is headed like the catalogue and its
    tables hold at least half of its text."""
    if not any(is_catalogue_table(rows) for rows in document.tables):
        return False
    in_tables = sum(len(c) for tb in document.tables for r in tb for c in r)
    return in_tables * 2 >= document.text_length


# -- the archive ------------------------------------------------------------------------------------


def _damaged(shown: str, reason: str) -> Diagnostic:
    return make_cell("file-not-docx", shown, reason=reason)


def _checked_archive(raw: bytes, shown: str, limits: Limits) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise WordError(_damaged(shown, "不是 Word 文档（.docx 实际上是一个 zip 压缩包，这个文件不是）")) from None
    names = {m.filename for m in members}
    if _DOCUMENT not in names:
        archive.close()
        raise WordError(_damaged(shown, "压缩包中没有 word/document.xml（可能是其他程序的文件改了扩展名）"))
    declared = sum(m.file_size for m in members)
    limit = limits.import_unpacked_bytes
    if declared > limit:
        archive.close()
        raise WordError(_too_large(shown, declared, limits))
    total = 0
    for member in members:
        if not member.filename.endswith((".xml", ".rels")):
            continue
        try:
            with archive.open(member) as stream:
                data = stream.read(limit - total + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
            archive.close()
            raise WordError(_damaged(shown, f"{member.filename} 已损坏")) from None
        total += len(data)
        if total > limit or len(data) > member.file_size:
            archive.close()
            raise WordError(_too_large(shown, max(total, declared), limits))
        if _DOCTYPE.search(data):
            archive.close()
            raise WordError(_damaged(shown, f"{member.filename} 含有文档类型声明（DOCTYPE），Word 文档不会有"))
    return archive


def _too_large(shown: str, size: int, limits: Limits) -> Diagnostic:
    key = "import_unpacked_bytes"
    return make_cell(
        "docx-unpacked-too-large",
        shown,
        size=format_size(size),
        limit=format_limit(key, limits.import_unpacked_bytes),
        key=key,
    )


# -- the XML --------------------------------------------------------------------------------------------


def _local(name: str) -> str:
    return name.rpartition(" ")[2] if " " in name else name.rpartition(":")[2]


def _attr(attrs: dict[str, str], name: str) -> str | None:
    for key, value in attrs.items():
        if _local(key) == name:
            return value
    return None


def _off(attrs: dict[str, str]) -> bool:
    """A toggle such as ``<w:b w:val="0"/>`` that is switched off."""
    return (_attr(attrs, "val") or "").lower() in ("0", "false", "off", "none")


def _style_names(raw: bytes) -> dict[str, str]:
    """Style id → style name (``1`` → ``heading 1`` in a Chinese Word's document)."""
    names: dict[str, str] = {}
    current: list[str] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        if local == "style":
            current[:] = [_attr(attrs, "styleId") or ""]
        elif local == "name" and current:
            names[current[0]] = _attr(attrs, "val") or ""

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    try:
        parser.Parse(raw, True)
    except expat.ExpatError:
        return {}
    return names


class _BodyReader:
    """Reads word/document.xml: paragraphs outside tables, and tables as rows of cells."""

    def __init__(self, styles: dict[str, str]) -> None:
        self.styles = styles
        self.document = WordDocument()
        self.depth = 0  #: tables open
        self.rows: list[list[str]] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.spans: list[list[tuple[int, str | None]]] = []  #: per row: (gridSpan, vMerge) of each cell
        self.span: tuple[int, str | None] = (1, None)
        self.text: list[str] = []
        self.in_text = False
        self.centred = self.heading = False
        self.runs_bold: list[bool] = []
        self.run_bold = False
        self.run_text = False

    def parse(self, raw: bytes) -> None:
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.data
        parser.Parse(raw, True)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        if local == "tbl":
            self.depth += 1
            if self.depth == 1:
                self.rows, self.spans = [], []
        elif local == "tr" and self.depth == 1:
            self.row = []
            self.spans.append([])
        elif local == "tc" and self.depth == 1:
            self.cell = []
            self.span = (1, None)
        elif local == "gridSpan" and self.depth == 1 and self.cell is not None:
            try:
                self.span = (max(1, min(1_000, int(_attr(attrs, "val") or "1"))), self.span[1])
            except ValueError:
                pass
        elif local == "vMerge" and self.depth == 1 and self.cell is not None:
            self.span = (self.span[0], _attr(attrs, "val") or "continue")
        elif local == "p":
            self.text, self.centred, self.heading, self.runs_bold = [], False, False, []
        elif local == "jc":
            self.centred = (_attr(attrs, "val") or "") in ("center", "centre")
        elif local == "pStyle":
            style = _attr(attrs, "val") or ""
            self.heading = bool(_HEADING_STYLE.match(self.styles.get(style, style)))
        elif local == "r":
            self.run_bold, self.run_text = False, False
        elif local == "b":
            self.run_bold = not _off(attrs)
        elif local == "t":
            self.in_text = True
        elif local in ("tab", "br", "cr"):
            self.text.append(" " if local == "tab" else "\n")

    def data(self, text: str) -> None:
        if self.in_text:
            self.text.append(text)
            self.run_text = self.run_text or bool(text.strip())

    def end(self, name: str) -> None:
        local = _local(name)
        if local == "t":
            self.in_text = False
        elif local == "r" and self.run_text:
            self.runs_bold.append(self.run_bold)
        elif local == "p":
            text = "".join(self.text).strip()
            if self.depth == 0:
                if text:
                    bold = bool(self.runs_bold) and all(self.runs_bold)
                    self.document.paragraphs.append(Paragraph(text, self.centred, bold, self.heading))
            elif self.cell is not None:
                self.cell.append(text)
        elif local == "tc" and self.depth == 1 and self.row is not None and self.cell is not None:
            self.row.append("\n".join(line for line in self.cell if line))
            self.spans[-1].append(self.span)
            self.cell = None
        elif local == "tr" and self.depth == 1 and self.row is not None:
            self.rows.append(self.row)
            self.row = None
        elif local == "tbl":
            if self.depth == 1:
                self.document.tables.append(self.rows)
                self.document.grids.append(_grid(self.rows, self.spans))
            self.depth -= 1


def _grid(
    rows: list[list[str]], spans: list[list[tuple[int, str | None]]]
) -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    """A table's cells at their grid columns, and its merged ranges (``w:gridSpan`` across,
    ``w:vMerge`` down: a ``continue`` cell belongs to the range started above it)."""
    grid: list[list[str]] = []
    merges: dict[tuple[int, int], list[int]] = {}  #: first cell → [bottom, right]
    open_down: dict[int, tuple[int, int]] = {}  #: grid column → the first cell of the vertical merge there
    for r, (row, row_spans) in enumerate(zip(rows, spans, strict=False), start=1):
        line: list[str] = []
        col = 1
        for text, (span, vmerge) in zip(row, row_spans, strict=False):
            line += [""] * (col + span - 1 - len(line))
            if vmerge == "continue" and col in open_down:
                first = open_down[col]
                merges[first][0] = r
            else:
                line[col - 1] = text
                if vmerge == "restart":
                    open_down[col] = (r, col)
                    merges[(r, col)] = [r, col + span - 1]
                else:
                    open_down.pop(col, None)
                    if span > 1:
                        merges[(r, col)] = [r, col + span - 1]
            col += span
        grid.append(line)
    ranges = [(top, left, bottom, right) for (top, left), (bottom, right) in merges.items()]
    return grid, [m for m in ranges if m[2] > m[0] or m[3] > m[1]]
