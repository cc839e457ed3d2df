"""Published information (公开信息): the notices, policies, 解读, guides and reports a bureau
publishes in the columns of its catalogue.

An entry is one Markdown file with YAML front matter, kept next to the items of its
column, by year::

    catalogue/保障性住房/配给管理/2025/第三批公租房资格审核结果公示.md
    catalogue/保障性住房/配给管理/2025/附件/审核结果名单.pdf

Its ``事项`` names the catalogue item it is published under (an item of that column).
``ENTRY_FIELDS`` is the one definition of the front matter: the reader, the checks, the
editors' reference table and the JSON Schema derive from it, as for items.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Literal, Protocol

EntryKind = Literal["id", "text", "item", "date", "category", "attachments", "relations", "validity", "review", "url"]

#: 类别: the kinds of information, in the order pages list them.
CATEGORIES: tuple[str, ...] = (
    "规章",
    "规范性文件",
    "其他政策文件",
    "政策解读",
    "办事指南",
    "通知公告",
    "公示公告",
    "统计数据",
    "规划计划",
    "年度报告",
    "工作动态",
    "其他",
)
#: 类别 that are policies: a 解读 or 办事指南 that names one is linked from its page.
POLICY_CATEGORIES = frozenset({"规章", "规范性文件", "其他政策文件"})
INTERPRETATION = "政策解读"
#: A 解读 is published at the latest this many working days after the policy it explains (its 关联):
#: the check of deadlines (:mod:`generator.check.deadlines`) reports one published later.
INTERPRETATION_WORKDAYS = 3
GUIDE = "办事指南"

#: 有效性 of a policy.
VALID = "现行有效"
AMENDED = "已修改"
REPEALED = "已废止"
VALIDITY_STATES: tuple[str, ...] = (VALID, AMENDED, REPEALED)

#: Attachments a bureau may publish: the suffix and how a page names the type.
ATTACHMENT_TYPES: dict[str, str] = {
    ".pdf": "PDF",
    ".ofd": "OFD",
    ".docx": "Word",
    ".xlsx": "Excel",
    ".png": "图片",
    ".jpg": "图片",
    ".jpeg": "图片",
}
ENTRY_SUFFIX = ".md"
#: Entries live in year folders of a column: ``<column>/2025/…``.
YEAR_FOLDER = r"^(19|20)\d\d$"
ATTACHMENT_FOLDER = "附件"


@dataclass(frozen=True)
class EntryField:
    """One key of an entry's front matter."""

    key: str  #: the YAML key editors type
    attr: str  #: the attribute of :class:`Entry`
    label: str  #: how pages name it
    kind: EntryKind
    required: bool
    description: str
    example: str
    shown: bool = True  #: whether the site shows it (审核 is for the bureau only)


ENTRY_FIELDS: tuple[EntryField, ...] = (
    EntryField(
        "id",
        "id",
        "编号",
        "id",
        True,
        "信息的永久编号，决定信息页面的网址；由 gkml new 生成，发布后不要修改。",
        "pjgl-20250312-1",
    ),
    EntryField("标题", "title", "标题", "text", True, "信息的完整标题。", "关于第三批公租房承租资格审核结果的公示"),
    EntryField(
        "事项",
        "item",
        "所属事项",
        "item",
        True,
        "发布在哪个公开事项下：写事项的 id（同一栏目中的事项）。",
        "bzxzf-pjgl-zgsh",
    ),
    EntryField("发布日期", "published", "发布日期", "date", True, "在网站上发布的日期。", "2025-03-12"),
    EntryField(
        "形成日期",
        "formed",
        "形成日期",
        "date",
        False,
        "信息形成或者变更的日期（公开时限从这一天起算）；不填则按发布日期，不核对是否按时公开。",
        "2025-03-05",
    ),
    EntryField(
        "发布机构",
        "publisher",
        "发布机构",
        "text",
        True,
        "发布信息的机构，通常是事项的公开主体。",
        "示例县住房和城乡建设局住房保障股",
    ),
    EntryField("文号", "doc_no", "文号", "text", False, "发文字号，文号年份用六角括号〔〕。", "示建保〔2025〕3号"),
    EntryField("类别", "category", "类别", "category", True, "信息的类别：" + "、".join(CATEGORIES) + "。", "公示公告"),
    EntryField(
        "摘要",
        "summary",
        "摘要",
        "text",
        False,
        "一两句话说明信息的主要内容，显示在信息页面的正文之前和订阅（Atom）中。",
        "公示第三批 25 户申请家庭的审核结果。",
    ),
    EntryField(
        "附件",
        "attachments",
        "附件",
        "attachments",
        False,
        "随信息发布的文件（PDF、OFD、Word、Excel、图片），写相对于本文件的路径，可加“名称”。",
        "[{名称: 审核结果名单, 文件: 附件/审核结果名单.pdf}]",
    ),
    EntryField(
        "关联",
        "related",
        "相关信息",
        "relations",
        False,
        "相关信息的 id：政策解读写它解读的政策，办事指南写它依据的政策；对方页面会自动列出本信息。",
        "[zcwj-20250301-1]",
    ),
    EntryField(
        "有效性",
        "validity",
        "有效性",
        "validity",
        False,
        "政策文件的效力：现行有效（默认）、已修改或已废止；后两种写明日期和替代它的信息。",
        "{状态: 已废止, 日期: 2025-06-01, 替代: zcwj-20250601-1}",
    ),
    EntryField(
        "网址",
        "url",
        "原文网址",
        "url",
        False,
        "信息已在其他平台（如省级政务公开平台）发布时，写它的网址；正文可以不写。",
        "https://www.example.gov.cn/art/2025/3/12/art_1_1.html",
    ),
    EntryField(
        "审核",
        "review",
        "审核",
        "review",
        False,
        "发布前的保密审查：审核人和审核日期（不在网站上显示；网站状态为“正式”时必填）。",
        "{审核人: 李四, 审核日期: 2025-03-11}",
        shown=False,
    ),
)

ENTRY_FIELDS_BY_KEY: dict[str, EntryField] = {f.key: f for f in ENTRY_FIELDS}
#: Keys of the nested mappings.
ATTACHMENT_KEYS = ("名称", "文件")
VALIDITY_KEYS = ("状态", "日期", "替代")
REVIEW_KEYS = ("审核人", "审核日期")


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file published with an entry."""

    name: str  #: how the page names it
    path: str  #: the file, relative to the entry's folder
    size: int = 0  #: bytes, filled in when the file is read
    kind: str = ""  #: PDF, Word, …: from :data:`ATTACHMENT_TYPES`
    source: str = field(default="", compare=False)  #: the file on disk, checked by the gate


@dataclass(frozen=True, slots=True)
class Validity:
    """有效性 of a policy."""

    state: str = VALID
    date: str = ""
    replaced_by: str = ""  #: the id of the entry that replaces it


@dataclass(frozen=True, slots=True)
class Review:
    """Who reviewed an entry before it was published (先审后发), and when."""

    reviewer: str
    date: str


class StoredText(Protocol):
    """Text left in the file it was read from, read again when needed (:class:`generator.load.entries.StoredBody`)."""

    def read(self) -> str: ...


@dataclass(slots=True)
class Entry:
    """One piece of published information."""

    id: str
    title: str
    item: str  #: the id of the catalogue item it is published under
    published: str  #: ISO date
    publisher: str
    category: str
    formed: str = ""
    doc_no: str = ""
    summary: str = ""
    attachments: tuple[Attachment, ...] = ()
    related: tuple[str, ...] = ()
    validity: Validity = field(default_factory=Validity)
    url: str = ""
    review: Review | None = None
    #: Markdown: the text, or, for a long body read from a file, where it stands there (:attr:`markdown`).
    body: str | StoredText = ""
    #: Where the entry sits: filled in by the loader.
    file: str = ""
    area: str = ""
    column: str = ""
    #: (line, column) of each front-matter key, for messages about the whole entry.
    positions: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def start(self) -> str:
        """The day its 时限 counts from: 形成日期, else 发布日期."""
        return self.formed or self.published

    @property
    def markdown(self) -> str:
        """The body (Markdown): long bodies are read again from the entry's file, as checked (200,000
        entries' bodies held in memory would be most of a large build's memory, in every process)."""
        return self.body if isinstance(self.body, str) else self.body.read()


#: Characters an attachment's published name may not keep: they would need escaping in a URL
#: or mean something to a web server or a file system.
_UNSAFE_NAME = re.compile(r"[\s#%?&+/\\:\"'<>|*^`{}\[\];=,!@$~]+")


def published_name(path: str) -> str:
    """The name an attachment is published under: its own file name, readable (Chinese is
    kept), with what is unsafe in a URL replaced by ``-`` and the suffix in lower case."""
    stem, dot, suffix = PurePosixPath(path).name.rpartition(".")
    stem = _UNSAFE_NAME.sub("-", stem if dot else suffix).strip("-.") or "附件"
    return f"{stem}.{suffix.lower()}" if dot else stem


def size_text(size: int) -> str:
    """A file's size as people read it: 860 B, 36 KB, 1.2 MB."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / 1024 / 1024:.1f} MB"


@dataclass(frozen=True)
class Links:
    """How entries name each other, read both ways: a policy's page lists the 解读 that name it
    without anyone editing the policy."""

    by_id: Mapping[str, Entry]
    named_by: Mapping[str, tuple[Entry, ...]]  #: entry id → the entries whose 关联 name it
    replaces: Mapping[str, tuple[Entry, ...]]  #: entry id → the entries it replaces (their 替代)

    @classmethod
    def of(cls, entries: Sequence[Entry]) -> Links:
        by_id = {e.id: e for e in entries}
        named_by: dict[str, list[Entry]] = {}
        replaces: dict[str, list[Entry]] = {}
        for entry in entries:
            for other in entry.related:
                named_by.setdefault(other, []).append(entry)
            if entry.validity.replaced_by:
                replaces.setdefault(entry.validity.replaced_by, []).append(entry)
        return cls(
            by_id,
            {k: tuple(sorted(v, key=_newest)) for k, v in named_by.items()},
            {k: tuple(sorted(v, key=_newest)) for k, v in replaces.items()},
        )

    def related(self, entry: Entry) -> list[Entry]:
        """Every entry linked with ``entry``: those it names, then those naming it (once each)."""
        found = [self.by_id[i] for i in entry.related if i in self.by_id]
        found += [e for e in self.named_by.get(entry.id, ()) if e not in found]
        return [e for e in found if e is not entry]


def _newest(entry: Entry) -> tuple[str, str]:
    return (_invert(entry.published), entry.id)


def _invert(date: str) -> str:
    """A sort key that puts later ISO dates first."""
    return "".join(chr(0x7F - ord(c)) for c in date)


def published_names(attachments: Sequence[Attachment]) -> list[str]:
    """The published name of each attachment of one entry (:func:`published_name`; a name
    already taken gets ``-2``, ``-3`` … before its suffix)."""
    names: list[str] = []
    for attachment in attachments:
        name = published_name(attachment.path)
        stem, dot, suffix = name.rpartition(".")
        n = 2
        while name in names:
            name = f"{stem}-{n}.{suffix}" if dot else f"{suffix}-{n}"
            n += 1
        names.append(name)
    return names
