"""The one gate for every file gkml reads: records, ``_meta.yaml``, ``_site.yaml``, the
hand-written pages and whatever else content/ holds, tables given to ``gkml import``.

A repository may hold symbolic links, and a pull request may add one: a link in content/
to ``/proc/self/environ`` would publish a CI job's deploy token, a linked record folder
elsewhere on the machine would be read and published. So a file is read only when

* its real path (links resolved) lies inside one of the gate's folders (the project, and
  a catalogue or content folder given on purpose outside it); a link leading out is
  refused with a located diagnostic naming where it leads (never what the file holds);
* it exists: a dangling link is a located diagnostic, not a traceback;
* it is a regular file (not a device, a pipe or a socket) no larger than its limit
  (:class:`~generator.model.limits.Limits`), checked before it is read, and read no
  further than the limit (a file growing meanwhile, or one whose size the system does
  not report, cannot exceed it either).

Every refusal is a :class:`~generator.check.diagnostics.Diagnostic` located at the path
as the reader shows it; nothing here raises for bad input.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from generator.check.diagnostics import Diagnostic, make
from generator.model.limits import DEFAULT_LIMITS, KIB, MIB, Limits, format_limit, format_size

#: The limit that applies to a text file gkml reads (records, settings, content pages).
TEXT = "text_file_bytes"
#: Suffixes of the text files gkml reads itself (records, settings, hand-written pages in Markdown or HTML).
TEXT_SUFFIXES = (".yaml", ".yml", ".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".html", ".htm")


@dataclass(frozen=True)
class FileGate:
    """Where files may be read from, and how large they may be.

    ``roots`` are resolved folders; a path is inside when its real path is one of them or
    lies below one. A gate without roots confines nothing (a file named on the command
    line, such as a table to import, may be anywhere) but still applies the limits and
    reports dangling links and special files.
    """

    roots: tuple[Path, ...] = ()
    limits: Limits = DEFAULT_LIMITS
    #: Real paths of the folders met so far (written path → real path): a gate lives for one
    #: build or check, and a catalogue of 200,000 files would otherwise resolve every part of
    #: every file's path again, several times each.
    _folders: dict[str, str] = field(default_factory=dict, init=False, compare=False, repr=False)

    @classmethod
    def within(cls, project: Path, *named: Path, limits: Limits = DEFAULT_LIMITS) -> FileGate:
        """A gate for ``project`` (the folder holding mkdocs.yml) and for each of ``named``
        (the catalogue, content/) that lies outside the project as written: a folder given
        on purpose elsewhere is read, a folder inside the project that is a link leading
        out of it is not."""
        home = Path(os.path.abspath(project))
        roots = [project.resolve()]
        for folder in named:
            written = Path(os.path.abspath(folder))
            if written != home and home not in written.parents:
                roots.append(folder.resolve())
        return cls(tuple(dict.fromkeys(roots)), limits)

    def inside(self, path: Path) -> bool:
        """Whether the real path of ``path`` lies in one of the gate's folders (always, without folders)."""
        return not self.roots or self._within(self.real_path(path))

    def _within(self, real: Path | str) -> bool:
        text = str(real)
        return any(text == root or text.startswith(below) for root, below in self._root_texts)

    @cached_property
    def _root_texts(self) -> list[tuple[str, str]]:
        """Each root as text, and as the start of a path below it."""
        return [(str(root), str(root).rstrip("/") + "/") for root in self.roots]

    def real_path(self, path: Path) -> Path:
        """``path.resolve()``: the real path of a file that is not a link is the real path of its
        folder (remembered) followed by its name."""
        if path.name in ("", ".", "..") or path.is_symlink():
            return path.resolve()
        return Path(self._in_folder(path))

    def _in_folder(self, path: Path) -> str:
        """The real path of the folder of ``path`` (remembered), followed by the name of ``path``
        (as text: ``path`` is no link and its name neither empty, ``.`` nor ``..``)."""
        folder, slash, name = str(path).rpartition("/")  # str(path.parent), path.name
        folder = folder or ("/" if slash else ".")
        if not path.is_absolute():
            folder = os.path.join(os.getcwd(), folder)  # as resolve() reads a relative path
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = str(Path(folder).resolve())
        return _joined(real, name)

    def _look(self, path: Path) -> tuple[str, os.stat_result | None]:
        """The real path of ``path`` and, when it is not a link, what ``stat`` says of it (one
        ``lstat``, which for a file that is not a link is its ``stat``); None when it is a link or
        cannot be looked at (then :meth:`real_path` and pathlib say why, as before)."""
        try:
            info = path.lstat()
        except (OSError, ValueError):
            return str(self.real_path(path) if self.roots else path), None
        if stat.S_ISLNK(info.st_mode) or path.name in ("", ".", ".."):
            return str(path.resolve()), None
        return self._in_folder(path), info

    def problems(self, path: Path, shown: str, *, limit: str | None = TEXT) -> list[Diagnostic]:
        """Why ``path`` (shown as ``shown``) may not be read: a link leading outside, a dangling
        link, something missing or not a regular file or folder, a file larger than the
        limit named ``limit`` (a :class:`Limits` field; None: no size limit). [] when it may."""
        return self._examine(path, shown, limit)[0]

    def _examine(self, path: Path, shown: str, limit: str | None) -> tuple[list[Diagnostic], int]:
        """:meth:`problems`, and the file's mode (``st_mode``, 0 when refused)."""
        real, info = self._look(path)
        if self.roots and not self._within(real):
            return [make("file-outside", shown, target=_target(path))], 0
        try:
            if info is None:
                info = path.stat()
        except FileNotFoundError:
            if os.path.lexists(path):
                return [make("file-link-broken", shown, target=_target(path))], 0
            return [make("file-unreadable", shown, reason="文件不存在")], 0
        except OSError as exc:
            return [make("file-unreadable", shown, reason=os_reason(exc))], 0
        if stat.S_ISDIR(info.st_mode):
            return [], info.st_mode
        if not stat.S_ISREG(info.st_mode):
            return [make("file-unreadable", shown, reason="这不是普通文件（可能是设备、管道或套接字）")], 0
        if limit is not None and info.st_size > getattr(self.limits, limit):
            return [self.too_large(shown, info.st_size, limit)], 0
        return [], info.st_mode

    def too_large(self, shown: str, size: int, limit: str, *, at_least: bool = False) -> Diagnostic:
        """The diagnostic of a file of ``size`` bytes (``at_least``: or more) over the limit named ``limit``."""
        allowed = getattr(self.limits, limit)
        return make(
            "file-too-large",
            shown,
            size=("至少 " if at_least else "") + f"{format_size(size)}（{size:,} 字节）",
            limit=format_limit(limit, allowed),
            key=limit,
            example=format_limit(limit, _enough(size, allowed)),
        )

    def _listed(
        self, entry: os.DirEntry[str], folder: str, shown: str, limit: str | None
    ) -> tuple[list[Diagnostic], int]:
        """:meth:`_examine` of a file or folder listed in ``folder`` (a real path): what the listing says
        is a file or a folder that is not a link lies in the real folder, and is what the listing says
        (no need to ask the file system again); anything else is examined as any path."""
        if entry.is_symlink() or (self.roots and not self._within(_joined(folder, entry.name))):
            return self._examine(Path(entry.path), shown, limit)
        if entry.is_dir(follow_symlinks=False):
            return [], stat.S_IFDIR
        if not entry.is_file(follow_symlinks=False):
            return self._examine(Path(entry.path), shown, limit)  # a pipe, a device …
        if limit is not None:
            size = entry.stat(follow_symlinks=False).st_size
            if size > getattr(self.limits, limit):
                return [self.too_large(shown, size, limit)], 0
        return [], stat.S_IFREG

    def read_bytes(self, path: Path, shown: str, *, limit: str | None = TEXT) -> tuple[bytes | None, list[Diagnostic]]:
        """The bytes of the file at ``path``, or None and why it may not or cannot be read."""
        refused, mode = self._examine(path, shown, limit)
        if refused:
            return None, refused
        if stat.S_ISDIR(mode):
            return None, [make("file-unreadable", shown, reason="这是一个文件夹，不是文件")]
        allowed = getattr(self.limits, limit) if limit is not None else -1
        try:
            with path.open("rb") as f:
                data = f.read(allowed + 1) if allowed >= 0 else f.read()
        except OSError as exc:
            return None, [make("file-unreadable", shown, reason=os_reason(exc))]
        if 0 <= allowed < len(data) and limit is not None:
            return None, [self.too_large(shown, len(data), limit, at_least=True)]
        return data, []

    def readable(self, path: Path) -> bool:
        """Whether ``path`` exists and lies inside the gate's folders (its size aside): what a
        folder's listing may offer to read, the rest being reported by :meth:`files`."""
        real, info = self._look(path)
        return (info is not None or path.exists()) and (not self.roots or self._within(real))

    def files(self, folder: Path, shown: str, *, sizes: bool = True) -> tuple[list[str], list[Diagnostic]]:
        """Every file below ``folder`` that may be read (POSIX paths relative to it, sorted),
        and why the others may not (text files, :data:`TEXT_SUFFIXES`, within the text limit
        unless ``sizes`` is false: a reader that reads them through the gate says it then).
        Links to folders inside the gate are followed (but not into a folder that holds the
        link: no endless loop); a link leading outside or nowhere is reported once, not walked."""
        found: list[str] = []
        out: list[Diagnostic] = []

        def walk(current: Path, rel: tuple[str, ...], above: frozenset[Path]) -> None:
            real = current.resolve()
            if real in above:
                return
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda e: e.name)
            for entry in entries:
                parts = (*rel, entry.name)
                where = "/".join((shown.rstrip("/"), *parts)) if shown else "/".join(parts)
                limit = TEXT if sizes and _suffix(entry.name) in TEXT_SUFFIXES else None
                problems, mode = self._listed(entry, str(real), where, limit)
                if problems:
                    out.extend(problems)
                elif stat.S_ISDIR(mode):
                    walk(current / entry.name, parts, above | {real})
                else:
                    found.append("/".join(parts))

        if folder.is_dir():
            walk(folder, (), frozenset())
        return sorted(found), out


def _joined(folder: str, name: str) -> str:
    """``str(Path(folder) / name)`` for a real folder and a plain name."""
    return folder + name if folder.endswith("/") else f"{folder}/{name}"


def _suffix(name: str) -> str:
    """``PurePath(name).suffix``."""
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


def _enough(size: int, allowed: int) -> int:
    """A round limit that lets a file of ``size`` bytes in: the next whole MiB (KiB for small
    files) above it, and at least twice the limit now in force."""
    unit = MIB if size >= MIB else KIB
    return max(2 * allowed, (size // unit + 1) * unit)


class FileChanged(OSError):
    """A file changed after it was checked (:class:`generator.load.entries.StoredBody`): what it now
    holds was not checked, and is not published."""

    def __init__(self, path: str) -> None:
        super().__init__(errno.ESTALE, "file changed after it was checked", path)


def os_reason(exc: OSError, action: str = "读取") -> str:
    """Why the system could not ``action`` (读取, 写入) a file, in Chinese."""
    if isinstance(exc, FileChanged):
        return "文件在检查之后被修改过，请重新构建"
    if isinstance(exc, FileNotFoundError):
        return "文件不存在"
    if isinstance(exc, PermissionError):
        return f"没有{action}权限"
    if isinstance(exc, IsADirectoryError):
        return "这是一个文件夹，不是文件"
    if isinstance(exc, NotADirectoryError):
        return "路径中有一部分不是文件夹"
    if exc.errno == errno.ENOSPC:
        return "磁盘已满"
    if exc.errno == errno.EROFS:
        return "文件系统是只读的"
    return f"系统错误（错误号 {exc.errno}）"


def _target(path: Path) -> str:
    """Where a link leads as it is written (or, for a path through a linked folder, where it lies)."""
    if path.is_symlink():
        return os.readlink(path)
    return path.resolve().as_posix()
