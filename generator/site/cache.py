"""What one build keeps for the next: QR codes and download files, by content.

A cold build (a fresh clone in CI) makes every QR code and every download file; a build
after a small change would make nearly all of them again the same. So each build leaves in
``.gkml-cache/build/`` beside mkdocs.yml (a folder gkml owns, listed in .gitignore, next to
the attachments' text in ``.gkml-cache/attachments/``):

* ``qr.json``: the SVG of each QR code of the site (by its address and label), deflated and in
  base64 (a quarter of the text: a build holds them so, and reads them back so);
* ``downloads/<group>-<key>/``: the bytes of each download file of a group (the catalogue's
  Excel, CSV, JSON …; the entries' CSV, JSON …), ``<key>`` being a hash of everything the
  files are made from (:func:`content_key`).

Every key includes :func:`code_version`, a hash of gkml's own source and of the libraries that
draw the files: another version of gkml never reuses them. Only what the last build used is
kept (each build rewrites ``qr.json`` with its own codes and removes the other download
folders of a group), so the folder stays the size of one site's codes and downloads. A
missing, damaged or foreign cache is no error: the build makes everything as a cold one would,
and the site is the same byte for byte either way (a test compares them).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import os
import pickle
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import generator

#: The folder inside ``.gkml-cache/``.
BUILD_CACHE = "build"
QR_FILE = "qr.json"
DOWNLOADS = "downloads"


@functools.cache
def code_version() -> str:
    """A hash of gkml's source files (and of the versions of segno and openpyxl): any change of
    how a QR code or a download is drawn makes every key new."""
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256()
    package = Path(generator.__file__).parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json", ".html", ".yaml") and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    for library in ("segno", "openpyxl"):
        try:
            digest.update(f"{library}={version(library)}".encode())
        except PackageNotFoundError:
            digest.update(f"{library}=?".encode())
    return digest.hexdigest()


def content_key(*parts: object) -> str:
    """A hash of ``parts`` (plain data and gkml's model objects, which hold no cycles) and of
    :func:`code_version`. The pickle is hashed as it is made, with neither its memo nor its
    strings kept: at 200,000 entries, ``pickle.dumps`` of the catalogue took some 1.7 GB."""
    digest = hashlib.sha256(code_version().encode("ascii"))
    pickler = _Hashing(_Digest(digest), protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo: an object met twice is pickled twice (the same bytes each build)
    pickler.dump(parts)
    return digest.hexdigest()[:32]


class _Digest:
    """A file that only hashes what is written to it (the pickler writes a frame at a time)."""

    def __init__(self, digest: hashlib._Hash) -> None:
        self.write = digest.update


class _Hashing(pickle.Pickler):
    """A pickler that writes each string as its UTF-8 bytes: pickling a string itself would keep
    its UTF-8 form inside it for as long as it lives (CPython caches it), a second copy of every
    body of 200,000 entries."""

    def persistent_id(self, obj: object) -> bytes | None:
        return obj.encode("utf-8", "surrogatepass") if type(obj) is str else None


class BuildCache:
    """The cache folder of one project (None: nothing is kept, nothing reused)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    # -- QR codes ------------------------------------------------------------------------------
    def qr_codes(self) -> dict[str, bytes]:
        """The codes the last build kept, each SVG deflated (``{}`` when there are none, or made by
        another gkml)."""
        if self.folder is None:
            return {}
        try:
            data = json.loads((self.folder / QR_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        codes = data.get("codes") if isinstance(data, dict) and data.get("version") == code_version() else None
        if not isinstance(codes, dict):
            return {}
        try:
            return {key: base64.b64decode(packed, validate=True) for key, packed in codes.items()}
        except (TypeError, ValueError):  # not the form this gkml writes
            return {}

    def keep_qr_codes(self, codes: Iterable[tuple[str, bytes]]) -> None:
        """Keep ``codes`` (this build's, and only those: key, deflated SVG, in key order) for the
        next build, written as they come (at 20,000 items + 200,000 entries they are some 110 MB:
        the file is never a second copy of them in memory)."""
        if self.folder is not None:
            _write_atomically(self.folder / QR_FILE, _qr_file(codes))

    # -- downloads -----------------------------------------------------------------------------
    def downloads(self, group: str, key: str, names: Sequence[str]) -> list[tuple[Path, int]] | None:
        """The files ``names`` of ``group`` kept under ``key`` (each with its size), or None."""
        if self.folder is None:
            return None
        kept = self.folder / DOWNLOADS / f"{group}-{key}"
        try:
            return [(kept / name, (kept / name).stat().st_size) for name in names]
        except OSError:
            return None

    def keep_downloads(self, group: str, key: str, files: Sequence[tuple[str, bytes]]) -> None:
        """Keep ``files`` (name, bytes) of ``group`` under ``key``; other versions of the group go."""
        if self.folder is None:
            return
        where = self.folder / DOWNLOADS
        try:
            where.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=f".{group}-", dir=where))
            for name, data in files:
                (staging / name).write_bytes(data)
            target = where / f"{group}-{key}"
            if target.exists():
                shutil.rmtree(staging)
            else:
                staging.rename(target)
            for old in where.iterdir():
                if old.name.startswith(f"{group}-") and old.name != target.name:
                    shutil.rmtree(old, ignore_errors=True)
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower


def _qr_file(codes: Iterable[tuple[str, bytes]]) -> Iterator[bytes]:
    """The JSON of ``qr.json`` ({"version": …, "codes": {key: base64 …}}), a code at a time."""
    yield b'{"version": ' + json.dumps(code_version()).encode("utf-8") + b', "codes": {'
    separator = b""
    for key, packed in codes:
        yield separator + json.dumps(key, ensure_ascii=False).encode("utf-8") + b': "'
        yield base64.b64encode(packed) + b'"'
        separator = b", "
    yield b"}}"


def _write_atomically(path: Path, chunks: Iterable[bytes]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
        with os.fdopen(handle, "wb") as f:
            f.writelines(chunks)
        os.replace(temporary, path)
    except OSError:
        pass  # see keep_downloads
