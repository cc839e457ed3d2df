"""The site's static files as published: gkml's own assets fingerprinted, the theme's unused
files left out, text files pre-compressed for the web server.

* **Fingerprints.** Each file of gkml's assets (``assets/gkml/`` in the theme folder,
  ``overrides/``) is published as ``assets/gkml/<stem>.<hash>.<suffix>``, ``<hash>`` being the
  first :data:`HASH_LENGTH` hex digits of the SHA-256 of its bytes, as the theme names its own
  (``bundle.a5f9d56c.min.js``). A page names each file by its content, so a web server may let
  browsers keep such files for a year (deploy/nginx): a new version has a new name. The names
  reach the templates as ``config.extra.gkml.assets`` (:func:`asset_names`), and gkml.js finds
  those of the scripts it loads later (search, filters) on its own ``<script>`` element.
* **Not shipped** (:data:`UNSHIPPED`): source maps, Material's search (its worker and lunr's
  language files; gkml has its own search), which no page loads.
* **Pre-compressed** (:func:`precompress`): beside each text file a ``.gz`` copy that nginx's
  ``gzip_static`` sends as it is (no compression on each request). The copies are the same bytes
  every build: no time or file name in the gzip header (``mtime=0``). They are made by libdeflate
  (the ``deflate`` package), which compresses a whole buffer 1.7 times as fast as zlib at the same
  level and no larger (benchmarks/README.md); a file too large to hold whole is streamed through zlib.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import zlib
from collections.abc import Collection, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath

import deflate

#: Where gkml's own assets are, in the theme folder and in the site.
ASSETS_FOLDER = "assets/gkml"
#: Hex digits of the content hash in a fingerprinted name (the theme uses 8 too).
HASH_LENGTH = 8
#: What the theme copies but no page of a gkml site loads: folders, then file name endings.
UNSHIPPED_FOLDERS = ("assets/javascripts/lunr", "assets/javascripts/workers")
UNSHIPPED_SUFFIXES = (".map",)
#: Text files worth a pre-compressed copy (by suffix); images, PDF and Office files are compressed already.
COMPRESSIBLE = frozenset({".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".webmanifest"})
#: Files smaller than this are sent as they are (a gzip header and a request cost more than they save).
MIN_COMPRESS_BYTES = 256
#: gzip level of the pre-compressed copies: zlib's best, as it is paid once per build, not per request
#: (libdeflate goes on to 12, many times slower for a few bytes less).
GZIP_LEVEL = 9
GZIP_WBITS = 31  #: zlib's gzip format (streamed files): its header has no time and no name


def fingerprinted(name: str, data: bytes) -> str:
    """``gkml.css`` with bytes ``data`` → ``gkml.<hash>.css``."""
    path = PurePosixPath(name)
    digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
    return f"{path.stem}.{digest}{path.suffix}"


def asset_names(theme_dir: Path | None) -> dict[str, str]:
    """Site-relative paths of gkml's assets by file name (``{"gkml.css": "assets/gkml/gkml.<hash>.css"}``),
    for the templates (``config.extra.gkml.assets``). Empty without a theme folder or assets."""
    folder = theme_dir / ASSETS_FOLDER if theme_dir is not None else None
    if folder is None or not folder.is_dir():
        return {}
    return {
        file.name: f"{ASSETS_FOLDER}/{fingerprinted(file.name, file.read_bytes())}"
        for file in sorted(folder.iterdir())
        if file.is_file() and not file.name.startswith(".")
    }


def publish_assets(site_dir: Path, names: Mapping[str, str]) -> None:
    """Give gkml's assets in ``site_dir`` (as the builder copied them) their fingerprinted names and
    remove what the site does not use (:data:`UNSHIPPED_FOLDERS`, :data:`UNSHIPPED_SUFFIXES`)."""
    for name, published in names.items():
        copied = site_dir / ASSETS_FOLDER / name
        if copied.is_file():
            os.replace(copied, site_dir / published)
    for folder in UNSHIPPED_FOLDERS:
        shutil.rmtree(site_dir / folder, ignore_errors=True)
    assets = site_dir / "assets"
    if assets.is_dir():
        for path in sorted(assets.rglob("*")):
            if path.suffix in UNSHIPPED_SUFFIXES and path.is_file():
                path.unlink()


def compressible(site_dir: Path, skip: Collection[str] = ()) -> Iterator[Path]:
    """The files of ``site_dir`` that get a pre-compressed copy, in a stable order, as they are found
    (a site of 200,000 entries has over a million files); not those in ``skip`` (paths from
    ``site_dir``, with ``/``: the pages compressed as they were written)."""
    root = str(site_dir)
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        inside = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if inside == "." else inside + "/"
        for name in sorted(files):
            if os.path.splitext(name)[1] in COMPRESSIBLE and not name.startswith(".") and prefix + name not in skip:
                yield Path(folder, name)


def gzipped(data: bytes) -> bytes:
    """``data`` in gzip format, the same bytes every time: no modification time, no file name."""
    return bytes(deflate.gzip_compress(data, GZIP_LEVEL))


def write_compressed(path: Path, data: bytes) -> bool:
    """Write the pre-compressed copy of the file ``path`` holding ``data`` when compression makes it
    smaller (else remove a stale copy); whether one was written. gkml's page writer calls it as it
    writes each page (no reading back); :func:`precompress` for the rest."""
    target = path.with_name(path.name + ".gz")
    packed = gzipped(data) if len(data) >= MIN_COMPRESS_BYTES else b""
    if not packed or len(packed) >= len(data):
        target.unlink(missing_ok=True)
        return False
    target.write_bytes(packed)
    return True


#: Files larger than this are compressed as they are read (the open data of 200,000 entries is over
#: 100 MB: read whole by several threads at once, they would weigh on the building process's memory).
STREAM_BYTES = 4 << 20


def _write_compressed_streaming(path: Path) -> bool:
    """:func:`write_compressed` for a large file, read and compressed a block at a time by zlib
    (libdeflate needs the whole file in memory): other bytes, the same text, the same every build."""
    target = path.with_name(path.name + ".gz")
    partial = path.with_name(path.name + ".gz.partial")
    packer = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, GZIP_WBITS)
    with path.open("rb") as source, partial.open("wb") as out:
        while block := source.read(1 << 20):
            out.write(packer.compress(block))
        out.write(packer.flush())
    if partial.stat().st_size >= path.stat().st_size:
        partial.unlink()
        target.unlink(missing_ok=True)
        return False
    os.replace(partial, target)
    return True


#: Files larger than this are compressed on other threads (libdeflate and zlib let go of the GIL); smaller ones
#: in turn on this one: for a file of a few KB (a search fragment, a page) the Python around the
#: compression costs more than the compression, and threads would only pass the GIL to and fro.
THREAD_BYTES = 256 << 10


def precompress(site_dir: Path, files: Iterable[Path] | None = None) -> int:
    """Write ``<file>.gz`` beside each text file of ``site_dir`` (or each of ``files``) that compression
    makes smaller; a stale copy of a file that no longer gains is removed. Returns how many were written."""

    def one(path: Path, size: int) -> bool:
        if size > STREAM_BYTES:
            return _write_compressed_streaming(path)
        return write_compressed(path, path.read_bytes())

    written = 0
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        large = []
        for path in compressible(site_dir) if files is None else files:
            size = path.stat().st_size
            if size > THREAD_BYTES:
                large.append(pool.submit(one, path, size))
            else:
                written += one(path, size)
        written += sum(future.result() for future in large)
    return written
