"""``gkml new --entry``: scaffold a new entry (公开信息) under a catalogue item.

The entry goes into the item's column, in the folder of this year (Beijing time), with

* ``id``: ``<column slug>-<yyyymmdd>-<n>``, ``n`` the first number no entry of the catalogue uses;
* 发布日期 today, 发布机构 the item's 主体, 事项 the item, 类别 guessed from the column's title
  (:func:`guess_category`);
* 标题 from ``--title`` or the Word notice, else a visible placeholder; 文号 from the notice;
* the optional keys as comments showing their example, 审核 as a commented hint;
* the body from the notice (:mod:`generator.edit.entry_word`), else a placeholder.

Nothing is overwritten: a file of the same name is an error. The command line is
:mod:`generator.commands.new`.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from pathlib import Path

from generator.edit.entry_word import Converted, EntryWordError, convert_docx
from generator.exchange.writer import yaml_scalar
from generator.load.catalogue import record_files
from generator.load.entries import entry_paths, read_entry_file
from generator.load.files import FileGate
from generator.load.folders import CatalogueFolders
from generator.load.yamlfile import read_yaml
from generator.model.entries import (
    CATEGORIES,
    ENTRY_FIELDS,
    ENTRY_SUFFIX,
    GUIDE,
    INTERPRETATION,
    POLICY_CATEGORIES,
)
from generator.model.limits import Limits
from generator.model.naming import ID_MAX_LENGTH, file_stem, is_valid_id

TITLE_PLACEHOLDER = "【请填写标题】"
BODY_PLACEHOLDER = "【请填写正文】"
#: What ``--from`` reads, and what the catalogue's tables are (for ``gkml import``).
WORD_SUFFIX = ".docx"
TABLE_SUFFIXES = (".xlsx", ".xls", ".csv", ".json")
_SHOWN_IDS = 5  #: close ids offered for an unknown one

#: 类别 by words of a column's title, the first that matches (the default: 通知公告).
_CATEGORY_WORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("解读",), INTERPRETATION),
    (("办事指南", "指南", "服务指南"), GUIDE),
    (("法规政策", "部门文件", "政策文件", "规范性文件"), "规范性文件"),
    (("公示",), "公示公告"),
    (("通知", "公告"), "通知公告"),
)
DEFAULT_CATEGORY = "通知公告"


class EntryScaffoldError(Exception):
    """A problem with the command's input; the message is for the editor (Chinese)."""


def guess_category(column: str) -> str:
    """The 类别 an entry of the column titled ``column`` most likely has."""
    for words, category in _CATEGORY_WORDS:
        if any(word in column for word in words):
            return category
    return DEFAULT_CATEGORY


@dataclass(frozen=True)
class ItemPlace:
    """A catalogue item and the column it stands in, as ``gkml new --entry`` needs them."""

    id: str
    name: str
    subject: str  #: 主体: the entry's 发布机构
    area: str
    column: str  #: the column's title
    slug: str  #: the column's slug: the entries' ids start with it
    folder: Path  #: the column's folder


def find_items(folders: CatalogueFolders, gate: FileGate) -> dict[str, ItemPlace]:
    """Every item of the catalogue whose id can be read, by id (problems are left to gkml check)."""
    found: dict[str, ItemPlace] = {}
    for area in folders.areas:
        for column in area.categories:
            for path in record_files(column.path, gate):
                doc, _ = read_yaml(path, gate=gate)
                data = doc.data if doc is not None else None
                if not isinstance(data, dict) or not isinstance(data.get("id"), str):
                    continue
                item_id = data["id"].strip()
                name, subject = (str(data.get(k) or "").strip() for k in ("名称", "主体"))
                found.setdefault(
                    item_id,
                    ItemPlace(item_id, name, subject, area.title, column.title, column.slug, column.path),
                )
    return found


def entry_ids(folders: CatalogueFolders, gate: FileGate) -> set[str]:
    """The ids of every entry of the catalogue that can be read."""
    ids: set[str] = set()
    for area in folders.areas:
        for column in area.categories:
            for path in entry_paths(column.path):
                entry, _ = read_entry_file(path, path.as_posix(), gate)
                data = entry.doc.data if entry is not None else None
                if isinstance(data, dict) and isinstance(data.get("id"), str):
                    ids.add(data["id"].strip())
    return ids


def next_entry_id(slug: str, day: dt.date, taken: set[str]) -> str:
    """``<slug>-<yyyymmdd>-<n>``: the first ``n`` from 1 not in ``taken``."""
    prefix = slug if slug[:1].isalpha() else f"info-{slug}"
    prefix = prefix[: ID_MAX_LENGTH - 14].rstrip("-")  # room for -yyyymmdd-nnnn
    n = 1
    while f"{prefix}-{day:%Y%m%d}-{n}" in taken:
        n += 1
    return f"{prefix}-{day:%Y%m%d}-{n}"


@dataclass(frozen=True)
class EntryRequest:
    """What the editor asked for."""

    item: str  #: the id of the item the entry is published under
    today: dt.date  #: Beijing time
    title: str | None = None
    source: Path | None = None  #: a Word notice to take the title, 文号 and body from


@dataclass
class EntryPlan:
    """What ``gkml new --entry`` is about to write."""

    item: ItemPlace
    entry_id: str
    path: Path
    text: str
    title: str  #: "" when the placeholder was written
    doc_no: str
    category: str
    images: int = 0  #: images of the notice left out


def _unknown_item(given: str, items: dict[str, ItemPlace]) -> EntryScaffoldError:
    by_name = [i.id for i in items.values() if i.name == given]
    close = by_name or difflib.get_close_matches(given, sorted(items), n=_SHOWN_IDS, cutoff=0.5)
    if close:
        hint = "是不是：" + "、".join(f"{i}（{items[i].column} › {items[i].name}）" for i in close) + "？"
    elif items:
        hint = "事项的 id 写在事项文件中“id:”一行，例如：" + "、".join(sorted(items)[:_SHOWN_IDS]) + "。"
    else:
        hint = "目录中还没有可读取的事项，请先运行 gkml check。"
    return EntryScaffoldError(f"目录中没有 id 为“{given}”的公开事项。{hint}")


def _source(path: Path, gate: FileGate, limits: Limits) -> Converted:
    shown = path.as_posix()
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        raise EntryScaffoldError(
            f"{shown} 是表格文件，不是公文。导入标准目录表格请用 gkml import {shown}；"
            f"旧网站导出的信息列表（标题、发布日期、栏目、网址）请用 gkml import --entries {shown}；"
            "--from 只读取通知、公告等 Word 公文（.docx）。"
        )
    if suffix in (".html", ".htm"):
        raise EntryScaffoldError(
            f"{shown} 是网页。旧网站上保存下来的信息网页请用 gkml import --entries {shown} 导入"
            "（也可以写放网页的文件夹）；"
            "--from 只读取通知、公告等 Word 公文（.docx）。"
        )
    if suffix == ".doc":
        raise EntryScaffoldError(f"{shown} 是旧版 Word 文件（.doc），请用 Word 或 WPS 打开后另存为 .docx 再试。")
    if suffix != WORD_SUFFIX:
        raise EntryScaffoldError(f"--from 只读取 Word 公文（.docx），不支持“{path.suffix or '（无扩展名）'}”文件。")
    if not path.is_file():
        raise EntryScaffoldError(f"找不到文件 {shown}。")
    raw, refused = gate.read_bytes(path, shown, limit="import_file_bytes")
    if raw is None:
        raise EntryScaffoldError("；".join(f"{d.message}（{d.hint}）" for d in refused) or f"无法读取 {shown}。")
    try:
        return convert_docx(raw, shown, limits)
    except EntryWordError as error:
        raise EntryScaffoldError(str(error)) from None


def plan_entry(request: EntryRequest, folders: CatalogueFolders, gate: FileGate, limits: Limits) -> EntryPlan:
    """Settle every value of the new entry (raises :class:`EntryScaffoldError` for bad input)."""
    items = find_items(folders, gate)
    given = request.item.strip()
    item = items.get(given)
    if item is None:
        raise _unknown_item(given, items)
    converted = _source(request.source, FileGate(limits=limits), limits) if request.source else Converted()
    title = (request.title or "").strip() or converted.title
    if "\n" in title:
        raise EntryScaffoldError("标题不能包含换行。")
    entry_id = next_entry_id(item.slug, request.today, entry_ids(folders, gate))
    if not is_valid_id(entry_id):  # a column slug gkml would not make; say so rather than write a bad id
        raise EntryScaffoldError(
            f"无法由栏目“{item.column}”的网址别名“{item.slug}”生成信息的 id，请检查该栏目的 slug。"
        )
    category = guess_category(item.column)
    folder = item.folder / f"{request.today:%Y}"
    path = folder / f"{file_stem(title) if title else entry_id}{ENTRY_SUFFIX}"
    if path.exists():
        raise EntryScaffoldError(
            f"文件 {path.as_posix()} 已经存在，gkml 不覆盖已有文件。请用 --title 换一个标题，或先把已有文件改名。"
        )
    text = render_entry(
        entry_id, item, request.today, category=category, title=title, doc_no=converted.doc_no, body=converted.body
    )
    return EntryPlan(item, entry_id, path, text, title, converted.doc_no, category, converted.images)


def render_entry(
    entry_id: str,
    item: ItemPlace,
    today: dt.date,
    *,
    category: str,
    title: str = "",
    doc_no: str = "",
    body: str = "",
) -> str:
    """The text of a new entry file: front matter in ENTRY_FIELDS order (the optional keys as
    comments showing their example), then the body."""
    values = {
        "id": entry_id,
        "标题": yaml_scalar(title) if title else TITLE_PLACEHOLDER,
        "事项": item.id,
        "发布日期": today.isoformat(),
        "发布机构": yaml_scalar(item.subject) if item.subject else "【请填写发布机构】",
        "类别": category,
    }
    if doc_no:
        values["文号"] = yaml_scalar(doc_no)
    lines = [
        "---",
        "# 由 gkml new --entry 生成。标有“请填写”的地方请改成实际内容，带“# ”的行是可选的要素：",
        "# 需要时删除行首的“# ”并改写示例值。改完后运行 gkml check 检查。",
    ]
    for spec in ENTRY_FIELDS:
        if spec.key in values:
            lines.append(f"{spec.key}: {values[spec.key]}")
            if spec.key == "类别":
                lines.append(f"# 类别按栏目“{item.column}”推定，可选：{'、'.join(CATEGORIES)}。")
            continue
        if spec.key == "有效性" and category not in POLICY_CATEGORIES:
            continue  # only policies have a validity
        if spec.key == "审核":
            lines += [
                "# 审核：发布前须经保密审查（先审后发）；审核后删除下面一行行首的“# ”，写上审核人和审核日期",
                "# （不在网站上显示；网站状态为“正式”时必须填写）：",
            ]
        else:
            lines.append(f"# {spec.key}：{spec.description}")
        lines.append(f"# {spec.key}: {spec.example}")
    lines += ["---", "", (body or BODY_PLACEHOLDER + "\n").rstrip("\n")]
    return "\n".join(lines) + "\n"


def write_entry(plan: EntryPlan) -> None:
    """Create the year folder when needed, then the entry file (never overwriting one)."""
    plan.path.parent.mkdir(parents=True, exist_ok=True)
    with plan.path.open("x", encoding="utf-8", newline="\n") as out:
        out.write(plan.text)
