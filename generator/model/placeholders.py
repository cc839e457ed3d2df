"""The visible placeholders of a new record: what the editor must still replace.

``gkml new`` writes them where the standard catalogue cannot say what the bureau does
(its 股室, its website's column …), ``gkml import`` where a table leaves such a value
out; both announce them by a :data:`TODO` comment on the line above. Every placeholder
contains one of :data:`PLACEHOLDER_MARKERS`, so a check or a grep can find what is left.

:data:`PLACEHOLDER_PATTERNS` is the one table of what ``gkml check`` reports as still to be
replaced (in items and entries; a warning in 试运行, an error in 正式): add a pattern here,
not in a checker.
"""

from __future__ import annotations

import re

#: Every placeholder value written contains one of these.
PLACEHOLDER_MARKERS: tuple[str, ...] = ("请填写", "请写明")
#: The column (栏目) of a 政府网站 channel.
WEBSITE_COLUMN_PLACEHOLDER = "请填写具体栏目名称"
#: The name of an “其他” channel.
OTHER_CHANNEL_PLACEHOLDER = "请写明渠道名称"
#: Which group a 特定群体 audience is.
AUDIENCE_GROUP_PLACEHOLDER = "请写明群体"
#: A 依据 when the standard catalogue lists none.
BASIS_PLACEHOLDER = "《请填写依据文件名称》"
#: Follows the bureau's name in 主体.
SUBJECT_PLACEHOLDER = "（请写明具体股室）"
#: Starts the comment above a line the editor must complete.
TODO = "# 待填写："
#: The 内容 ``gkml new`` writes when the standard catalogue has no such item: a required and an
#: optional element, each a placeholder showing an example.
CONTENT_PLACEHOLDERS: tuple[str, ...] = (
    "●【请填写公开内容，例如：申请条件】",
    "〇【请填写可选的公开内容，例如：轮候情况】",
)
#: What ``gkml import`` writes where a cell's text cannot be mapped to the model: the source text
#: kept verbatim inside it (【待核实：原文“电视或其他便于公众知晓的方式”】).
VERIFY_SOURCE = "【待核实：原文“{text}”】"
#: What ``gkml import`` writes where the table gives no text for a value a record needs
#: (【待核实：原表未填写“公开层级”】).
VERIFY_MISSING = "【待核实：原表未填写“{what}”】"


def verify_source(text: str) -> str:
    """The import placeholder that keeps ``text`` (one line) verbatim."""
    return VERIFY_SOURCE.format(text=" ".join(text.split("\n")))


def verify_missing(what: str) -> str:
    """The import placeholder for a value the table does not give (``what``: the column's name)."""
    return VERIFY_MISSING.format(what=what)


#: What a check reports as a placeholder, wherever it stands in an item's or an entry's text:
#: 【请填写标题】 (gkml new --entry, required pages), （请写明具体股室）, 《请填写依据文件名称》,
#: 请填写具体栏目名称, 请写明渠道名称 (gkml new, gkml import). One alternative per kind.
PLACEHOLDER_PATTERNS: tuple[str, ...] = (
    r"【请(?:填写|写明)[^】\n]*】",
    r"（请(?:填写|写明)[^）\n]*）",
    r"《请(?:填写|写明)[^》\n]*》",
    re.escape(WEBSITE_COLUMN_PLACEHOLDER),
    re.escape(OTHER_CHANNEL_PLACEHOLDER),
    re.escape(AUDIENCE_GROUP_PLACEHOLDER),
    r"【待核实：原文“[^\n]*?”】",  # gkml import: a cell's text it could not map (VERIFY_SOURCE)
    r"【待核实：[^】“\n]*(?:“[^”\n]*”)?】",  # gkml import: a value the table does not give (VERIFY_MISSING)
)
PLACEHOLDER = re.compile("|".join(PLACEHOLDER_PATTERNS))


def is_placeholder(text: str) -> bool:
    """Whether ``text`` is, all of it, one placeholder (a value that stands for one still to be written)."""
    return PLACEHOLDER.fullmatch(text.strip()) is not None


def find_placeholders(text: str) -> list[re.Match[str]]:
    """Every placeholder in ``text`` (see :data:`PLACEHOLDER_PATTERNS`), in order."""
    return list(PLACEHOLDER.finditer(text))
