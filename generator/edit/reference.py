"""The editors' reference of the record format, generated from the schema in
:mod:`generator.model.records` (and of an entry's front matter, from :mod:`generator.model.entries`)
so that the docs never drift from what the validator accepts."""

from __future__ import annotations

from generator.model import vocab
from generator.model.entries import ATTACHMENT_TYPES, CATEGORIES, ENTRY_FIELDS, POLICY_CATEGORIES, VALIDITY_STATES
from generator.model.records import META_FIELDS, RECORD_FIELDS, SITE_FIELDS, FieldSpec


def _table(fields: tuple[FieldSpec, ...]) -> list[str]:
    rows = ["| 键 | 要素 | 必填 | 说明 | 示例 |", "| --- | --- | --- | --- | --- |"]
    for f in fields:
        example = f.example.replace("|", "\\|")
        rows.append(f"| `{f.key}` | {f.label} | {'是' if f.required else '否'} | {f.description} | `{example}` |")
    return rows


def record_reference() -> str:
    """Markdown: the keys of an item file, of ``_meta.yaml`` and of ``_site.yaml``, and the vocabularies."""
    lines = ["#### 事项文件（每个公开事项一个 .yaml 文件）", "", *_table(RECORD_FIELDS), ""]
    lines += [
        "取值范围：",
        "",
        f"- 公开方式：{'、'.join(vocab.METHODS)}",
        f"- 公开对象：{vocab.AUDIENCE_PUBLIC}、{vocab.AUDIENCE_GROUP}（括号内写明群体，如“特定群体（申请人）”）",
        f"- 公开层级：{'、'.join(vocab.LEVELS)}",
        f"- 公开渠道（13 个标准渠道）：{'、'.join(vocab.CHANNELS)}",
        f"- 公开内容标记：{vocab.CONTENT_LEGEND}；公开渠道标记：{vocab.CHANNEL_LEGEND}",
        "",
        "#### 栏目设置（领域或一级事项文件夹中的 `_meta.yaml`，可选）",
        "",
        *_table(META_FIELDS),
        "",
        "#### 站点设置（`catalogue/_site.yaml`）",
        "",
        *_table(SITE_FIELDS),
    ]
    return "\n".join(lines) + "\n"


def entry_reference() -> str:
    """Markdown: the keys of an entry file's front matter (公开信息) and the values they take."""
    rows = ["| 键 | 要素 | 必填 | 说明 | 示例 |", "| --- | --- | --- | --- | --- |"]
    for f in ENTRY_FIELDS:
        example = f.example.replace("|", "\\|")
        shown = f.label if f.shown else f"{f.label}（不在网站上显示）"
        rows.append(f"| `{f.key}` | {shown} | {'是' if f.required else '否'} | {f.description} | `{example}` |")
    kinds: dict[str, list[str]] = {}
    for suffix, kind in ATTACHMENT_TYPES.items():
        kinds.setdefault(kind, []).append(suffix)
    policies = [c for c in CATEGORIES if c in POLICY_CATEGORIES]
    lines = ["#### 信息文件（每条公开信息一个 .md 文件，要素写在开头两行 `---` 之间）", "", *rows, ""]
    lines += [
        "取值范围：",
        "",
        f"- 类别：{'、'.join(CATEGORIES)}（其中{'、'.join(policies)}是政策文件，页面显示有效性）",
        f"- 有效性的状态：{'、'.join(VALIDITY_STATES)}",
        "- 附件类型：" + "、".join(f"{kind}（{'、'.join(suffixes)}）" for kind, suffixes in kinds.items()),
    ]
    return "\n".join(lines) + "\n"
