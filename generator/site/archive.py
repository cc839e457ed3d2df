"""The site as one zip file (``gkml build --zip FILE``), for counties that publish through a
集约化 platform's file manager (upload the zip, unpack it there) or hand the site on.

The zip is deterministic: the same site gives the same bytes, whoever builds it and whenever
(entries sorted by path, one fixed time, fixed permissions, one compression level), so a CI
artifact can be compared with the last one. The copies nginx's ``gzip_static`` reads
(``page.html.gz`` beside ``page.html``) and gkml's marker file are left out: a platform serves
the pages themselves.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from generator.site.output import MARKER

#: The time of every entry: the earliest a zip file can state (no build time inside the file).
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_UNIX = 3  #: "made on Unix", on every system: the permissions below are read the same everywhere
_FILE_MODE = 0o100644  #: a regular file, readable by all


class ZipError(Exception):
    """The zip file cannot be written where asked; the message says why, in Chinese."""


def site_files(site_dir: Path) -> list[str]:
    """The files of the site that go into the zip, as sorted POSIX paths relative to ``site_dir``."""
    found = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file() and not p.is_symlink()}
    kept = {name for name in found if name != MARKER and not (name.endswith(".gz") and name[:-3] in found)}
    return sorted(kept)


def zip_refusal(site_dir: Path, dest: Path) -> str | None:
    """Why ``dest`` may not receive the zip of ``site_dir`` (None when it may): gkml does not
    write into the site itself, over a folder, or over a file that is not a zip."""
    if dest.suffix.lower() != ".zip":
        return f"压缩包的文件名应以 .zip 结尾：{dest}"
    if dest.is_dir():
        return f"{dest} 是一个文件夹，请写压缩包的文件名，例如 site.zip"
    site, target = site_dir.resolve(), dest.resolve()
    if target == site or site in target.parents:
        return f"压缩包不能放在网站文件夹 {site_dir} 之中，请放在它的旁边，例如 site.zip"
    if dest.exists():
        with dest.open("rb") as existing:
            head = existing.read(4)
        if head not in (b"PK\x03\x04", b"PK\x05\x06"):
            return f"{dest} 已存在且不是 zip 文件，gkml 不覆盖它"
    return None


def write_zip(site_dir: Path, dest: Path) -> int:
    """Write the site in ``site_dir`` to the zip file ``dest`` (replaced in one step once complete);
    returns the number of files. Raises :class:`ZipError` (see :func:`zip_refusal`) or OSError."""
    refused = zip_refusal(site_dir, dest)
    if refused:
        raise ZipError(refused)
    names = site_files(site_dir)
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(f".{dest.name}.gkml-partial")
    try:
        with zipfile.ZipFile(partial, "w") as archive:
            for name in names:
                info = zipfile.ZipInfo(name, ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = _UNIX
                info.external_attr = _FILE_MODE << 16
                archive.writestr(info, (site_dir / name).read_bytes(), compresslevel=9)
        os.replace(partial, dest)
    finally:
        partial.unlink(missing_ok=True)
    return len(names)
