"""The catalogue as open data: one JSON document, its published JSON Schema, and reading it back.

The document holds everything the catalogue folder holds: the bureau (the keys of
``_site.yaml``), the areas and their columns (the keys of ``_meta.yaml``) and every record
with every element, structured (a 公开内容 element is ``{"要素": …, "必选": true}``, a channel
``{"渠道": "政府网站", "必选": true, "说明": "栏目…", "网址": …}``). Keys are the keys of the
YAML files (:data:`generator.model.records.RECORD_FIELDS`, ``META_FIELDS``, ``SITE_FIELDS``); every key
is always present (``""`` or ``null`` when a record has no value), so a reader need not guess.

:func:`export_schema` describes it (JSON Schema draft-07, generated from the model like the
editors' schemas of :mod:`generator.edit.schema`; dialect and shared patterns from
:mod:`generator.model.schema_files`); the file is committed as ``generator/schemas/export.schema.json``
and rewritten by ``gkml export --format schema``.
"""

from __future__ import annotations

import json
from typing import Any

from generator.check.diagnostics import make_cell
from generator.exchange.rows import Item, Parsed
from generator.model import vocab
from generator.model.naming import ID_PATTERN
from generator.model.records import (
    META_FIELDS,
    RECORD_FIELDS,
    SITE_FIELDS,
    Area,
    Audience,
    Basis,
    Catalogue,
    Category,
    Channel,
    ContentElement,
    FieldSpec,
    Record,
)
from generator.model.schema_files import DRAFT, NOT_BLANK

FORMAT = "gkml 政务公开标准目录"
VERSION = 1
SCHEMA_FILE = "export.schema.json"
SCHEMA_ID = "urn:gkml:schema:export"
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
#: Keys of the document, of an area and of a column, besides the keys of the YAML files.
K_FORMAT, K_VERSION, K_DATE, K_SITE, K_AREAS, K_CATEGORIES, K_RECORDS = (
    "格式",
    "版本",
    "更新日期",
    "单位",
    "领域",
    "一级事项",
    "事项",
)
#: Keys inside the structured elements.
K_TEXT, K_REQUIRED = "要素", "必选"
K_TITLE, K_DOC_NO, K_URL = "标题", "文号", "网址"
K_CHANNEL, K_DETAIL = "渠道", "说明"
K_KIND, K_GROUP = "对象", "群体"

Json = dict[str, Any]

# -- catalogue → JSON ------------------------------------------------------------------------------------


def _value(spec: FieldSpec, value: Any) -> Any:
    if spec.kind == "order":
        return value
    if spec.kind == "content":
        return [{K_TEXT: e.text, K_REQUIRED: e.required} for e in value]
    if spec.kind == "basis":
        return [{K_TITLE: b.title, K_DOC_NO: b.doc_no, K_URL: b.url} for b in value]
    if spec.kind == "channels":
        return [{K_CHANNEL: c.name, K_REQUIRED: c.required, K_DETAIL: c.detail, K_URL: c.url} for c in value]
    if spec.kind == "audiences":
        return [{K_KIND: a.kind, K_GROUP: a.group} for a in value]
    if spec.kind in ("methods", "levels"):
        return list(value)
    return value or ""


def record_json(record: Record) -> Json:
    """A record, every key of RECORD_FIELDS present."""
    return {spec.key: _value(spec, getattr(record, spec.attr)) for spec in RECORD_FIELDS}


def _settings(folder: Area | Category | Any, specs: tuple[FieldSpec, ...]) -> Json:
    out: Json = {}
    for spec in specs:
        value = getattr(folder, spec.attr, None)
        out[spec.key] = value if spec.kind == "order" else (value or "")
    return out


def catalogue_json(catalogue: Catalogue) -> Json:
    """The whole catalogue as a JSON-ready document."""
    return {
        K_FORMAT: FORMAT,
        K_VERSION: VERSION,
        K_DATE: catalogue.newest_date(),
        K_SITE: _settings(catalogue.site, SITE_FIELDS),
        K_AREAS: [
            {
                **_settings(area, META_FIELDS),
                K_CATEGORIES: [
                    {**_settings(category, META_FIELDS), K_RECORDS: [record_json(r) for r in category.records]}
                    for category in area.categories
                ],
            }
            for area in catalogue.areas
        ],
    }


def json_text(catalogue: Catalogue) -> str:
    """The JSON file (UTF-8, compact, keys in the model's order).

    Compact rather than indented: Python's C encoder does not indent, and the published
    file is half the size (at 2,000 items 3.3 MB in 0.04 s instead of 6.3 MB in 0.23 s).
    """
    return json.dumps(catalogue_json(catalogue), ensure_ascii=False, separators=(",", ":")) + "\n"


# -- the schema ---------------------------------------------------------------------------------------------


def object_schema(properties: Json, title: str = "", description: str = "") -> Json:
    """An object with exactly ``properties``, every one required (also for the entries' schema)."""
    out: Json = {}
    if title:
        out["title"] = title
    if description:
        out["description"] = description
    return {
        **out,
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def text_schema(title: str, description: str, *, required: bool = False) -> Json:
    """A string; not blank when ``required``."""
    out: Json = {"title": title, "description": description, "type": "string"}
    return {**out, "pattern": NOT_BLANK} if required else out


def _flag(description: str) -> Json:
    return {"title": "必选", "description": description, "type": "boolean"}


def _enum(values: tuple[str, ...]) -> Json:
    return {"type": "string", "enum": list(values)}


def _field_schema(spec: FieldSpec) -> Json:
    head: Json = {"title": spec.label, "description": spec.description}
    kind = spec.kind
    if kind == "id":
        return {**head, "type": "string", "pattern": ID_PATTERN.pattern}
    if kind == "text":
        return {**head, "type": "string", **({"pattern": NOT_BLANK} if spec.required else {})}
    if kind == "date":
        return {**head, "type": "string", "anyOf": [{"pattern": DATE_PATTERN}, {"enum": [""]}]}
    if kind == "order":
        return {**head, "type": ["integer", "null"]}
    if kind == "content":
        item = object_schema(
            {
                K_TEXT: text_schema("要素", "公开内容的一项。", required=True),
                K_REQUIRED: _flag(
                    f"true 为必选项（{vocab.CONTENT_REQUIRED}），false 为可选项（{vocab.CONTENT_OPTIONAL}）。"
                ),
            }
        )
    elif kind == "basis":
        item = object_schema(
            {
                K_TITLE: {**text_schema("标题", "文件名称，带书名号《》。"), "pattern": "^《[^》]*》"},
                K_DOC_NO: text_schema("文号", "文号，例如“建办厅〔2019〕71号”；没有时为空字符串。"),
                K_URL: text_schema("网址", "文件的网址；没有时为空字符串。"),
            }
        )
    elif kind == "channels":
        item = object_schema(
            {
                K_CHANNEL: {"title": "渠道", "description": "13 个标准渠道之一。", **_enum(vocab.CHANNELS)},
                K_REQUIRED: _flag(
                    f"true 为必选渠道（{vocab.CHANNEL_REQUIRED}），false 为可选渠道（{vocab.CHANNEL_OPTIONAL}）。"
                ),
                K_DETAIL: text_schema(
                    "说明", "政府网站的具体栏目，“其他”渠道的名称，其他渠道的地点或名称；没有时为空字符串。"
                ),
                K_URL: text_schema("网址", "渠道的网址；没有时为空字符串。"),
            }
        )
    elif kind == "audiences":
        item = object_schema(
            {
                K_KIND: {"title": "对象", **_enum(vocab.AUDIENCES)},
                K_GROUP: text_schema("群体", "特定群体是哪一类群体（如申请人）；全社会时为空字符串。"),
            }
        )
    elif kind == "methods":
        item = _enum(vocab.METHODS)
    elif kind == "levels":
        item = _enum(vocab.LEVELS)
    else:  # pragma: no cover - a new kind in model.py must be described here
        raise ValueError(f"no JSON Schema for kind {kind!r}")
    return {**head, "type": "array", "items": item, "minItems": 1 if spec.required else 0}


def _settings_schema(specs: tuple[FieldSpec, ...], title: str, extra: Json) -> Json:
    properties: Json = {}
    for spec in specs:
        kind: Json = {"type": ["integer", "null"]} if spec.kind == "order" else {"type": "string"}
        properties[spec.key] = {"title": spec.label, "description": spec.description, **kind}
    return object_schema({**properties, **extra}, title)


def export_schema() -> Json:
    """The JSON Schema of the open-data document (draft-07, no references: every part inline)."""
    record = object_schema({spec.key: _field_schema(spec) for spec in RECORD_FIELDS}, "公开事项")
    category = _settings_schema(
        META_FIELDS, "一级事项（栏目）", {K_RECORDS: {"title": "公开事项", "type": "array", "items": record}}
    )
    area = _settings_schema(
        META_FIELDS, "领域", {K_CATEGORIES: {"title": "一级事项（栏目）", "type": "array", "items": category}}
    )
    site = _settings_schema(SITE_FIELDS, "单位", {})
    return {
        "$schema": DRAFT,
        "$id": SCHEMA_ID,
        **object_schema(
            {
                K_FORMAT: {"title": "格式", "const": FORMAT},
                K_VERSION: {"title": "格式版本", "const": VERSION},
                K_DATE: {
                    "title": "更新日期",
                    "description": "目录中最近的更新日期。",
                    "type": "string",
                    "pattern": DATE_PATTERN,
                },
                K_SITE: site,
                K_AREAS: {"title": "领域", "type": "array", "items": area},
            },
            "政务公开标准目录（开放数据）",
            "gkml export --format json 导出的政务公开标准目录：单位、领域、一级事项（栏目）和每个公开事项的全部要素。"
            "每个键总是存在，没有值时为空字符串、空列表或 null。",
        ),
    }


def export_schema_json() -> str:
    """The schema as the text of its committed file."""
    return json.dumps(export_schema(), ensure_ascii=False, indent=2) + "\n"


# -- JSON → items ----------------------------------------------------------------------------------------------


class _Bad(Exception):
    """A part of the document is not as the schema says (caught per record)."""

    def __init__(self, path: str, what: str) -> None:
        super().__init__(what)
        self.path, self.what = path, what


def _get(obj: Any, key: str, path: str, kind: type, *, optional: bool = False) -> Any:
    if not isinstance(obj, dict):
        raise _Bad(path, "应为对象（{…}）")
    value = obj.get(key)
    if value is None:
        if optional:
            return None
        raise _Bad(f"{path}.{key}", f"缺少“{key}”")
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _Bad(f"{path}.{key}", f"“{key}”的类型不对")
    return value


def _list(obj: Any, key: str, path: str) -> list[Any]:
    value: list[Any] = _get(obj, key, path, list)
    return value


def _text_of(obj: Any, key: str, path: str) -> str:
    value = _get(obj, key, path, str, optional=True)
    return (value or "").strip()


def _record(data: Any, path: str) -> Record:
    values: dict[str, Any] = {}
    for spec in RECORD_FIELDS:
        key, at = spec.key, f"{path}.{spec.key}"
        if spec.kind in ("id", "text", "date"):
            values[spec.attr] = _text_of(data, key, path)
        elif spec.kind == "order":
            order = _get(data, key, path, int, optional=True)
            values[spec.attr] = order
        elif spec.kind == "content":
            values[spec.attr] = tuple(
                ContentElement(_text_of(e, K_TEXT, f"{at}[{i}]"), bool(_get(e, K_REQUIRED, f"{at}[{i}]", bool)))
                for i, e in enumerate(_list(data, key, path))
            )
        elif spec.kind == "basis":
            values[spec.attr] = tuple(
                Basis(
                    _text_of(b, K_TITLE, f"{at}[{i}]"),
                    _text_of(b, K_DOC_NO, f"{at}[{i}]"),
                    _text_of(b, K_URL, f"{at}[{i}]"),
                )
                for i, b in enumerate(_list(data, key, path))
            )
        elif spec.kind == "channels":
            values[spec.attr] = tuple(
                Channel(
                    _text_of(c, K_CHANNEL, f"{at}[{i}]"),
                    bool(_get(c, K_REQUIRED, f"{at}[{i}]", bool)),
                    _text_of(c, K_DETAIL, f"{at}[{i}]"),
                    _text_of(c, K_URL, f"{at}[{i}]"),
                )
                for i, c in enumerate(_list(data, key, path))
            )
        elif spec.kind == "audiences":
            values[spec.attr] = tuple(
                Audience(_text_of(a, K_KIND, f"{at}[{i}]"), _text_of(a, K_GROUP, f"{at}[{i}]"))
                for i, a in enumerate(_list(data, key, path))
            )
        elif spec.kind in ("methods", "levels"):
            items = _list(data, key, path)
            if not all(isinstance(v, str) for v in items):
                raise _Bad(at, f"“{key}”应为文字列表")
            values[spec.attr] = tuple(items)
    return Record(**values)


def _settings_values(data: Any, specs: tuple[FieldSpec, ...]) -> dict[str, str]:
    """A settings object's values as YAML text (what ``_meta.yaml`` or ``_site.yaml`` would say)."""
    out = {}
    for spec in specs:
        value = data.get(spec.key) if isinstance(data, dict) else None
        if value is None or value == "" or isinstance(value, (dict, list, bool)):
            continue
        out[spec.key] = str(value).strip()
    return out


def read_json(text: str, file: str) -> Parsed:
    """Items and settings from a document written by :func:`json_text`."""
    parsed = Parsed(file)

    def bad(path: str, what: str) -> None:
        parsed.problems.append(make_cell("json-format", file, path=path, what=what))

    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        reason = f"第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}"
        parsed.problems.append(make_cell("json-invalid", file, reason=reason))
        return parsed
    if not isinstance(document, dict) or document.get(K_FORMAT) != FORMAT:
        parsed.problems.append(make_cell("json-not-export", file, key=K_FORMAT, value=FORMAT))
        return parsed
    if document.get(K_VERSION) != VERSION:
        bad(K_VERSION, f"格式版本“{document.get(K_VERSION)}”不是本程序能读的版本（{VERSION}）")
        return parsed
    parsed.site = _settings_values(document.get(K_SITE), SITE_FIELDS)
    areas = document.get(K_AREAS)
    if not isinstance(areas, list):
        bad(K_AREAS, f"缺少“{K_AREAS}”列表")
        return parsed
    for i, area in enumerate(areas):
        at = f"{K_AREAS}[{i}]"
        area_title = area.get("标题") if isinstance(area, dict) else None
        if not isinstance(area_title, str) or not area_title.strip():
            bad(at, "领域缺少“标题”")
            continue
        area_title = area_title.strip()
        parsed.areas[area_title] = _settings_values(area, META_FIELDS)
        categories = area.get(K_CATEGORIES)
        if not isinstance(categories, list):
            bad(at, f"领域“{area_title}”缺少“{K_CATEGORIES}”列表")
            continue
        for j, category in enumerate(categories):
            cat_at = f"{at}.{K_CATEGORIES}[{j}]"
            title = category.get("标题") if isinstance(category, dict) else None
            if not isinstance(title, str) or not title.strip():
                bad(cat_at, "一级事项缺少“标题”")
                continue
            title = title.strip()
            parsed.categories[(area_title, title)] = _settings_values(category, META_FIELDS)
            records = category.get(K_RECORDS)
            if not isinstance(records, list):
                bad(cat_at, f"一级事项“{title}”缺少“{K_RECORDS}”列表")
                continue
            for k, data in enumerate(records):
                rec_at = f"{cat_at}.{K_RECORDS}[{k}]"
                try:
                    record = _record(data, rec_at)
                except _Bad as exc:
                    bad(exc.path, exc.what)
                    continue
                parsed.items.append(Item(area_title, title, record, file, path=rec_at))
    return parsed
