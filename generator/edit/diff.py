"""``gkml diff``: what changed in the catalogue since a git revision.

Reviewers of a pull request see the YAML changes line by line; this command says
the same in the catalogue's terms: which items were added, removed, moved to
another column or changed, and for a changed item which element changed and how
(``时限：… → …``, ``内容：+ ●审核结果；- 〇轮候情况``); and which entries (公开信息) were
added, removed or changed (matched by id: their title, column, each key of the front matter
that changed, and whether the body changed).

The old catalogue is read from git (extracted into a temporary folder), the new one
from the working tree; both are loaded without git dates, so only what the files
say is compared. :func:`diff_catalogues`, :func:`format_human` and
:func:`format_markdown` are pure; :func:`extract_catalogue` is the git plumbing and
:func:`compare_with` puts them together for the command (:mod:`generator.commands.diff`).
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TypeVar

from generator.check.diagnostics import Diagnostic
from generator.check.severity import Severity
from generator.load.catalogue import load_catalogue
from generator.model.entries import ENTRY_FIELDS, Attachment, Entry, Review, Validity
from generator.model.records import (
    RECORD_FIELDS,
    Audience,
    Basis,
    Catalogue,
    Channel,
    ContentElement,
    FieldSpec,
    Record,
)
from generator.model.vocab import OTHER_CHANNEL

#: Separator of area › category › item in the output.
PLACE_SEPARATOR = " › "
#: Shown for an element that had (or has) no value.
EMPTY_VALUE = "（空）"
NO_CHANGES = "没有事项变化。"  #: nor of entries
MARKDOWN_HEADING = "## 政务公开目录变化"

_LIST_KINDS = frozenset({"content", "basis", "methods", "channels", "audiences", "levels"})
_COMPARED_FIELDS: tuple[FieldSpec, ...] = tuple(f for f in RECORD_FIELDS if f.attr != "id")


# -- the result --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemRef:
    """One item as it stands on one side of the comparison."""

    id: str
    name: str
    level3: str
    area: str
    category: str
    file: str

    @property
    def title(self) -> str:
        """名称, followed by 三级事项 when there is one."""
        return f"{self.name}{PLACE_SEPARATOR}{self.level3}" if self.level3 else self.name

    @property
    def place(self) -> str:
        """领域 › 一级事项."""
        return f"{self.area}{PLACE_SEPARATOR}{self.category}"


@dataclass(frozen=True)
class EntryChange:
    """One entry of a list element that is still there but reads differently."""

    old: str
    new: str
    note: str = ""  #: e.g. 改为可选 when only the ●/〇 or ■/□ mark changed


@dataclass(frozen=True)
class ElementChange:
    """How one element (one key of the item file) changed.

    A single-valued element fills ``old``/``new``; a list element fills ``added``,
    ``removed`` and ``changed``, or only ``reordered`` when the same entries stand in
    another order.
    """

    key: str  #: the element's YAML key (FieldSpec.key)
    label: str  #: the element's printed name (FieldSpec.label)
    old: str = ""
    new: str = ""
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[EntryChange, ...] = ()
    reordered: bool = False
    is_list: bool = False


@dataclass(frozen=True)
class ItemChange:
    """An item present on both sides (same id) that moved, changed or both."""

    old: ItemRef
    new: ItemRef
    elements: tuple[ElementChange, ...]

    @property
    def moved(self) -> bool:
        """True when the item now stands in another area or category."""
        return (self.old.area, self.old.category) != (self.new.area, self.new.category)

    @property
    def file_renamed(self) -> bool:
        """True when the file was renamed within its category (or its folders renamed, titles kept).

        Files are compared inside their catalogue (area folder/category folder/file), so two
        catalogues in different folders can be compared.
        """
        return not self.moved and _in_catalogue(self.old.file) != _in_catalogue(self.new.file)


def _in_catalogue(file: str) -> tuple[str, ...]:
    """The file's path inside its catalogue folder: every item file sits at area/category/file."""
    return PurePosixPath(file).parts[-3:]


@dataclass(frozen=True)
class InfoRef:
    """One entry (公开信息) as it stands on one side of the comparison."""

    id: str
    title: str
    area: str
    column: str
    file: str

    @property
    def place(self) -> str:
        """领域 › 栏目."""
        return f"{self.area}{PLACE_SEPARATOR}{self.column}"


@dataclass(frozen=True)
class InfoChange:
    """An entry present on both sides (same id) whose front matter, body, column or file changed."""

    old: InfoRef
    new: InfoRef
    elements: tuple[ElementChange, ...]  #: the keys of the front matter that changed
    body_changed: bool = False

    @property
    def moved(self) -> bool:
        """True when the entry now stands in another column."""
        return (self.old.area, self.old.column) != (self.new.area, self.new.column)

    @property
    def file_renamed(self) -> bool:
        """True when the file was renamed within its column (year folder and name)."""
        return not self.moved and PurePosixPath(self.old.file).parts[-2:] != PurePosixPath(self.new.file).parts[-2:]


@dataclass(frozen=True)
class CatalogueDiff:
    """Every item-level and entry-level difference between two catalogues, in a stable order."""

    added: tuple[ItemRef, ...] = ()
    removed: tuple[ItemRef, ...] = ()
    moved: tuple[ItemChange, ...] = ()
    changed: tuple[ItemChange, ...] = ()  #: items whose elements (or file name) changed; may also be in ``moved``
    entries_added: tuple[InfoRef, ...] = ()
    entries_removed: tuple[InfoRef, ...] = ()
    entries_changed: tuple[InfoChange, ...] = ()

    @property
    def empty(self) -> bool:
        """True when nothing changed."""
        return not (self.added or self.removed or self.moved or self.changed or self.has_entries)

    @property
    def has_entries(self) -> bool:
        """True when an entry was added, removed or changed."""
        return bool(self.entries_added or self.entries_removed or self.entries_changed)


# -- comparing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    """One entry of a list element, prepared for comparison."""

    key: object  #: entries with the same key are the same entry, possibly edited
    body: str  #: the full text without the mark
    short: str  #: the text without details (channel name only), used when only the mark changed
    mark: str = ""
    required: bool | None = None

    @property
    def text(self) -> str:
        return self.mark + self.body


def _entry(value: object) -> _Entry:
    if isinstance(value, ContentElement):
        return _Entry(value.text, value.text, value.text, value.mark, value.required)
    if isinstance(value, Channel):
        details = "，".join(part for part in (value.detail, value.url) if part)
        body = f"{value.name}（{details}）" if details else value.name
        key = (value.name, value.detail) if value.name == OTHER_CHANNEL else value.name
        return _Entry(key, body, value.name, value.mark, value.required)
    if isinstance(value, Basis):
        body = f"{value.text}（{value.url}）" if value.url else value.text
        return _Entry(value.title, body, value.text)
    if isinstance(value, Audience):
        return _Entry(value.kind, value.text, value.text)
    text = str(value)
    return _Entry(text, text, text)


def _scalar(value: object) -> str:
    return "" if value is None else str(value)


def _compare_list(spec: FieldSpec, old_values: Iterable[object], new_values: Iterable[object]) -> ElementChange | None:
    old = [_entry(v) for v in old_values]
    new = [_entry(v) for v in new_values]
    if [e.text for e in old] == [e.text for e in new]:
        return None
    # entries found unchanged on both sides drop out (as a multiset)
    old_left = list(old)
    new_left: list[_Entry] = []
    for entry in new:
        same = next((i for i, e in enumerate(old_left) if e.text == entry.text), None)
        if same is None:
            new_left.append(entry)
        else:
            del old_left[same]
    # what is left pairs up by key (same channel, same document…): an edited entry
    changed: list[EntryChange] = []
    added: list[str] = []
    for entry in new_left:
        match = next((i for i, e in enumerate(old_left) if e.key == entry.key), None)
        if match is None:
            added.append(entry.text)
            continue
        before = old_left.pop(match)
        if before.body == entry.body and before.required is not None and entry.required is not None:
            note = "改为必选" if entry.required else "改为可选"
            changed.append(EntryChange(before.mark + before.short, entry.mark + entry.short, note))
        else:
            changed.append(EntryChange(before.text, entry.text))
    removed = [e.text for e in old_left]
    return ElementChange(
        spec.key,
        spec.label,
        added=tuple(added),
        removed=tuple(removed),
        changed=tuple(changed),
        reordered=not (added or removed or changed),
        is_list=True,
    )


def _compare_records(old: Record, new: Record) -> tuple[ElementChange, ...]:
    changes: list[ElementChange] = []
    for spec in _COMPARED_FIELDS:
        before, after = getattr(old, spec.attr), getattr(new, spec.attr)
        if spec.kind in _LIST_KINDS:
            change = _compare_list(spec, before, after)
            if change is not None:
                changes.append(change)
        elif _scalar(before) != _scalar(after):
            changes.append(ElementChange(spec.key, spec.label, old=_scalar(before), new=_scalar(after)))
    return tuple(changes)


def _refs(catalogue: Catalogue) -> dict[str, tuple[tuple[int, int, str], ItemRef]]:
    """Each record by id, with its sort key: position of its area and category, then id."""
    out: dict[str, tuple[tuple[int, int, str], ItemRef]] = {}
    for a, area in enumerate(catalogue.areas):
        for c, category in enumerate(area.categories):
            for record in category.records:
                ref = ItemRef(record.id, record.name, record.level3, record.area, record.category, record.file)
                out[record.id] = ((a, c, record.id), ref)
    return out


_T = TypeVar("_T")


def _ordered(pairs: list[tuple[tuple[int, int, str], _T]]) -> tuple[_T, ...]:
    return tuple(value for _, value in sorted(pairs, key=lambda pair: pair[0]))


def _entry_value(value: object) -> str:
    """A front-matter value of an entry as one comparable, readable text."""
    if isinstance(value, Validity):
        parts = [value.state, value.date, f"替代 {value.replaced_by}" if value.replaced_by else ""]
        return "，".join(p for p in parts if p)
    if isinstance(value, Review):
        return f"{value.reviewer}，{value.date}"
    if isinstance(value, tuple):
        return "；".join(_entry_value(v) for v in value)
    if isinstance(value, Attachment):
        return f"{value.name}（{value.path}）" if value.name != PurePosixPath(value.path).stem else value.path
    return "" if value is None else str(value)


_COMPARED_ENTRY_FIELDS = tuple(f for f in ENTRY_FIELDS if f.attr != "id")


def _compare_entries(old: Entry, new: Entry) -> tuple[ElementChange, ...]:
    changes = []
    for spec in _COMPARED_ENTRY_FIELDS:
        before, after = _entry_value(getattr(old, spec.attr)), _entry_value(getattr(new, spec.attr))
        if before != after:
            changes.append(ElementChange(spec.key, spec.label, old=before, new=after))
    return tuple(changes)


def _info_refs(catalogue: Catalogue) -> dict[str, tuple[tuple[int, int, str], InfoRef, Entry]]:
    """Each entry by id, with its sort key (position of its area and column, then id) and itself."""
    out: dict[str, tuple[tuple[int, int, str], InfoRef, Entry]] = {}
    for a, area in enumerate(catalogue.areas):
        for c, category in enumerate(area.categories):
            for entry in category.entries:
                ref = InfoRef(entry.id, entry.title, area.title, category.title, entry.file)
                out.setdefault(entry.id, ((a, c, entry.id), ref, entry))
    return out


def _diff_entries(
    old: Catalogue, new: Catalogue
) -> tuple[tuple[InfoRef, ...], tuple[InfoRef, ...], tuple[InfoChange, ...]]:
    before, after = _info_refs(old), _info_refs(new)
    added = [(key, ref) for eid, (key, ref, _) in after.items() if eid not in before]
    removed = [(key, ref) for eid, (key, ref, _) in before.items() if eid not in after]
    changed: list[tuple[tuple[int, int, str], InfoChange]] = []
    for eid, (key, ref, entry) in after.items():
        if eid not in before:
            continue
        _, old_ref, old_entry = before[eid]
        change = InfoChange(
            old_ref, ref, _compare_entries(old_entry, entry), old_entry.markdown.strip() != entry.markdown.strip()
        )
        if change.elements or change.body_changed or change.moved or change.file_renamed:
            changed.append((key, change))
    return _ordered(added), _ordered(removed), _ordered(changed)


def diff_catalogues(old: Catalogue, new: Catalogue) -> CatalogueDiff:
    """Compare two catalogues item by item, matching items by ``id``.

    Every list is ordered as the catalogue is (area, then category, then id): added,
    moved and changed items by their place in ``new``, removed items by their place
    in ``old``.
    """
    old_refs, new_refs = _refs(old), _refs(new)
    old_records = {r.id: r for r in old.records}
    new_records = {r.id: r for r in new.records}
    added = [(key, ref) for rid, (key, ref) in new_refs.items() if rid not in old_refs]
    removed = [(key, ref) for rid, (key, ref) in old_refs.items() if rid not in new_refs]
    moved: list[tuple[tuple[int, int, str], ItemChange]] = []
    changed: list[tuple[tuple[int, int, str], ItemChange]] = []
    for rid, (key, ref) in new_refs.items():
        if rid not in old_refs:
            continue
        item = ItemChange(old_refs[rid][1], ref, _compare_records(old_records[rid], new_records[rid]))
        if item.moved:
            moved.append((key, item))
        if item.elements or item.file_renamed:
            changed.append((key, item))

    entries_added, entries_removed, entries_changed = _diff_entries(old, new)
    return CatalogueDiff(
        _ordered(added),
        _ordered(removed),
        _ordered(moved),
        _ordered(changed),
        entries_added,
        entries_removed,
        entries_changed,
    )


# -- formatting --------------------------------------------------------------------------------


_WHITESPACE = re.compile(r"\s*\n\s*")


def _one_line(value: str) -> str:
    return _WHITESPACE.sub(" ", value.strip()) or EMPTY_VALUE


def _element_text(change: ElementChange, text: Callable[[str], str]) -> str:
    """``时限：A → B`` or ``内容：+ x；- y``; ``text`` prepares each value (flattening, escaping)."""
    if not change.is_list:
        return f"{change.key}：{text(change.old)} → {text(change.new)}"
    if change.reordered:
        return f"{change.key}：条目顺序调整"
    parts = [f"{text(c.old)} → {text(c.new)}" + (f"（{c.note}）" if c.note else "") for c in change.changed]
    parts += [f"+ {text(value)}" for value in change.added]
    parts += [f"- {text(value)}" for value in change.removed]
    return f"{change.key}：" + "；".join(parts)


def _summary(diff: CatalogueDiff) -> str:
    items = (
        f"新增 {len(diff.added)} 项，删除 {len(diff.removed)} 项，"
        f"移动 {len(diff.moved)} 项，修改 {len(diff.changed)} 项。"
    )
    if not diff.has_entries:
        return items
    return items + (
        f"公开信息：新增 {len(diff.entries_added)} 条，删除 {len(diff.entries_removed)} 条，"
        f"修改 {len(diff.entries_changed)} 条。"
    )


def _info_title(ref: InfoRef, text: Callable[[str], str]) -> str:
    return f"{text(ref.title)}［{text(ref.id)}］"


def _info_lines(change: InfoChange, text: Callable[[str], str]) -> list[str]:
    lines = []
    if change.moved:
        lines.append(f"栏目：{text(change.old.place)} → {text(change.new.place)}")
    lines += [_element_text(element, text) for element in change.elements]
    if change.body_changed:
        lines.append("正文：有修改")
    if change.moved or change.file_renamed:
        lines.append(f"文件：{text(change.old.file)} → {text(change.new.file)}")
    return lines


def _item_lines(item: ItemChange, text: Callable[[str], str]) -> list[str]:
    lines = [_element_text(change, text) for change in item.elements]
    if item.file_renamed:
        lines.append(f"文件：{text(item.old.file)} → {text(item.new.file)}")
    return lines


def format_human(diff: CatalogueDiff, base: str = "") -> str:
    """The differences as plain text for the terminal (no trailing newline).

    ``base`` names the revision compared against, for the summary line.
    """
    if diff.empty:
        return NO_CHANGES
    t = _one_line
    lines = [(f"与 {base} 相比：" if base else "") + _summary(diff)]
    if diff.added:
        lines += ["", f"新增事项（{len(diff.added)}）："]
        lines += [f"  {t(r.place)}{PLACE_SEPARATOR}{t(r.title)}（{t(r.file)}）" for r in diff.added]
    if diff.removed:
        lines += ["", f"删除事项（{len(diff.removed)}）："]
        lines += [f"  {t(r.place)}{PLACE_SEPARATOR}{t(r.title)}（{t(r.file)}）" for r in diff.removed]
    if diff.moved:
        lines += ["", f"移动（{len(diff.moved)}）："]
        lines += [
            f"  {t(m.new.title)}：{t(m.old.place)} → {t(m.new.place)}（{t(m.old.file)} → {t(m.new.file)}）"
            for m in diff.moved
        ]
    if diff.changed:
        lines += ["", f"修改（{len(diff.changed)}）："]
        for item in diff.changed:
            lines.append(f"  {t(item.new.place)}{PLACE_SEPARATOR}{t(item.new.title)}（{t(item.new.file)}）")
            lines += [f"    {line}" for line in _item_lines(item, t)]
    if diff.entries_added:
        lines += ["", f"新增公开信息（{len(diff.entries_added)}）："]
        lines += [f"  {t(r.place)}{PLACE_SEPARATOR}{_info_title(r, t)}（{t(r.file)}）" for r in diff.entries_added]
    if diff.entries_removed:
        lines += ["", f"删除公开信息（{len(diff.entries_removed)}）："]
        lines += [f"  {t(r.place)}{PLACE_SEPARATOR}{_info_title(r, t)}（{t(r.file)}）" for r in diff.entries_removed]
    if diff.entries_changed:
        lines += ["", f"修改公开信息（{len(diff.entries_changed)}）："]
        for change in diff.entries_changed:
            lines.append(
                f"  {t(change.new.place)}{PLACE_SEPARATOR}{_info_title(change.new, t)}（{t(change.new.file)}）"
            )
            lines += [f"    {line}" for line in _info_lines(change, t)]
    return "\n".join(lines)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_|\[\]~#])")


def escape_markdown(value: str) -> str:
    """``value`` as literal text in GitHub-flavoured Markdown (one line, nothing interpreted)."""
    value = _one_line(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", value)


def format_markdown(diff: CatalogueDiff, base: str = "") -> str:
    """The differences as a pull-request comment in Markdown (ends with a newline)."""
    lines = [MARKDOWN_HEADING, ""]
    if diff.empty:
        return "\n".join([*lines, NO_CHANGES, ""])
    e = escape_markdown
    lines.append((f"与 {e(base)} 相比：" if base else "") + _summary(diff))

    def section(title: str, count: int, body: list[str]) -> None:
        if count:
            lines.extend(["", f"### {title}（{count}）", "", *body])

    section(
        "新增事项",
        len(diff.added),
        [f"- {e(r.place)}{PLACE_SEPARATOR}**{e(r.title)}**（{e(r.file)}）" for r in diff.added],
    )
    section(
        "删除事项",
        len(diff.removed),
        [f"- {e(r.place)}{PLACE_SEPARATOR}**{e(r.title)}**（{e(r.file)}）" for r in diff.removed],
    )
    section(
        "移动",
        len(diff.moved),
        [
            f"- **{e(m.new.title)}**：{e(m.old.place)} → {e(m.new.place)}（{e(m.old.file)} → {e(m.new.file)}）"
            for m in diff.moved
        ],
    )
    changed: list[str] = []
    for item in diff.changed:
        changed.append(f"- {e(item.new.place)}{PLACE_SEPARATOR}**{e(item.new.title)}**（{e(item.new.file)}）")
        changed += [f"  - {line}" for line in _item_lines(item, e)]
    section("修改", len(diff.changed), changed)

    def info(ref: InfoRef) -> str:
        return f"- {e(ref.place)}{PLACE_SEPARATOR}**{e(ref.title)}**［{e(ref.id)}］（{e(ref.file)}）"

    section("新增公开信息", len(diff.entries_added), [info(r) for r in diff.entries_added])
    section("删除公开信息", len(diff.entries_removed), [info(r) for r in diff.entries_removed])
    entries: list[str] = []
    for change in diff.entries_changed:
        entries.append(info(change.new))
        entries += [f"  - {line}" for line in _info_lines(change, e)]
    section("修改公开信息", len(diff.entries_changed), entries)
    return "\n".join([*lines, ""])


# -- git ---------------------------------------------------------------------------------------


class DiffError(Exception):
    """A comparison that cannot be made; the message is for the user (Chinese)."""


def _git(args: list[str], cwd: Path, *, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False)
    except OSError as error:
        raise DiffError(f"无法运行 git：{error}") from error


def _git_output(args: list[str], cwd: Path, *, stdin: bytes | None = None) -> bytes:
    done = _git(args, cwd, stdin=stdin)
    if done.returncode != 0:
        detail = done.stderr.decode(errors="replace").strip()
        raise DiffError(f"git {args[0]} 执行失败：{detail}")
    return done.stdout


def _repository_path(folder: Path) -> tuple[Path, str]:
    """The repository's top folder and ``folder`` relative to it (POSIX, ``""`` for the top)."""
    cwd = Path.cwd()
    done = _git(["rev-parse", "--show-toplevel"], cwd)
    if done.returncode != 0:
        raise DiffError("当前文件夹不在 git 仓库中，无法与 git 版本比较。")
    top = Path(os.fsdecode(done.stdout.strip()))
    try:
        rel = Path(os.path.realpath(cwd / folder)).relative_to(os.path.realpath(top))
    except ValueError as error:
        raise DiffError(f"目录文件夹 {folder.as_posix()} 不在当前 git 仓库中。") from error
    return top, rel.as_posix() if rel.parts else ""


def _commit(ref: str, top: Path) -> str:
    valid = bool(ref) and not ref.startswith("-")  # never let a revision be read as an option
    done = _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], top) if valid else None
    if done is None or done.returncode != 0:
        raise DiffError(f"找不到 git 版本“{ref}”，请检查分支名或提交号（例如 origin/main、HEAD~1）。")
    return done.stdout.decode().strip()


def extract_catalogue(ref: str, folder: Path, dest: Path) -> Path | None:
    """Write the catalogue folder as it was at git revision ``ref`` into ``dest``.

    ``folder`` is the catalogue folder in the working tree (relative to the current
    folder or absolute); it is located in the repository, so the command works from
    any sub-folder. Returns the extracted folder (``dest`` plus the folder's path in
    the repository), or None when the folder did not exist at ``ref``. Raises
    :class:`DiffError` (with a Chinese message) when the current folder is not in a
    git repository, ``ref`` is not a revision or git fails.
    """
    top, rel = _repository_path(folder)
    commit = _commit(ref, top)
    kind = _git(["cat-file", "-t", f"{commit}:{rel}"], top)
    if kind.returncode != 0 or kind.stdout.strip() != b"tree":
        return None
    listing = _git_output(["ls-tree", "-r", "-z", "--full-tree", commit, "--", rel or "."], top)
    blobs: list[tuple[str, str]] = []
    for entry in filter(None, listing.split(b"\0")):
        meta, _, raw_path = entry.partition(b"\t")
        mode, object_type, oid = meta.decode().split()
        if object_type == "blob" and mode != "120000":  # symbolic links and submodules are no catalogue files
            blobs.append((oid, os.fsdecode(raw_path)))
    target = dest.joinpath(*PurePosixPath(rel).parts)
    target.mkdir(parents=True, exist_ok=True)
    if not blobs:
        return target
    output = _git_output(["cat-file", "--batch"], top, stdin="".join(f"{oid}\n" for oid, _ in blobs).encode())
    position = 0
    for _oid, path in blobs:  # each blob: "<oid> blob <size>\n<content>\n"
        header_end = output.index(b"\n", position)
        size = int(output[position:header_end].split()[2])
        start = header_end + 1
        file = dest.joinpath(*PurePosixPath(path).parts)
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(output[start : start + size])
        position = start + size + 1
    return target


# -- both sides -------------------------------------------------------------------------------


def _relabel(catalogue: Catalogue, old_prefix: str, new_prefix: str) -> None:
    """Show the files of an extracted catalogue as if they stood in the working tree."""
    for record in catalogue.records:
        if record.file.startswith(old_prefix):
            record.file = new_prefix + record.file[len(old_prefix) :]
    for entry in catalogue.entries:
        if entry.file.startswith(old_prefix):
            entry.file = new_prefix + entry.file[len(old_prefix) :]


def _load_failure(side: str, diagnostics: list[Diagnostic], hint: str) -> str:
    counts = {s: sum(1 for d in diagnostics if d.severity is s) for s in Severity}
    return (
        f"{side}的目录有错误，无法比较："
        f"共 {counts[Severity.ERROR]} 个错误、{counts[Severity.WARNING]} 个警告、{counts[Severity.INFO]} 个提示。{hint}"
    )


def _only_empty(diagnostics: list[Diagnostic]) -> bool:
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    return bool(errors) and all(d.code == "catalogue-empty" for d in errors)


def compare_with(ref: str, folder: Path) -> CatalogueDiff:
    """What changed in the catalogue ``folder`` of the working tree since git revision ``ref``.

    A catalogue folder missing (or empty) at ``ref`` counts as an empty catalogue. Raises
    :class:`DiffError` (with a Chinese message) when either side has errors or git cannot
    give the old side.
    """
    shown = folder.as_posix().rstrip("/") or "."
    new, new_diagnostics = load_catalogue(folder, git_dates=False)
    if new is None:
        hint = f"请先运行 gkml check --catalogue {shown} 查看并修正。"
        raise DiffError(_load_failure("工作区", new_diagnostics, hint))
    with tempfile.TemporaryDirectory(prefix="gkml-diff-") as tmp:
        extracted = extract_catalogue(ref, folder, Path(tmp))
        old = Catalogue(site=new.site, areas=[])
        if extracted is not None:
            loaded, old_diagnostics = load_catalogue(extracted, git_dates=False)
            if loaded is not None:
                old = loaded
            elif not _only_empty(old_diagnostics):
                hint = f"可以用 git checkout {ref} 后运行 gkml check 查看。"
                raise DiffError(_load_failure(f"版本 {ref} ", old_diagnostics, hint))
            _relabel(old, extracted.as_posix().rstrip("/"), shown)
        return diff_catalogues(old, new)  # while the old side's files are there: long bodies are read from them
