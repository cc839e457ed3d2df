"""Finding and reading entry files (公开信息): Markdown with YAML front matter, kept in the
year folders of a column (see :mod:`generator.model.entries`).

The front matter is read by the catalogue's strict YAML reader (every value text, no
anchors, a key written twice is an error), with the lines of the file; the body is kept
as written.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from generator.check.diagnostics import Diagnostic, make
from generator.load.files import FileChanged, FileGate
from generator.load.yamlfile import YamlDocument, decode, parse_yaml
from generator.model.entries import ATTACHMENT_FOLDER, ENTRY_SUFFIX, YEAR_FOLDER

#: Front matter as MkDocs finds it: a block between ``---`` lines at the top of the file.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n?", re.DOTALL)
_YEAR = re.compile(YEAR_FOLDER)


@dataclass(frozen=True)
class EntryFile:
    """An entry file as read: its front matter (lines as in the file) and its body."""

    path: Path
    file: str  #: the path shown in messages
    doc: YamlDocument
    body: str
    body_line: int  #: the line of the file where the body starts
    text: str  #: the whole file as decoded (line ends normalised), for the checks of the page as a whole

    def kept_body(self) -> str | StoredBody:
        """The body as an entry keeps it: itself when short, else where it stands in the file."""
        body = self.body
        if len(body) <= KEPT_BODY_CHARS:
            return body
        return StoredBody(os.path.abspath(self.path), len(self.text) - len(body), len(body), _digest(body))


#: Bodies longer than this stay in their files until a page or the search data needs them.
KEPT_BODY_CHARS = 512


@dataclass(frozen=True, slots=True)
class StoredBody:
    """An entry's body left in its file (:meth:`EntryFile.kept_body`), read again as it was checked."""

    path: str
    start: int  #: where the body starts in the file's text (decoded, line ends normalised)
    length: int
    digest: bytes  #: of the body as checked

    def read(self) -> str:
        """The body; :class:`FileChanged` when the file no longer holds it as it was checked."""
        text, _ = decode(Path(self.path).read_bytes(), self.path)
        if text is None:
            raise FileChanged(self.path)
        body = _normalised(text)[self.start :]
        if len(body) != self.length or _digest(body) != self.digest:
            raise FileChanged(self.path)
        return body


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _normalised(text: str) -> str:
    """Line ends as gkml reads every text file: ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def year_folders(column: Path) -> list[Path]:
    """The year folders (``2025``) of a column folder, oldest first."""
    if not column.is_dir():
        return []
    return sorted(p for p in column.iterdir() if p.is_dir() and _YEAR.match(p.name))


def entry_paths(column: Path) -> list[Path]:
    """Every entry file of a column: the ``.md`` files of its year folders (attachments'
    folders left out), in file-name order within each year."""
    found: list[Path] = []
    for year in year_folders(column):
        found += sorted(_entry_files(year), key=lambda path: path.parts)  # as paths sort, each key made once
    return found


def _entry_files(folder: Path, attachments: bool = False) -> list[Path]:
    """The ``.md`` files below ``folder`` that are files (as ``folder.rglob("*.md")`` finds them: links
    to folders not entered) and not in an attachments' folder. os.scandir, not pathlib's rglob: the
    listing says what is a file or a folder without asking again, and a column holds thousands."""
    found: list[Path] = []
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except PermissionError:
        return found
    for entry in entries:
        if not attachments and entry.name.endswith(ENTRY_SUFFIX) and entry.is_file():
            found.append(folder / entry.name)
        if entry.is_dir() and not entry.is_symlink():
            found += _entry_files(folder / entry.name, attachments or entry.name == ATTACHMENT_FOLDER)
    return found


def read_entry_file(path: Path, shown: str, gate: FileGate) -> tuple[EntryFile | None, list[Diagnostic]]:
    """Read one entry file through ``gate``; None (and why) when it has no readable front matter."""
    raw, problems = gate.read_bytes(path, shown)
    if raw is None:
        return None, problems
    text, notes = decode(raw, shown)
    if text is None:
        return None, notes
    text = _normalised(text)
    m = FRONT_MATTER.match(text)
    if m is None or not m[1].strip():
        return None, [*notes, make("entry-front-matter-missing", shown)]
    # a blank line in place of the opening "---" keeps the lines of the file
    doc, diagnostics = parse_yaml(("\n" + m[1]).encode("utf-8"), shown)
    if doc is None:
        return None, [*notes, *diagnostics]
    body_line = text.count("\n", 0, m.end()) + 1
    return EntryFile(path, shown, doc, text[m.end() :], body_line, text), [*notes, *diagnostics]
