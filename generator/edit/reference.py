"""The editors' reference of the record format, generated from the schema in
:mod:`generator.model.records` so that the docs never drift from what the validator accepts."""

from __future__ import annotations

from generator.model import vocab
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
