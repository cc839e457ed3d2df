"""``gkml new``: scaffold a new item record.

Picks the area and category (asking when a value is missing and a person is at the
keyboard), assigns a fresh id and file name, and writes a record pre-filled from the
national standard catalogue (:mod:`generator.model.standard`) when the item is one of its rows,
or from the examples of :data:`generator.model.records.RECORD_FIELDS` otherwise.

The file written is valid: ``gkml check`` accepts it as it is. What the editor must
still replace is a visible placeholder (see :mod:`generator.model.placeholders`) announced by
a ``# 待填写`` comment on the line above. The command line is :mod:`generator.commands.new`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.exchange.writer import yaml_scalar
from generator.load.catalogue import META_FILE
from generator.load.folders import AreaFolder, CatalogueFolders, CategoryFolder

# scan_catalogue and ID_MAX: read from here by generator.exchange.importer until it imports them from their homes
from generator.load.folders import scan_catalogue as scan_catalogue
from generator.model import vocab
from generator.model.naming import ID_MAX_LENGTH, category_slug, file_stem, is_valid_id, make_id
from generator.model.placeholders import (
    AUDIENCE_GROUP_PLACEHOLDER,
    BASIS_PLACEHOLDER,
    CONTENT_PLACEHOLDERS,
    OTHER_CHANNEL_PLACEHOLDER,
    SUBJECT_PLACEHOLDER,
    TODO,
    WEBSITE_COLUMN_PLACEHOLDER,
)
from generator.model.records import RECORD_FIELDS, FieldSpec
from generator.model.schema_files import RECORD_MODELINE
from generator.model.standard import StandardItem, find_standard_item, standard_items

ID_MAX = ID_MAX_LENGTH
#: "《标题》（文号）第十条" → "《标题》第十条（文号）", the order the validator reads.
_BASIS_ARTICLE_AFTER_NO = re.compile(r"^(《[^》]*》)\s*([（(][^（）()]+[）)])\s*(\S.*)$")
_SPECS = {f.attr: f for f in RECORD_FIELDS}


class ScaffoldError(Exception):
    """A problem with the command's input; the message is for the editor (Chinese)."""


class Cancelled(Exception):
    """The editor ended the dialogue (end of input)."""


# -- file names ---------------------------------------------------------------------------------------


def unique_path(folder: Path, stem: str) -> Path:
    """``folder/stem.yaml``, or ``stem（2）.yaml`` … when that file exists."""
    path, n = folder / f"{stem}.yaml", 2
    while path.exists() or path.with_suffix(".yml").exists():
        path, n = folder / f"{stem}（{n}）.yaml", n + 1
    return path


# -- the record text -----------------------------------------------------------------------------------


def _inline_list(values: Sequence[str]) -> str:
    return yaml_scalar(values[0]) if len(values) == 1 else "[" + ", ".join(yaml_scalar(v) for v in values) + "]"


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
    f["content"] = _Field(_SPECS["content"], block=[f"  - {yaml_scalar(marks[r] + text)}" for text, r in item.content])
    if item.basis:
        f["basis"] = _Field(_SPECS["basis"], block=[f"  - {yaml_scalar(_basis_text(b))}" for b in item.basis])
    else:
        f["basis"] = _Field(
            _SPECS["basis"],
            block=[f"  - {BASIS_PLACEHOLDER}"],
            notes=[f"{TODO}标准目录此行没有列出公开依据，请填写。"],
        )
    f["time_limit"] = _Field(_SPECS["time_limit"], yaml_scalar(item.time_limit))
    f["subject"] = _Field(
        _SPECS["subject"],
        yaml_scalar(bureau + SUBJECT_PLACEHOLDER),
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
        f["level3"] = _Field(_SPECS["level3"], yaml_scalar(item.level3))
    return f


def _example_fields(bureau: str) -> dict[str, _Field]:
    f: dict[str, _Field] = {}
    note = "# 待核对：这是示例值，请改为本事项的实际内容。"
    for attr in ("basis", "time_limit", "methods", "audiences", "levels"):
        f[attr] = _Field(_SPECS[attr], _SPECS[attr].example, notes=[note])
    f["content"] = _Field(
        _SPECS["content"],
        block=[f"  - {yaml_scalar(text)}" for text in CONTENT_PLACEHOLDERS],
        notes=[f"{TODO}标准目录中没有这个事项，请逐项写明要公开的内容，不需要的行删去。"],
    )
    f["subject"] = _Field(
        _SPECS["subject"],
        yaml_scalar(bureau + SUBJECT_PLACEHOLDER),
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
    fields["name"] = _Field(_SPECS["name"], yaml_scalar(name))
    lines = [*header, ""]
    for spec in RECORD_FIELDS:
        entry = fields.get(spec.attr) or _Field(spec, active=False)
        lines += entry.lines()
    return "\n".join(lines) + "\n"


def category_meta_text(slug: str, order: int, title: str, folder_name: str) -> str:
    """The ``_meta.yaml`` of a category created by ``gkml new``."""
    lines = ["# 栏目设置：由 gkml new 创建。"]
    if title != folder_name:
        lines.append(f"标题: {yaml_scalar(title)}")
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


@dataclass(frozen=True)
class Request:
    """What the editor asked for on the command line; None where an option was not given."""

    area: str | None = None  #: 领域: title or folder name
    category: str | None = None  #: 一级事项: title or folder name (a new one is created)
    name: str | None = None  #: 二级事项: the item's name
    record_id: str | None = None
    standard: str | None = None  #: the standard catalogue's row to pre-fill from: 二级事项 or 一级事项/二级事项


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


def plan(request: Request, folders: CatalogueFolders, ask: Ask | None) -> Plan:
    """Settle every value from the request, the standard catalogue and (when ``ask`` is given) the editor."""
    area = _given_area(folders, request.area)
    standard = _standard_row(request, area, ask) if request.standard else None
    if area is None:
        area = _area_of_row(folders, standard) if standard is not None else _chosen_area(folders, ask)
    category = _category(area, request.category or (standard.level1 if standard else None), ask)
    name, standard = _name(request.name or (standard.level2 if standard else ""), area, category, standard, ask)
    if standard is None:
        standard = find_standard_item(area.title, category.title, name)
    record_id = _record_id(request.record_id, area, category, name, folders.ids)
    path = unique_path(category.path, file_stem(name))
    text = render_record(
        record_id, name, bureau=folders.bureau, area=area.title, category=category.title, standard=standard
    )
    return Plan(area, category, name, record_id, path, standard, text)


def _given_area(folders: CatalogueFolders, text: str | None) -> AreaFolder | None:
    """The area named on the command line; None when none was."""
    if text is None:
        return None
    area = _find_area(folders, text.strip())
    if area is None:
        known = "、".join(a.title for a in folders.areas) or "（无）"
        raise ScaffoldError(f"目录中没有领域“{text}”。现有领域：{known}。")
    return area


def _standard_row(request: Request, area: AreaFolder | None, ask: Ask | None) -> StandardItem:
    """The row of the standard catalogue the request names (the editor picks one when several match)."""
    query = request.standard or ""
    rows = _resolve_standard(query, area.title if area else None, request.category)
    if len(rows) > 1:
        if ask is None:
            raise ScaffoldError(
                f"标准目录中有 {len(rows)} 个名为“{query}”的事项"
                f"（{'、'.join(f'{r.area}/{r.level1}' for r in rows)}），请用 --area 和 --category 指定。"
            )
        index, _ = _choose(ask, "标准目录中有多个同名事项，请选择：", [f"{r.area}/{r.level1}/{r.level2}" for r in rows])
        rows = [rows[index]]
    return rows[0]


def _area_of_row(folders: CatalogueFolders, standard: StandardItem) -> AreaFolder:
    """The catalogue's folder of the standard row's area."""
    area = _find_area(folders, standard.area)
    if area is None:
        raise ScaffoldError(f"目录中没有“{standard.area}”领域的文件夹，请先在 {folders.root.as_posix()}/ 下新建。")
    return area


def _chosen_area(folders: CatalogueFolders, ask: Ask | None) -> AreaFolder:
    """The area the editor picks (there is no one to ask: an error)."""
    if ask is None:
        raise ScaffoldError("缺少领域：请用 --area 指定，例如 --area 保障性住房。")
    if not folders.areas:
        raise ScaffoldError(f"{folders.root.as_posix()}/ 下还没有任何领域文件夹。")
    index, _ = _choose(ask, "请选择领域：", [a.title for a in folders.areas])
    return folders.areas[index]


def _category(area: AreaFolder, text: str | None, ask: Ask | None) -> CategoryFolder:
    """The category named ``text`` (created when new), or the one the editor picks or names."""
    if text is not None:
        return _find_category(area, text.strip()) or _new_category(area, text)
    if ask is None:
        raise ScaffoldError("缺少一级事项：请用 --category 指定，例如 --category 配给管理。")
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
    return area.categories[index] if 0 <= index < len(existing) else _new_category(area, text)


def _name(
    text: str, area: AreaFolder, category: CategoryFolder, standard: StandardItem | None, ask: Ask | None
) -> tuple[str, StandardItem | None]:
    """The item's name, and the standard row when the editor picks the name from the standard catalogue."""
    name = text.strip()
    if not name:
        if ask is None:
            raise ScaffoldError("缺少事项名称：请用 --name 指定二级事项名称，例如 --name 公租房承租资格审核。")
        rows = _standard_rows_for(area.title, category.title)
        if rows:
            index, typed = _choose(
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
                name = typed.strip()
        while not name:
            name = ask("请输入公开事项名称（二级事项）：").strip()
    if "\n" in name:
        raise ScaffoldError("事项名称不能包含换行。")
    return name, standard


def _record_id(given: str | None, area: AreaFolder, category: CategoryFolder, name: str, taken: set[str]) -> str:
    """The id given (checked: well-formed and not taken), or a fresh one made from the slugs and the name."""
    if not given:
        return make_id(area.slug, category.slug, name, taken)
    record_id = given.strip()
    if not is_valid_id(record_id):
        raise ScaffoldError(
            f"id“{record_id}”格式不对：只能由小写字母、数字和连字符组成，以字母开头，最长 {ID_MAX_LENGTH} 个字符，"
            "也不能是 con、nul、com1 这样的 Windows 设备名。"
        )
    if record_id in taken:
        raise ScaffoldError(f"id“{record_id}”已被其他事项使用，请换一个，或不写 --id 由程序生成。")
    return record_id


# -- writing -------------------------------------------------------------------------------------------


def write_plan(p: Plan) -> None:
    """Create the category folder when new, then the record file (never overwriting anything)."""
    if p.category.new:
        p.category.path.mkdir(parents=True)
        meta = category_meta_text(p.category.slug, p.category.order, p.category.title, p.category.path.name)
        (p.category.path / META_FILE).write_text(meta, encoding="utf-8")
    with p.path.open("x", encoding="utf-8", newline="\n") as out:
        out.write(p.text)
