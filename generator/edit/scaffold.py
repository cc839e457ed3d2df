"""``gkml new``: scaffold a new item record.

Picks the area and category (asking when a value is missing and a person is at the
keyboard), assigns a fresh id and file name, and writes a record pre-filled from the
national standard catalogue (:mod:`generator.model.standard`) when the item is one of its rows,
or from the examples of :data:`generator.model.records.RECORD_FIELDS` otherwise.

The file written is valid: ``gkml check`` accepts it as it is. What the editor must
still replace is a visible placeholder (see :data:`PLACEHOLDER_MARKERS`) announced by
a ``# 待填写`` comment on the line above.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.check.diagnostics import Diagnostic
from generator.check.record import ID_PATTERN
from generator.edit.schema import RECORD_MODELINE
from generator.load.catalogue import META_FILE, SITE_FILE, load_meta, record_files, subfolders
from generator.load.yamlfile import read_yaml
from generator.model import vocab
from generator.model.records import RECORD_FIELDS, FieldSpec
from generator.model.slugs import initials
from generator.model.standard import StandardItem, find_standard_item, standard_items

#: Every placeholder value the scaffold writes contains one of these (a check or a grep can find them).
PLACEHOLDER_MARKERS: tuple[str, ...] = ("请填写", "请写明")
WEBSITE_COLUMN_PLACEHOLDER = "请填写具体栏目名称"
OTHER_CHANNEL_PLACEHOLDER = "请写明渠道名称"
AUDIENCE_GROUP_PLACEHOLDER = "请写明群体"
BASIS_PLACEHOLDER = "《请填写依据文件名称》"
SUBJECT_PLACEHOLDER = "（请写明具体股室）"
TODO = "# 待填写："

ID_MAX = 64
_ID_BASE_MAX = ID_MAX - 4  # room for a "-NN" suffix
_NAME_MAX = 70  # characters of a file name (UTF-8: 3 bytes each, below the usual 255-byte limit)
_UNSAFE_FILE_CHARS = str.maketrans(
    {"/": "／", "\\": "＼", ":": "：", "*": "＊", "?": "？", '"': "＂", "<": "＜", ">": "＞", "|": "｜"}
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
#: "《标题》（文号）第十条" → "《标题》第十条（文号）", the order the validator reads.
_BASIS_ARTICLE_AFTER_NO = re.compile(r"^(《[^》]*》)\s*([（(][^（）()]+[）)])\s*(\S.*)$")
_SPECS = {f.attr: f for f in RECORD_FIELDS}


class ScaffoldError(Exception):
    """A problem with the command's input; the message is for the editor (Chinese)."""


class Cancelled(Exception):
    """The editor ended the dialogue (end of input)."""


# -- the catalogue as it is on disk ------------------------------------------------------------------


@dataclass
class CategoryFolder:
    """A category (一级事项) folder: its title and slug as the site shows them."""

    path: Path
    title: str
    slug: str
    order: int
    names: set[str] = field(default_factory=set)  #: 名称 and file stems of its records
    new: bool = False  #: not on disk yet: created with the record


@dataclass
class AreaFolder:
    """An area (领域) folder and its categories."""

    path: Path
    title: str
    slug: str
    order: int
    categories: list[CategoryFolder] = field(default_factory=list)


@dataclass
class CatalogueFolders:
    """What ``gkml new`` needs to know of a catalogue folder."""

    root: Path
    areas: list[AreaFolder]
    ids: set[str]
    bureau: str


def scan_catalogue(root: Path) -> CatalogueFolders:
    """Areas and categories (titles and slugs read as the catalogue loader reads them), every id, the bureau.

    Problems in the files are left to ``gkml check``: a record that cannot be read still
    has its id counted when the id can be read at all.
    """
    ignored: list[Diagnostic] = []
    areas: list[AreaFolder] = []
    ids: set[str] = set()
    for area_dir in subfolders(root):
        meta = load_meta(area_dir, area_dir.as_posix(), ignored)
        area = AreaFolder(area_dir, meta.title, meta.slug, meta.order)
        for category_dir in subfolders(area_dir):
            cmeta = load_meta(category_dir, category_dir.as_posix(), ignored)
            category = CategoryFolder(category_dir, cmeta.title, cmeta.slug, cmeta.order)
            for path in record_files(category_dir):
                category.names.add(path.stem)
                doc, _ = read_yaml(path)
                data = doc.data if doc is not None else None
                if isinstance(data, dict):
                    if isinstance(data.get("id"), str):
                        ids.add(data["id"].strip())
                    if isinstance(data.get("名称"), str):
                        category.names.add(data["名称"].strip())
            area.categories.append(category)
        area.categories.sort(key=lambda c: (c.order, c.title))
        areas.append(area)
    areas.sort(key=lambda a: (a.order, a.title))
    return CatalogueFolders(root, areas, ids, _bureau(root))


def _bureau(root: Path) -> str:
    doc, _ = read_yaml(root / SITE_FILE)
    data = doc.data if doc is not None else None
    name = data.get("单位名称") if isinstance(data, dict) else None
    return name.strip() if isinstance(name, str) and name.strip() else "本单位"


# -- ids and file names -----------------------------------------------------------------------------


def make_id(area_slug: str, category_slug: str, name: str, taken: set[str]) -> str:
    """``<area slug>-<category slug>-<pinyin initials of name>``, with -2, -3 … appended when taken."""
    base = f"{area_slug}-{category_slug}-{initials(name)}"[:_ID_BASE_MAX].rstrip("-")
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def file_stem(name: str) -> str:
    """A file name (without .yaml) for an item name: no path separators or characters Windows refuses."""
    stem = _CONTROL.sub("", name.translate(_UNSAFE_FILE_CHARS)).strip().lstrip("._").strip()
    return stem[:_NAME_MAX].rstrip(". ") or "新事项"


def unique_path(folder: Path, stem: str) -> Path:
    """``folder/stem.yaml``, or ``stem（2）.yaml`` … when that file exists."""
    path, n = folder / f"{stem}.yaml", 2
    while path.exists() or path.with_suffix(".yml").exists():
        path, n = folder / f"{stem}（{n}）.yaml", n + 1
    return path


def category_slug(title: str, taken: set[str]) -> str:
    """The slug of a new category: the initials of its title, made unique within its area."""
    base = initials(title)
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


# -- the record text -----------------------------------------------------------------------------------


def _scalar(value: str) -> str:
    """``value`` as a one-line YAML scalar (plain when that reads back the same, quoted otherwise)."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1_000_000, default_flow_style=True)
    return dumped.removesuffix("\n").removesuffix("\n...").strip()


def yaml_scalar(value: str) -> str:
    """``value`` as a YAML scalar on one line, as record files are written (also for text with line breaks)."""
    if "\n" in value or "\r" in value:
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    return _scalar(value)


def _inline_list(values: Sequence[str]) -> str:
    return _scalar(values[0]) if len(values) == 1 else "[" + ", ".join(_scalar(v) for v in values) + "]"


def _basis_text(text: str) -> str:
    match = _BASIS_ARTICLE_AFTER_NO.match(text)
    return f"{match.group(1)}{match.group(3)}{match.group(2)}" if match else text


def _channel_lines(name: str, required: bool) -> list[str]:
    mark = vocab.CHANNEL_REQUIRED if required else vocab.CHANNEL_OPTIONAL
    if name == vocab.WEBSITE_CHANNEL:
        return [f"- {mark}{name}:", f"    栏目: {WEBSITE_COLUMN_PLACEHOLDER}"]
    if name == vocab.OTHER_CHANNEL:
        return [f"- {mark}{name}: {OTHER_CHANNEL_PLACEHOLDER}"]
    return [f"- {mark}{name}"]


_OPTIONAL_FROM_STANDARD = "以下是标准目录列出的可选渠道（□）"
_OPTIONAL_OTHERS = "以下是其他标准渠道（□）"


def _channels_block(
    required: Sequence[str], optional: Sequence[str], intro: str = _OPTIONAL_FROM_STANDARD
) -> list[str]:
    order = {c: i for i, c in enumerate(vocab.CHANNELS)}
    required = sorted(required, key=order.__getitem__)
    optional = sorted(optional, key=order.__getitem__)
    if not required:  # a channel list may not be empty: offer the optional ones as written lines
        required, optional, marks = optional, [], False
    else:
        marks = True
    lines: list[str] = []
    for name in required:
        if name == vocab.WEBSITE_CHANNEL:
            lines.append(f"  {TODO}政府网站要写明发布本事项的具体栏目，可在“栏目”下面再加一行“网址: https://…”。")
        elif name == vocab.OTHER_CHANNEL:
            lines.append(f"  {TODO}写明“其他”是什么渠道，例如“书面答复”。")
        lines += [f"  {line}" for line in _channel_lines(name, marks)]
    if optional:
        lines.append(f"  # {intro}；采用的渠道删除行首的“# ”即可（“栏目”行也一样）：")
        for name in optional:
            lines += [f"  # {line}" for line in _channel_lines(name, False)]
    return lines


def _audiences(values: Sequence[str]) -> tuple[str, str | None]:
    texts = [f"{a}（{AUDIENCE_GROUP_PLACEHOLDER}）" if a == vocab.AUDIENCE_GROUP else a for a in values]
    note = "写明是哪一类群体，例如“特定群体（申请人）”。" if vocab.AUDIENCE_GROUP in values else None
    return _inline_list(texts), note


def _levels(values: Sequence[str]) -> tuple[str, str | None]:
    shown = "、".join(values)
    if values == ("县级",):
        return "县级", None
    if "县级" in values:
        return "县级", f"# 标准目录此行的公开层级为“{shown}”；本目录是县级单位的目录，填写“县级”。"
    return _inline_list(values), f"{TODO}标准目录此行的公开层级为“{shown}”，不含县级；请按本单位实际填写。"


@dataclass
class _Field:
    """The lines of one key: comments above it, and the key with its value (or commented out)."""

    spec: FieldSpec
    value: str | None = None  #: the text after "key: " (None: a block follows in ``block``)
    block: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  #: whole comment lines, "# …"
    active: bool = True

    def lines(self) -> list[str]:
        out = [f"# {self.spec.description}", *self.notes]
        if self.active:
            out.append(f"{self.spec.key}:" if self.value is None else f"{self.spec.key}: {self.value}")
            out += self.block
        else:
            out.append(f"# {self.spec.key}: {self.spec.example}")
        return out


def _standard_fields(item: StandardItem, bureau: str) -> dict[str, _Field]:
    f: dict[str, _Field] = {}
    marks = {True: vocab.CONTENT_REQUIRED, False: vocab.CONTENT_OPTIONAL}
    f["content"] = _Field(_SPECS["content"], block=[f"  - {_scalar(marks[r] + text)}" for text, r in item.content])
    if item.basis:
        f["basis"] = _Field(_SPECS["basis"], block=[f"  - {_scalar(_basis_text(b))}" for b in item.basis])
    else:
        f["basis"] = _Field(
            _SPECS["basis"],
            block=[f"  - {BASIS_PLACEHOLDER}"],
            notes=[f"{TODO}标准目录此行没有列出公开依据，请填写。"],
        )
    f["time_limit"] = _Field(_SPECS["time_limit"], _scalar(item.time_limit))
    f["subject"] = _Field(
        _SPECS["subject"],
        _scalar(bureau + SUBJECT_PLACEHOLDER),
        notes=[
            f"{TODO}标准目录的公开主体为“{item.subject}”；请写明本单位负责公开的具体股室，例如“{_SPECS['subject'].example}”。"
        ],
    )
    f["methods"] = _Field(_SPECS["methods"], _inline_list(item.methods))
    f["channels"] = _Field(_SPECS["channels"], block=_channels_block(item.channels_required, item.channels_optional))
    audiences, note = _audiences(item.audiences)
    f["audiences"] = _Field(_SPECS["audiences"], audiences, notes=[f"{TODO}{note}"] if note else [])
    levels, level_note = _levels(item.levels)
    f["levels"] = _Field(_SPECS["levels"], levels, notes=[level_note] if level_note else [])
    if item.level3:
        f["level3"] = _Field(_SPECS["level3"], _scalar(item.level3))
    return f


def _example_fields(bureau: str) -> dict[str, _Field]:
    f: dict[str, _Field] = {}
    note = "# 待核对：这是示例值，请改为本事项的实际内容。"
    for attr in ("content", "basis", "time_limit", "methods", "audiences", "levels"):
        f[attr] = _Field(_SPECS[attr], _SPECS[attr].example, notes=[note])
    f["subject"] = _Field(
        _SPECS["subject"],
        _scalar(bureau + SUBJECT_PLACEHOLDER),
        notes=[f"{TODO}请写明本单位负责公开的具体股室，例如“{_SPECS['subject'].example}”。"],
    )
    others = [c for c in vocab.CHANNELS if c != vocab.WEBSITE_CHANNEL]
    f["channels"] = _Field(_SPECS["channels"], block=_channels_block([vocab.WEBSITE_CHANNEL], others, _OPTIONAL_OTHERS))
    return f


def render_record(
    record_id: str,
    name: str,
    *,
    bureau: str,
    area: str,
    category: str,
    standard: StandardItem | None = None,
) -> str:
    """The text of a new item file: the schema modeline, a header, every key in ``RECORD_FIELDS`` order.

    With ``standard`` the values come from that row of the national standard catalogue;
    without it, from the examples of the record schema. Either way the text is a valid
    record; what the editor must replace is marked by a ``# 待填写`` comment.
    """
    header = [RECORD_MODELINE]
    if standard is not None:
        row = "/".join(x for x in (standard.level1, standard.level2, standard.level3) if x)
        header.append(f"# 由 gkml new 生成，预填内容来自标准目录{standard.area}领域“{row}”行。")
        if standard.verified:
            header.append("# 此行见于已发布的标准目录文本；各地版本的写法不尽相同，请对照本地实际逐项核对。")
        else:
            header.append(
                "# 【重构】此行未见于已发布的标准目录原文，是根据有关法规和相邻事项推定的，"
                "仅供参考，不是官方文本；请对照正式发布的标准目录核对后再使用。"
            )
        fields = _standard_fields(standard, bureau)
    else:
        header.append(f"# 由 gkml new 生成。标准目录中没有与“{area}/{category}/{name}”对应的事项，以下各项为示例值。")
        fields = _example_fields(bureau)
    header.append("# 标有“待填写”“待核对”的地方请改成本单位的实际情况，改完后运行 gkml check 检查。")
    fields["id"] = _Field(_SPECS["id"], record_id)
    fields["name"] = _Field(_SPECS["name"], _scalar(name))
    lines = [*header, ""]
    for spec in RECORD_FIELDS:
        entry = fields.get(spec.attr) or _Field(spec, active=False)
        lines += entry.lines()
    return "\n".join(lines) + "\n"


def category_meta_text(slug: str, order: int, title: str, folder_name: str) -> str:
    """The ``_meta.yaml`` of a category created by ``gkml new``."""
    lines = ["# 栏目设置：由 gkml new 创建。"]
    if title != folder_name:
        lines.append(f"标题: {_scalar(title)}")
    lines += [f"slug: {slug}", f"顺序: {order}", "# 简介: 请填写栏目简介，显示在栏目页顶部。"]
    return "\n".join(lines) + "\n"


# -- choosing the area, category, name and standard row ------------------------------------------------


Ask = Callable[[str], str]


def _choose(
    ask: Ask, title: str, options: list[str], *, notes: Sequence[str] = (), extra: str = "", allow_new: bool = False
) -> tuple[int, str]:
    """Show numbered ``options`` (each followed by its note) and read a number or a name.

    Returns (index, option), or (-1, the text typed) for a new name when ``allow_new``.
    """
    print(title)
    for i, option in enumerate(options):
        note = notes[i] if i < len(notes) else ""
        print(f"  {i + 1}. {option}{note}")
    if extra:
        print(extra)
    while True:
        answer = ask("请输入编号或名称：").strip()
        if answer.isdigit() and 1 <= int(answer) <= len(options):
            return int(answer) - 1, options[int(answer) - 1]
        if answer in options:
            return options.index(answer), answer
        if answer and allow_new and not answer.isdigit():
            return -1, answer
        more = "，或输入新的名称。" if allow_new else "，或列出的名称。"
        print(f"无效的选择：请输入 1–{len(options)} 之间的编号{more}")


def _find_area(folders: CatalogueFolders, text: str) -> AreaFolder | None:
    for area in folders.areas:
        if text in (area.title, area.path.name):
            return area
    return None


def _find_category(area: AreaFolder, text: str) -> CategoryFolder | None:
    for category in area.categories:
        if text in (category.title, category.path.name):
            return category
    return None


def _new_category(area: AreaFolder, title: str) -> CategoryFolder:
    title = title.strip()
    folder = file_stem(title)
    if not title or (area.path / folder).exists():
        raise ScaffoldError(f"无法新建一级事项“{title}”：名称为空，或同名文件夹已存在。")
    order = max((c.order for c in area.categories if c.order < 1000), default=0) + 1
    slug = category_slug(title, {c.slug for c in area.categories})
    category = CategoryFolder(area.path / folder, title, slug, order, new=True)
    area.categories.append(category)
    return category


def _standard_rows_for(area: str, category: str) -> list[StandardItem]:
    return [i for i in standard_items(area) if i.level1 == category]


def _row_label(item: StandardItem) -> str:
    return "/".join(x for x in (item.level2, item.level3) if x)


def _resolve_standard(query: str, area: str | None, category: str | None) -> list[StandardItem]:
    """Rows named ``query`` (二级事项, or 一级事项/二级事项), narrowed to ``area`` and ``category`` when given."""
    query = query.strip()
    rows = [
        i
        for i in standard_items()
        if query in (i.level2, f"{i.level1}/{i.level2}", f"{i.area}/{i.level1}/{i.level2}")
        and (area is None or i.area == area)
        and (category is None or i.level1 == category)
    ]
    if rows:
        return rows
    names = sorted({i.level2 for i in standard_items(area)} if area else {i.level2 for i in standard_items()})
    close = difflib.get_close_matches(query, names, n=3, cutoff=0.4)
    where = f"{area}领域" if area else "标准目录"
    hint = f"是不是要找：{'、'.join(close)}？" if close else "可用 gkml new 不带 --standard 交互选择。"
    if category is not None and _resolve_standard(query, area, None):
        hint = f"该事项不在一级事项“{category}”下，请检查 --category。"
    raise ScaffoldError(f"{where}中没有名为“{query}”的事项。{hint}")


@dataclass
class Plan:
    """What ``gkml new`` is about to write."""

    area: AreaFolder
    category: CategoryFolder
    name: str
    record_id: str
    path: Path
    standard: StandardItem | None
    text: str


def plan(args: argparse.Namespace, folders: CatalogueFolders, ask: Ask | None) -> Plan:
    """Settle every value from the flags, the standard catalogue and (when ``ask`` is given) the editor."""
    standard: StandardItem | None = None
    area_text: str | None = args.area
    area: AreaFolder | None = None
    if area_text is not None:
        area = _find_area(folders, area_text.strip())
        if area is None:
            known = "、".join(a.title for a in folders.areas) or "（无）"
            raise ScaffoldError(f"目录中没有领域“{area_text}”。现有领域：{known}。")

    if args.standard:
        rows = _resolve_standard(args.standard, area.title if area else None, args.category)
        if len(rows) > 1:
            if ask is None:
                raise ScaffoldError(
                    f"标准目录中有 {len(rows)} 个名为“{args.standard}”的事项"
                    f"（{'、'.join(f'{r.area}/{r.level1}' for r in rows)}），请用 --area 和 --category 指定。"
                )
            index, _ = _choose(
                ask, "标准目录中有多个同名事项，请选择：", [f"{r.area}/{r.level1}/{r.level2}" for r in rows]
            )
            rows = [rows[index]]
        standard = rows[0]
        if area is None:
            area = _find_area(folders, standard.area)
            if area is None:
                raise ScaffoldError(
                    f"目录中没有“{standard.area}”领域的文件夹，请先在 {folders.root.as_posix()}/ 下新建。"
                )

    if area is None:
        if ask is None:
            raise ScaffoldError("缺少领域：请用 --area 指定，例如 --area 保障性住房。")
        if not folders.areas:
            raise ScaffoldError(f"{folders.root.as_posix()}/ 下还没有任何领域文件夹。")
        index, _ = _choose(ask, "请选择领域：", [a.title for a in folders.areas])
        area = folders.areas[index]

    category_text = args.category or (standard.level1 if standard else None)
    category: CategoryFolder | None = None
    if category_text is not None:
        category = _find_category(area, category_text.strip()) or _new_category(area, category_text)
    elif ask is None:
        raise ScaffoldError("缺少一级事项：请用 --category 指定，例如 --category 配给管理。")
    else:
        existing = [c.title for c in area.categories]
        missing = [
            level1 for level1 in dict.fromkeys(i.level1 for i in standard_items(area.title)) if level1 not in existing
        ]
        index, text = _choose(
            ask,
            f"请选择“{area.title}”的一级事项：",
            existing + missing,
            notes=[""] * len(existing) + ["（标准目录中的一级事项，将新建栏目）"] * len(missing),
            extra="也可以输入新的一级事项名称（将新建栏目文件夹）。",
            allow_new=True,
        )
        category = area.categories[index] if 0 <= index < len(existing) else _new_category(area, text)

    name = (args.name or (standard.level2 if standard else "")).strip()
    if not name:
        if ask is None:
            raise ScaffoldError("缺少事项名称：请用 --name 指定二级事项名称，例如 --name 公租房承租资格审核。")
        rows = _standard_rows_for(area.title, category.title)
        if rows:
            index, text = _choose(
                ask,
                f"标准目录中“{category.title}”下的事项：",
                [r.level2 for r in rows],
                notes=["（目录中已有）" if r.level2 in category.names else "" for r in rows],
                extra="也可以输入新的事项名称。",
                allow_new=True,
            )
            if index >= 0:
                standard, name = rows[index], rows[index].level2
            else:
                name = text.strip()
        while not name:
            name = ask("请输入公开事项名称（二级事项）：").strip()
    if "\n" in name:
        raise ScaffoldError("事项名称不能包含换行。")
    if standard is None:
        standard = find_standard_item(area.title, category.title, name)

    if args.id:
        record_id = args.id.strip()
        if not ID_PATTERN.match(record_id) or len(record_id) > ID_MAX:
            raise ScaffoldError(
                f"id“{record_id}”格式不对：只能由小写字母、数字和连字符组成，以字母开头，最长 {ID_MAX} 个字符。"
            )
        if record_id in folders.ids:
            raise ScaffoldError(f"id“{record_id}”已被其他事项使用，请换一个，或不写 --id 由程序生成。")
    else:
        record_id = make_id(area.slug, category.slug, name, folders.ids)

    path = unique_path(category.path, file_stem(name))
    text = render_record(
        record_id, name, bureau=folders.bureau, area=area.title, category=category.title, standard=standard
    )
    return Plan(area, category, name, record_id, path, standard, text)


# -- the command -------------------------------------------------------------------------------------------


def _stdin_is_tty() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _ask(prompt: str) -> str:
    try:
        return input(prompt)
    except EOFError:
        raise Cancelled from None


def _shown(path: Path) -> str:
    return path.as_posix()


def write_plan(p: Plan) -> None:
    """Create the category folder when new, then the record file (never overwriting anything)."""
    if p.category.new:
        p.category.path.mkdir(parents=True)
        meta = category_meta_text(p.category.slug, p.category.order, p.category.title, p.category.path.name)
        (p.category.path / META_FILE).write_text(meta, encoding="utf-8")
    with p.path.open("x", encoding="utf-8", newline="\n") as out:
        out.write(p.text)


def _summary(p: Plan, *, with_path: bool = True) -> list[str]:
    lines = [
        f"  领域：{p.area.title}",
        f"  一级事项：{p.category.title}" + ("（新建栏目）" if p.category.new else ""),
        f"  事项名称：{p.name}",
        f"  id：{p.record_id}",
    ]
    if with_path:
        lines.append(f"  文件：{_shown(p.path)}")
    if p.standard is None:
        lines.append("  预填：标准目录中没有对应事项，按示例值填写")
    else:
        row = f"{p.standard.level1}/{_row_label(p.standard)}"
        caveat = "" if p.standard.verified else "（注意：此行为推定内容，不是官方原文）"
        lines.append(f"  预填：标准目录“{row}”行{caveat}")
    if p.name in p.category.names:
        lines.append("  注意：本栏目中已有同名事项，请确认不是重复添加。")
    return lines


def run(args: argparse.Namespace) -> int:
    """``gkml new``: returns the exit status (0 written, 1 cancelled or failed, 2 bad or missing input)."""
    root = Path(args.catalogue)
    if not root.is_dir():
        print(f"错误：找不到目录文件夹 {_shown(root)}（可用 --catalogue 指定）。", file=sys.stderr)
        return 2
    interactive = not args.yes and _stdin_is_tty()
    try:
        p = plan(args, scan_catalogue(root), _ask if interactive else None)
        if args.dry_run:
            print(p.text, end="")
            print("\n".join(["预览（--dry-run）：未写入任何文件。将要创建：", *_summary(p)]), file=sys.stderr)
            return 0
        if interactive:
            print("\n".join(["即将创建：", *_summary(p)]))
            if _ask("确认创建？（Y/n）").strip().lower() not in ("", "y", "yes", "是"):
                print("已取消，未写入任何文件。")
                return 1
    except ScaffoldError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except Cancelled:
        print("\n已取消，未写入任何文件。", file=sys.stderr)
        return 1
    try:
        write_plan(p)
    except OSError as exc:
        print(f"错误：无法写入 {_shown(p.path)}：{exc.strerror or exc}", file=sys.stderr)
        return 1
    lines = [f"已创建事项文件：{_shown(p.path)}", *_summary(p, with_path=False)]
    if p.category.new:
        lines.append(f"已新建栏目文件夹：{_shown(p.category.path)}/（含 {META_FILE}，可补充栏目简介）")
    lines += [
        "下一步：",
        "  1. 用编辑器打开这个文件，核对预填内容，"
        "把标有“待填写”“待核对”的地方（具体股室、网站栏目等）改成本单位的实际情况；",
        "  2. 运行 gkml check，确认没有错误；",
        "  3. 提交修改并发起合并请求（pull request），请同事审核后合并。",
    ]
    print("\n".join(lines))
    return 0


def add_command(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Register ``gkml new`` with the command line (``command(name, help)`` makes a subparser)."""
    cmd = command("new", "新建一个公开事项记录文件（可按标准目录预填内容）")
    cmd.add_argument("--area", metavar="领域", help="领域，例如“保障性住房”（文件夹名或标题）")
    cmd.add_argument("--category", metavar="一级事项", help="一级事项（栏目），不存在时新建栏目文件夹")
    cmd.add_argument("--name", metavar="二级事项名称", help="公开事项名称（二级事项）")
    cmd.add_argument("--id", metavar="ID", help="事项 id（默认按“领域-一级事项-名称拼音首字母”生成）")
    cmd.add_argument(
        "--standard", metavar="标准事项名称", help="按标准目录中的这个二级事项预填（可写“一级事项/二级事项”）"
    )
    cmd.add_argument("-y", "--yes", action="store_true", help="不提问：缺少的值用默认值，没有默认值时报错")
    cmd.add_argument("--dry-run", action="store_true", help="只显示将要生成的内容，不写入文件")
    cmd.set_defaults(run=run)
