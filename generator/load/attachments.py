"""The text of an entry's attachments, for the privacy scan (:mod:`generator.check.attachments`).

A PDF, Word or Excel file published with an entry is published whole: a 名单 with people's ID
numbers in it is as public as a page with them. Its text is read here, by maintained libraries
(reading PDF or OOXML is not gkml's business):

* PDF with pypdf: the text of each page (``第 3 页``); an encrypted file is opened with the empty
  password (a file that only restricts printing or copying opens so), a file with an opening
  password is not; a page without text that shows an image is a scan;
* Word (.docx) with python-docx: each paragraph and table of the body (``第 5 段``,
  ``第 1 个表格第 2 行第 3 列``), then headers, footers, footnotes, endnotes and comments; text
  boxes, tracked insertions and deletions are read with the paragraph holding them (a deletion
  is still in the file);
* Excel (.xlsx) with openpyxl, read-only: every cell's value, hidden sheets included
  (``工作表“名单”的 C3 单元格``), a formula's value as last saved.

OFD and images are not read (no maintained library for OFD; reading images is OCR). Nothing here
raises for a bad file: what could not be read is said in :attr:`AttachmentText.unreadable`
(encrypted, damaged, scanned pages) and what was left unread because of the limits below in
:attr:`AttachmentText.cut`. The work is bounded: :data:`MAX_PAGES` pages, :data:`MAX_CHARS`
characters, :data:`MAX_CELLS` cells, and a Word or Excel file no larger than
:data:`MAX_UNPACKED` once unzipped (pypdf bounds what a PDF stream may inflate to).

Reading a large PDF takes seconds, so texts are kept in a cache by content (:class:`AttachmentTexts`):
``.gkml-cache/attachments/`` beside mkdocs.yml (:data:`CACHE_FOLDER`), one file per attachment
named by the sha256 of its bytes (written atomically, so forked workers share it without an
index); a cache file that cannot be read, or was written by another version of the readers, is
read again and rewritten. Only the passages the scanner would look at are kept
(:func:`generator.check.privacy.worth_scanning`): texts with the eleven digits any identifier has;
and for the site's search, the text as a reader sees it up to :data:`SEARCH_CHARS` characters
(:func:`attachment_words`).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import io
import json
import logging
import os
import re
import stat
import tempfile
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.check.privacy import PRESCREEN, worth_scanning
from generator.model.entries import Attachment
from generator.model.limits import MIB, format_size

#: The folder gkml keeps what it may throw away in, beside mkdocs.yml (listed in .gitignore).
CACHE_FOLDER = ".gkml-cache"
#: Its subfolder for the attachments' texts.
ATTACHMENT_CACHE = "attachments"
#: Bump when what the readers take from a file changes: cache files of another version are read again.
READER_VERSION = "3"

MAX_PAGES = 300  #: pages of a PDF read
MAX_CHARS = 2_000_000  #: characters read from one attachment
MAX_CELLS = 1_000_000  #: cells of a workbook looked at (empty ones before a value count)
SEARCH_CHARS = 20_000  #: characters of an attachment's text the site's search holds (from its beginning)
MAX_UNPACKED = 200 * MIB  #: a Word or Excel file's contents once unzipped
MAX_MEMBERS = 10_000  #: files inside a Word or Excel file
_MAX_CACHE_FILE = 4 * MAX_CHARS + MIB  #: a cache file larger than any gkml writes is not read

_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# 这是 gkml 的缓存文件夹（附件中读出的文字），可以随时删除；不要提交到仓库。\n"
    "# This is gkml's cache (text read from attachments): it may be deleted at any time.\n"
)


@dataclass(frozen=True)
class Passage:
    """A piece of an attachment's text and where it stands in the attachment."""

    where: str  #: ``第 3 页``, ``第 5 段``, ``工作表“名单”的 C3 单元格``
    text: str


@dataclass(frozen=True)
class AttachmentText:
    """What could be read of an attachment: the passages worth scanning, and what could not be read."""

    passages: tuple[Passage, ...] = ()
    #: the text as a reader sees it, up to :data:`SEARCH_CHARS` (for the site's search)
    words: str = ""
    unreadable: str = ""  #: why text could not be read ("" when all of it was), e.g. ``设置了打开密码，无法读取``
    cut: str = ""  #: what was left unread because of the limits, e.g. ``超过 300 页，只读取了前 300 页``


# -- reading ---------------------------------------------------------------------------------------------


def reads(suffix: str) -> bool:
    """Whether the text of an attachment with ``suffix`` (``.pdf``) is read."""
    return suffix.lower() in _READERS


def extract(data: bytes, suffix: str) -> AttachmentText:
    """The text of an attachment whose bytes are ``data`` and whose file ends in ``suffix``; never raises."""
    reader = _READERS.get(suffix.lower())
    if reader is None:
        return AttachmentText()
    with _quiet():
        try:
            return reader(data)
        except Exception:  # a library's bug on a strange file: said, not raised
            return AttachmentText(unreadable="无法打开（文件可能已损坏）")


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Without the libraries' own log messages and warnings about a file (in English, to no one)."""
    loggers = [logging.getLogger(name) for name in ("pypdf", "openpyxl", "docx")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class _Text:
    """The passages read so far, within :data:`MAX_CHARS`."""

    def __init__(self) -> None:
        self.passages: list[Passage] = []
        self.chars = 0
        self.full = False
        self.words: list[str] = []
        self.words_left = SEARCH_CHARS

    def add(self, where: str, text: str, shown: str | None = None) -> None:
        """``text`` read at ``where``; ``shown``: what a reader sees of it, when that is less (a
        Word paragraph without its tracked deletions), for the search."""
        if self.full:
            return
        if self.chars + len(text) > MAX_CHARS:
            text, self.full = text[: MAX_CHARS - self.chars], True
        self.chars += len(text)
        text = text.encode("utf-8", "replace").decode("utf-8")  # a lone surrogate from a broken font map
        if worth_scanning(text):
            self.passages.append(Passage(where, text))
        if self.words_left > 0:
            shown = text if shown is None else shown.encode("utf-8", "replace").decode("utf-8")
            self.words.append(shown[: self.words_left])
            self.words_left -= len(shown) + 1

    def result(self, unreadable: Iterable[str] = (), cut: str = "") -> AttachmentText:
        if self.full and not cut:
            cut = f"的文字超过 {_amount(MAX_CHARS, '字')}，只读取了前 {_amount(MAX_CHARS, '字')}"
        return AttachmentText(tuple(self.passages), "\n".join(self.words), "；".join(unreadable), cut)


def _amount(n: int, unit: str) -> str:
    """``n`` of ``unit`` as Chinese readers count large numbers: ``200 万字``, ``5 个``."""
    return f"{n // 10_000} 万{unit}" if n >= 10_000 and n % 10_000 == 0 else f"{n} {unit}"


def _pages(numbers: list[int]) -> str:
    """``第 2、5-7 页`` for pages 2, 5, 6 and 7."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return "第 " + "、".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs) + " 页"


def _pdf(data: bytes) -> AttachmentText:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _decrypted(reader):
            return AttachmentText(unreadable="设置了打开密码，无法读取")
        pages = reader.pages
        count = len(pages)
    except Exception:
        return AttachmentText(unreadable="无法打开（文件可能已损坏，或不是真正的 PDF 文件）")
    text, scanned, failed = _Text(), [], []
    read = min(count, MAX_PAGES)
    for number in range(1, read + 1):
        try:
            page = pages[number - 1]
            page_text = page.extract_text()
        except Exception:
            failed.append(number)
            continue
        if page_text.strip():
            text.add(f"第 {number} 页", page_text)
        elif _shows_images(page):
            scanned.append(number)
        if text.full:
            break
    unreadable = []
    if scanned and len(scanned) == count:
        unreadable.append("没有可以复制的文字（可能是扫描件或图片）")
    elif scanned:
        unreadable.append(f"{_pages(scanned)}没有可以复制的文字（可能是扫描的图片）")
    if failed:
        unreadable.append(f"{_pages(failed)}的文字无法读取")
    cut = f"超过 {MAX_PAGES} 页，只读取了前 {MAX_PAGES} 页" if count > read and not text.full else ""
    return text.result(unreadable, cut)


def _decrypted(reader: Any) -> bool:
    """Whether an encrypted PDF opens without a password (it only restricts printing, copying …)."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # an unknown algorithm, a missing cryptography library, a broken dictionary
        return False


def _shows_images(page: Any) -> bool:
    """Whether a page draws something other than text (an image or a drawing kept apart): a scan."""
    try:
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        return xobjects is not None and len(xobjects.get_object()) > 0
    except Exception:
        return False


def _unzipped_problem(data: bytes, kind: str) -> str:
    """Why a Word or Excel file (a zip) is not opened: not a zip, or too large once unzipped ("" when fine)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return f"无法打开（文件可能已损坏，或不是真正的 {kind} 文件）"
    size = sum(m.file_size for m in members)
    if len(members) > MAX_MEMBERS or size > MAX_UNPACKED:
        return f"解压后有 {format_size(size)}，超过了 {format_size(MAX_UNPACKED)} 的上限，未读取"
    return ""


def _docx(data: bytes) -> AttachmentText:
    problem = _unzipped_problem(data, "Word")
    if problem:
        return AttachmentText(unreadable=problem)
    import docx
    from docx.oxml.ns import qn
    from docx.oxml.parser import parse_xml

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:
        return AttachmentText(unreadable="无法打开（文件可能已损坏，或不是真正的 Word 文件）")
    text = _Text()
    paragraphs = tables = 0
    for block in document.element.body.iterchildren():
        if block.tag == qn("w:tbl"):
            tables += 1
            for r, c, cell in _table_cells(block, qn):
                text.add(f"第 {tables} 个表格第 {r} 行第 {c} 列", *_xml_texts(cell, qn))
        elif block.tag != qn("w:sectPr"):
            block_text, shown = _xml_texts(block, qn)
            if block_text.strip():
                paragraphs += 1
                text.add(f"第 {paragraphs} 段", block_text, shown)
    parts = sorted(document.part.package.iter_parts(), key=lambda p: str(p.partname))
    for part in parts:
        name = _WORD_PARTS.get(re.sub(r"\d+(?=\.xml$)", "", str(part.partname)))
        if name is not None:
            with contextlib.suppress(Exception):  # a damaged header leaves the rest readable
                text.add(name, *_xml_texts(parse_xml(part.blob), qn))
    return text.result()


#: The parts of a Word file other than the body that are printed or shown, and how a message names them.
_WORD_PARTS = {
    "/word/header.xml": "页眉",
    "/word/footer.xml": "页脚",
    "/word/footnotes.xml": "脚注",
    "/word/endnotes.xml": "尾注",
    "/word/comments.xml": "批注",
}


def _table_cells(table: Any, qn: Callable[[str], str]) -> Iterator[tuple[int, int, Any]]:
    """Each cell of a Word table: row and column (1-based, as they stand in the row) and its element."""
    for r, row in enumerate(table.iterchildren(qn("w:tr")), 1):
        for c, cell in enumerate(row.iterchildren(qn("w:tc")), 1):
            yield r, c, cell


def _xml_texts(element: Any, qn: Callable[[str], str]) -> tuple[str, str]:
    """The text of a Word element to scan, and as the reader sees it. Tabs and breaks are kept apart (so
    that ``138`` and ``12345678`` in two cells of a line are not read as one number); with tracked
    changes, the text to scan is the text as it now reads, then as it read before them (a deletion is
    still in the file), never the two run together."""
    final = _view(element, qn, {qn("w:del"), qn("w:moveFrom")})
    before = _view(element, qn, {qn("w:ins"), qn("w:moveTo")})
    return (final if before == final else f"{final}\n{before}"), final


def _view(element: Any, qn: Callable[[str], str], left_out: set[str]) -> str:
    """The text of ``element`` without what stands in the elements named ``left_out``."""
    texts = {qn("w:t"), qn("w:delText")}
    breaks = {qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n", qn("w:p"): "\n", qn("w:tc"): "\t"}
    out: list[str] = []
    stack = [iter(element)]
    while stack:  # depth first, in document order, without recursion (a file may nest deeply)
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        if node.tag in left_out:
            continue
        if node.tag in texts:
            out.append(node.text or "")
        elif node.tag in breaks:
            out.append(breaks[node.tag])
        stack.append(iter(node))
    return "".join(out)


def _xlsx(data: bytes) -> AttachmentText:
    problem = _unzipped_problem(data, "Excel")
    if problem:
        return AttachmentText(unreadable=problem)
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        return AttachmentText(unreadable="无法打开（文件可能已损坏，或不是真正的 Excel 文件）")
    text, cells, cut = _Text(), 0, ""
    try:
        for sheet in workbook.worksheets:
            sheet.reset_dimensions()  # a wrong <dimension> would make every row as wide as it says
            for cell in (cell for row in sheet.iter_rows() for cell in row):
                cells += 1
                if cells > MAX_CELLS:
                    cut = f"超过 {_amount(MAX_CELLS, '个单元格')}，只读取了前 {_amount(MAX_CELLS, '个')}"
                    break
                value = _cell_text(cell.value)
                if value:
                    text.add(f"工作表“{sheet.title}”的 {cell.coordinate} 单元格", value)
                if text.full:
                    break
            if cut or text.full:
                break
    except Exception:
        return text.result(["有的内容无法读取（文件可能已损坏）"], cut)
    finally:
        workbook.close()
    return text.result((), cut)


def _cell_text(value: object) -> str:
    """A cell's value as it shows: a whole number without ``.0`` (a mobile typed as a number)."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e20:
        return str(int(value))
    return str(value) if isinstance(value, (str, int, float)) else ""


_READERS: dict[str, Callable[[bytes], AttachmentText]] = {".pdf": _pdf, ".docx": _docx, ".xlsx": _xlsx}


def attachment_words(texts: AttachmentTexts, attachment: Attachment) -> str:
    """What the site's search holds of ``attachment`` (a file the gate passed when the catalogue was
    read): the first :data:`SEARCH_CHARS` characters of its text, "" when none is read."""
    source = Path(attachment.source)
    if not attachment.source or not reads(source.suffix):
        return ""
    try:
        data = source.read_bytes()
    except OSError:
        return ""
    return texts.read(data, source.suffix).words


# -- the cache ---------------------------------------------------------------------------------------------


@functools.cache
def _reader_tag() -> str:
    """What a cache file's text depends on: these readers, the libraries' versions, the scanner's prescreen."""
    versions = []
    for package in ("pypdf", "python-docx", "openpyxl"):
        try:
            versions.append(f"{package} {importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{package} ?")
    return ";".join([f"gkml {READER_VERSION}", *versions, PRESCREEN])


@dataclass(frozen=True)
class AttachmentTexts:
    """Reads attachments' text (:func:`extract`), through a cache in ``folder`` when given (None: no cache).

    The cache is used only while its folders are real folders (not links leading elsewhere): gkml
    writes only into folders it owns. A file it cannot write is no error: the text is read again next time.
    """

    folder: Path | None = None
    _usable: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    def read(self, data: bytes, suffix: str) -> AttachmentText:
        """The text of an attachment with bytes ``data`` and file suffix ``suffix``."""
        kind = suffix.lower()
        if kind not in _READERS:
            return AttachmentText()
        if self.folder is None:
            return extract(data, kind)
        key = hashlib.sha256(data).hexdigest()
        path = self.folder / key[:2] / f"{key}{kind}.json"
        cached = _load(path)
        if cached is not None:
            return cached
        text = extract(data, kind)
        if self._folder_ready(path.parent):
            _store(path, text)
        return text

    def _folder_ready(self, folder: Path) -> bool:
        """Whether ``folder`` (below :attr:`folder`) and the cache folders above it are real folders, made as needed."""
        known = self._usable.get(folder.name)
        if known is not None:
            return known
        assert self.folder is not None
        ready = True
        for step in (self.folder.parent, self.folder, folder):
            try:
                if step.is_symlink() or (step.exists() and not step.is_dir()):
                    ready = False
                    break
                step.mkdir(exist_ok=True)
                if step == self.folder.parent and not (step / "CACHEDIR.TAG").exists():
                    _write_atomically(step / "CACHEDIR.TAG", _CACHEDIR_TAG.encode("utf-8"))
            except OSError:
                ready = False
                break
        self._usable[folder.name] = ready
        return ready


def _load(path: Path) -> AttachmentText | None:
    """The text kept in the cache file ``path``; None when there is none, or none that can be trusted."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                return None
            raw = f.read(_MAX_CACHE_FILE + 1)
        data = json.loads(raw.decode("utf-8")) if len(raw) <= _MAX_CACHE_FILE else None
    except (OSError, ValueError, RecursionError):  # unreadable, not UTF-8, not JSON
        return None
    if not isinstance(data, dict) or data.get("reader") != _reader_tag():
        return None
    passages, unreadable, cut, words = data.get("passages"), data.get("unreadable"), data.get("cut"), data.get("words")
    if not (isinstance(passages, list) and isinstance(unreadable, str) and isinstance(cut, str)):
        return None
    if not isinstance(words, str):
        return None
    read = []
    for item in passages:
        if not (isinstance(item, list) and len(item) == 2 and all(isinstance(s, str) for s in item)):
            return None
        read.append(Passage(item[0], item[1]))
    return AttachmentText(tuple(read), words, unreadable, cut)


def _store(path: Path, text: AttachmentText) -> None:
    """Keep ``text`` in the cache file ``path`` (silently not, when it cannot be written)."""
    data = {
        "reader": _reader_tag(),
        "passages": [[p.where, p.text] for p in text.passages],
        "words": text.words,
        "unreadable": text.unreadable,
        "cut": text.cut,
    }
    with contextlib.suppress(OSError):
        _write_atomically(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a new file beside it, renamed over it: a reader never sees half a file."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
