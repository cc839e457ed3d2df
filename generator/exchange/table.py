"""The columns of the national table layout: the one home of their header texts and variants.

The layout is the one every bureau already keeps and hands upward, and the one the site's
table page shows (``generator/site/templates/table.html`` draws :func:`header_rows`): a title line
``<单位名称><领域>领域基层政务公开标准目录``; two header rows, 序号 | 公开事项 (一级事项, 二级事项) |
公开内容（要素） | 公开依据 | 公开时限 | 公开主体 | 公开渠道和载体 | 公开对象 (全社会, 特定群体) |
公开方式 (主动, 依申请) | 公开层级 (市级, 县级, 乡级); a row per item, the 一级事项 cell merged over
its items, √ in the tick columns; the legend lines under the table
(“●”表示必选项，“〇”表示可选项；“■”表示必选项，“□”表示可选项)
(a 三级事项 column follows 二级事项 where an area has one). To the right stand gkml's own
columns, headed ``…（gkml）``: what a record holds that the national table has no column for
(编号, 顺序, 更新日期, 备注, the concrete column and address of each channel, the addresses of the
basis documents, the group of 特定群体). A bureau may delete them before submitting: a table
without them still imports, and then ids are made as ``gkml new`` makes them.

Headers are recognised in the spellings of real copies (特定群众, 依申请公开, 县(区)级, 乡、村级,
公开渠道和载体 …), from :mod:`generator.model.vocab` and :data:`generator.model.records.KEY_ALIASES`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.model import vocab
from generator.model.records import FIELDS_BY_KEY, KEY_ALIASES, RECORD_FIELDS, label

# -- what a column holds: record attributes, and a few of the table's own ------------------------------

SEQ = "seq"  #: 序号 (not imported: the order of rows is)
AREA = "area"  #: 领域 (CSV, where all areas share one table)
LEVEL1 = "level1"  #: 一级事项: the category
NAME = "name"
LEVEL3 = "level3"
CONTENT = "content"
BASIS = "basis"
TIME_LIMIT = "time_limit"
SUBJECT = "subject"
CHANNELS = "channels"
AUDIENCES = "audiences"
METHODS = "methods"
LEVELS = "levels"
ID = "id"
ORDER = "order"
UPDATED = "updated"
NOTE = "note"
CHANNEL_DETAILS = "channel_details"
BASIS_DETAILS = "basis_details"
AUDIENCE_DETAILS = "audience_details"

#: The upper header of the 事项 columns.
ITEM_GROUP = "公开事项"
SEQ_HEADER = "序号"
AREA_HEADER = "领域"
LEVEL_HEADERS = {LEVEL1: "一级事项", NAME: "二级事项", LEVEL3: "三级事项"}
#: Columns whose cells hold a tick (√) per value: their vocabulary and its spelling variants.
TICK_GROUPS: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    AUDIENCES: (vocab.AUDIENCES, vocab.AUDIENCE_VARIANTS),
    METHODS: (vocab.METHODS, vocab.METHOD_VARIANTS),
    LEVELS: (vocab.LEVELS, vocab.LEVEL_VARIANTS),
}
#: Words of real tables that are none of a group's values, read as the nearest one and said so (import only).
TICK_GUESSES: dict[str, dict[str, str]] = {LEVELS: vocab.LEVEL_GUESSES}
#: Spellings of real copies named in hints (all of the variants are understood).
TICK_EXAMPLES = {AUDIENCES: ("特定群众",), METHODS: ("依申请公开",), LEVELS: ("县(区)级", "乡、村级", "镇街(园区)级")}
#: Marked at the end of the header of every column that is gkml's, not the national table's.
GKML_SUFFIX = "（gkml）"
#: The sheet holding the bureau and the site's area and column settings (xlsx only).
SETTINGS_SHEET = "目录设置（gkml）"

TITLE_SUFFIX = "领域基层政务公开标准目录"
#: How titles of real copies end (longest first): what stands before is 单位名称 + 领域.
_TITLE_ENDINGS = (
    "领域基层政务公开事项标准目录",
    "领域基层政务公开标准目录",
    "领域基层政务公开标准指引",
    "领域政务公开事项标准目录",
    "领域政务公开标准目录",
    "基层政务公开标准目录",
    "政务公开事项标准目录",
    "政务公开标准目录",
    "标准目录",
)
_NUMERAL = "一二三四五六七八九十百"
_TITLE_PREFIX = re.compile(rf"^(?:附件\s*\d*\s*[:：]?\s*)?(?:[（(][{_NUMERAL}\d]+[）)]|[{_NUMERAL}]+、)?\s*")

TICK = "√"
#: What copies put in a tick cell for yes …
TICK_MARKS = frozenset({"√", "✓", "✔", "☑", "✅", "V", "v", "Ｖ", "ｖ"})
#: … and for no.
BLANK_MARKS = frozenset({"", "×", "✗", "✘", "否", "无", "-", "－", "—", "/", "／"})

LEGEND_LINES = (
    f"注：1.公开内容（要素）中，{vocab.CONTENT_LEGEND}。",
    f"2.公开渠道和载体中，{vocab.CHANNEL_LEGEND}。",
)
GKML_NOTE = (
    f"3.列标题带“{GKML_SUFFIX}”的列和“{SETTINGS_SHEET}”工作表是 gkml 生成器的补充信息（编号、网址、栏目设置等），"
    "不属于标准目录格式；报送时可以删除，删除后仍可导入。"
)


@dataclass(frozen=True)
class Column:
    """One column of the table."""

    key: str  #: what it holds (one of the constants above)
    header: str  #: its header text (for a grouped column, the lower header row's)
    group: str = ""  #: the upper header of a grouped column (公开事项, 公开对象, 公开方式, 公开层级)
    value: str = ""  #: for a tick column, the value its √ stands for (全社会, 主动, 县级 …)
    width: int = 10  #: in an Excel sheet, in characters

    @property
    def title(self) -> str:
        """How messages name it: 公开层级/县级, 公开内容（要素）."""
        return f"{self.group}/{self.header}" if self.group and self.group != ITEM_GROUP else self.header

    @property
    def gkml(self) -> bool:
        return self.header.endswith(GKML_SUFFIX)

    @property
    def tick(self) -> bool:
        return bool(self.value)


def official_columns(level3: bool = False) -> tuple[Column, ...]:
    """The national table's columns, in its order; with a 三级事项 column when ``level3``."""
    columns = [
        Column(SEQ, SEQ_HEADER, width=5),
        Column(LEVEL1, LEVEL_HEADERS[LEVEL1], ITEM_GROUP, width=12),
        Column(NAME, LEVEL_HEADERS[NAME], ITEM_GROUP, width=16),
    ]
    if level3:
        columns.append(Column(LEVEL3, LEVEL_HEADERS[LEVEL3], ITEM_GROUP, width=14))
    columns += [
        Column(CONTENT, label(CONTENT), width=30),
        Column(BASIS, label(BASIS), width=36),
        Column(TIME_LIMIT, label(TIME_LIMIT), width=18),
        Column(SUBJECT, label(SUBJECT), width=18),
        Column(CHANNELS, label(CHANNELS), width=22),
    ]
    for key, (values, _) in TICK_GROUPS.items():
        columns += [Column(key, v, label(key), value=v, width=7 if len(v) > 2 else 6) for v in values]
    return tuple(columns)


#: gkml's own columns, at the right of the national ones.
GKML_COLUMNS: tuple[Column, ...] = (
    Column(ID, f"{label(ID)}{GKML_SUFFIX}", width=24),
    Column(ORDER, f"{label(ORDER)}{GKML_SUFFIX}", width=8),
    Column(UPDATED, f"{label(UPDATED)}{GKML_SUFFIX}", width=13),
    Column(NOTE, f"{label(NOTE)}{GKML_SUFFIX}", width=24),
    Column(CHANNEL_DETAILS, f"渠道说明{GKML_SUFFIX}", width=40),
    Column(BASIS_DETAILS, f"依据说明{GKML_SUFFIX}", width=30),
    Column(AUDIENCE_DETAILS, f"对象说明{GKML_SUFFIX}", width=16),
)
#: How each gkml column's lines are written (for messages).
DETAIL_FORMS = {
    CHANNEL_DETAILS: "渠道名称: 栏目或说明 | 网址",
    BASIS_DETAILS: "《文件名称》 | 文号 | 网址",
    AUDIENCE_DETAILS: "特定群体（群体名称）",
}
AREA_COLUMN = Column(AREA, AREA_HEADER, width=14)


def table_columns(level3: bool = False) -> tuple[Column, ...]:
    """A sheet's columns: the national ones, then gkml's."""
    return official_columns(level3) + GKML_COLUMNS


@dataclass(frozen=True)
class HeaderCell:
    """A cell of the table's two header rows: its text, and the columns and rows it spans."""

    text: str
    columns: int = 1
    rows: int = 1
    group: bool = False  #: it heads a group of columns (公开事项, 公开对象 …)


def header_rows(columns: Sequence[Column]) -> tuple[tuple[HeaderCell, ...], tuple[HeaderCell, ...]]:
    """The two header rows over ``columns``, as the national table draws them: a group's name over
    its columns (their own headers in the lower row), every other column's header over both rows."""
    upper: list[HeaderCell] = []
    lower: list[HeaderCell] = []
    i = 0
    while i < len(columns):
        column = columns[i]
        if column.group:
            span = 1
            while i + span < len(columns) and columns[i + span].group == column.group:
                span += 1
            upper.append(HeaderCell(column.group, columns=span, group=True))
            lower += [HeaderCell(c.header) for c in columns[i : i + span]]
            i += span
        else:
            upper.append(HeaderCell(column.header, rows=2))
            i += 1
    return tuple(upper), tuple(lower)


def csv_columns() -> tuple[Column, ...]:
    """The CSV's columns: 领域, then a sheet's columns (always with 三级事项)."""
    return (AREA_COLUMN, *table_columns(level3=True))


def csv_header(column: Column) -> str:
    """A column's header in the CSV's single header row: 一级事项, 公开对象/全社会 …"""
    return column.title


def csv_headers() -> list[str]:
    """The CSV's header row."""
    return [csv_header(c) for c in csv_columns()]


#: The record attributes the table carries, and where: every attribute of RECORD_FIELDS is one of them.
CARRIED: dict[str, str] = {
    ID: ID,
    NAME: NAME,
    LEVEL3: LEVEL3,
    CONTENT: CONTENT,
    BASIS: BASIS,
    TIME_LIMIT: TIME_LIMIT,
    SUBJECT: SUBJECT,
    METHODS: METHODS,
    CHANNELS: CHANNELS,
    AUDIENCES: AUDIENCES,
    LEVELS: LEVELS,
    ORDER: ORDER,
    UPDATED: UPDATED,
    NOTE: NOTE,
}

# -- recognising headers -----------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")
_PAREN = str.maketrans({"(": "（", ")": "）"})
_FLAT = re.compile(r"^(.+?)\s*[/／：:\-—·]\s*(.+)$")  # 公开对象/全社会, 公开对象：全社会 (CSV, single header row)


_LEGEND_IN_HEADER = re.compile(r"[（(][^（）()]*表示[^（）()]*[）)]")


def clean_header(text: str) -> str:
    """A header cell without the legend some copies print in it (公开内容（要素）（“●”表示必选项…））."""
    text = _LEGEND_IN_HEADER.sub("", text)
    return "\n".join(line for line in text.splitlines() if "表示" not in line).strip()


def normalise_header(text: str) -> str:
    """A header as compared: no white space, full-width parentheses, gkml in lower case."""
    text = _SPACE.sub("", text.replace("\u3000", "")).translate(_PAREN)
    return re.sub(r"（gkml）$", GKML_SUFFIX, text, flags=re.IGNORECASE)


def _plain_headers() -> dict[str, str]:
    headers: dict[str, str] = {normalise_header(f.key): f.attr for f in RECORD_FIELDS if f.attr != ID}
    for alias, key in KEY_ALIASES.items():
        attr = FIELDS_BY_KEY[key].attr
        if attr != ID:  # a plain 编号 column holds the table's own numbers, not gkml's ids
            headers[normalise_header(alias)] = attr
    for attr in (CONTENT, BASIS, TIME_LIMIT, SUBJECT, CHANNELS, METHODS, AUDIENCES, LEVELS):
        headers[normalise_header(label(attr))] = attr
    headers.update(
        {
            SEQ_HEADER: SEQ,
            "序": SEQ,
            AREA_HEADER: AREA,
            "一级事项": LEVEL1,
            "一级": LEVEL1,
            "二级事项": NAME,
            "二级": NAME,
            "三级事项": LEVEL3,
            "三级": LEVEL3,
            "公开内容": CONTENT,
            "公开要素": CONTENT,
            "公开渠道": CHANNELS,
            "公开载体": CHANNELS,
            "公开渠道及载体": CHANNELS,
            "公开渠道与载体": CHANNELS,
        }
    )
    headers.pop(normalise_header(ITEM_GROUP), None)  # 公开事项 is the group above 一级/二级事项
    return headers


_PLAIN = _plain_headers()
_GROUPS = {normalise_header(ITEM_GROUP): ITEM_GROUP, **{normalise_header(label(k)): k for k in TICK_GROUPS}}
_GKML = {normalise_header(c.header): c for c in GKML_COLUMNS}
#: Keys whose header marks a row as a header row (the lower row of a two-row header has none of them).
MAIN_KEYS = frozenset({SEQ, AREA, CONTENT, BASIS, TIME_LIMIT, SUBJECT, CHANNELS, AUDIENCES, METHODS, LEVELS})


def tick_value(group: str, text: str) -> str | None:
    """The standard value a tick column's header stands for (县(区)级 → 县级), or None."""
    values, variants = TICK_GROUPS[group]
    return vocab.normalise(text.translate(_PAREN), values, {k.translate(_PAREN): v for k, v in variants.items()})


def guessed_value(group: str, text: str) -> str | None:
    """The standard value a word that is none of the group's spellings is read as (州级 → 市级), or None."""
    guesses = TICK_GUESSES.get(group, {})
    key = normalise_header(text)
    return next((v for k, v in guesses.items() if normalise_header(k) == key), None)


def split_values(group: str, text: str) -> list[tuple[str, str]] | None:
    """A header cell naming several values of ``group`` at once (``州级县级``): each (spelling, value),
    in order; None when ``text`` is not such a run of spellings."""
    values, variants = TICK_GROUPS[group]
    spellings = {normalise_header(s): v for s, v in {**TICK_GUESSES.get(group, {}), **variants}.items()}
    spellings.update({normalise_header(v): v for v in values})
    rest, out = normalise_header(text), []
    while rest:
        found = next((s for s in sorted(spellings, key=len, reverse=True) if rest.startswith(s)), None)
        if found is None:
            return None
        out.append((found, spellings[found]))
        rest = rest[len(found) :].lstrip("、，,/／")
    return out if len(out) > 1 else None


def group_of(text: str) -> str | None:
    """公开事项, or the key of a tick group (公开对象 → audiences), when ``text`` heads a group of columns."""
    return _GROUPS.get(normalise_header(text))


def classify(top: str, sub: str = "") -> Column | None:
    """The column headed ``top`` (upper header row) and ``sub`` (lower row, "" for a one-row header).

    None when it is not a column of the table (a local column such as 咨询电话, or a tick
    column whose value is neither in the vocabulary nor a guess it allows, such as 省级; 州级 is
    read as 市级, :data:`generator.model.vocab.LEVEL_GUESSES`).
    """
    t, s = normalise_header(top), normalise_header(sub)
    if s == t:
        s = ""
    if not t:
        return classify(sub) if s else None
    if t in _GKML and not s:
        return _GKML[t]
    group = _GROUPS.get(t)
    if group == ITEM_GROUP:
        if not s:
            return Column(NAME, top.strip())  # 公开事项 over a single column: the item's name
        key = _PLAIN.get(s)
        return Column(key, sub.strip(), ITEM_GROUP) if key in LEVEL_HEADERS else None
    if group is not None:
        if not s:
            return Column(group, top.strip())  # one column holding the values as text
        value = tick_value(group, s) or guessed_value(group, s)
        return Column(group, sub.strip(), label(group), value=value) if value else None
    if s:
        return None  # an unknown group
    if t in _PLAIN:
        key = _PLAIN[t]
        return Column(key, top.strip(), ITEM_GROUP if key in LEVEL_HEADERS else "")
    for group_key in TICK_GROUPS:  # 全社会, 主动, 县级 … without their group above
        value = tick_value(group_key, t)
        if value:
            return Column(group_key, top.strip(), label(group_key), value=value)
    flat = _FLAT.match(top.strip())
    if flat and group_of(flat.group(1)):
        return classify(flat.group(1), flat.group(2))
    return None


def label_of(key: str) -> str:
    """How messages name the column (or group of columns) holding ``key``: 公开内容（要素）, 公开对象 …"""
    for column in GKML_COLUMNS:
        if column.key == key:
            return column.header
    names = {SEQ: SEQ_HEADER, AREA: AREA_HEADER, **LEVEL_HEADERS}
    return names.get(key) or label(key)


def standard_headers() -> str:
    """The national table's headers, for hints: 序号、一级事项、… 、公开层级."""
    names = [SEQ_HEADER, *LEVEL_HEADERS.values()] + [
        label(k) for k in (CONTENT, BASIS, TIME_LIMIT, SUBJECT, CHANNELS, AUDIENCES, METHODS, LEVELS)
    ]
    return "、".join(names)


# -- titles, legends, sheet names -----------------------------------------------------------------------


def sheet_title(bureau: str, area: str) -> str:
    """The title line above an area's table."""
    return f"{bureau}{area}{TITLE_SUFFIX}"


def is_title(text: str) -> bool:
    """Whether a lone text above (or between) tables is a title line."""
    text = _SPACE.sub("", text)
    return len(text) <= 80 and any(text.endswith(e) or e in text for e in _TITLE_ENDINGS)


def parse_title(text: str, known_areas: list[str], bureau: str = "") -> tuple[str, str] | None:
    """(领域, 单位名称) from a title line, or None when it is not one.

    The area is the longest of ``known_areas`` the title names before its ending; failing
    that, what follows ``bureau``; failing that, everything before the ending (bureau unknown).
    """
    text = _TITLE_PREFIX.sub("", _SPACE.sub("", text))
    text = re.sub(r"[（(][^（）()]*[）)]$", "", text)  # （2024年版）, (燃气、市政设施)
    rest = next((text[: -len(e)] for e in _TITLE_ENDINGS if text.endswith(e)), None)
    if not rest:
        return None
    for area in sorted(known_areas, key=len, reverse=True):
        if area and rest.endswith(area):
            return area, rest[: -len(area)]
    if bureau and rest.startswith(bureau) and len(rest) > len(bureau):
        return rest[len(bureau) :], bureau
    return rest, ""


def is_legend(text: str) -> bool:
    """Whether a lone text under a table is a note or legend line (注：…, “●”表示必选项 …)."""
    text = text.strip()
    starts = text.startswith(("注", "说明", "备注：", "备注:", "附注"))
    return starts or "表示必选" in text or "表示可选" in text or GKML_SUFFIX in text


_SHEET_FORBIDDEN = re.compile(r"[\[\]:：*?？/\\]")


def sheet_name(title: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name for ``title`` (at most 31 characters, none of []:*?/\\)."""
    base = _SHEET_FORBIDDEN.sub("", title).strip("'").strip() or "领域"
    name, n = base[:31], 2
    while name.casefold() in {t.casefold() for t in taken}:
        suffix = f"（{n}）"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    return name


#: Sheet names that say nothing about the area (a new workbook's defaults).
GENERIC_SHEET = re.compile(r"^(sheet|工作表|表)\s*\d*$", re.IGNORECASE)
