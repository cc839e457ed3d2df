"""Where a build goes, and where it may not.

A build replaces the whole output folder, so it goes only into a new or empty folder, or
into a site gkml built before: gkml marks each site it builds with :data:`MARKER` at its
root (the same bytes every build; a dot-file, which web servers are told not to serve).
Never into the project, its records, pages, theme, gkml's code or git's data, nor a folder
holding any of them, nor the file system's root or the home folder (:func:`refusal`, used
by every builder: ``gkml build`` through :func:`staged`, ``mkdocs build`` through the
plugin).

The build itself goes into a staging folder beside the destination, which replaces the
destination only when the whole build succeeded: a failed or interrupted build never
leaves a half-written site, and the published one stays as it was (:func:`staged`).
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from generator.load.files import os_reason
from generator.parallel import stop_children
from generator.profiling import phase
from generator.settings import Settings

#: The file that says a folder holds a site gkml built (and may build again).
MARKER = ".gkml-site"
MARKER_TEXT = (
    "本文件夹是 gkml（政务公开标准目录网站生成器）生成的网站。\n"
    "每次生成网站时，gkml 会用新生成的网站整体替换本文件夹：请不要在这里存放其他文件。\n"
    "本文件只供 gkml 识别，发布网站时可以一起上传，不影响访问。\n"
)
_SHOWN_ENTRIES = 3  #: how many of a foreign folder's entries a refusal names


class OutputError(Exception):
    """The site cannot be built where asked, or the build stopped; the message is Chinese."""


def refusal(dest: Path, settings: Settings) -> str | None:
    """Why a build may not go to ``dest`` and what to do instead (in Chinese), or None when it may."""
    problem = _problem(dest.resolve(), settings)
    if problem is None:
        return None
    instead = "请用 -d 指定一个新的或空的文件夹（例如 site/），或以前由 gkml 生成的网站文件夹"
    return f"{problem}。没有改动任何文件。{instead}。"


def _problem(real: Path, settings: Settings) -> str | None:
    if real == Path(real.anchor):
        return f"不能把网站生成到 {real}：这是文件系统的根目录"
    if real == _home():
        return f"不能把网站生成到 {real}：这是用户主文件夹"
    for folder, name in settings.protected().items():
        if real == folder:
            return f"不能把网站生成到 {real}：这是{name}"
        if real in folder.parents:
            return f"不能把网站生成到 {real}：其中有{name}，即 {folder}"
        if folder in real.parents and folder != settings.project.resolve():
            return f"不能把网站生成到 {real}：它位于{name}之内：{folder}"
    if real.exists() and not real.is_dir():
        return f"不能把网站生成到 {real}：这是一个文件，不是文件夹"
    if real.is_dir() and not is_gkml_site(real):
        try:
            entries = sorted(p.name for p in real.iterdir())
        except OSError as exc:
            return f"不能把网站生成到 {real}：无法读取这个文件夹（{os_reason(exc)}）"
        if entries:
            shown = "、".join(entries[:_SHOWN_ENTRIES]) + ("等" if len(entries) > _SHOWN_ENTRIES else "")
            site_like = {"index.html", "sitemap.xml"} <= set(entries)
            older = "；如果这是旧版 gkml 生成的网站，请先删除这个文件夹" if site_like else ""
            return (
                f"不能把网站生成到 {real}：这个文件夹中已有不是 gkml 生成的内容（{shown}），"
                f"生成网站会用新网站替换整个文件夹（gkml 生成的网站带有 {MARKER} 文件）{older}"
            )
    return None


def file_refusal(path: Path, settings: Settings, *, force: bool) -> str | None:
    """Why gkml may not write the file ``path`` (an export), in Chinese, or None when it may:
    never into the project's records, pages, theme, gkml's code or git's data; an existing
    file only when ``force`` says so."""
    real = path.resolve()
    for folder, name in settings.protected().items():
        if folder == settings.project.resolve():
            continue
        if real == folder:
            return f"不能写入 {path}：这是{name}。请换一个位置"
        if folder in real.parents:
            return f"不能写入 {path}：它位于{name}之内（{folder}），gkml 不在那里写入文件。请换一个位置"
    if real.is_dir():
        return f"不能写入 {path}：这是一个文件夹。请在 -o 中写出文件名，例如 {path.as_posix().rstrip('/')}/目录.xlsx"
    if os.path.lexists(path) and not force:
        return f"{path} 已经存在，未覆盖。要覆盖它，请加 --force；或换一个文件名"
    return None


def is_gkml_site(folder: Path) -> bool:
    """Whether ``folder`` holds a site gkml built (its :data:`MARKER` is there, as a file)."""
    marker = folder / MARKER
    return marker.is_file() and not marker.is_symlink()


def mark_site(folder: Path) -> None:
    """Mark ``folder`` as a site gkml builds (creating it if need be)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8", newline="\n")


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (KeyError, RuntimeError):  # no home folder known
        return None


@contextmanager
def staged(dest: Path, settings: Settings) -> Iterator[Path]:
    """Yield a fresh staging folder for a build of ``dest``; on success it becomes ``dest``,
    on an exception (Ctrl-C too) it is removed and ``dest`` is left untouched.

    Raises :class:`OutputError` before anything is touched when the build may not go to
    ``dest`` (:func:`refusal`) or the folder beside it cannot be written."""
    refused = refusal(dest, settings)
    if refused is not None:
        raise OutputError(refused)
    dest = dest.resolve()
    staging = dest.with_name(f".{dest.name}.gkml-new")
    retired = dest.with_name(f".{dest.name}.gkml-old")
    with _no_interruption():
        _recover(dest, staging, retired)
        try:
            mark_site(staging)
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise OutputError(f"无法在 {dest.parent} 中生成网站：{os_reason(exc, '写入')}。没有改动任何文件。") from exc
    try:
        yield staging
        mark_site(staging)  # what the builder wrote may have replaced it
    except BaseException:
        with _no_interruption():
            stop_children()  # the search index, say, would go on writing into the folder removed here
            shutil.rmtree(staging, ignore_errors=True)
        raise
    with _no_interruption(), phase("swap"):  # a Ctrl-C now comes too late: the site is complete and goes in
        _swap(dest, staging, retired)


def _swap(dest: Path, staging: Path, retired: Path) -> None:
    """Put the site built in ``staging`` in the place of ``dest``, moving the old one aside
    first. A destination that cannot be moved (a mount point: a web server's volume) is
    emptied and filled instead. On failure the old site is put back and ``staging`` removed."""
    try:
        if dest.exists():
            try:
                dest.rename(retired)
            except OSError as exc:
                if exc.errno not in (errno.EBUSY, errno.EXDEV, errno.EPERM):
                    raise
                _refill(dest, staging)
                return
        staging.rename(dest)
    except OSError:
        if retired.is_dir() and not os.path.lexists(dest):
            retired.rename(dest)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def _refill(dest: Path, staging: Path) -> None:
    """Replace what ``dest`` holds (a site gkml built) by what ``staging`` holds."""
    for entry in dest.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    for entry in staging.iterdir():
        shutil.move(entry, dest / entry.name)
    staging.rmdir()


def stopped(exc: BaseException, dest: Path) -> str:
    """What to tell the reader when the build of ``dest`` stopped with ``exc`` (in Chinese):
    why, and that the published site, if any, is as it was."""
    if isinstance(exc, OutputError):
        return str(exc)
    if isinstance(exc, KeyboardInterrupt):
        why = "已中断（Ctrl-C）"
    elif isinstance(exc, OSError):
        where = f"{exc.filename}：" if exc.filename else ""
        why = f"构建失败：{where}{os_reason(exc, '读写')}"
    else:
        why = f"构建失败：{exc}"
    kept = f"原有网站 {dest} 未被改动。" if dest.exists() else "未生成网站。"
    return f"{why}。{kept}"


def _recover(dest: Path, staging: Path, retired: Path) -> None:
    """Undo what a build stopped by force (the power, ``kill -9``) left beside ``dest``: a
    published site moved aside but not replaced is put back; half-built sites are removed."""
    if retired.is_dir() and not retired.is_symlink() and not os.path.lexists(dest):
        retired.rename(dest)
    for leftover in (staging, retired):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


@contextmanager
def _no_interruption() -> Iterator[None]:
    """Hold Ctrl-C back while the folders are removed or swapped, so that a second Ctrl-C
    leaves no half-removed folder behind (the first stops the build; this part is quick)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []

    def hold(signum: int, frame: FrameType | None) -> None:
        held.append(signum)

    previous = signal.signal(signal.SIGINT, hold)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
